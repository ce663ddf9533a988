"""Site-wide protections: uncached downloads, the CSRF page, no second admin."""

import pytest
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from wagtail.documents.models import Document

from base.middleware import NoStoreDownloadsMiddleware
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_any_attachment_is_made_no_store(rf):
    def download(request):
        response = HttpResponse("a,b\n", content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="x.csv"'
        return response

    response = NoStoreDownloadsMiddleware(download)(rf.get("/"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_ordinary_pages_keep_their_caching(rf):
    response = NoStoreDownloadsMiddleware(lambda request: HttpResponse("halo"))(rf.get("/"))
    assert not response.has_header("Cache-Control")


def test_published_documents_stay_cacheable(client):
    document = Document.objects.create(title="Panduan", file=ContentFile(b"isi", name="panduan.txt"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_csrf_failure_is_explained_in_indonesian_in_the_site_layout():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    response = client.post(reverse("accounts:password_change"), {"old_password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulir kedaluwarsa" in html
    assert "muat ulang halaman" in html
    assert 'class="site-footer"' in html  # the site's own layout
    assert "CSRF" not in html and "Forbidden" not in html


def test_there_is_no_second_admin(client):
    make_user(username="admin", is_superuser=True, is_staff=True)
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404

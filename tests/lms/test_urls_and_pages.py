"""The project's URL map, its error pages and the headers every response carries."""

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import resolve, reverse
from django.views import defaults

from base import views as base_views

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path, namespace",
    [
        ("/akun/masuk/", "accounts"),
        ("/koperasi/7/", "cooperatives"),
        ("/kuis/hasil/", "quizzes"),
        ("/kesiapan/", "readiness"),
        ("/laporan/", "reports"),
        ("/jejaring/", "network"),
    ],
)
def test_each_app_lives_under_its_indonesian_prefix(path, namespace):
    match = resolve(path)
    assert match.namespace == namespace


@pytest.mark.parametrize(
    "name, args, path",
    [
        ("set_language", [], "/i18n/setlang/"),
        ("service_worker", [], "/sw.js"),
        ("network:event_detail", ["temu-usaha"], "/jejaring/kegiatan/temu-usaha/"),
        ("network:export", ["temu-usaha", "csv"], "/jejaring/laporan/temu-usaha/ekspor.csv"),
    ],
)
def test_named_urls_reverse_to_their_paths(name, args, path):
    assert reverse(name, args=args) == path


def test_unknown_paths_fall_through_to_the_page_view_last():
    match = resolve("/halaman-yang-tidak-ada/")
    # Wagtail's page view, behind the one that remembers routing (base.views.serve).
    assert match.url_name == "wagtail_serve"
    assert match.func is base_views.serve


def test_wagtails_own_helper_urls_are_kept():
    assert reverse("wagtailcore_login") == "/_util/login/"
    assert reverse("wagtailcore_authenticate_with_password", args=[3, 4]) == "/_util/authenticate_with_password/3/4/"


@pytest.mark.parametrize(
    "path",
    [
        "/media/exports/laporan.csv",
        "/media/documents/surat.pdf",
        "/media/images/tidak-ada.webp",
        "/media/x/images/a.png",
    ],
)
def test_only_existing_images_are_served_under_media(client, path):
    assert client.get(path).status_code == 404


def test_the_anonymous_page_cache_sits_inside_sessions_language_and_csrf():
    order = settings.MIDDLEWARE
    cache = order.index("base.middleware.AnonymousPageCacheMiddleware")
    for outer in (
        "django.contrib.sessions.middleware.SessionMiddleware",
        "base.middleware.ChosenLanguageMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "base.middleware.ContentSecurityPolicyMiddleware",
    ):
        assert order.index(outer) < cache, outer
    assert order[-1] == "axes.middleware.AxesMiddleware"


def test_there_are_no_debug_static_routes_when_debug_is_off(client):
    assert client.get("/media/anything.png").status_code == 404


def test_404_page_is_indonesian_in_the_site_layout(client):
    response = client.get("/halaman-yang-tidak-ada/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Halaman tidak ditemukan" in body
    assert "Halaman yang Anda cari tidak ada atau Anda tidak punya akses." in body
    assert 'href="/"' in body and 'lang="id"' in body


def test_404_page_in_english_when_chosen(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/halaman-yang-tidak-ada/")
    assert response.status_code == 404
    assert response["Content-Language"] == "en"
    assert "Halaman tidak ditemukan" not in response.content.decode()


def test_500_page_stands_alone_without_context_or_scripts(rf):
    response = defaults.server_error(rf.get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Maaf, terjadi kesalahan di server." in body and '<html lang="id">' in body
    assert "<script" not in body and "{%" not in body
    # It must render even when the database or the template context processors are down.
    assert render_to_string("500.html") == body


def test_a_view_that_fails_gets_the_500_page(client):
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF="tests.lms.failing_urls"):
        response = client.get("/rusak/")
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()


def test_every_page_carries_the_security_headers(client):
    response = client.get("/akun/masuk/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["Content-Language"] == "id"
    assert "Cookie" in response["Vary"]


def test_set_language_stores_the_choice_and_returns_to_the_page(client, settings):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/akun/masuk/"})
    assert response.status_code == 302 and response.url == "/akun/masuk/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    foreign = client.post(reverse("set_language"), {"language": "en", "next": "https://contoh.example/"})
    assert foreign.url == "/"  # never sends people to another site

"""SVG is not accepted as an image, whichever way it is uploaded."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.factories import make_editor

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


def png_bytes():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def add(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Gambar",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize("name", ["serangan.svg", "serangan.SVG", "menyamar.png"])
def test_svg_upload_is_refused_in_indonesian(editor_client, name):
    response = add(editor_client, name, SVG)
    assert response.status_code == 200
    html = response.content.decode()
    assert "JPG, PNG, GIF atau WEBP" in html
    assert not get_image_model().objects.exists()


def test_svg_is_refused_by_the_multiple_upload_too(editor_client):
    response = editor_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("serangan.svg", SVG)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    body = response.json()
    assert body["success"] is False
    assert "SVG tidak diterima" in body["error_message"]
    assert not get_image_model().objects.exists()


def test_a_png_is_still_accepted(editor_client):
    response = add(editor_client, "foto.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1

"""Media files in an S3-compatible bucket, chosen by the environment (lms/settings/media.py).

The bucket is moto's in-process stand-in for S3 (``s3_media`` in tests/conftest.py);
tests/base/test_multiserver.py runs the same with two servers and a real S3 server.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from base.pdf import _logo_bytes
from lms.settings.media import S3_BACKEND, media_storage
from offline.selectors import PHONE_IMAGE_SPEC, _image_bytes
from tests.factories import make_editor


def png_bytes(size=(60, 40)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (10, 90, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def keys(s3):
    return sorted(item["Key"] for item in s3.list_objects_v2(Bucket=s3.bucket).get("Contents", []))


def test_local_disk_unless_a_bucket_is_named():
    assert media_storage({}) == ({"BACKEND": "django.core.files.storage.FileSystemStorage"}, [])
    assert media_storage({"AWS_S3_ENDPOINT_URL": "http://minio:9000"})[1] == []


def test_an_s3_compatible_server_from_the_environment():
    storage, origins = media_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": "koperasi-media",
            "AWS_S3_ENDPOINT_URL": "https://minio.probolinggokab.go.id:9000",
            "AWS_ACCESS_KEY_ID": "kunci",
            "AWS_SECRET_ACCESS_KEY": "rahasia",
            "AWS_S3_REGION_NAME": "ap-southeast-3",
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_QUERYSTRING_EXPIRE": "600",
        }
    )
    assert storage["BACKEND"] == S3_BACKEND
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "koperasi-media"
    assert options["endpoint_url"] == "https://minio.probolinggokab.go.id:9000"
    assert (options["access_key"], options["secret_key"], options["region_name"]) == (
        "kunci",
        "rahasia",
        "ap-southeast-3",
    )
    assert (options["querystring_auth"], options["querystring_expire"]) == (True, 600)
    assert options["file_overwrite"] is False
    assert origins == ["https://minio.probolinggokab.go.id:9000"]


@pytest.mark.parametrize(
    ("environ", "origin"),
    [
        ({"AWS_S3_REGION_NAME": "ap-southeast-3"}, "https://m.s3.ap-southeast-3.amazonaws.com"),
        (
            {"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000", "AWS_S3_ADDRESSING_STYLE": "virtual"},
            "http://m.127.0.0.1:9000",
        ),
        ({"AWS_S3_CUSTOM_DOMAIN": "media.koperasi.go.id/berkas"}, "https://media.koperasi.go.id"),
        ({"DJANGO_MEDIA_ORIGIN": "https://cdn.koperasi.go.id"}, "https://cdn.koperasi.go.id"),
    ],
)
def test_pages_may_load_media_from_the_bucket_origin(environ, origin):
    storage, origins = media_storage({"AWS_STORAGE_BUCKET_NAME": "m", **environ})
    assert origins == [origin]
    if "AWS_S3_CUSTOM_DOMAIN" in environ:
        assert storage["OPTIONS"]["custom_domain"] == "media.koperasi.go.id/berkas"


@pytest.mark.django_db
def test_images_and_renditions_live_in_the_bucket(client, s3_media, settings):
    client.force_login(make_editor())
    original = png_bytes()
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Foto RAT",
            "file": SimpleUploadedFile("foto-rat.png", original),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert keys(s3_media) == [image.file.name] and image.file.name.startswith("original_images/foto-rat")
    assert s3_media.get_object(Bucket=s3_media.bucket, Key=image.file.name)["Body"].read() == original

    rendition = image.get_rendition("max-30x30")
    assert rendition.file.name in keys(s3_media) and (rendition.width, rendition.height) == (30, 20)
    assert rendition.url.startswith("https://ksd-media.s3.amazonaws.com/images/") and "Signature=" in rendition.url
    # The offline download size reads the phone rendition's size from the bucket.
    phone = image.get_rendition(PHONE_IMAGE_SPEC)
    assert _image_bytes(image) == s3_media.head_object(Bucket=s3_media.bucket, Key=phone.file.name)["ContentLength"]
    # The office logo on PDFs is read back from the bucket.
    assert _logo_bytes(image).getvalue() == original
    # The same upload name twice is two files (S3 would overwrite by default).
    second = get_image_model().objects.create(title="Lagi", file=ContentFile(original, name="foto-rat.png"))
    assert second.file.name != image.file.name and len(keys(s3_media)) == 4
    assert not (settings.MEDIA_ROOT).exists() or not any(path.is_file() for path in settings.MEDIA_ROOT.rglob("*"))


@pytest.mark.django_db
def test_documents_are_downloaded_through_a_signed_bucket_link(client, s3_media):
    document = get_document_model().objects.create(
        title="Notulen RAT", file=ContentFile(b"Notulen rapat anggota tahunan", name="notulen.txt")
    )
    assert keys(s3_media) == [document.file.name]
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"https://ksd-media.s3.amazonaws.com/{document.file.name}?")
    assert "Signature=" in response["Location"]

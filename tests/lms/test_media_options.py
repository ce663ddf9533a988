"""The finer options of media in a bucket (lms/settings/media.py) and how the settings use
them: flags, folder, blank keys, the origin of plain AWS buckets, and the page policies."""

import json

import pytest
from django.conf import settings

from lms.settings.media import media_storage

from .test_settings import run_python


def options(**environ):
    return media_storage({"AWS_STORAGE_BUCKET_NAME": " ksd-media ", **environ})[0]["OPTIONS"]


def test_defaults_keep_objects_private_signed_for_an_hour_and_never_overwritten():
    values = options()
    assert values["bucket_name"] == "ksd-media"
    assert (values["querystring_auth"], values["querystring_expire"]) == (True, 3600)
    assert (values["file_overwrite"], values["default_acl"], values["location"]) == (False, None, "")
    assert values["access_key"] is None and values["secret_key"] is None  # boto3 finds them itself
    assert values["endpoint_url"] is None and values["region_name"] is None and values["custom_domain"] is None


@pytest.mark.parametrize(
    "flag, expected",
    [("off", False), ("0", False), ("no", False), ("TRUE", True), (" on ", True), ("", True), ("  ", True)],
)
def test_signed_links_flag(flag, expected):
    assert options(AWS_QUERYSTRING_AUTH=flag)["querystring_auth"] is expected


def test_folder_inside_the_bucket_loses_its_slashes_and_empty_keys_are_none():
    values = options(AWS_LOCATION=" /situs/koperasi/ ", AWS_ACCESS_KEY_ID="", AWS_SECRET_ACCESS_KEY="")
    assert values["location"] == "situs/koperasi"
    assert (values["access_key"], values["secret_key"]) == (None, None)


@pytest.mark.parametrize(
    "environ, origin",
    [
        ({}, "https://m.s3.amazonaws.com"),
        ({"AWS_S3_ADDRESSING_STYLE": "path"}, "https://s3.amazonaws.com"),
        (
            {"AWS_S3_ADDRESSING_STYLE": "path", "AWS_S3_REGION_NAME": "ap-southeast-3"},
            "https://s3.ap-southeast-3.amazonaws.com",
        ),
        ({"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000/jalur"}, "http://127.0.0.1:9000"),
        ({"AWS_S3_CUSTOM_DOMAIN": "media.go.id", "AWS_S3_ENDPOINT_URL": "http://minio:9000"}, "https://media.go.id"),
    ],
)
def test_origin_of_buckets_without_a_named_origin(environ, origin):
    assert media_storage({"AWS_STORAGE_BUCKET_NAME": "m", **environ})[1] == [origin]


def test_test_settings_use_the_local_disk_and_sqlite_waits_for_the_writer():
    assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert settings.MEDIA_ORIGINS == []
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE" and database["CONN_MAX_AGE"] == 0
        assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


def test_production_with_a_bucket_stores_media_there_and_lets_pages_load_it():
    code = (
        "import json; import lms.settings.production as s; p = s.CONTENT_SECURITY_POLICY['DIRECTIVES'];"
        "a = s.ADMIN_CONTENT_SECURITY_POLICY['DIRECTIVES']; print(json.dumps({'backend': s.STORAGES['default']"
        "['BACKEND'], 'img': p['img-src'], 'media': p['media-src'], 'connect': p['connect-src'],"
        "'admin_img': a['img-src'], 'script': p['script-src']}))"
    )
    result = run_python(code, AWS_STORAGE_BUCKET_NAME="ksd-media", AWS_S3_REGION_NAME="ap-southeast-3")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    origin = "https://ksd-media.s3.ap-southeast-3.amazonaws.com"
    assert values["backend"] == "storages.backends.s3.S3Storage"
    assert values["img"] == ["'self'", "data:", origin]
    assert values["media"] == ["'self'", origin] and values["connect"] == ["'self'", origin]
    assert values["admin_img"] == ["'self'", "data:", "blob:", origin]
    assert values["script"] == ["'self'"]  # scripts never come from the bucket

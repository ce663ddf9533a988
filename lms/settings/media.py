"""Where media files live: the local disk, or an S3-compatible bucket chosen by the environment.

Media files are what people upload (Wagtail images and documents), the renditions Wagtail
makes of images, and the files export jobs write. On one machine they stay under
``MEDIA_ROOT``. With several web servers and workers, every process must see every file,
so setting ``AWS_STORAGE_BUCKET_NAME`` puts them in one bucket (django-storages with
boto3; AWS S3, MinIO, Ceph, Wasabi and the like). Everything that keeps or reads a file
goes through Django's storage API, so nothing else changes.

Variables (all optional but the bucket):

- ``AWS_STORAGE_BUCKET_NAME``: the bucket; unset means the local disk.
- ``AWS_S3_ENDPOINT_URL``: the server of an S3-compatible service (``https://minio.example:9000``);
  unset means AWS itself.
- ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``: the keys; unset means boto3 looks for them
  itself (instance role, ``~/.aws``).
- ``AWS_S3_REGION_NAME``: the region (``ap-southeast-3`` is Jakarta).
- ``AWS_S3_ADDRESSING_STYLE``: ``path`` or ``virtual``; most S3-compatible servers want ``path``.
- ``AWS_LOCATION``: a folder inside the bucket for this site's files.
- ``AWS_S3_CUSTOM_DOMAIN``: a host (and path) that serves the bucket's files, e.g. the site's
  own reverse proxy ``koperasi.example.go.id/media``; links are then plain, not signed.
- ``AWS_QUERYSTRING_AUTH`` (default on) and ``AWS_QUERYSTRING_EXPIRE`` (seconds, default 3600):
  links to a private bucket are signed and expire.
- ``DJANGO_MEDIA_ORIGIN``: the origin images are loaded from, for the Content-Security-Policy,
  when the one worked out here is wrong.
"""

from urllib.parse import urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"


def _flag(value, default):
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def media_storage(environ):
    """``(storage, origins)``: the ``STORAGES["default"]`` entry and the origins (other than
    the site's own) that pages load media from, read from ``environ``."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}, []
    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "").strip() or None
    region = environ.get("AWS_S3_REGION_NAME", "").strip() or None
    addressing = environ.get("AWS_S3_ADDRESSING_STYLE", "").strip() or None
    custom_domain = environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip() or None
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": region,
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "addressing_style": addressing,
        "location": environ.get("AWS_LOCATION", "").strip().strip("/"),
        "custom_domain": custom_domain,
        "querystring_auth": _flag(environ.get("AWS_QUERYSTRING_AUTH"), True),
        "querystring_expire": int(environ.get("AWS_QUERYSTRING_EXPIRE", "3600")),
        # Two uploads of "foto.jpg" are two files, as on the local disk (the library's
        # default would let the second overwrite the first).
        "file_overwrite": False,
        # Objects stay private: the bucket's own policy decides who may read them.
        "default_acl": None,
    }
    origin = environ.get("DJANGO_MEDIA_ORIGIN", "").strip()
    if not origin:
        origin = _media_origin(bucket, endpoint, region, addressing, custom_domain)
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}, [origin]


def _media_origin(bucket, endpoint, region, addressing, custom_domain):
    if custom_domain:
        return "https://" + custom_domain.split("/", 1)[0]
    if endpoint:
        parts = urlsplit(endpoint)
        if addressing == "virtual":
            return f"{parts.scheme}://{bucket}.{parts.netloc}"
        return f"{parts.scheme}://{parts.netloc}"
    if addressing == "path":
        return f"https://s3.{region}.amazonaws.com" if region else "https://s3.amazonaws.com"
    return f"https://{bucket}.s3.{region}.amazonaws.com" if region else f"https://{bucket}.s3.amazonaws.com"

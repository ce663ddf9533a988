"""The test suite: fast hashing, in-memory cache, tasks run at once."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}
# One folder of cache stamps per test process (pytest-xdist worker): a page published by the
# other process must not turn this one's warm pages cold in the middle of a query count.
CACHE_STAMP_DIR = (
    Path(tempfile.gettempdir()) / f"koperasi-test-cache-stamps-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

# PostgreSQL: the tests that commit do not wait for the disk (this session only; a crash
# could lose the last commits of a test database, which is thrown away anyway).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405

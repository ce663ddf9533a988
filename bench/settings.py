"""Settings for the benchmark: production-like, without secrets, on the bench's own database.

``python -m bench`` sets ``BENCH_DATABASE_URL`` (a dedicated PostgreSQL database or a
SQLite file under bench/results/) before Django starts; gunicorn and the export
subprocesses inherit it.
"""

import os

import dj_database_url

from bench.database import RESULTS_DIR
from lms.settings.base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "bench-only-secret-key-not-for-production-use-0123456789"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
# The plain Wagtail page the learner pages are measured against (bench/models.py).
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{RESULTS_DIR / 'bench.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # As the embedded database runs in production (lms/settings/base.py): transactions take
    # the write lock when they begin, so concurrent quiz starts wait instead of failing with
    # "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASE_ROUTERS = []

# Static files as in production: hashed, compressed names served by whitenoise.
STATIC_ROOT = RESULTS_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = RESULTS_DIR / "media"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}
CACHE_STAMP_DIR = RESULTS_DIR / "cache-stamps"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The page survey requests every URL as every role: 404s and 405s are expected there.
    "handlers": {"console": {"class": "logging.StreamHandler", "level": "ERROR"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}

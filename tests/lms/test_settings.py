"""The project package's settings: what the environment decides, what production insists
on, and that ``check --deploy`` finds nothing to warn about with production settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lms.settings import base

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "DJANGO_SECRET_KEY": "test-only-" + "k3y-" * 15,
    "DJANGO_ALLOWED_HOSTS": "koperasi.probolinggokab.go.id, ,www.koperasi.probolinggokab.go.id",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://koperasi.probolinggokab.go.id,",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "never-created.sqlite3"),
    "WAGTAILADMIN_BASE_URL": "https://koperasi.probolinggokab.go.id",
}
CLEARED = ("DJANGO_DEBUG", "DJANGO_SECURE_SSL_REDIRECT", "DJANGO_HSTS_SECONDS", "REDIS_URL", "DATABASE_REPLICA_URL")


def run_python(code, **env):
    environment = {k: v for k, v in os.environ.items() if k not in CLEARED and k != "DATABASE_URL"}
    environment.update(PRODUCTION_ENV)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "value, default, expected",
    [
        (None, False, False),
        (None, True, True),
        ("1", False, True),
        (" Yes ", False, True),
        ("ON", False, True),
        ("true", False, True),
        ("0", True, False),
        ("no", True, False),
        ("", True, False),  # set but empty: off
        ("nanti", True, False),
    ],
)
def test_env_bool(monkeypatch, value, default, expected):
    if value is None:
        monkeypatch.delenv("KSD_TEST_FLAG", raising=False)
    else:
        monkeypatch.setenv("KSD_TEST_FLAG", value)
    assert base.env_bool("KSD_TEST_FLAG", default) is expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, ["localhost", "127.0.0.1"]),
        ("a.go.id", ["a.go.id"]),
        (" a.go.id , ,b.go.id,", ["a.go.id", "b.go.id"]),
        ("", []),
    ],
)
def test_env_list(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("KSD_TEST_LIST", raising=False)
    else:
        monkeypatch.setenv("KSD_TEST_LIST", value)
    assert base.env_list("KSD_TEST_LIST", "localhost,127.0.0.1") == expected


def test_production_settings_are_strict_and_read_the_environment():
    code = (
        "import json; import lms.settings.production as s; print(json.dumps({"
        "'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, 'csrf': s.CSRF_TRUSTED_ORIGINS, 'ssl': s.SECURE_SSL_REDIRECT,"
        "'hsts': s.SECURE_HSTS_SECONDS, 'sub': s.SECURE_HSTS_INCLUDE_SUBDOMAINS, 'cookies': [s.SESSION_COOKIE_SECURE,"
        "s.CSRF_COOKIE_SECURE], 'proxy': s.SECURE_PROXY_SSL_HEADER, 'frame': s.X_FRAME_OPTIONS, "
        "'static': s.STORAGES['staticfiles']['BACKEND'], 'email': s.EMAIL_BACKEND, 'log': s.LOGGING['root']['level'],"
        "'cache': s.CACHES['default']['BACKEND'], 'routers': s.DATABASE_ROUTERS, 'lang': s.LANGUAGE_CODE,"
        "'tz': s.TIME_ZONE}))"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "debug": False,
        "hosts": ["koperasi.probolinggokab.go.id", "www.koperasi.probolinggokab.go.id"],
        "csrf": ["https://koperasi.probolinggokab.go.id"],
        "ssl": True,
        "hsts": 31536000,
        "sub": True,
        "cookies": [True, True],
        "proxy": ["HTTP_X_FORWARDED_PROTO", "https"],
        "frame": "DENY",
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "email": "django.core.mail.backends.smtp.EmailBackend",
        "log": "INFO",
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "routers": [],
        "lang": "id",
        "tz": "Asia/Jakarta",
    }


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python("import lms.settings.production", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY for production." in result.stderr


def test_optional_services_switch_on_by_environment():
    code = (
        "import json; import lms.settings.production as s; print(json.dumps({"
        "'cache': s.CACHES['default']['BACKEND'], 'location': s.CACHES['default'].get('LOCATION'),"
        "'routers': s.DATABASE_ROUTERS, 'replica': s.DATABASES.get('replica', {}).get('TEST', {}).get('MIRROR'),"
        "'debug': s.DEBUG, 'ssl': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS}))"
    )
    result = run_python(
        code,
        REDIS_URL="redis://127.0.0.1:6379/3",
        DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:5432/replica_never_used",
        DJANGO_DEBUG="yes",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_HSTS_SECONDS="60",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "cache": "django.core.cache.backends.redis.RedisCache",
        "location": "redis://127.0.0.1:6379/3",
        "routers": ["reports.routers.ReportReplicaRouter"],
        "replica": "default",
        "debug": True,
        "ssl": False,
        "hsts": 60,
    }


def test_check_deploy_finds_nothing_with_production_settings():
    code = "import sys; from django.core.management import execute_from_command_line as run; run(sys.argv)"
    result = subprocess.run(
        [sys.executable, "-c", code, "check", "--deploy", "--fail-level", "WARNING"],
        env={**{k: v for k, v in os.environ.items() if k not in CLEARED}, **PRODUCTION_ENV},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout

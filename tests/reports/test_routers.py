import pytest
from django.conf import settings as django_settings
from django.db import connections

from reports.routers import ReportReplicaRouter, report_database, report_reads


def test_reads_go_to_default_without_a_replica():
    router = ReportReplicaRouter()
    assert "replica" not in django_settings.DATABASES
    with report_reads():
        assert router.db_for_read(None) == "default"
    assert router.db_for_read(None) is None
    assert router.db_for_write(None) == "default"


def test_report_reads_use_the_replica_only_inside_the_block(settings):
    settings.DATABASES = {**django_settings.DATABASES, "replica": dict(django_settings.DATABASES["default"])}
    router = ReportReplicaRouter()
    try:
        assert report_database() == "replica"
        assert router.db_for_read(None) is None
        with report_reads():
            assert router.db_for_read(None) == "replica"
        assert router.db_for_read(None) is None
        assert router.allow_migrate("replica", "readiness") is False
        assert router.allow_migrate("default", "readiness") is True
    finally:
        if "replica" in connections.settings:
            del connections.settings["replica"]


@pytest.mark.django_db
def test_redis_cache_is_used_when_redis_url_is_set(monkeypatch):
    import importlib

    import lms.settings.base as base_settings

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    reloaded = importlib.reload(base_settings)
    try:
        assert reloaded.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert reloaded.CACHES["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(base_settings)

"""Fixtures and settings for the whole suite.

Speed (README, "Testing"): the suite runs in two processes (pytest-xdist), each with its
own test database (pytest-django names them ``test_<name>_gw0``, ``test_<name>_gw1``) and
its own temporary folders. Data that several tests of a module only read can be built once
per module with ``module_db`` (below) instead of once per test.
"""

import gc
import os
import shutil
from types import SimpleNamespace

import boto3
import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections, models, transaction
from django.test import override_settings
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from moto import mock_aws
from wagtail import signal_handlers as wagtail_signals
from wagtail.models import ReferenceIndex

from base import search as site_search
from lms.settings.media import media_storage
from tests import baseline
from tests.browser import uses_browser

pytest_plugins = ["tests.browser"]

# Tests that commit restore the migrations' rows quickly (tests/baseline.py).
baseline.install()

# Property tests run on a loaded machine (CI, two xdist workers, other jobs): a slow example
# is not a failure, so no deadline and no too-slow health check. This profile is the default
# everywhere, CI included; HYPOTHESIS_PROFILE=dev gives Hypothesis' own defaults back.
hypothesis_settings.register_profile(
    "koperasi", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
hypothesis_settings.register_profile("dev")
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "koperasi"))


# --- tests that need PostgreSQL ------------------------------------------------------------
#
# Marked ``postgres_only`` (two requests at one moment) or ``multiserver`` (several servers
# on one database): on SQLite they are deselected, never skipped, so a green run has no
# skipped test; CI's PostgreSQL leg checks that the multiserver test passed. Tests of
# SQLite's own behaviour (``sqlite_only``) are deselected on PostgreSQL the same way.

POSTGRES_MARKERS = ("postgres_only", "multiserver")
SQLITE_MARKERS = ("sqlite_only",)


def on_postgresql():
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def pytest_collection_finish(session):
    # What is alive once the tests are collected (Django, Wagtail, the app registry, the
    # collected tests) stays alive for the whole run: kept out of the garbage collector's
    # passes, which then run less often (a test process makes many short-lived objects).
    # About 5 % less CPU for the same tests; memory is not short here.
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def pytest_collection_modifyitems(config, items):
    # Browser tests last in each process: once Chromium is up, an event loop runs in the
    # thread (tests/browser.py). The longest of them (a module with ``LONGEST_FIRST = True``)
    # opens that part, so it does not keep one process busy after the other has finished.
    # Otherwise the order is kept.
    items.sort(key=lambda item: (uses_browser(item), not getattr(item.module, "LONGEST_FIRST", False)))
    other_database = SQLITE_MARKERS if on_postgresql() else POSTGRES_MARKERS
    deselected = [item for item in items if any(item.get_closest_marker(name) for name in other_database)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


def servers_database_name():
    """The database the multiserver test's web servers and workers share (see below)."""
    return f"{connection.settings_dict['NAME']}_servers"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """pytest-django's test database; on PostgreSQL, when a multiserver test is collected, also
    a copy of it made at once, before any test wrote to it: a freshly migrated database
    (``servers_database_name()``) for that test's servers, without migrating a second time."""
    wanted = on_postgresql() and any(item.get_closest_marker("multiserver") for item in request.session.items)
    fresh = not request.config.getoption("reuse_db", False) and not request.config.getoption("nomigrations", False)
    # pytest-django made and migrated a test database (test_…) only if a collected test uses one.
    if not (wanted and fresh and connection.settings_dict["NAME"].startswith("test_")):
        yield
        return
    with django_db_blocker.unblock():
        name, source = servers_database_name(), connection.settings_dict["NAME"]
        connections.close_all()  # PostgreSQL copies a database only while nobody is connected to it
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    yield
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- uploads ---------------------------------------------------------------------------------
#
# Uploads in tests go to a folder of this process's temporary folder, never to ./media: set once
# for the session (changing a setting per test costs more than most tests). After each test the
# files it wrote are removed, so no test sees another's files; when nothing was written, the
# folder does not exist and there is nothing to do. Files written by a module's shared rows
# (``module_db``, below: built before that module's first test) stay until the module ends.


def _media_files(root):
    return {path for path in root.rglob("*") if not path.is_dir()} if root.exists() else set()


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory):
    root = tmp_path_factory.getbasetemp() / "media"
    with override_settings(MEDIA_ROOT=root):
        yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module", autouse=True)
def _media_of_module(_media_root):
    yield
    shutil.rmtree(_media_root, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_media(_media_root):
    kept = _media_files(_media_root)
    yield
    if not kept:
        shutil.rmtree(_media_root, ignore_errors=True)
        return
    for path in _media_files(_media_root) - kept:
        path.unlink()


# --- Wagtail's search and reference indexes -------------------------------------------------
#
# Every save of a page, image or document updates Wagtail's search index and its reference
# index (two tasks, run at once in tests): about a fifth of the suite's time went there, for
# tests that never search and never look at "usage". They are switched off for every test
# except those marked ``wagtail_indexes`` (the catalogue search, the admin's search boxes, the
# demo a learner searches in, the admin refusing to delete what the reference index shows is
# still used), which index exactly as production does.


_indexing = {"on": None}  # None: not known (at start, and after a migration or a flush)


def _set_indexing(on):
    # Wagtail also connects the reference index for a model the first time something asks
    # about it (``ReferenceIndex.register_model``, e.g. on an admin page): a model it has
    # started tracking since the state was set means the state is not known any more.
    state = (on, len(ReferenceIndex.tracked_models))
    if _indexing["on"] == state:
        return
    for model in site_search.auto_updated_models():
        if on:
            models.signals.post_save.connect(site_search.update_search_index_on_save, sender=model)
        else:
            models.signals.post_save.disconnect(site_search.update_search_index_on_save, sender=model)
    if on:
        wagtail_signals.connect_reference_index_signal_handlers()
    else:
        wagtail_signals.disconnect_reference_index_signal_handlers()
    _indexing["on"] = (on, len(ReferenceIndex.tracked_models))


def _indexing_unknown(**kwargs):
    # Flushing a database (tests that commit) sends pre_migrate and post_migrate, whose Wagtail
    # receivers disconnect and reconnect the reference index: set the state again after that.
    _indexing["on"] = None


models.signals.pre_migrate.connect(_indexing_unknown, dispatch_uid="tests_indexing_unknown_pre")
models.signals.post_migrate.connect(_indexing_unknown, dispatch_uid="tests_indexing_unknown_post")


@pytest.fixture(scope="module", autouse=True)
def _wagtail_indexes_for_shared_rows(request):
    """Rows a module builds once (``module_db``) are indexed when any of its tests searches."""
    items = [item for item in request.session.items if item.module is request.module]
    _set_indexing(any(item.get_closest_marker("wagtail_indexes") for item in items))


@pytest.fixture(autouse=True)
def _wagtail_indexes(request):
    _set_indexing(request.node.get_closest_marker("wagtail_indexes") is not None)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Routing and whole pages are cached in the process (base.pagecache): a page a
    rolled-back test created must not be found by the next test at the same address."""
    cache.clear()


@pytest.fixture(autouse=True)
def _site_language_after_each_test():
    """A page requested in English leaves English active in this thread (the locale
    middleware activates the chosen language and nothing resets it): later tests in the
    same process expect Indonesian, the default."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def s3_media(settings):
    """Media in an S3 bucket (moto's in-process stand-in for S3), as production sets it up
    with ``AWS_STORAGE_BUCKET_NAME``; yields a boto3 client to look inside the bucket."""
    environ = {"AWS_STORAGE_BUCKET_NAME": "ksd-media", "AWS_S3_REGION_NAME": "us-east-1"}
    environ.update({"AWS_ACCESS_KEY_ID": "uji", "AWS_SECRET_ACCESS_KEY": "uji-rahasia"})
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="ksd-media")
        settings.STORAGES = {**settings.STORAGES, "default": media_storage(environ)[0]}
        client.bucket = "ksd-media"
        yield client


@pytest.fixture
def anyio_backend():
    return "asyncio"


# --- rows shared by a module's tests (like TestCase.setUpTestData) ---------------------------
#
# Building Wagtail pages is the slowest thing tests do (a publish is a revision, search and
# reference indexing, signals). When every database test of a module asks for the same
# rows, they are built once for the module instead of once per test:
#
#     @pytest.fixture(scope="module")
#     def _shared_course(module_db):
#         return module_db.build("course", lambda: make_course().pk)   # or None
#
#     @pytest.fixture
#     def course(_shared_course, db):
#         if _shared_course is None:                 # not shared: build it for this test
#             return make_course()
#         return CoursePage.objects.get(pk=_shared_course)   # fresh objects per test
#
# The first shared ``build`` opens one transaction for the module; each database test runs in a
# savepoint inside it (pytest-django's ``db``), so whatever a test changes is undone after
# it, and the shared rows are rolled back after the module. ``build`` returns None (build
# per test, as before) unless every database test of the module uses the fixture, so no
# test ever sees rows it did not ask for; a module whose other tests do not mind the rows
# says so with ``SHARE_ROWS = ("course",)``. Tests that commit (``transaction=True``,
# ``live_server``) never run inside it: the module transaction is rolled back before them
# (pytest-django runs a module's plain database tests before its committing ones).

_open_module_transactions = []
_current = {"transactional": False}
_DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server", "django_db_serialized_rollback"} & set(item.fixturenames))


def _uses_database(item):
    return item.get_closest_marker("django_db") is not None or bool(_DB_FIXTURES & set(item.fixturenames))


class ModuleData:
    def __init__(self, blocker, module, items, shared):
        self.blocker = blocker
        self.module = module
        self.items = items
        self.shared = shared
        self.state = None

    def build(self, fixture_name, build):
        """``build()`` once for the module, or None when not every database test of the
        module uses ``fixture_name`` (or the current test commits). Module-scoped fixtures
        run before a test's own transaction opens, so the module transaction wraps it."""
        everyone = all(fixture_name in item.fixturenames for item in self.items)
        if not self.shared or not (everyone or fixture_name in getattr(self.module, "SHARE_ROWS", ())):
            return None
        with self.blocker.unblock():
            if self.state is None:
                atomic = transaction.atomic()
                atomic.__enter__()
                self.state = {"atomic": atomic, "blocker": self.blocker}
                _open_module_transactions.append(self.state)
            cache.clear()  # built before the first test empties the cache: no page of an earlier module
            return build()


def _close(state):
    if state in _open_module_transactions:
        _open_module_transactions.remove(state)
        with state["blocker"].unblock():
            transaction.set_rollback(True)
            state["atomic"].__exit__(None, None, None)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _current["transactional"] = _is_transactional(item)
    if _current["transactional"]:
        for state in reversed(list(_open_module_transactions)):
            _close(state)


def refetched(namespace):
    """A copy of ``namespace`` (a SimpleNamespace of model instances) with every instance
    read again, so no test sees another test's unsaved changes to shared objects."""
    fresh = {}
    for name, value in vars(namespace).items():
        if isinstance(value, models.Model):
            value = type(value)._default_manager.get(pk=value.pk)
        fresh[name] = value
    return SimpleNamespace(**fresh)


@pytest.fixture(scope="module")
def module_db(request, django_db_setup, django_db_blocker):
    """One transaction for this module's shared rows: see the comment above."""
    items = [
        item
        for item in request.session.items
        if item.module is request.module and _uses_database(item) and not _is_transactional(item)
    ]
    data = ModuleData(django_db_blocker, request.module, items, shared=not _current["transactional"])
    yield data
    if data.state is not None:
        _close(data.state)


__all__ = ["settings"]

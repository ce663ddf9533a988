"""Wagtail's search index is updated in one transaction per save (base.search, base.tasks).

Two task workers indexing the same page for the first time at once used to fail one of the
two tasks on SQLite: modelsearch's SQLite backend looks up which entries exist and then
inserts the missing ones, outside a transaction, so both inserted and the second broke the
unique entry per object. The race is played here step by step on a SQLite file, each worker
a thread with its own connection, as two ``db_worker`` processes have.
"""

import sqlite3
import threading
from unittest import mock

import pytest
from django.db import connection, connections
from django.db.models import QuerySet
from django.db.models.signals import post_save
from modelsearch import signal_handlers as modelsearch_handlers
from wagtail.search.models import IndexEntry

from base import search as site_search
from base.tasks import update_search_index_task
from courses.models import CoursePage
from tests.factories import make_course

# How long the first worker waits, between its look-up and its insert, for the second to
# finish: with the fix the second cannot finish (it waits for the first's write lock), so the
# first goes on after this; without it the second finishes at once.
SECOND_WORKER_GRACE_SECONDS = 0.5


def in_own_connection(database, work):
    """Run ``work()`` with this thread's default connection on the SQLite file ``database``."""
    test_database = connections["default"]
    connections["default"] = test_database.__class__({**test_database.settings_dict, "NAME": str(database)}, "default")
    try:
        return work()
    finally:
        connections["default"].close()
        connections["default"] = test_database


def run_in_thread(name, database, work, errors):
    def target():
        try:
            in_own_connection(database, work)
        except Exception as error:  # the test reports it, with the other worker's
            errors.append(error)

    thread = threading.Thread(target=target, name=name)
    thread.start()
    return thread


def test_saving_an_indexed_model_queues_the_index_update_in_one_transaction():
    for model in site_search.auto_updated_models():
        receivers = post_save._live_receivers(model)[0]
        assert modelsearch_handlers.post_save_signal_handler not in receivers, model
    assert CoursePage in site_search.auto_updated_models()


@pytest.mark.wagtail_indexes
@pytest.mark.django_db
def test_saving_a_page_updates_its_search_entry():
    course = make_course(title="Pembukuan koperasi", summary="Untuk pengurus.")
    assert IndexEntry.objects.filter(object_id=str(course.pk)).count() == 1
    assert list(CoursePage.objects.search("pembukuan")) == [course]
    course.title = "Simpan pinjam"
    course.save()
    assert IndexEntry.objects.filter(object_id=str(course.pk)).count() == 1
    assert list(CoursePage.objects.search("pinjam")) == [course]
    assert list(CoursePage.objects.search("pembukuan")) == []


@pytest.fixture(scope="module")
def migrated_file(tmp_path_factory, django_db_setup, django_db_blocker):
    """The migrated test database copied into a file that several connections share; made
    before the test's transaction opens (SQLite cannot copy a database in the middle of one)."""
    database = tmp_path_factory.mktemp("pekerja") / "pekerja.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        copy = sqlite3.connect(database)
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=WAL")
        copy.close()
    return database


@pytest.mark.sqlite_only
@pytest.mark.django_db
def test_two_workers_indexing_the_same_new_page_at_once_both_succeed(migrated_file):
    database = migrated_file
    page = {}
    in_own_connection(database, lambda: page.update(pk=make_course(title="Kursus berebut").pk))
    arguments = ("courses", "coursepage", str(page["pk"]))

    first_looked_up, second_done = threading.Event(), threading.Event()
    bulk_create = QuerySet.bulk_create

    def pausing_bulk_create(queryset, objs, *args, **kwargs):
        if queryset.model is IndexEntry and threading.current_thread().name == "first":
            first_looked_up.set()
            second_done.wait(SECOND_WORKER_GRACE_SECONDS)
        return bulk_create(queryset, objs, *args, **kwargs)

    def second_worker():
        first_looked_up.wait(30)
        try:
            update_search_index_task.call(*arguments)
        finally:
            second_done.set()

    errors, workers = [], []
    with mock.patch.object(QuerySet, "bulk_create", pausing_bulk_create):
        workers.append(run_in_thread("first", database, lambda: update_search_index_task.call(*arguments), errors))
        workers.append(run_in_thread("second", database, second_worker, errors))
        for worker in workers:
            worker.join(30)
    assert first_looked_up.is_set() and second_done.is_set()
    assert errors == []
    with sqlite3.connect(database) as db:
        entries = db.execute(
            "SELECT title FROM wagtailsearch_indexentry WHERE object_id = ?", [str(page["pk"])]
        ).fetchall()
    assert entries == [("Kursus berebut",)]

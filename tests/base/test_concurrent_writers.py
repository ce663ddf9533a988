"""The embedded database keeps the web server and the task workers writing at once.

PRODUCT.md section 9. A real ``runserver`` and two real ``db_worker`` processes share a
temporary SQLite file, as under ``make run``; learners take an exam, an admin publishes a
course again and again and an analyst asks for an export while the workers index
references, build the export and close overdue attempts. No request may fail, no task
may fail and no write may be lost ("database is locked" made about one admin publish in
three fail before transactions began IMMEDIATE).
"""

import http.client
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from quizzes.tasks import close_overdue_attempts_task

from . import concurrent_site
from .concurrent_site import LEARNERS, OVERDUE
from .processes import stop_all

PROJECT = Path(settings.BASE_DIR)
CSRF = "k" * 32  # a cookie secret the test chooses; Django accepts it unmasked in the form
PUBLISHES = 6
EXPORTS = 2
DEADLINE_SECONDS = 90  # a bound for every wait, never a sleep
TASKS_TABLE = DBTaskResult._meta.db_table
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_database(target):
    """The test's data in a migrated SQLite file ``target``; returns what the test needs.

    The data is written into the in-memory test database (its search and reference index
    built at once, two overdue-attempt sweeps queued in the database for the workers) and
    the whole database copied into the file. Two workers indexing the same page at once is
    part of the load (each publish queues search index updates), and no task may fail
    (tests/base/test_search_index.py plays that race step by step).
    """
    assert connection.creation.is_in_memory_db(connection.settings_dict["NAME"])
    data = concurrent_site.build()
    with override_settings(TASKS=DATABASE_TASKS):
        concurrent_site.queue_two_sweeps()
    copy = sqlite3.connect(target)
    connection.connection.backup(copy)
    # WAL once here, so the processes starting together never race to switch it.
    copy.execute("PRAGMA journal_mode=WAL")
    copy.close()
    return data


class Site:
    """The web server's address and a way to talk to it as a logged-in user."""

    def __init__(self, port):
        self.port = port

    def request(self, method, path, session, data=None, headers=None):
        body = urllib.parse.urlencode(data or {}, doseq=True) if method == "POST" else None
        all_headers = {"Cookie": f"sessionid={session}; csrftoken={CSRF}", "Host": "127.0.0.1"}
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        all_headers.update(headers or {})
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            client.request(method, path, body=body, headers=all_headers)
            response = client.getresponse()
            return response.status, response.getheader("Location", ""), response.read()
        finally:
            client.close()

    def post(self, path, session, data=None, headers=None):
        return self.request("POST", path, session, {"csrfmiddlewaretoken": CSRF, **(data or {})}, headers)

    def wait_until_up(self, processes):
        ends = time.monotonic() + DEADLINE_SECONDS
        while time.monotonic() < ends:
            for process in processes:
                assert process.poll() is None, f"{process.args} ended early"
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)  # polling with a deadline
        raise AssertionError("the web server did not start")


def take_exam(site, session, exam_id, answers, outcomes):
    status, location, _ = site.post(f"/kuis/{exam_id}/mulai/", session)
    attempt_path = urllib.parse.urlsplit(location).path
    if "/percobaan/" not in attempt_path:
        outcomes.append(("start", (status, location)))  # refused, or not logged in
        return
    outcomes.append(("start", status))
    form = {"shown": list(answers), **{f"q-{qid}": value for qid, value in answers.items()}}
    status, _, _ = site.post(attempt_path + "simpan/", session, form, {"X-Requested-With": "fetch"})
    outcomes.append(("save", status))
    status, _, _ = site.post(attempt_path + "kirim/", session, form)
    outcomes.append(("submit", status))


def publish_course(site, session, course_id, form, outcomes):
    for index in range(PUBLISHES):
        data = {**form, "summary": f"Diterbitkan ke-{index + 1}."}
        status, location, _ = site.post(f"/admin/pages/{course_id}/edit/", session, data)
        outcomes.append(("publish", status if "/login/" not in location else location))


def request_exports(site, session, round_slug, outcomes):
    for kind in ("readiness", "report_cards")[:EXPORTS]:
        status, location, _ = site.post("/laporan/ekspor/", session, {"kind": kind, "putaran": round_slug})
        outcomes.append(("export", status if "/laporan/ekspor/" in location else (status, location)))


def tasks_settled(database):
    """True when no task is running or due (the sweep's next run, queued for later, aside)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with sqlite3.connect(database, timeout=30) as db:
        rows = db.execute(f"SELECT status, task_path, run_after FROM {TASKS_TABLE}").fetchall()
    for status, task_path, run_after in rows:
        if status == "RUNNING":
            return False
        if status == "READY":
            # A task queued without ``run_after`` is stored with the year 9999: due now.
            run_after = datetime.fromisoformat(run_after).replace(tzinfo=None)
            later = now < run_after < datetime(9999, 1, 1)
            if not (task_path == close_overdue_attempts_task.module_path and later):
                return False
    return True


# About SQLite itself (the PostgreSQL leg has its own: postgres_only, multiserver).
@pytest.mark.sqlite_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_web_server_and_two_workers_write_at_once_without_errors(tmp_path):
    database = tmp_path / "serentak.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        # The sessions made here must be valid there.
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_DEBUG": "0",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "PYTHONUNBUFFERED": "1",
    }
    data = prepare_database(database)
    port = free_port()
    logs = {name: (tmp_path / f"{name}.log").open("w+") for name in ("server", "worker1", "worker2")}
    commands = {
        "server": ["runserver", f"127.0.0.1:{port}", "--noreload"],
        "worker1": ["db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", "--worker-id", "w1"],
        "worker2": ["db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", "--worker-id", "w2"],
    }
    processes = {}
    try:
        for name, arguments in commands.items():
            processes[name] = subprocess.Popen(
                [sys.executable, "manage.py", *arguments],
                cwd=PROJECT,
                env=env,
                stdout=logs[name],
                stderr=subprocess.STDOUT,
            )
        site = Site(port)
        site.wait_until_up(processes.values())

        outcomes = []
        threads = [
            threading.Thread(target=take_exam, args=(site, session, data["exam_id"], data["right_answers"], outcomes))
            for session in data["learner_sessions"]
        ]
        threads.append(
            threading.Thread(
                target=publish_course,
                args=(site, data["admin_session"], data["course_id"], data["course_form"], outcomes),
            )
        )
        threads.append(
            threading.Thread(target=request_exports, args=(site, data["analyst_session"], data["round_slug"], outcomes))
        )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=DEADLINE_SECONDS)

        ends = time.monotonic() + DEADLINE_SECONDS
        while not tasks_settled(database):
            assert time.monotonic() < ends, "the workers did not finish their tasks"
            for name in ("worker1", "worker2"):
                assert processes[name].poll() is None, f"{name} ended early"
            time.sleep(0.1)  # polling with a deadline
    finally:
        stop_all(processes.values())
    output = {name: (log.seek(0), log.read())[1] for name, log in logs.items()}

    # Every request answered as it should: nothing refused, nothing failed.
    expected = {"start": 302, "save": 200, "submit": 302, "publish": 302, "export": 302}
    wrong = [(action, status) for action, status in outcomes if status != expected[action]]
    assert wrong == [], (wrong, output["server"][-3000:])
    assert len(outcomes) == 3 * LEARNERS + PUBLISHES + EXPORTS
    for name, text in output.items():
        assert "database is locked" not in text, (name, text[-3000:])

    with sqlite3.connect(database) as db:
        tasks = db.execute(
            f"SELECT task_path, status, return_value, exception_class_path, traceback FROM {TASKS_TABLE}"
        ).fetchall()
        failed = [task for task in tasks if task[1] == "FAILED"]
        assert failed == [], failed
        # No lost write: every learner's submission graded once, every publish a revision.
        graded = db.execute(
            "SELECT count(*), min(score), max(score) FROM quizzes_attempt WHERE quiz_id = ? AND status = 'submitted'",
            [data["exam_id"]],
        ).fetchone()
        assert graded == (LEARNERS, 100.0, 100.0)
        results = db.execute(
            "SELECT count(*) FROM quizzes_questionresult r JOIN quizzes_attempt a ON a.id = r.attempt_id "
            "WHERE a.quiz_id = ?",
            [data["exam_id"]],
        ).fetchone()[0]
        assert results == 2 * LEARNERS
        revisions = db.execute(
            "SELECT count(*) FROM wagtailcore_revision WHERE object_id = ? AND base_content_type_id = "
            "(SELECT id FROM django_content_type WHERE app_label = 'wagtailcore' AND model = 'page')",
            [str(data["course_id"])],
        ).fetchone()[0]
        assert revisions == 1 + PUBLISHES
        summary = db.execute("SELECT summary FROM courses_coursepage WHERE page_ptr_id = ?", [data["course_id"]])
        assert summary.fetchone()[0] == f"Diterbitkan ke-{PUBLISHES}."
        exports = db.execute("SELECT status FROM reports_exportjob").fetchall()
        assert exports == [("done",)] * EXPORTS
        indexed = [task for task in tasks if task[0] == "wagtail.tasks.update_reference_index_task"]
        assert indexed and all(task[1] == "SUCCESSFUL" for task in indexed)
        # The two workers' sweeps closed each overdue attempt exactly once between them.
        overdue = ",".join(str(pk) for pk in data["overdue_ids"])
        closed = db.execute(
            f"SELECT count(*) FROM quizzes_attempt WHERE id IN ({overdue}) AND status = 'submitted' AND score = 100"
        ).fetchone()[0]
        assert closed == OVERDUE
        once = db.execute(f"SELECT count(*) FROM quizzes_questionresult WHERE attempt_id IN ({overdue})").fetchone()
        assert once[0] == OVERDUE
        sweeps = [
            json.loads(task[2])
            for task in tasks
            if task[0] == close_overdue_attempts_task.module_path and task[1] == "SUCCESSFUL"
        ]
        assert len(sweeps) == 2 and sum(sweeps) == OVERDUE, sweeps

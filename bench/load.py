"""Throughput under gunicorn: a Python load generator against the bench's own server.

Gunicorn runs the site (bench settings) as a subprocess on 127.0.0.1 with a free port.
The load generator is threads with ``http.client`` connections kept alive, bounded by
time and by request count, talking only to 127.0.0.1. Logged-in load uses sessions made
directly in the session store for generated learners.
"""

import http.client
import os
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from django.urls import Resolver404, resolve, reverse

from .database import PROJECT_DIR, RESULTS_DIR

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- the server -------------------------------------------------------------------------


def free_port():
    """A free port, or ``BENCH_PORT`` when set (a shared machine where each user has its ports)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", int(os.environ.get("BENCH_PORT", "0"))))
        return probe.getsockname()[1]


def default_workers():
    return 2 * (os.cpu_count() or 1) + 1


class Gunicorn:
    """``gunicorn lms.wsgi`` on bench settings; stopped (by its own pid) on exit."""

    def __init__(self, *, workers, threads):
        self.workers = workers
        self.threads = threads
        self.port = free_port()
        self.process = None
        self.log_path = RESULTS_DIR / "gunicorn.log"

    def __enter__(self):
        from django.db import connections

        connections.close_all()
        command = [
            sys.executable, "-m", "gunicorn", "lms.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--worker-class", "gthread",
            "--threads", str(self.threads),
            "--keep-alive", "5",
            "--backlog", "512",
            "--log-level", "warning",
            "--error-logfile", str(self.log_path),
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=PROJECT_DIR, env=dict(os.environ))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start; see {self.log_path}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/bench/bare/")
                if connection.getresponse().status == 200:
                    connection.close()
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.__exit__(None, None, None)
        raise RuntimeError(f"gunicorn did not answer within 60 s; see {self.log_path}")

    def __exit__(self, *exc):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# --- one virtual user -------------------------------------------------------------------


class HttpUser:
    """A keep-alive connection with a cookie jar, like one browser tab."""

    def __init__(self, port, cookies=None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method, path, form=None):
        headers = {"Host": f"127.0.0.1:{self.port}", "Accept-Encoding": "identity"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection: reconnect once.
                self.connection.close()
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, response.getheader("Location", ""), content

    def close(self):
        self.connection.close()


# --- running a scenario -----------------------------------------------------------------


@dataclass
class Outcome:
    requests: int = 0
    errors: int = 0
    latencies: list = field(default_factory=list)
    error_samples: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def error(self, message):
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(message)


def run(scenario, users, *, duration, max_requests):
    """Run ``scenario(user, outcome)`` in one thread per user until time or request budget ends.

    ``scenario`` does one iteration (one or more requests) and records into ``outcome``.
    """
    outcomes = [Outcome() for _ in users]
    deadline = time.monotonic() + duration
    lock = threading.Lock()
    budget = {"left": max_requests}

    def worker(user, outcome):
        while time.monotonic() < deadline:
            with lock:
                if budget["left"] <= 0:
                    break
                budget["left"] -= 1
            try:
                scenario(user, outcome)
            except Exception as exc:  # noqa: BLE001 - every failure counts as an error
                outcome.error(f"{type(exc).__name__}: {exc}")
                user.connection.close()

    threads = [threading.Thread(target=worker, args=pair, daemon=True) for pair in zip(users, outcomes, strict=True)]
    # The generator's own CPU (this process: its threads and nothing else while they run),
    # printed beside each figure: it shares the cores with the server it measures.
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    generator_cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    for user in users:
        user.close()
    latencies = sorted(latency for outcome in outcomes for latency in outcome.latencies)
    total = Outcome(
        requests=sum(o.requests for o in outcomes),
        errors=sum(o.errors for o in outcomes),
        error_samples=[sample for o in outcomes for sample in o.error_samples][:5],
    )
    for outcome in outcomes:
        for key, value in outcome.extra.items():
            if isinstance(value, list):
                total.extra.setdefault(key, []).extend(value)
            else:
                total.extra[key] = total.extra.get(key, 0) + value
    result = {
        "seconds": elapsed,
        "concurrency": len(users),
        "requests": total.requests,
        "errors": total.errors,
        "requests_per_s": total.requests / elapsed if elapsed else 0.0,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else None,
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))] if latencies else None,
        "error_samples": total.error_samples,
        "generator_cpu_s": generator_cpu,
        "generator_cpu_ms_per_request": 1000 * generator_cpu / total.requests if total.requests else None,
    }
    result.update({k: v for k, v in total.extra.items() if not isinstance(v, list)})
    result["_lists"] = {k: v for k, v in total.extra.items() if isinstance(v, list)}
    return result


def timed(user, outcome, method, path, *, form=None, expect=(200,)):
    started = time.perf_counter()
    status, location, content = user.request(method, path, form)
    outcome.latencies.append(time.perf_counter() - started)
    outcome.requests += 1
    if status not in expect:
        outcome.error(f"{method} {path} → {status}")
        return None
    return status, location, content


def get_scenario(path):
    def scenario(user, outcome):
        timed(user, outcome, "GET", path)

    return scenario


def quiz_submit_scenario(quiz_path, start_path, answer_form):
    """Start an attempt, open it, submit it: the real views, with the CSRF token from the page."""

    def scenario(user, outcome):
        if "csrf" not in user.__dict__:
            got = timed(user, outcome, "GET", quiz_path)
            if got is None:
                return
            match = CSRF_INPUT.search(got[2])
            if match is None:
                outcome.error("no CSRF token on the quiz page")
                return
            user.csrf = match.group(1).decode()
        started = timed(user, outcome, "POST", start_path, form={"csrfmiddlewaretoken": user.csrf}, expect=(302,))
        if started is None:
            return
        attempt_path = urlsplit(started[1]).path
        try:
            match = resolve(attempt_path)
        except Resolver404:
            match = None
        if match is None or match.view_name != "quizzes:attempt":
            outcome.error(f"start redirected to {started[1]!r}")
            return
        attempt_id = int(match.kwargs["pk"])
        opened = timed(user, outcome, "GET", attempt_path)
        if opened is None:
            return
        token = CSRF_INPUT.search(opened[2])
        if token is not None:
            user.csrf = token.group(1).decode()
        outcome.extra.setdefault("started", []).append(attempt_id)
        submitted = timed(
            user, outcome, "POST", reverse("quizzes:submit", args=[attempt_id]),
            form={"csrfmiddlewaretoken": user.csrf, **answer_form}, expect=(302,),
        )  # fmt: skip
        if submitted is None:
            return
        if urlsplit(submitted[1]).path != reverse("quizzes:attempt_result", args=[attempt_id]):
            outcome.error(f"submit redirected to {submitted[1]!r}")
            return
        outcome.extra.setdefault("submitted", []).append(attempt_id)

    return scenario


# --- sessions and checks in the database --------------------------------------------------


def session_cookie(user):
    """A logged-in session for ``user`` made directly in the session store."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    backend = next(
        (path for path in settings.AUTHENTICATION_BACKENDS if path.startswith("accounts.")),
        settings.AUTHENTICATION_BACKENDS[-1],
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = backend
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return {settings.SESSION_COOKIE_NAME: store.session_key}


def answer_form(quiz):
    """A complete, mostly right set of answers to ``quiz`` as the attempt form posts them."""
    from quizzes.snapshot import quiz_questions

    form = {"shown": []}
    for question in quiz_questions(quiz):
        form["shown"].append(question["id"])
        name = f"q-{question['id']}"
        if question["type"] in ("single_choice", "true_false"):
            form[name] = next(c["id"] for c in question["choices"] if c["fraction"] > 0)
        elif question["type"] == "multiple_answers":
            form[name] = [c["id"] for c in question["choices"] if c["fraction"] > 0]
        elif question["type"] == "short_answer":
            form[name] = question["accepted"][0]["text"]
        else:
            form[name] = str(question["numeric"][0].get("target") or question["numeric"][0]["min"])
    return form


def verify_submissions(quiz, learners, started_ids, submitted_ids, attempts_before):
    """Every submit the server confirmed is stored once, graded, with one result per question."""
    from django.db.models import Count

    from quizzes.models import Attempt

    question_count = len(quiz.questions)
    new_attempts = Attempt.objects.filter(quiz=quiz, user__in=learners).exclude(pk__in=attempts_before)
    stored = {
        row["pk"]: row
        for row in new_attempts.annotate(result_count=Count("results")).values("pk", "status", "score", "result_count")
    }
    confirmed = set(submitted_ids)
    lost = [
        pk
        for pk in confirmed
        if pk not in stored
        or stored[pk]["status"] != Attempt.STATUS_SUBMITTED
        or stored[pk]["score"] is None
        or stored[pk]["result_count"] != question_count
    ]
    return {
        "confirmed_submissions": len(confirmed),
        "duplicate_confirmations": len(submitted_ids) - len(confirmed),
        "attempts_created": len(stored),
        "attempts_started_by_client": len(set(started_ids)),
        "unexpected_attempts": len(set(stored) - set(started_ids)),
        "lost_submissions": len(lost),
    }

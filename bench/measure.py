"""In-process measurements: dashboard and export against their SQL floors, queries per
page, and the export's peak memory (in a subprocess).

The "floor" of a report is one hand-written SQL aggregate over the same rows, run in the
same process on the same connection: what the database alone needs, with no ORM, no
template and no Python formatting. A ratio near 1 means the page or command adds little
on top of its data.
"""

import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, URLPattern, resolve

from .database import PROJECT_DIR

RESULT_STATUSES = ("submitted", "verified")
MISSING = "n/a (belum ada)"
# The apps whose URL patterns are learner or report pages.
PAGE_NAMESPACES = ("courses", "quizzes", "readiness", "reports")


def median_seconds(function, repeat):
    """Run ``function`` once to warm up, then ``repeat`` times; the median wall time in seconds."""
    function()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


# --- the probe: who and what the pages are requested for ----------------------------------


@dataclass
class Probe:
    """The same learner, pengurus, analyst and content at both scales (the small data is a prefix)."""

    learner: object
    pengurus: object
    analyst: object
    cooperative: object
    course: object
    lesson: object
    quiz: object
    attempt_in_progress: object
    attempt_submitted: object
    rounds: list
    assessment: object
    extra: dict = field(default_factory=dict)

    @property
    def latest_round(self):
        return self.rounds[-1]

    @property
    def previous_round(self):
        return self.rounds[-2] if len(self.rounds) > 1 else None


def make_probe():
    from django.contrib.auth import get_user_model

    from courses.models import LessonPage
    from quizzes import services as quiz_services
    from quizzes.models import Attempt, QuizPage
    from readiness.models import Assessment, EvaluationRound

    from .generate import ANALYST_USERNAME

    User = get_user_model()
    learner = User.objects.select_related("cooperative").get(username="b000000_1")
    attempt_submitted = (
        Attempt.objects.select_related("quiz")
        .filter(user=learner, status=Attempt.STATUS_SUBMITTED)
        .order_by("pk")
        .first()
    )
    quiz = attempt_submitted.quiz if attempt_submitted else QuizPage.objects.live().order_by("path").first()
    course = quiz.get_parent().specific
    lesson = LessonPage.objects.live().child_of(course).order_by("path").first()
    attempt_in_progress = quiz_services.start_attempt(user=learner, quiz=quiz)
    rounds = list(EvaluationRound.objects.order_by("opens_on"))
    assessment = Assessment.objects.filter(cooperative=learner.cooperative, round=rounds[-1]).first()
    return Probe(
        learner=learner,
        pengurus=User.objects.get(username="b000000_0"),
        analyst=User.objects.get(username=ANALYST_USERNAME),
        cooperative=learner.cooperative,
        course=course,
        lesson=lesson,
        quiz=quiz,
        attempt_in_progress=attempt_in_progress,
        attempt_submitted=attempt_submitted,
        rounds=rounds,
        assessment=assessment,
    )


# --- the dashboard and its floor ------------------------------------------------------------


def dashboard_path():
    """/laporan/ when the reports app serves it (not Wagtail's catch-all), else None."""
    try:
        match = resolve("/laporan/")
    except Resolver404:
        return None
    return "/laporan/" if match.namespace == "reports" else None


def _tables():
    from cooperatives.models import Cooperative, Kecamatan
    from readiness.models import Assessment, DimensionScore

    return {
        "assessment": Assessment._meta.db_table,
        "cooperative": Cooperative._meta.db_table,
        "kecamatan": Kecamatan._meta.db_table,
        "score": DimensionScore._meta.db_table,
    }


def dashboard_floor_sql(rounds):
    """Every result of ``rounds`` (the benchmark passes the round the dashboard shows), averaged
    per round, kecamatan, jenis and dimension: the dashboard's numbers from the results alone."""
    t = _tables()
    placeholders = ", ".join(["%s"] * len(rounds))
    sql = f"""
        SELECT a.round_id, k.name, c.jenis, s.dimension_id,
               COUNT(*), AVG(a.overall), AVG(s.score), SUM(CASE WHEN a.level >= 3 THEN 1 ELSE 0 END)
        FROM {t["assessment"]} a
        JOIN {t["cooperative"]} c ON c.id = a.cooperative_id
        JOIN {t["kecamatan"]} k ON k.id = c.kecamatan_id
        JOIN {t["score"]} s ON s.assessment_id = a.id
        WHERE a.status IN ('submitted', 'verified') AND a.round_id IN ({placeholders})
        GROUP BY a.round_id, k.name, c.jenis, s.dimension_id
    """
    return sql, [r.pk for r in rounds]


def export_floor_sql(evaluation_round, compare_round, dimension_ids):
    """The export's rows: each assessed cooperative with its dimension scores and the previous
    round's (same dimension ids), the scores of both rounds pivoted in one aggregate pass, in
    the export's order; raw values, none of the export's formatting or rounding."""
    t = _tables()
    pivots = []
    params = []
    for dimension_id in dimension_ids:
        pivots.append("MAX(s.score) FILTER (WHERE r.round_id = %s AND s.dimension_id = %s)")
        pivots.append("MAX(s.score) FILTER (WHERE r.round_id = %s AND s.dimension_id = %s)")
        params += [evaluation_round.pk, dimension_id, compare_round.pk if compare_round else -1, dimension_id]
    scores = (
        f"SELECT r.cooperative_id, {', '.join(pivots)} FROM {t['assessment']} r "
        f"JOIN {t['score']} s ON s.assessment_id = r.id "
        "WHERE r.round_id IN (%s, %s) AND r.status IN ('submitted', 'verified') GROUP BY r.cooperative_id"
    )
    params += [evaluation_round.pk, compare_round.pk if compare_round else -1]
    sql = f"""
        SELECT c.nik, c.nama, c.jenis, k.name, a.status, a.overall, a.level, p.overall, sc.*
        FROM {t["assessment"]} a
        JOIN {t["cooperative"]} c ON c.id = a.cooperative_id
        JOIN {t["kecamatan"]} k ON k.id = c.kecamatan_id
        LEFT JOIN {t["assessment"]} p
               ON p.cooperative_id = a.cooperative_id AND p.round_id = %s AND p.status IN ('submitted', 'verified')
        LEFT JOIN ({scores}) sc ON sc.cooperative_id = a.cooperative_id
        WHERE a.round_id = %s AND a.status IN ('submitted', 'verified')
        ORDER BY c.nik, a.id
    """
    # In the order the placeholders appear: the compared round's join, the pivot, the round.
    return sql, [compare_round.pk if compare_round else -1, *params, evaluation_round.pk]


def run_sql(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return len(cursor.fetchall())


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _consume(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def measure_dashboard(probe, repeat):
    from reports.selectors import default_round

    path = dashboard_path()
    # The floor covers the round the page shows (its default), not every round.
    sql, params = dashboard_floor_sql([default_round() or probe.latest_round])
    floor = median_seconds(lambda: run_sql(sql, params), repeat)
    if path is None:
        return {"available": False, "floor_s": floor}
    client = client_for(probe.analyst)
    response = client.get(path)
    if response.status_code != 200:
        return {"available": False, "floor_s": floor, "status": response.status_code}

    def get():
        response = client.get(path)
        _consume(response)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")

    seconds = median_seconds(get, repeat)
    return {"available": True, "path": path, "seconds": seconds, "floor_s": floor, "ratio": seconds / floor}


def _export_arguments(probe, output):
    arguments = ["export_readiness", "--round", probe.latest_round.slug, "--format", "csv", "--output", output]
    if probe.previous_round is not None:
        arguments[3:3] = ["--compare", probe.previous_round.slug]
    return arguments


def export_command_exists():
    from django.core.management import get_commands

    return "export_readiness" in get_commands()


def measure_export(probe, repeat):
    from django.core.management import call_command

    dimension_ids = list(probe.latest_round.framework.dimensions.order_by("sort_order").values_list("pk", flat=True))
    sql, params = export_floor_sql(probe.latest_round, probe.previous_round, dimension_ids)
    floor = median_seconds(lambda: run_sql(sql, params), repeat)
    rows = run_sql(sql, params)
    if not export_command_exists():
        return {"available": False, "floor_s": floor, "rows": rows}
    with tempfile.TemporaryDirectory() as folder:
        output = os.path.join(folder, "export.csv")
        arguments = _export_arguments(probe, output)
        seconds = median_seconds(lambda: call_command(*arguments), repeat)
        with open(output, encoding="utf-8") as stream:
            lines = sum(1 for _ in stream)
    return {
        "available": True,
        "seconds": seconds,
        "floor_s": floor,
        "ratio": seconds / floor,
        "rows": rows,
        "csv_lines": lines,
    }


# Starts ``argv[1:]`` and prints its peak RSS (KiB) as seen by wait4. Linux carries a
# process's RSS high-water mark across fork and exec (signal->maxrss), so a command started
# straight from the benchmark, itself a few hundred MiB by then, would report at least the
# benchmark's own size; started from this small interpreter it reports its own.
_PEAK_RSS_WRAPPER = (
    "import os, subprocess, sys\n"
    "process = subprocess.Popen(sys.argv[1:])\n"
    "_pid, status, usage = os.wait4(process.pid, 0)\n"
    "sys.stderr.write(f'\\npeak-rss-kib={usage.ru_maxrss}\\n')\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def _run_measured(command):
    """Run ``command`` from the project folder; (wall seconds, peak RSS in MiB)."""
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS_WRAPPER, *command],
        cwd=PROJECT_DIR,
        env=dict(os.environ),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    seconds = time.perf_counter() - started
    stderr = process.stderr.decode(errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command[1:4])} failed ({process.returncode}): {stderr[-2000:]}")
    # ru_maxrss is in KiB on Linux.
    return seconds, int(stderr.rsplit("peak-rss-kib=", 1)[1].split()[0]) / 1024


def export_peak_memory(probe):
    """``export_readiness --format csv`` as its own process: wall time and peak RSS (MiB).

    Also the same for ``manage.py help export_readiness`` (Django started, the command
    loaded, nothing exported), so the export's own share can be told from start-up.
    """
    if not export_command_exists():
        return {"available": False}
    startup_seconds, startup_rss = _run_measured([sys.executable, "manage.py", "help", "export_readiness"])
    with tempfile.TemporaryDirectory() as folder:
        output = os.path.join(folder, "export.csv")
        seconds, peak = _run_measured([sys.executable, "manage.py", *_export_arguments(probe, output)])
        size = os.path.getsize(output)
    return {
        "available": True,
        "seconds": seconds,
        "peak_rss_mib": peak,
        "startup_seconds": startup_seconds,
        "startup_rss_mib": startup_rss,
        # The export's own memory: its peak above Django's start-up alone.
        "growth_mib": peak - startup_rss,
        "bytes": size,
    }


# --- queries per page --------------------------------------------------------------------


def minimal_page_path():
    """The plain Wagtail page (bench.models.MinimalPage), or None when the bench app is not installed."""
    from django.apps import apps

    if not apps.is_installed("bench"):
        return None
    page = apps.get_model("bench", "MinimalPage").objects.live().first()
    return page.url if page is not None else None


def wagtail_pages(probe):
    from courses.models import CourseIndexPage

    catalogue = CourseIndexPage.objects.live().first()
    pages = {"beranda": "/"}
    if catalogue is not None:
        pages["katalog"] = catalogue.url
    pages["kursus"] = probe.course.url
    if probe.lesson is not None:
        pages["materi"] = probe.lesson.url
    pages["kuis"] = probe.quiz.url
    minimal = minimal_page_path()
    if minimal:
        pages["halaman polos"] = minimal
    return pages


def _argument_values(namespace, name, argument, probe):
    """The values to request a URL argument with: one, several (each a page), or [] when unknown."""
    if argument == "fmt":
        return ["csv"]
    if argument == "step":
        return [1]
    if namespace == "reports" and argument == "name":
        try:
            tables = import_module("reports.tables").TABLES
        except (ImportError, AttributeError):
            return []
        return sorted(tables)
    value = _argument_value(namespace, name, argument, probe)
    return [] if value is None else [value]


def _argument_value(namespace, name, argument, probe):
    """A value for a URL argument from the probe, or None when the argument is unknown."""
    if argument == "pk":
        by_view = {
            ("quizzes", "attempt"): probe.attempt_in_progress.pk,
            ("quizzes", "save"): probe.attempt_in_progress.pk,
            ("quizzes", "submit"): probe.attempt_in_progress.pk,
            ("quizzes", "attempt_result"): probe.attempt_submitted.pk if probe.attempt_submitted else None,
            ("readiness", "assessment"): probe.assessment.pk if probe.assessment else None,
        }
        return by_view.get((namespace, name))
    if "round" in argument or argument in ("slug",):
        if "compare" in argument or "previous" in argument or "before" in argument:
            return probe.previous_round.slug if probe.previous_round else None
        return probe.latest_round.pk if argument.endswith("_id") else probe.latest_round.slug
    values = {
        "course_id": probe.course.pk,
        "lesson_id": probe.lesson.pk if probe.lesson else None,
        "quiz_id": probe.quiz.pk,
        "user_id": probe.learner.pk,
        "learner_id": probe.learner.pk,
        "cooperative_id": probe.cooperative.pk,
        "koperasi_id": probe.cooperative.pk,
        "nik": probe.cooperative.nik,
        "kecamatan_id": probe.cooperative.kecamatan_id,
        "assessment_id": probe.assessment.pk if probe.assessment else None,
        "attempt_id": probe.attempt_submitted.pk if probe.attempt_submitted else None,
        "framework_id": probe.latest_round.framework_id,
        "code": probe.latest_round.framework.code,
        "framework_code": probe.latest_round.framework.code,
        "jenis": probe.cooperative.jenis,
    }
    return values.get(argument)


def app_pages(probe):
    """Every URL pattern of the learner and report apps, with arguments filled from the probe.

    Returns ({key: path}, {key: reason it was left out}).
    """
    from django.urls import NoReverseMatch, reverse

    pages, skipped = {}, {}
    for namespace in PAGE_NAMESPACES:
        try:
            module = import_module(f"{namespace}.urls")
        except ImportError:
            continue
        for pattern in module.urlpatterns:
            if not isinstance(pattern, URLPattern) or not pattern.name:
                continue
            key = f"{namespace}:{pattern.name}"
            arguments = list(pattern.pattern.regex.groupindex)
            choices = {argument: _argument_values(namespace, pattern.name, argument, probe) for argument in arguments}
            missing = [argument for argument, values in choices.items() if not values]
            if missing:
                skipped[key] = f"argumen tidak dikenal: {', '.join(missing)}"
                continue
            for combination in itertools.product(*choices.values()):
                kwargs = dict(zip(choices, combination, strict=True))
                several = {a: v for a, v in kwargs.items() if len(choices[a]) > 1}
                label = key + ("(" + ",".join(str(v) for v in several.values()) + ")" if several else "")
                try:
                    pages[label] = reverse(key, kwargs=kwargs)
                except NoReverseMatch:
                    skipped[label] = "tidak bisa dibentuk"
    return pages, skipped


def optional_reverse(name, *args):
    """The path of a named URL, or None when that app does not define it (yet)."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def roles(probe):
    return {"anonim": None, "staf": probe.learner, "pengurus": probe.pengurus, "analis": probe.analyst}


def count_queries(probe):
    """For every page and role that gets a 200: the number of queries of the second request."""
    pages = dict(wagtail_pages(probe))
    found, skipped = app_pages(probe)
    pages.update(found)
    clients = {role: client_for(user) for role, user in roles(probe).items()}
    results = {}
    for key, path in pages.items():
        for role, client in clients.items():
            response = client.get(path)
            _consume(response)
            if response.status_code != 200:
                continue
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
                _consume(response)
            if response.status_code == 200:
                results[f"{key} [{role}]"] = {"path": path, "queries": len(captured.captured_queries)}
    return {"pages": results, "skipped": skipped}


def settings_summary():
    database = settings.DATABASES["default"]
    return {"vendor": connection.vendor, "name": str(database["NAME"])}

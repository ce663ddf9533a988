"""``python -m bench``: generate, measure at two scales, load-test, print a table, write JSON.

Exit status: 0 when the benchmark ran (missed targets are reported, not fatal, unless
``--strict``), non-zero when it crashed.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time

from .database import PROJECT_DIR, RESULTS_DIR

KB = 1000


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--small", type=int, default=300, help="cooperatives at the small scale (default 300)")
    parser.add_argument("--large", type=int, default=3000, help="cooperatives at the large scale (default 3000)")
    parser.add_argument("--staff", type=int, default=3, help="accounts per cooperative, the first is pengurus")
    parser.add_argument("--rounds", type=int, default=3, help="evaluation rounds, every cooperative assessed")
    parser.add_argument("--courses", type=int, default=6, help="courses, each with lessons and a graded quiz")
    parser.add_argument("--lessons", type=int, default=5, help="lessons per course")
    parser.add_argument("--attempts", type=int, default=1, help="graded quiz attempts per learner")
    parser.add_argument("--repeat", type=int, default=5, help="timed repetitions (median) per measurement")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per load scenario")
    parser.add_argument("--concurrency", type=int, default=50, help="concurrent virtual learners")
    parser.add_argument("--max-requests", type=int, default=50_000, help="request budget per load scenario")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default 2 × cores + 1)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (gthread)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--clone",
        type=int,
        default=0,
        help="grow the large scale to this many cooperatives by cloning the generated ones in SQL "
        "(with their results; no users or answers)",
    )
    args = parser.parse_args(argv)
    if not 0 < args.small < args.large:
        parser.error("need 0 < --small < --large")
    if args.staff < 2:
        parser.error("--staff must be at least 2 (a pengurus and a staf)")
    if args.clone and args.clone <= args.large:
        parser.error("--clone must be more than --large")
    if args.rounds < 1 or args.courses < 1 or args.lessons < 1:
        parser.error("--rounds, --courses and --lessons must be at least 1")
    return args


def _git_commit():
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_DIR, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def _analyze():
    """Fresh planner statistics after the bulk load, as autovacuum would give a live database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure_scale(label, cooperatives, args, probe_holder, out, clone_to=0):
    from . import clone, generate, measure

    out.write(f"== {label}: {cooperatives} koperasi\n")
    started = time.perf_counter()
    counts = generate.grow(
        generate.Scale(
            cooperatives=cooperatives,
            staff=args.staff,
            rounds=args.rounds,
            courses=args.courses,
            lessons=args.lessons,
            attempts=args.attempts,
        ),
        stdout=out,
    )
    generate_seconds = time.perf_counter() - started
    clone_seconds = None
    if clone_to:
        started = time.perf_counter()
        clone.clone(clone_to, stdout=out)
        clone_seconds = time.perf_counter() - started
        counts = generate.counts()
        cooperatives = clone_to
    _analyze()
    out.write(f"  generated in {generate_seconds:.1f} s: {counts}\n")
    if clone_seconds is not None:
        out.write(f"  cloned to {clone_to} in {clone_seconds:.1f} s (aggregates rebuilt)\n")
    if "probe" not in probe_holder:
        probe_holder["probe"] = measure.make_probe()
    probe = probe_holder["probe"]
    result = {"cooperatives": cooperatives, "counts": counts, "generate_s": generate_seconds, "clone_s": clone_seconds}
    steps = (
        ("dashboard", lambda: measure.measure_dashboard(probe, args.repeat)),
        ("export", lambda: measure.measure_export(probe, args.repeat)),
        ("export_process", lambda: measure.export_peak_memory(probe)),
        ("queries", lambda: measure.count_queries(probe)),
    )
    for key, step in steps:
        started = time.perf_counter()
        result[key] = step()
        out.write(f"  {key}: {time.perf_counter() - started:.1f} s\n")
        out.flush()
    return result


def _page_scenarios(probe):
    """(name, path, logged in as the learner) of the page scenarios, in the order they run."""
    from . import measure

    pages = measure.wagtail_pages(probe)
    scenarios = [("minimal", measure.minimal_page_path(), True)]
    if probe.lesson is not None:
        scenarios.append(("lesson", probe.lesson.url, True))
    if "katalog" in pages:
        scenarios.append(("catalogue", pages["katalog"], True))
    scenarios.append(("quiz", pages["kuis"], True))
    if "katalog" in pages:
        scenarios.append(("catalogue_anonymous", pages["katalog"], False))
    scenarios.append(("course_anonymous", pages["kursus"], False))
    return [scenario for scenario in scenarios if scenario[1]]


def _add_up(runs):
    """One figure from the interleaved runs of a scenario: all requests over all seconds."""
    total = dict(runs[0])
    for key in ("seconds", "requests", "errors", "generator_cpu_s"):
        total[key] = sum(run[key] for run in runs)
    total["requests_per_s"] = total["requests"] / total["seconds"] if total["seconds"] else 0.0
    total["runs_requests_per_s"] = [run["requests_per_s"] for run in runs]
    total["generator_cpu_ms_per_request"] = (
        1000 * total["generator_cpu_s"] / total["requests"] if total["requests"] else None
    )
    total["error_samples"] = [sample for run in runs for sample in run["error_samples"]][:5]
    return total


def measure_throughput(probe, args, out):
    """Pages under gunicorn with the same generator: the bare view, the plain Wagtail page,
    the learner's lesson, catalogue and quiz pages, the anonymous catalogue and course,
    the dashboard and the quiz flow. The page scenarios run interleaved twice (bare,
    minimal, lesson, …, then again), so a change in the machine's load falls on all."""
    from django.contrib.auth import get_user_model

    from quizzes.models import Attempt

    from . import load, measure, setup

    setup.collect_static()
    User = get_user_model()
    learners = list(
        User.objects.filter(cooperative_role=User.ROLE_STAF)
        .exclude(pk=probe.learner.pk)
        .order_by("pk")[: args.concurrency]
    )
    concurrency = len(learners)
    learner_sessions = [load.session_cookie(user) for user in learners]
    analyst_sessions = [load.session_cookie(probe.analyst) for _ in learners]
    quiz = probe.quiz.specific if hasattr(probe.quiz, "specific") else probe.quiz
    form = load.answer_form(quiz)
    before = set(Attempt.objects.filter(quiz=quiz, user__in=learners).values_list("pk", flat=True))
    dashboard_path = measure.dashboard_path()
    start_path = measure.optional_reverse("quizzes:start", quiz.pk)
    scenarios = [("bare", "/bench/bare/", False), *_page_scenarios(probe)]
    workers = args.workers or load.default_workers()
    # Each page scenario runs twice (interleaved) for half the duration; the others once.
    bound = {"duration": args.duration / 2, "max_requests": args.max_requests}
    full = {"duration": args.duration, "max_requests": args.max_requests}
    results = {"workers": workers, "threads": args.threads, "concurrency": concurrency}
    out.write(f"== throughput: gunicorn {workers} workers × {args.threads} threads, {concurrency} concurrent\n")
    out.flush()
    with load.Gunicorn(workers=workers, threads=args.threads) as server:
        port = server.port

        def users(logged_in):
            return [
                load.HttpUser(port, cookies) for cookies in (learner_sessions if logged_in else [None] * concurrency)
            ]

        # Warm every worker up (imports, caches, connections) before anything is timed.
        warm = {"duration": min(2.0, args.duration), "max_requests": args.max_requests}
        for _name, path, logged_in in scenarios:
            load.run(load.get_scenario(path), users(logged_in), **warm)
        runs = {name: [] for name, _path, _logged_in in scenarios}
        for _round in range(2):
            for name, path, logged_in in scenarios:
                runs[name].append(load.run(load.get_scenario(path), users(logged_in), **bound))
        for name, path, _logged_in in scenarios:
            results[name] = _add_up(runs[name])
            results[name]["path"] = path
            results[name].pop("_lists", None)
            out.write(
                f"  {name}: {results[name]['requests_per_s']:.1f} req/s "
                f"(generator {results[name]['generator_cpu_ms_per_request'] or 0:.2f} ms CPU/request)\n"
            )
        results["media"] = media_headers(port, probe)
        if dashboard_path:
            load.run(load.get_scenario(dashboard_path), [load.HttpUser(port, c) for c in analyst_sessions], **warm)
            results["dashboard"] = load.run(
                load.get_scenario(dashboard_path), [load.HttpUser(port, c) for c in analyst_sessions], **full
            )
            results["dashboard"]["path"] = dashboard_path
            out.write(f"  dashboard: {results['dashboard']['requests_per_s']:.1f} req/s\n")
        if start_path:
            submit = load.run(load.quiz_submit_scenario(quiz.url, start_path, form), users(True), **full)
            lists = submit.pop("_lists")
            submit.update(
                load.verify_submissions(quiz, learners, lists.get("started", []), lists.get("submitted", []), before)
            )
            submit["submits_per_s"] = submit["confirmed_submissions"] / submit["seconds"] if submit["seconds"] else 0
            results["quiz_submit"] = submit
            out.write(f"  quiz submit: {submit['submits_per_s']:.1f} submits/s\n")
    for value in results.values():
        if isinstance(value, dict):
            value.pop("_lists", None)
    bare = results["bare"]["requests_per_s"] or 1.0
    minimal = (results.get("minimal") or {}).get("requests_per_s") or None
    for key, value in results.items():
        if isinstance(value, dict) and "requests_per_s" in value and key != "bare":
            value["ratio_to_bare"] = value["requests_per_s"] / bare
            if minimal and key in LEARNER_PAGES:
                value["ratio_to_minimal"] = value["requests_per_s"] / minimal
    return results


LEARNER_PAGES = ("lesson", "catalogue", "quiz")


def media_headers(port, probe):
    """The answer to a rendition of a course cover under ``/media/``: status and cache headers."""
    import http.client

    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(pk=probe.course.cover_image_id).first()
    if image is None:
        return {"available": False}
    rendition = image.get_rendition("format-webp|width-480")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", rendition.url, headers={"Host": f"127.0.0.1:{port}"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return {
        "available": True,
        "path": rendition.url,
        "status": response.status,
        "cache_control": response.getheader("Cache-Control"),
        "content_type": response.getheader("Content-Type"),
    }


# --- targets ---------------------------------------------------------------------------


def _check(name, value, target, ok, small=None, unit=""):
    return {"name": name, "small": small, "large": value, "target": target, "ok": ok, "unit": unit}


def evaluate(report):
    small, large = report["scales"]["small"], report["scales"]["large"]
    checks = []
    dash_s, dash_l = small["dashboard"], large["dashboard"]
    if dash_l.get("available"):
        checks.append(
            _check("dashboard time (s)", dash_l["seconds"], "< 0.5 s", dash_l["seconds"] < 0.5, dash_s.get("seconds"))
        )
        checks.append(
            _check(
                "dashboard ÷ SQL floor (round shown)",
                dash_l["ratio"],
                "≤ 3×",
                dash_l["ratio"] <= 3.0,
                dash_s.get("ratio"),
            )
        )
    else:
        checks.append(_check("dashboard /laporan/", None, "< 1 s, ≤ 3× floor", None))
    checks.append(_check("dashboard SQL floor (s)", dash_l["floor_s"], "", True, dash_s["floor_s"]))
    exp_s, exp_l = small["export"], large["export"]
    proc_s, proc_l = small["export_process"], large["export_process"]
    if exp_l.get("available"):
        checks.append(_check("export csv in-process (s)", exp_l["seconds"], "", True, exp_s["seconds"]))
        checks.append(_check("export ÷ SQL floor", exp_l["ratio"], "(reported)", True, exp_s["ratio"]))
        checks.append(
            _check(
                "export_readiness csv, process (s)",
                proc_l["seconds"],
                "< 10 s",
                proc_l["seconds"] < 10.0,
                proc_s["seconds"],
            )
        )
        checks.append(
            _check(
                "  of which Django start-up (s)",
                proc_l["startup_seconds"],
                "(reported)",
                True,
                proc_s["startup_seconds"],
            )
        )
        checks.append(
            _check(
                "export memory above start-up (MiB)",
                proc_l["growth_mib"],
                "(reported)",
                True,
                proc_s["growth_mib"],
            )
        )
        growth = proc_l["peak_rss_mib"] / proc_s["peak_rss_mib"]
        checks.append(
            _check(
                "export peak memory (MiB)",
                proc_l["peak_rss_mib"],
                "≤ 1.5× small",
                growth <= 1.5,
                proc_s["peak_rss_mib"],
            )
        )
    else:
        checks.append(_check("export_readiness", None, "< 10 s, memory ≤ 1.5×", None))
    checks.append(_check("export SQL floor (s)", exp_l["floor_s"], "", True, exp_s["floor_s"]))
    pages_s, pages_l = small["queries"]["pages"], large["queries"]["pages"]
    for key in sorted(set(pages_s) | set(pages_l)):
        q_s = pages_s.get(key, {}).get("queries")
        q_l = pages_l.get(key, {}).get("queries")
        checks.append(_check(f"queries {key}", q_l, "equal at both scales", q_s is not None and q_s == q_l, q_s))
    load = report.get("throughput") or {}
    if load:

        def rate(key):
            return (
                f"{load[key]['requests_per_s']:.1f} req/s, gen {load[key]['generator_cpu_ms_per_request'] or 0:.2f} ms"
            )

        checks.append(
            _check(f"bare view ({rate('bare')})", load["bare"]["requests_per_s"], "", load["bare"]["errors"] == 0)
        )
        if "minimal" in load:
            checks.append(
                _check(
                    f"plain Wagtail page ({rate('minimal')})",
                    load["minimal"]["ratio_to_bare"],
                    "÷ bare (reported)",
                    True,
                )
            )
        for key, label in (("lesson", "lesson"), ("catalogue", "catalogue"), ("quiz", "quiz page")):
            if key not in load or "ratio_to_minimal" not in load[key]:
                checks.append(_check(f"{label} ÷ plain Wagtail page", None, "≥ 1.3×", None))
                continue
            ratio = load[key]["ratio_to_minimal"]
            checks.append(_check(f"{label} ({rate(key)}) ÷ plain page", ratio, "≥ 1.3×", ratio >= 1.3))
        for key, label in (("catalogue_anonymous", "anon catalogue"), ("course_anonymous", "anon course")):
            if key not in load:
                checks.append(_check(f"{label} ÷ bare", None, "≥ 50 %", None))
                continue
            ratio = load[key]["ratio_to_bare"]
            checks.append(_check(f"{label} ({rate(key)}) ÷ bare", ratio, "≥ 50 %", ratio >= 0.5))
        if "dashboard" in load:
            checks.append(
                _check(
                    f"dashboard ÷ bare ({load['dashboard']['requests_per_s']:.1f} req/s)",
                    load["dashboard"]["ratio_to_bare"],
                    "(reported)",
                    True,
                )
            )
        media = load.get("media") or {}
        if media.get("available"):
            long_lived = "max-age=31536000" in (media.get("cache_control") or "")
            checks.append(
                _check(
                    f"/media/ rendition: {media.get('cache_control')}"[:60],
                    media["status"],
                    "long-lived cache",
                    media["status"] == 200 and long_lived,
                )
            )
        if "quiz_submit" in load:
            submit = load["quiz_submit"]
            checks.append(
                _check(
                    f"quiz flow ÷ bare ({submit['submits_per_s']:.1f} submits/s)",
                    submit["ratio_to_bare"],
                    "(reported)",
                    True,
                )
            )
            checks.append(_check("lost submissions", submit["lost_submissions"], "0", submit["lost_submissions"] == 0))
            checks.append(
                _check("unexpected attempts", submit["unexpected_attempts"], "0", submit["unexpected_attempts"] == 0)
            )
        else:
            checks.append(_check("quiz submit", None, "0 lost", None))
        errors = sum(value["errors"] for value in load.values() if isinstance(value, dict) and "errors" in value)
        checks.append(_check("HTTP errors under load", errors, "0", errors == 0))
    for name, weight in (report.get("transfer") or {}).items():
        if "first_visit_gzip" not in weight:
            checks.append(_check(f"transfer {name}", None, f"status {weight.get('status')}", False))
            continue
        first, repeat = weight["first_visit_gzip"] / KB, weight["repeat_visit_gzip"] / KB
        if weight["learner_page"]:
            checks.append(_check(f"transfer {name} first (KB gz)", first, "≤ 60 KB", first <= 60))
            checks.append(_check(f"transfer {name} repeat (KB gz)", repeat, "≤ 15 KB", repeat <= 15))
            covers = weight.get("covers") or {}
            if covers.get("covers"):
                # First visit with the covers a phone loads before scrolling, and with all of a
                # full page (12 courses) as if scrolled through.
                eager = first + covers["eager_bytes"] / KB
                full = first + covers["per_page_bytes"] / KB
                checks.append(
                    _check(
                        f"transfer {name} first + covers ({covers['eager']} eager)",
                        eager,
                        f"≤ 60 KB (12 covers: {full:.1f})",
                        eager <= 60,
                    )
                )
        else:
            checks.append(
                _check(f"transfer {name} first/repeat (KB gz)", first, f"(reported; repeat {repeat:.1f})", True)
            )
    offline = report.get("offline") or {}
    if "worker" in offline:
        first, repeat = offline["worker"]["first_visit_gzip"] / KB, offline["worker"]["repeat_visit_gzip"] / KB
        checks.append(_check("service worker + manifest, first (KB gz)", first, "≤ 5 KB", first <= 5))
        checks.append(_check("service worker + manifest, repeat (KB)", repeat, "0 (304)", repeat == 0))
    courses = offline.get("courses") or {}
    if courses:
        sizes = sorted(course["download_bytes"] / KB for course in courses.values())
        estimates = sorted(course["estimated_bytes"] / KB for course in courses.values())
        checks.append(
            _check(
                f"saved course download, median of {len(sizes)} (KB)",
                sizes[len(sizes) // 2],
                f"(reported; max {sizes[-1]:.1f}, card says ± {estimates[len(estimates) // 2]:.0f})",
                True,
            )
        )
    return checks


def _format(value):
    if value is None:
        return "n/a (belum ada)"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def print_table(report, out):
    small, large = report["scales"]["small"], report["scales"]["large"]
    out.write(
        f"\nBenchmark Koperasi Siap Digital · {report['database']['vendor']} · "
        f"{small['cooperatives']} / {large['cooperatives']} koperasi × {report['args']['rounds']} putaran · "
        f"{report['machine']['cores']} cores\n"
    )
    header = f"{'measure':60} {'small':>16} {'large':>16}  {'target':22} result"
    out.write(header + "\n" + "-" * len(header) + "\n")
    for check in report["checks"]:
        result = "n/a (belum ada)" if check["ok"] is None else ("pass" if check["ok"] else "FAIL")
        small_value = "" if check["small"] is None and check["ok"] is not None else _format(check["small"])
        if check["ok"] is None:
            small_value = ""
        out.write(
            f"{check['name'][:60]:60} {small_value:>16} {_format(check['large']) if check['ok'] is not None else '':>16}  "
            f"{check['target'][:22]:22} {result}\n"
        )
    out.write(
        "Transfer sizes: HTML gzip -9 as the reverse proxy would compress it (gunicorn sends it "
        "uncompressed); static files as whitenoise precompresses them. Throughput: one Python load "
        "generator on the same cores for every scenario; 'gen' is its own CPU per request.\n"
    )
    skipped = large["queries"].get("skipped") or {}
    for key, reason in sorted(skipped.items()):
        out.write(f"  (not measured: {key}: {reason})\n")
    missed = [c["name"] for c in report["checks"] if c["ok"] is False]
    out.write(f"\n{len(missed)} target(s) missed" + (": " + "; ".join(missed) if missed else "") + "\n")


def write_json(report):
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = report["started_at"].replace(":", "").replace("-", "")[:15]
    text = json.dumps(report, indent=2, ensure_ascii=False, default=str)
    path = RESULTS_DIR / f"{stamp}.json"
    path.write_text(text, encoding="utf-8")
    (RESULTS_DIR / "latest.json").write_text(text, encoding="utf-8")
    return path


def main(argv=None, out=None):
    out = out or sys.stdout
    args = parse_args(argv)
    from . import setup

    started_at = datetime.datetime.now().isoformat(timespec="seconds")
    out.write("== database\n")
    url, from_template = setup.configure()
    setup.migrate_and_collect(url, from_template, out)

    from . import measure

    report = {
        "started_at": started_at,
        "commit": _git_commit(),
        "args": vars(args),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "database": measure.settings_summary(),
        "scales": {},
    }
    probe_holder = {}
    for label, cooperatives in (("small", args.small), ("large", args.large)):
        clone_to = args.clone if label == "large" else 0
        report["scales"][label] = measure_scale(label, cooperatives, args, probe_holder, out, clone_to)
    probe = probe_holder["probe"]
    report["throughput"] = measure_throughput(probe, args, out)
    from .transfer import measure_offline, measure_transfer

    setup.collect_static()
    report["transfer"] = measure_transfer(probe, measure.dashboard_path())
    report["offline"] = measure_offline(probe)
    report["checks"] = evaluate(report)
    report["finished_at"] = datetime.datetime.now().isoformat(timespec="seconds")
    print_table(report, out)
    path = write_json(report)
    out.write(f"Results: {path} (and latest.json beside it)\n")
    out.flush()
    if args.strict and any(check["ok"] is False for check in report["checks"]):
        return 1
    return 0

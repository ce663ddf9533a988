"""``python -m bench`` runs end to end on a tiny scale (so CI keeps the benchmark working).

It runs as its own process, as ``make bench`` does: the benchmark sets up Django on its
own settings and database (SQLite in a temporary folder here), starts gunicorn and
loads it. Missed performance targets do not fail this test; crashes and lost quiz
submissions do.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import baseline

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.bench_run
def test_bench_runs_on_a_tiny_scale(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["BENCH_RESULTS_DIR"] = str(tmp_path)
    # The suite's own migrated database (made by the first test of this process) saves the bench
    # from migrating again on a fresh clone.
    migrated = baseline.CACHE_DIR / f"sqlite-{baseline.migrations_hash()}.sqlite3"
    if migrated.exists():
        env["BENCH_SQLITE_TEMPLATE"] = str(migrated)
    arguments = ["--small", "3", "--large", "6", "--duration", "1", "--concurrency", "4", "--repeat", "1"]
    arguments += ["--courses", "2", "--lessons", "2", "--workers", "2", "--threads", "2"]

    finished = subprocess.run(
        [sys.executable, "-m", "bench", *arguments],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    assert "target(s) missed" in finished.stdout
    report = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    assert report["database"]["vendor"] == "sqlite"
    assert report["scales"]["small"]["counts"]["cooperatives"] == 3
    assert report["scales"]["large"]["counts"]["cooperatives"] == 6
    # The learner pages were all requested at both scales.
    pages = report["scales"]["large"]["queries"]["pages"]
    for page in ("beranda [staf]", "kursus [staf]", "materi [staf]", "kuis [staf]"):
        assert pages[page]["queries"] > 0
    assert set(report["scales"]["small"]["queries"]["pages"]) == set(pages)
    throughput = report["throughput"]
    assert throughput["bare"]["requests"] > 0
    assert throughput["lesson"]["requests"] > 0
    submit = throughput["quiz_submit"]
    assert submit["confirmed_submissions"] > 0
    assert submit["lost_submissions"] == 0
    assert submit["unexpected_attempts"] == 0
    transfer = report["transfer"]
    assert transfer["materi"]["first_visit_gzip"] >= transfer["materi"]["repeat_visit_gzip"] > 0
    assert {check["name"] for check in report["checks"]} >= {"HTTP errors under load", "lost submissions"}

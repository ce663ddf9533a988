"""Re-measure single parts of the benchmark on the bench database as it is (no regeneration).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/koperasi .venv/bin/python -m bench.parts export
    ... -m bench.parts dashboard        # /laporan/ against its SQL floor (the round shown)
    ... -m bench.parts queries          # the page survey (queries per page) at the current scale
    ... -m bench.parts throughput       # gunicorn load: bare, lesson, dashboard, quiz flow

``python -m bench`` drops and regenerates its database; after a long run at 30,000
cooperatives this re-runs one measurement against the data already there, with the same
code the full run uses (bench.measure, bench.runner). Prints JSON.
"""

import argparse
import json
import os
import sys


def _setup():
    from .database import bench_database_url

    os.environ["BENCH_DATABASE_URL"] = bench_database_url(os.environ.get("DATABASE_URL", ""))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.parts", description=__doc__)
    parser.add_argument("part", choices=["dashboard", "export", "queries", "throughput"])
    parser.add_argument("--repeat", type=int, default=5, help="timed repetitions (median) for export")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per load scenario")
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args(argv)
    _setup()
    from . import measure, runner

    probe = measure.make_probe()
    if args.part == "dashboard":
        result = measure.measure_dashboard(probe, args.repeat)
    elif args.part == "export":
        result = {
            "in_process": measure.measure_export(probe, args.repeat),
            "process": measure.export_peak_memory(probe),
        }
    elif args.part == "queries":
        result = measure.count_queries(probe)
    else:
        from . import setup

        setup.collect_static()
        load_args = runner.parse_args(
            ["--large", "2", "--small", "1", "--duration", str(args.duration), "--concurrency", str(args.concurrency)]
        )
        result = runner.measure_throughput(probe, load_args, sys.stderr)
    result["load_average"] = os.getloadavg()
    sys.stdout.write(json.dumps(result, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

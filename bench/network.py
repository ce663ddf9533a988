"""The business network at province scale: generate, then measure the report and ``export_network``.

    .venv/bin/python -m bench.network                                  # SQLite, tiny: 300/3,000 cooperatives
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/koperasi \\
      .venv/bin/python -m bench.network --small 3000 --large 30000 --agreements 2000 --large-agreements 20000

It uses the benchmark's own database (recreated, as ``python -m bench`` does), grows it
from the small scale to the large one (the small data set is a prefix of the large) and
measures at both: queries per network page as an analyst (must be equal), the report
page and ``export_network --format json`` in process as a ratio to one hand-written SQL
aggregate of the same figures, and ``export_network`` as its own process (wall time,
peak memory; the large run should stay within 1.5× of the small one).

Generated per scale: cooperatives (with a readiness result in one round for half of
them), partners in every province, one temu usaha with ``agreements`` agreements (two
commitments each) and two evaluation events that follow it, where about 80 % and 70 %
of the agreements are followed up with commitment results.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import tempfile
import time

PROVINCES = [
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Jambi", "Sumatera Selatan", "Bengkulu", "Lampung",
    "Kepulauan Bangka Belitung", "Kepulauan Riau", "DKI Jakarta", "Jawa Barat", "Jawa Tengah", "DI Yogyakarta",
    "Jawa Timur", "Banten", "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Barat",
    "Kalimantan Tengah", "Kalimantan Selatan", "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara",
    "Sulawesi Tengah", "Sulawesi Selatan", "Sulawesi Tenggara", "Gorontalo", "Sulawesi Barat", "Maluku",
    "Maluku Utara", "Papua Barat", "Papua",
]  # fmt: skip
FIELDS = ["pemasaran", "pasokan", "permodalan", "pelatihan", "teknologi", "lainnya"]
STATUSES = ["berjalan", "selesai", "belum_berjalan", "batal"]
OBSTACLES = ["modal", "logistik", "kualitas", "harga", "komunikasi", "perizinan", "digital", "lainnya"]
EVENT_SLUG = "bench-temu-usaha"
EVALUATION_SLUGS = ("bench-evaluasi-1", "bench-evaluasi-2")
NIK_PREFIX = "3599"


# --- generating ---------------------------------------------------------------------------


def _cooperatives(count, rng):
    from bench.generate import ensure_kecamatan, insert_rows
    from cooperatives.models import Cooperative, Kecamatan

    ensure_kecamatan()
    kecamatan = list(Kecamatan.objects.values_list("pk", flat=True))
    have = Cooperative.objects.filter(nik__startswith=NIK_PREFIX).count()
    now = datetime.datetime.now(datetime.UTC)
    rows = [
        (f"{NIK_PREFIX}{index:012d}", f"Koperasi Jejaring {index}", "konsumen", kecamatan[index % len(kecamatan)], "",
         0, "", "", "", True, f"N{index:09d}"[:16], now, now)
        for index in range(have, count)
    ]  # fmt: skip
    fields = ["nik", "nama", "jenis", "kecamatan", "desa", "jumlah_anggota", "alamat", "telepon", "email",
              "is_active", "join_code", "created_at", "updated_at"]  # fmt: skip
    insert_rows(Cooperative, fields, rows)
    return list(Cooperative.objects.filter(nik__startswith=NIK_PREFIX).order_by("nik").values_list("pk", flat=True))


def _readiness(cooperative_ids, rng):
    """Half the cooperatives have a result in one round (for the readiness association)."""
    from bench.generate import insert_rows
    from readiness.models import Assessment, EvaluationRound
    from readiness.services import ensure_default_framework

    framework = ensure_default_framework()
    evaluation_round, _created = EvaluationRound.objects.get_or_create(
        slug="bench-jejaring-putaran", defaults={"name": "Putaran jejaring", "framework": framework}
    )
    done = set(Assessment.objects.filter(round=evaluation_round).values_list("cooperative_id", flat=True))
    now = datetime.datetime.now(datetime.UTC)
    rows = []
    for pk in cooperative_ids[::2]:
        if pk in done:
            continue
        overall = rng.uniform(5, 95)
        rows.append(
            (evaluation_round.pk, pk, "submitted", "import", overall, min(int(overall // 20), 4), overall, "", now, now)
        )
    fields = [
        "round",
        "cooperative",
        "status",
        "source",
        "overall",
        "level",
        "self_overall",
        "verification_note",
        "created_at",
        "updated_at",
    ]
    insert_rows(Assessment, fields, rows)


def grow(*, cooperatives, agreements, seed=2018, stdout=None):
    """Bring the network data up to ``cooperatives`` and ``agreements`` (adding only what is missing)."""
    from django.db import transaction

    from bench.generate import insert_rows
    from network.models import Agreement, Commitment, CommitmentFollowUp, Event, FollowUp, Partner

    rng = random.Random(seed)
    with transaction.atomic():
        cooperative_ids = _cooperatives(cooperatives, rng)
        _readiness(cooperative_ids, rng)
        event, _created = Event.objects.get_or_create(
            slug=EVENT_SLUG,
            defaults={"name": "Temu usaha provinsi", "kind": "temu_usaha", "starts_on": datetime.date(2025, 5, 1)},
        )
        evaluations = []
        for number, slug in enumerate(EVALUATION_SLUGS, start=1):
            evaluation, _created = Event.objects.get_or_create(
                slug=slug,
                defaults={"name": f"Evaluasi {number}", "kind": "evaluasi", "follows": event,
                          "starts_on": datetime.date(2025, 6 + 3 * number, 1)},
            )  # fmt: skip
            evaluations.append(evaluation)
        partner_count = max(len(PROVINCES), agreements // 10)
        have = Partner.objects.filter(code__startswith="BM-").count()
        now = datetime.datetime.now(datetime.UTC)
        insert_rows(
            Partner,
            ["code", "name", "jenis", "provinsi", "kabupaten", "contact", "phone", "created_at"],
            [(f"BM-{i:06d}", f"Mitra {i}", "umkm", PROVINCES[i % len(PROVINCES)], "", "", "", now)
             for i in range(have, partner_count)],
        )  # fmt: skip
        partners = list(Partner.objects.filter(code__startswith="BM-").order_by("code").values_list("pk", flat=True))
        have = Agreement.objects.filter(event=event).count()
        start = have
        insert_rows(
            Agreement,
            ["code", "event", "cooperative", "partner", "field", "description", "signed_on", "potential_value",
             "created_at"],
            [(f"BKS-{i:07d}", event.pk, cooperative_ids[rng.randrange(len(cooperative_ids))],
              partners[rng.randrange(len(partners))], FIELDS[i % len(FIELDS)], "", None,
              rng.randrange(0, 500) * 1_000_000, now) for i in range(start, agreements)],
        )  # fmt: skip
        new = list(
            Agreement.objects.filter(event=event, code__gte=f"BKS-{start:07d}")
            .order_by("code")
            .values_list("pk", flat=True)
        )
        insert_rows(
            Commitment,
            ["agreement", "position", "party", "description", "due_on"],
            [
                (pk, position, party, "Komitmen", None)
                for pk in new
                for position, party in ((1, "koperasi"), (2, "mitra"))
            ],
        )
        commitments = {}
        for pk, agreement_id in Commitment.objects.filter(agreement_id__in=new).values_list("pk", "agreement_id"):
            commitments.setdefault(agreement_id, []).append(pk)
        for evaluation, share in zip(evaluations, (0.8, 0.7), strict=True):
            chosen = [pk for pk in new if rng.random() < share]
            rows = []
            for pk in chosen:
                status = rng.choice(STATUSES)
                realised = rng.randrange(0, 300) * 1_000_000 if status in ("berjalan", "selesai") else 0
                obstacles = json.dumps(rng.sample(OBSTACLES, rng.randrange(0, 3)))
                rows.append((pk, evaluation.pk, "submitted", "import", status, realised, obstacles, None, "",
                             status, realised, obstacles, None, now, None, None, None, "", now))  # fmt: skip
            insert_rows(
                FollowUp,
                ["agreement", "evaluation", "state", "source", "status", "realised_value", "obstacles", "continues",
                 "note", "self_status", "self_realised_value", "self_obstacles", "self_continues", "submitted_at",
                 "submitted_by", "verified_at", "verified_by", "verification_note", "updated_at"],
                rows,
            )  # fmt: skip
            follow_ups = FollowUp.objects.filter(evaluation=evaluation, agreement_id__in=chosen).values_list(
                "pk", "agreement_id"
            )
            results = []
            for follow_up_id, agreement_id in follow_ups:
                for commitment_id in commitments.get(agreement_id, ()):
                    result = rng.choice(["ya", "sebagian", "tidak"])
                    results.append((follow_up_id, commitment_id, result, result))
            insert_rows(CommitmentFollowUp, ["follow_up", "commitment", "result", "self_result"], results)
    # Fresh planner statistics after the bulk load, as autovacuum would give a live database
    # (without them PostgreSQL plans the 20,000-agreement queries for empty tables: minutes).
    from bench.runner import _analyze

    _analyze()
    if stdout is not None:
        stdout.write(f"  {cooperatives} koperasi, {agreements} kerja sama\n")
    return counts()


def counts():
    from network.models import Agreement, Commitment, CommitmentFollowUp, FollowUp, Partner

    return {
        "partners": Partner.objects.count(),
        "agreements": Agreement.objects.count(),
        "commitments": Commitment.objects.count(),
        "follow_ups": FollowUp.objects.count(),
        "commitment_results": CommitmentFollowUp.objects.count(),
    }


# --- measuring ----------------------------------------------------------------------------------


FLOOR_SQL = """
WITH ranked AS (
  SELECT f.id, f.agreement_id, f.status, f.realised_value,
         ROW_NUMBER() OVER (PARTITION BY f.agreement_id ORDER BY e.starts_on DESC, e.id DESC) AS rn
  FROM network_followup f
  JOIN network_event e ON e.id = f.evaluation_id
  JOIN network_agreement a0 ON a0.id = f.agreement_id
  WHERE a0.event_id = %s AND f.state IN ('submitted', 'verified')
    AND (e.starts_on < %s OR (e.starts_on = %s AND e.id <= %s))
), credit AS (
  SELECT c.follow_up_id,
         SUM(CASE c.result WHEN 'ya' THEN 1.0 WHEN 'sebagian' THEN 0.5 ELSE 0 END) AS credit
  FROM network_commitmentfollowup c GROUP BY c.follow_up_id
), promised AS (
  SELECT agreement_id, COUNT(*) AS n FROM network_commitment GROUP BY agreement_id
)
SELECT a.id, a.potential_value, p.provinsi, a.field, COALESCE(r.status, 'belum_dievaluasi'),
       COALESCE(r.realised_value, 0), COALESCE(cr.credit, 0), COALESCE(pr.n, 0)
FROM network_agreement a
JOIN network_partner p ON p.id = a.partner_id
LEFT JOIN ranked r ON r.agreement_id = a.id AND r.rn = 1
LEFT JOIN credit cr ON cr.follow_up_id = r.id
LEFT JOIN promised pr ON pr.agreement_id = a.id
WHERE a.event_id = %s
"""


def floor_seconds(event, evaluation, repeat):
    """One hand-written SQL query returning every agreement's figures (the floor)."""
    from django.db import connection

    params = [event.pk, evaluation.starts_on, evaluation.starts_on, evaluation.pk, event.pk]

    def run():
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, params)
            return len(cursor.fetchall())

    return median_seconds(run, repeat)


def median_seconds(function, repeat):
    function()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def network_pages(event, evaluation):
    from django.urls import reverse

    query = f"?evaluasi={evaluation.slug}"
    return {
        "report": reverse("network:report", args=[event.slug]) + query,
        "report_compare": reverse("network:report", args=[event.slug]) + query + f"&pembanding={EVALUATION_SLUGS[0]}",
        "export_json": reverse("network:export", args=[event.slug, "json"]) + query,
        "export_csv": reverse("network:export", args=[event.slug, "csv"]) + query,
        "download_koperasi": reverse("network:report_download", args=[event.slug, "koperasi", "csv"]) + query,
        "event_detail": reverse("network:event_detail", args=[event.slug]),
        "evaluation": reverse("network:evaluation_detail", args=[evaluation.slug]),
        "check_in": reverse("network:check_in", args=[evaluation.slug]),
        "index": reverse("network:index"),
    }


def _consume(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def analyst_client():
    from django.test import Client

    from bench.generate import ensure_analyst

    client = Client()
    client.force_login(ensure_analyst())
    return client


def count_queries(client, pages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = {}
    for name, path in pages.items():
        _consume(client.get(path))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
            _consume(response)
        result[name] = {"status": response.status_code, "queries": len(captured.captured_queries)}
    return result


def export_process(event, evaluation):
    """``export_network --format json`` as its own process: wall seconds and peak memory."""
    from bench.measure import _run_measured

    with tempfile.TemporaryDirectory() as folder:
        output = os.path.join(folder, "jejaring.json")
        seconds, peak = _run_measured(
            [sys.executable, "manage.py", "export_network", "--event", event.slug, "--evaluation", evaluation.slug,
             "--output", output]
        )  # fmt: skip
        size = os.path.getsize(output)
    startup, startup_peak = _run_measured([sys.executable, "manage.py", "help", "export_network"])
    return {"seconds": seconds, "peak_rss_mib": peak, "bytes": size, "startup_seconds": startup,
            "startup_rss_mib": startup_peak}  # fmt: skip


def measure(*, repeat=3, with_process=True):
    from network.exports import export_document
    from network.models import Event

    event = Event.objects.get(slug=EVENT_SLUG)
    evaluation = Event.objects.get(slug=EVALUATION_SLUGS[1])
    client = analyst_client()
    pages = network_pages(event, evaluation)
    floor = floor_seconds(event, evaluation, repeat)
    report = median_seconds(lambda: _consume(client.get(pages["report"])), repeat)
    export = median_seconds(lambda: json.dumps(export_document(event, evaluation)), repeat)
    result = {
        "counts": counts(),
        "floor_seconds": floor,
        "report_seconds": report,
        "report_ratio": report / floor if floor else None,
        "export_seconds": export,
        "export_ratio": export / floor if floor else None,
        "queries": count_queries(client, pages),
    }
    if with_process:
        result["export_process"] = export_process(event, evaluation)
    return result


def compare(small, large):
    """Equal queries per page; export peak memory within 1.5× (start-up included)."""
    pages = {name: (small["queries"][name]["queries"], large["queries"][name]["queries"]) for name in small["queries"]}
    verdict = {"queries_equal": all(a == b for a, b in pages.values()), "queries": pages}
    if "export_process" in small and "export_process" in large:
        verdict["memory_ratio"] = large["export_process"]["peak_rss_mib"] / small["export_process"]["peak_rss_mib"]
        verdict["memory_flat"] = verdict["memory_ratio"] <= 1.5
    return verdict


def print_table(report, out):
    small, large = report["small"], report["large"]
    out.write("\nJejaring usaha — benchmark\n")
    out.write(f"{'':34}{'small':>14}{'large':>14}\n")
    for label, key in (("agreements", "agreements"), ("follow-ups", "follow_ups")):
        out.write(f"{label:34}{small['counts'][key]:>14}{large['counts'][key]:>14}\n")
    for label, key in (
        ("SQL floor (s)", "floor_seconds"),
        ("report page (s)", "report_seconds"),
        ("report ÷ floor", "report_ratio"),
        ("export_network in process (s)", "export_seconds"),
        ("export ÷ floor", "export_ratio"),
    ):
        out.write(f"{label:34}{small[key]:>14.3f}{large[key]:>14.3f}\n")
    if "export_process" in small:
        for label, key in (("export process (s)", "seconds"), ("export peak RSS (MiB)", "peak_rss_mib")):
            out.write(f"{label:34}{small['export_process'][key]:>14.1f}{large['export_process'][key]:>14.1f}\n")
    verdict = report["verdict"]
    out.write(f"queries per page equal: {verdict['queries_equal']} {verdict['queries']}\n")
    if "memory_ratio" in verdict:
        out.write(f"export memory large ÷ small: {verdict['memory_ratio']:.2f} (flat: {verdict['memory_flat']})\n")


def main(argv=None, out=None):
    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m bench.network", description=__doc__)
    parser.add_argument("--small", type=int, default=300, help="cooperatives at the small scale")
    parser.add_argument("--large", type=int, default=3000, help="cooperatives at the large scale")
    parser.add_argument("--agreements", type=int, default=200, help="agreements at the small scale")
    parser.add_argument("--large-agreements", type=int, default=2000, help="agreements at the large scale")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from . import setup

    url, from_template = setup.configure()
    setup.migrate_and_collect(url, from_template, out)
    from bench.database import RESULTS_DIR

    report = {"arguments": vars(args), "load_average": os.getloadavg()}
    out.write("small scale …\n")
    grow(cooperatives=args.small, agreements=args.agreements, stdout=out)
    report["small"] = measure(repeat=args.repeat)
    out.write("large scale …\n")
    grow(cooperatives=args.large, agreements=args.large_agreements, stdout=out)
    report["large"] = measure(repeat=args.repeat)
    report["verdict"] = compare(report["small"], report["large"])
    print_table(report, out)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    target = RESULTS_DIR / f"network-{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
    target.write_text(json.dumps(report, indent=2, default=str))
    out.write(f"\n{target}\n")
    return 0 if report["verdict"]["queries_equal"] else 1


if __name__ == "__main__":
    sys.exit(main())

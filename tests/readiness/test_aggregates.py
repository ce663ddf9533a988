"""The per-round result aggregates (readiness.aggregates) against a recomputation.

Runs on whichever database the suite runs on (SQLite by default, PostgreSQL with
DATABASE_URL): both legs of CI.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Avg, Count, F, Q
from django.db.models.deletion import ProtectedError

from cooperatives.importers import import_cooperatives
from cooperatives.models import Cooperative
from readiness import aggregates
from readiness.models import Assessment, DimensionScore, Indicator
from readiness.services import (
    change_round,
    framework_specs,
    replace_answers_from_import,
    verify_assessment,
)
from reports import selectors
from tests.cooperatives.files import write_csv
from tests.factories import make_analyst, make_cooperative, make_kecamatan, make_user

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db


def assert_exact():
    """The stored aggregates equal, row for row and to the nano-point, a recomputation."""
    stored = aggregates.stored()
    recomputed = aggregates.recompute()
    assert stored == recomputed
    return recomputed


def test_aggregates_follow_submit_import_verify_move_and_delete(ikdk):
    paiton, kraksaan = make_kecamatan("Paiton"), make_kecamatan("Kraksaan")
    coops = [
        make_cooperative(jenis=jenis, kecamatan=kecamatan)
        for jenis, kecamatan in (
            ("konsumen", paiton),
            ("konsumen", paiton),
            ("jasa", paiton),
            ("simpan_pinjam", kraksaan),
            ("konsumen", kraksaan),
        )
    ]
    round_a = make_round(ikdk, "2023", closes=None)
    round_b = make_round(ikdk, "2024")
    analyst = make_user(username="analis-agregat")
    indicators = list(Indicator.objects.filter(dimension__framework=ikdk).select_related("dimension"))
    codes = [indicator.code for indicator in indicators]

    # Submitted through the web form: mixed levels, some not applicable.
    answer_all(round_a, coops[0], {code: (n % 5 if n % 7 else None) for n, code in enumerate(codes)})
    answer_all(round_a, coops[1], 3)
    answer_all(round_a, coops[3], {code: (n * 3) % 5 for n, code in enumerate(codes)})
    # A draft is not a result.
    draft = answer_all(round_a, coops[2], 2, submit=False)
    # Everything not applicable: a result without an index.
    answer_all(round_b, coops[4], None)
    first = assert_exact()
    assert sum(values[0] for values in first[0].values()) == 4
    assert not any(key[:2] == (round_a.pk, paiton.pk) and key[2] == "jasa" for key in first[0])

    # Imported (new, and replacing a submitted one), inside one transaction as the importer does.
    specs, _by_code, dimensions = framework_specs(ikdk)
    with transaction.atomic():
        replace_answers_from_import(
            evaluation_round=round_b,
            cooperative=coops[0],
            levels={indicator: 4 for indicator in indicators},
            specs=specs,
            dimensions=dimensions,
        )
        replace_answers_from_import(
            evaluation_round=round_a,
            cooperative=coops[1],
            levels={indicator: 1 for indicator in indicators},
            specs=specs,
            dimensions=dimensions,
        )
    assert_exact()

    # Verified: levels change, so the stored scores and the level do.
    assessment = Assessment.objects.get(round=round_a, cooperative=coops[0])
    before = (assessment.overall, assessment.level)
    verify_assessment(assessment=assessment, user=analyst, levels={indicators[1]: 0, indicators[2]: 4}, note="cek")
    assessment.refresh_from_db()
    assert (assessment.overall, assessment.level) != before
    assert_exact()

    # A round reopened (its closing date moved): nothing to move.
    change_round(evaluation_round=round_a, closes_on=None)
    assert_exact()

    # Cooperatives moved to another kecamatan and jenis, and made inactive.
    coops[0].kecamatan = kraksaan
    coops[0].jenis = "jasa"
    coops[0].save()
    coops[3].is_active = False
    coops[3].save()
    after_moves = assert_exact()
    assert (
        after_moves[0][
            (
                round_a.pk,
                kraksaan.pk,
                "simpan_pinjam",
                Assessment.objects.get(round=round_a, cooperative=coops[3]).level,
            )
        ][1]
        == 1
    )

    # Deleting a cooperative with results is refused and changes nothing.
    with pytest.raises(ProtectedError), transaction.atomic():
        coops[1].delete()
    assert Cooperative.objects.filter(pk=coops[1].pk).exists()
    assert_exact()

    # An assessment deleted (with its scores) leaves the aggregates; a deleted draft never was in them.
    Assessment.objects.get(round=round_a, cooperative=coops[1]).delete()
    draft.delete()
    final = assert_exact()

    # The rebuild command gives the same rows.
    call_command("rebuild_readiness_aggregates", stdout=io.StringIO())
    assert aggregates.stored() == final


def test_registry_counts_follow_cooperatives_created_imported_moved_and_deleted(tmp_path, ikdk):
    paiton, kraksaan = make_kecamatan("Paiton"), make_kecamatan("Kraksaan")
    first = make_cooperative(jenis="konsumen", kecamatan=paiton)
    make_cooperative(jenis="konsumen", kecamatan=paiton)
    dormant = make_cooperative(jenis="jasa", kecamatan=kraksaan, is_active=False)
    assert assert_exact()[2] == {(paiton.pk, "konsumen"): [2]}

    # Imported: two new ones (one in a group of its own) and the first moved to another
    # kecamatan and jenis (bulk writes, no signals).
    path = write_csv(
        tmp_path / "koperasi.csv",
        [
            ["nik", "nama", "jenis", "kecamatan", "desa", "jumlah_anggota"],
            ["3513000000009001", "Koperasi Baru Satu", "simpan_pinjam", "Kraksaan", "", "10"],
            ["3513000000009002", "Koperasi Baru Dua", "konsumen", "Paiton", "", "12"],
            [first.nik, first.nama, "produsen", "Kraksaan", "", "5"],
        ],
    )
    report = import_cooperatives(path)
    assert report.ok, report.error_lines()
    assert (report.created, report.updated) == (2, 1)
    assert assert_exact()[2] == {
        (paiton.pk, "konsumen"): [2],
        (kraksaan.pk, "simpan_pinjam"): [1],
        (kraksaan.pk, "produsen"): [1],
    }

    # Made active and inactive; a save that changes nothing the counts read moves nothing.
    dormant.is_active = True
    dormant.save()
    first.refresh_from_db()
    first.is_active = False
    first.save()
    first.nama = "Koperasi Ganti Nama"
    first.save()
    assert assert_exact()[2] == {
        (paiton.pk, "konsumen"): [2],
        (kraksaan.pk, "simpan_pinjam"): [1],
        (kraksaan.pk, "jasa"): [1],
    }

    # Deleted (a cooperative without results): active leaves its count, inactive never was in it.
    dormant.delete()
    first.delete()
    counted = assert_exact()
    assert counted[2] == {(paiton.pk, "konsumen"): [2], (kraksaan.pk, "simpan_pinjam"): [1]}
    # The dashboard's registered cooperatives are these counts (no results yet).
    evaluation_round = make_round(ikdk, "2025")
    assert selectors.overview(evaluation_round).registered == 3
    assert {row.label: row.registered for row in selectors.by_kecamatan(evaluation_round)} == {
        "Paiton": 2,
        "Kraksaan": 1,
    }
    assert selectors.overview(evaluation_round, selectors.Scope(jenis="simpan_pinjam")).registered == 1

    call_command("rebuild_readiness_aggregates", stdout=io.StringIO())
    assert aggregates.stored() == counted


# --- the dashboard as it was computed before the aggregates ---------------------------------


def old_overview(evaluation_round):
    results = selectors.ALL.results(evaluation_round)
    totals = results.aggregate(assessed=Count("pk"), mean=Avg("overall"))
    registered = selectors.registered_cooperatives(evaluation_round).count()
    return registered, totals["assessed"], totals["mean"]


def old_levels(evaluation_round):
    return {
        row["level"]: row["n"]
        for row in selectors.ALL.results(evaluation_round).values("level").annotate(n=Count("pk")).order_by()
    }


def old_dimensions(evaluation_round):
    return {
        row["dimension__code"]: (row["n"], row["mean"])
        for row in DimensionScore.objects.filter(assessment__in=selectors.ALL.results(evaluation_round))
        .values("dimension__code")
        .annotate(mean=Avg("score"), n=Count("score"))
        .order_by()
    }


def old_groups(evaluation_round, key):
    registered = {
        row[key]: row["n"]
        for row in selectors.registered_cooperatives(evaluation_round).values(key).annotate(n=Count("pk")).order_by()
    }
    assessed = {
        row["group"]: (row["n"], row["mean"])
        for row in selectors.ALL.results(evaluation_round)
        .values(group=F(f"cooperative__{key}"))
        .annotate(n=Count("pk"), mean=Avg("overall"))
        .order_by()
    }
    return {
        group: (registered.get(group, 0), assessed.get(group, (0, None))[0], assessed.get(group, (0, None))[1])
        for group in set(registered) | set(assessed)
    }


def shown(value):
    """A mean as the dashboard shows it: one decimal."""
    return None if value is None else f"{value:.1f}"


def test_dashboard_numbers_are_the_same_as_before_for_the_demo_data(client):
    from cooperatives import demo as cooperatives_demo
    from readiness import demo as readiness_demo

    cooperatives_demo.seed(io.StringIO())
    readiness_demo.seed(io.StringIO())
    # One demo cooperative made inactive: still registered where it has a result.
    Cooperative.objects.filter(pk=Assessment.objects.filter(~Q(status="draft")).values("cooperative_id")[:1]).update(
        is_active=False
    )
    call_command("rebuild_readiness_aggregates", stdout=io.StringIO())
    assert_exact()
    rounds = list(selectors.rounds().filter(assessments__isnull=False).distinct())
    assert len(rounds) == 2
    for evaluation_round in rounds:
        overview = selectors.overview(evaluation_round)
        registered, assessed, mean = old_overview(evaluation_round)
        assert (overview.registered, overview.assessed) == (registered, assessed)
        assert assessed > 10
        assert shown(overview.mean_overall) == shown(mean)
        assert abs(overview.mean_overall - mean) < 1e-9

        levels = {row.level: row.count for row in selectors.level_distribution(evaluation_round) if row.count}
        assert levels == old_levels(evaluation_round)

        before = old_dimensions(evaluation_round)
        for row in selectors.dimension_means(evaluation_round):
            assert (row.count, shown(row.mean)) == (before[row.code][0], shown(before[row.code][1]))

        for key, function in (("kecamatan_id", selectors.by_kecamatan), ("jenis", selectors.by_jenis)):
            old = old_groups(evaluation_round, key)
            new = {
                row.key: (row.registered, row.assessed, shown(row.mean_overall)) for row in function(evaluation_round)
            }
            assert new == {group: (r, a, shown(m)) for group, (r, a, m) in old.items()}

    # The page shows them: the overview's mean of the newest round with results.
    analyst = make_analyst(username="analis-demo")
    client.force_login(analyst)
    response = client.get("/laporan/")
    assert response.status_code == 200
    newest = selectors.default_round()
    assert (
        shown(old_overview(newest)[2]).replace(".", ",") in response.content.decode()
        or shown(old_overview(newest)[2]) in response.content.decode()
    )

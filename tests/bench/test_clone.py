"""``bench --clone``: the data grows in SQL, the aggregates follow, and the dashboard and the
export run the same number of queries at every scale."""

import io
import os
import tempfile

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import clone, generate
from cooperatives.models import Cooperative
from readiness import aggregates
from readiness.models import Assessment, DimensionScore, EvaluationRound
from tests.factories import make_analyst

pytestmark = pytest.mark.django_db

TINY = generate.Scale(cooperatives=4, staff=2, rounds=3, courses=1, lessons=1, attempts=1)


def dashboard_queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/laporan/")
    assert response.status_code == 200
    return len(captured.captured_queries), response


def export_queries(evaluation_round, compare_round):
    with tempfile.TemporaryDirectory() as folder, CaptureQueriesContext(connection) as captured:
        output = os.path.join(folder, "ekspor.csv")
        call_command(
            "export_readiness",
            "--round",
            evaluation_round.slug,
            "--compare",
            compare_round.slug,
            "--format",
            "csv",
            "--output",
            output,
        )
        with open(output, "rb") as stream:
            lines = stream.read().count(b"\r\n")
    return len(captured.captured_queries), lines


def test_clone_grows_results_and_keeps_query_counts(client):
    generate.grow(TINY)
    client.force_login(make_analyst())
    rounds = list(EvaluationRound.objects.order_by("opens_on"))
    client.get("/laporan/")  # warm caches (site, content types)
    small_dashboard, _ = dashboard_queries(client)
    small_export, small_lines = export_queries(rounds[-1], rounds[-2])
    results_before = Assessment.objects.count()

    added = clone.clone(25, stdout=io.StringIO())

    assert added == 21
    assert Cooperative.objects.count() == 25
    assert results_before == 4 * 3
    assert Assessment.objects.count() == 25 * 3
    source = Cooperative.objects.get(nik="3513000000000001")
    copy = Cooperative.objects.get(nik="3513000000000005")  # clone 5 copies generated cooperative 5 mod 4 = 1
    assert (copy.kecamatan_id, copy.jenis) == (source.kecamatan_id, source.jenis)
    for evaluation_round in rounds:
        own = Assessment.objects.get(round=evaluation_round, cooperative=source)
        cloned = Assessment.objects.get(round=evaluation_round, cooperative=copy)
        assert (cloned.status, cloned.overall, cloned.level) == (own.status, own.overall, own.level)
        assert sorted(DimensionScore.objects.filter(assessment=cloned).values_list("dimension_id", "score")) == sorted(
            DimensionScore.objects.filter(assessment=own).values_list("dimension_id", "score")
        )
    assert aggregates.stored() == aggregates.recompute()

    large_dashboard, response = dashboard_queries(client)
    large_export, large_lines = export_queries(rounds[-1], rounds[-2])
    assert large_dashboard == small_dashboard
    assert large_export == small_export
    assert large_lines > small_lines
    results = Assessment.objects.filter(round=rounds[-1]).exclude(status="draft").count()
    assert large_lines == results + 1
    assert f">{results}<" in response.content.decode().replace(".", "") or str(results) in response.content.decode()

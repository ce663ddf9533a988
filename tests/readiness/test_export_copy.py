"""``export_readiness --format csv`` through COPY on PostgreSQL gives the same bytes as the
Python path (selectors.iter_export_table + base.tabular.iter_csv), including quoting,
formula neutralising and Python's rounding of every number."""

import datetime
import io
import os
import random
import tempfile

import pytest
from django.core.management import call_command
from django.db import connection

from base.numbers import round_half_up
from base.tabular import iter_csv
from readiness import export_copy
from readiness.models import Assessment, DimensionScore
from readiness.selectors import export_header, iter_export_table
from tests.factories import make_cooperative, make_kecamatan
from tests.reports.conftest import make_framework, make_round

pytestmark = pytest.mark.django_db

NAMES = [
    "Koperasi, dengan koma",
    'Koperasi "Kutip"',
    "Koperasi\nbaris baru",
    "Koperasi\r\nCRLF",
    "=SUM(A1:A2)",
    "+62 812",
    "-minus",
    "@mention",
    "\tdengan tab",
    "\rdengan CR",
    "",
    " spasi di depan",
    "'sudah berkutip",
    "Ünïcödé · Kecamatan Kraksaan",
    '="a,b"\n',
]
# Exact ties (x.25, x.75 → half to even), doubles just below or above a tie, and friends.
EDGES = [
    0.0,
    0.05,
    0.15,
    0.25,
    0.35,
    0.45,
    0.75,
    2.675,
    56.25,
    56.35,
    62.45,
    99.95,
    100.0,
    33.333333333333336,
    66.66666666666667,
    1e-7,
    12.5,
    87.5,
    0.04999999999999999,
    0.05000000000000001,
]


def python_csv(evaluation_round, compare_round):
    header = export_header(evaluation_round)
    return "".join(iter_csv(header, iter_export_table(evaluation_round, compare_round), bom=False))


def build_rounds():
    rng = random.Random(13)
    framework = make_framework(code="salin", dimensions=("D1", "D2", "D3"))
    older = make_framework(code="salin", version=2, dimensions=("D1", "D3", "D9"))
    round_a = make_round(older, "salin-a", datetime.date(2024, 1, 1))
    round_b = make_round(framework, "salin-b", datetime.date(2025, 1, 1))
    kecamatan = [make_kecamatan("Kraksaan"), make_kecamatan('=Paiton, "Barat"')]
    dims_a = list(older.dimensions.order_by("sort_order"))
    dims_b = list(framework.dimensions.order_by("sort_order"))
    values = EDGES + [-x for x in EDGES] + [rng.uniform(0, 100) for _ in range(120)]
    values += [rng.randint(0, 400) / 4 for _ in range(60)] + [rng.randint(0, 3000) / 30 for _ in range(60)]
    values += [round(rng.uniform(0, 100), 2) for _ in range(60)]
    assessments_a, assessments_b, scores = [], [], []
    for index in range(160):
        nama = NAMES[index % len(NAMES)] + ("" if index < len(NAMES) else f" {index}")
        cooperative = make_cooperative(nama=nama, kecamatan=kecamatan[index % 2], jenis="konsumen")

        def value(offset, _index=index):
            choice = values[(_index * 7 + offset) % len(values)]
            return None if (_index + offset) % 11 == 0 else min(max(choice, 0.0), 100.0)

        status = ["submitted", "verified", "draft"][index % 3] if index % 5 else "verified"
        if index % 4:
            a = Assessment(round=round_a, cooperative=cooperative, status=status, overall=value(1), level=index % 5)
            assessments_a.append((a, [(d, value(2 + n)) for n, d in enumerate(dims_a) if (index + n) % 6]))
        overall = value(5)
        b = Assessment(
            round=round_b,
            cooperative=cooperative,
            status="submitted" if index % 7 else "verified",
            overall=overall,
            level=None if overall is None else index % 5,
        )
        assessments_b.append((b, [(d, value(8 + n)) for n, d in enumerate(dims_b) if (index + n) % 9]))
    for a, _ in assessments_a + assessments_b:
        a.save()
    for a, pairs in assessments_a + assessments_b:
        scores += [DimensionScore(assessment=a, dimension=d, score=s) for d, s in pairs]
    DimensionScore.objects.bulk_create(scores)
    return round_a, round_b


def test_copy_export_is_byte_identical_to_the_python_path():
    round_a, round_b = build_rounds()
    expected_compare = python_csv(round_b, round_a)
    expected_alone = python_csv(round_b, None)
    assert expected_compare.count("\r\n") > 100
    assert "'=SUM(A1:A2)" in expected_compare and "-0.0" in expected_compare
    with tempfile.TemporaryDirectory() as folder:
        output = os.path.join(folder, "ekspor.csv")
        call_command(
            "export_readiness",
            "--round",
            round_b.slug,
            "--compare",
            round_a.slug,
            "--format",
            "csv",
            "--output",
            output,
        )
        with open(output, "rb") as stream:
            written = stream.read()
    assert written == expected_compare.encode("utf-8")
    if connection.vendor == "postgresql":
        assert export_copy.available()
        assert "".join(export_copy.iter_csv_copy(round_b, round_a)) == expected_compare
        assert "".join(export_copy.iter_csv_copy(round_b, None)) == expected_alone
    else:
        # SQLite keeps the Python path (the command's bytes above are that path's).
        assert not export_copy.available()


def test_copy_rounding_matches_python_for_many_doubles():
    """The export's rounding (``round_half_up``: half away from zero on the shortest decimal
    form, as Excel) against the SQL, directly, for ties, near ties and negative zeros."""
    if connection.vendor != "postgresql":
        assert not export_copy.available()
        return
    rng = random.Random(7)
    values = EDGES + [-x for x in EDGES]
    values += [rng.uniform(-100, 100) for _ in range(3000)]
    values += [rng.randint(-4000, 4000) / 40 for _ in range(2000)]  # many exact and near ties
    values += [n / 20 + d for n in range(-2000, 2001, 7) for d in (0.0, 1e-15, -1e-15)]
    sql = export_copy.rounding_sql_for_tests(len(values))
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        got = [row[0] for row in cursor.fetchall()]
    assert got == [repr(round_half_up(v, 1)) for v in values]


def test_command_output_to_stdout_matches(capsys):
    round_a, round_b = build_rounds()
    out = io.StringIO()
    call_command("export_readiness", "--round", round_b.slug, "--compare", round_a.slug, "--format", "csv", stdout=out)
    assert out.getvalue() == python_csv(round_b, round_a)

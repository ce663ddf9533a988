"""The readiness export at scale: a fixed number of queries, streamed, same bytes as before.

The export reads the assessments, their dimension scores and the compared round's scores
as three ordered streams and pivots them together; these tests pin what that must keep:
rows in NIK order, each cooperative's own scores and changes (never a neighbour's), and
the same number of queries for 2 or 6 cooperatives, for the command and the download.
"""

import csv
import datetime
import io
import json
import random
from fractions import Fraction

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from readiness import scoring, selectors
from readiness.models import Framework
from readiness.services import DEFAULT_FRAMEWORK_PATH
from tests.factories import make_analyst, make_cooperative

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db

CODES = [f"D{d}.{i}" for d in range(1, 7) for i in range(1, 5)]


def export(*args):
    out = io.StringIO()
    call_command("export_readiness", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def rounds(ikdk):
    before = make_round(ikdk, "mei-2018", opens=datetime.date(2018, 5, 1))
    after = make_round(ikdk, "nov-2018", opens=datetime.date(2018, 11, 1))
    return before, after


def add_cooperatives(rounds, count, start):
    """``count`` cooperatives with results in both rounds, each with its own levels."""
    before, after = rounds
    for number in range(start, start + count):
        cooperative = make_cooperative(nik=f"{3579100000000000 + number:016d}")
        answer_all(before, cooperative, number % 3)
        answer_all(after, cooperative, {code: (number + i) % 5 for i, code in enumerate(CODES)})


def test_interleaved_cooperatives_keep_their_own_scores(rounds):
    """Cooperatives missing from one round, drafts and partial answers sit between others in NIK order."""
    before, after = rounds
    both = make_cooperative(nik="3579000000000010")
    only_before = make_cooperative(nik="3579000000000020")  # not in the exported round
    draft_now = make_cooperative(nik="3579000000000030")  # a result before, a draft now
    only_now = make_cooperative(nik="3579000000000040")
    partial = make_cooperative(nik="3579000000000050")
    answer_all(before, both, 1)  # 25 everywhere
    answer_all(after, both, 3)  # 75 everywhere
    answer_all(before, only_before, 4)
    answer_all(before, draft_now, 2)
    answer_all(after, draft_now, 4, submit=False)
    answer_all(after, only_now, 2)
    answer_all(before, partial, {"D3.1": 4})  # D3 only: 100
    answer_all(after, partial, {"D1.1": 4, "D3.1": 0})  # D1 100, D3 0

    document = json.loads(export("--round", "nov-2018", "--compare", "mei-2018"))
    rows = {row["nik"]: row for row in document["cooperatives"]}
    assert list(rows) == ["3579000000000010", "3579000000000040", "3579000000000050"]
    assert rows["3579000000000010"]["dimensions"] == {f"D{d}": 75.0 for d in range(1, 7)}
    assert rows["3579000000000010"]["change"]["dimensions"] == {f"D{d}": 50.0 for d in range(1, 7)}
    assert rows["3579000000000040"]["change"] is None
    partial_row = rows["3579000000000050"]
    assert partial_row["dimensions"]["D1"] == 100.0 and partial_row["dimensions"]["D3"] == 0.0
    assert partial_row["dimensions"]["D2"] is None
    assert partial_row["change"]["dimensions"] == {
        "D1": None,
        "D2": None,
        "D3": -100.0,
        "D4": None,
        "D5": None,
        "D6": None,
    }
    assert partial_row["change"]["overall"] == -50.0  # 50 (D1 100, D3 0) after 100 (D3)

    table = list(csv.DictReader(io.StringIO(export("--round", "nov-2018", "--compare", "mei-2018", "--format", "csv"))))
    assert [row["nik"] for row in table] == list(rows)
    assert table[0]["D6_change"] == "50.0" and table[1]["D6_change"] == "" and table[1]["D6"] == "50.0"
    assert table[2]["D3_change"] == "-100.0" and table[2]["D1_change"] == "" and table[2]["D2"] == ""


def test_compare_with_another_version_of_the_instrument_matches_by_code(tmp_path, ikdk):
    """A new version has new dimension rows; changes are still per dimension code."""
    path = tmp_path / "ikdk-v2.json"
    path.write_text(DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    call_command("import_framework", str(path), stdout=io.StringIO())
    version_2 = Framework.objects.get(code="ikdk", version=2)
    before = make_round(ikdk, "mei-2018", opens=datetime.date(2018, 5, 1))
    after = make_round(version_2, "nov-2018", opens=datetime.date(2018, 11, 1))
    cooperative = make_cooperative(nik="3579000000000010")
    answer_all(before, cooperative, {c: (1 if c.startswith("D2") else 2) for c in CODES})  # D2 25, rest 50
    answer_all(after, cooperative, {c: (4 if c.startswith("D2") else 2) for c in CODES})  # D2 100, rest 50
    row = json.loads(export("--round", "nov-2018", "--compare", "mei-2018"))["cooperatives"][0]
    assert row["change"]["dimensions"] == {"D1": 0.0, "D2": 75.0, "D3": 0.0, "D4": 0.0, "D5": 0.0, "D6": 0.0}


@pytest.fixture
def small_fetches(monkeypatch):
    """Fetch 2 rows at a time, so 6 cooperatives span several fetches (as 30,000 span many)."""
    monkeypatch.setattr(selectors, "EXPORT_CHUNK_SIZE", 2)


def test_export_command_queries_do_not_grow_with_cooperatives(rounds, small_fetches):
    add_cooperatives(rounds, 2, 0)
    arguments = ("--round", "nov-2018", "--compare", "mei-2018", "--format", "csv")
    with CaptureQueriesContext(connection) as small:
        small_lines = export(*arguments).splitlines()
    add_cooperatives(rounds, 4, 2)
    with CaptureQueriesContext(connection) as large:
        large_lines = export(*arguments).splitlines()
    assert len(small_lines) == 3 and len(large_lines) == 7
    assert len(large.captured_queries) == len(small.captured_queries)
    # The first rows are unchanged by the cooperatives added after them.
    assert large_lines[:3] == small_lines


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_round_download_queries_do_not_grow_with_cooperatives(
    client, rounds, fmt, small_fetches, django_assert_num_queries
):
    """N and 3N cooperatives: the web download reads one stream, not chunks."""
    add_cooperatives(rounds, 2, 0)
    client.force_login(make_analyst())
    url = reverse("readiness:round_download", args=["nov-2018", fmt]) + "?compare=mei-2018"

    def download():
        response = client.get(url)
        assert response.status_code == 200
        return b"".join(response.streaming_content) if response.streaming else response.content

    download()
    with CaptureQueriesContext(connection) as small:
        small_body = download()
    add_cooperatives(rounds, 4, 2)
    with django_assert_num_queries(len(small.captured_queries)):
        large_body = download()
    assert len(large_body) > len(small_body)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(large_body.decode("utf-8-sig"))))
        assert len(rows) == 7 and rows[1][0] == "3579100000000000"


def test_change_fast_path_is_exact():
    """The Decimal shortcut for floats gives the same value as exact Fraction arithmetic."""
    rng = random.Random(2026)
    values = [
        0.0,
        100.0,
        0.1,
        0.15,
        0.25,
        56.25,
        1 / 3,
        2 / 3,
        99.99999999999999,
        5e-324,
        1e-300,
        1.7976931348623157e308,
    ]
    for _ in range(3000):
        values.append(rng.uniform(0, 100))
        values.append(rng.randint(0, 2400) / 24)
        values.append(rng.random() * 10 ** rng.randint(-320, 300))
    for after in values:
        before = rng.choice(values)
        assert scoring.change(before, after) == float(Fraction(str(after)) - Fraction(str(before)))
    # Exact where binary floats are not: 0.3 − 0.1 is 0.2, not 0.19999999999999998.
    assert scoring.change(0.1, 0.3) == 0.2 and 0.3 - 0.1 != 0.2
    assert scoring.change(40, 52.5) == 12.5

"""No download or export of the site carries a live formula (PRODUCT.md section 9, issue #9 item 9).

A cooperative named ``=HYPERLINK(...)``, a kecamatan ``+62 Kraksaan``, a learner ``-2+3``
and a quiz titled ``=1+1`` go through every CSV/XLSX download endpoint and export command:
string cells starting with ``= + - @``, tab or CR come out as text in XLSX (never a
formula cell) and with a leading ``'`` in CSV; numbers stay numbers.
"""

import csv
import datetime
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from base.tabular import FORMULA_STARTS, iter_csv, sheet_title, write_xlsx
from quizzes.services import create_quiz, start_attempt, submit_attempt
from readiness import scoring
from readiness.models import Assessment, Dimension, DimensionScore, EvaluationRound, Framework
from reports.models import ExportJob
from reports.services import request_export
from tests.factories import make_analyst, make_cooperative, make_course, make_kecamatan, make_user
from tests.quizzes.conftest import right_answers, sample_questions

pytestmark = pytest.mark.django_db

EVIL_NAME = '=HYPERLINK("http://x","x")'
EVIL_KECAMATAN = "+62 Kraksaan"
EVIL_USERNAME = "-2+3"
EVIL_TITLE = "=1+1"


@pytest.fixture
def evil(db):
    kecamatan = make_kecamatan(EVIL_KECAMATAN)
    cooperative = make_cooperative(nama=EVIL_NAME, kecamatan=kecamatan, desa="@SUM(A1)")
    framework = Framework.objects.create(code="uji", version=1, name="Instrumen uji")
    dimension = Dimension.objects.create(framework=framework, code="D1", name="Dimensi D1", sort_order=0)
    evaluation_round = EvaluationRound.objects.create(
        slug="2025", name="Putaran 2025", framework=framework, opens_on=datetime.date(2025, 1, 1)
    )
    overall = 57.5
    assessment = Assessment.objects.create(
        round=evaluation_round,
        cooperative=cooperative,
        status=Assessment.STATUS_SUBMITTED,
        overall=overall,
        level=scoring.readiness_level(overall, framework.band_list()),
    )
    DimensionScore.objects.create(assessment=assessment, dimension=dimension, score=overall)
    quiz = create_quiz(course=make_course(title="Kursus Aman"), title=EVIL_TITLE, questions=sample_questions())
    learner = make_user(username=EVIL_USERNAME, cooperative=cooperative)
    attempt = start_attempt(user=learner, quiz=quiz)
    submit_attempt(attempt=attempt, answers=right_answers(attempt))
    return {"round": evaluation_round, "quiz": quiz, "cooperative": cooperative}


def _csv_cells(data):
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _xlsx_cells(data):
    workbook = load_workbook(io.BytesIO(data))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def assert_safe_csv(data, expected):
    cells = _csv_cells(data)
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)], cells
    for text in expected:
        assert "'" + text in cells, (text, cells)


def assert_safe_xlsx(data, expected):
    cells = _xlsx_cells(data)
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = [cell.value for cell in cells]
    for text in expected:
        assert text in values, (text, values)


def _content(response):
    assert response.status_code == 200, response
    return b"".join(response.streaming_content) if response.streaming else response.content


# Every download endpoint: (name, url builder, texts that must come out as text).
ENDPOINTS = {
    "readiness round": (
        lambda e, fmt: reverse("readiness:round_download", args=[e["round"].slug, fmt]),
        [EVIL_NAME, EVIL_KECAMATAN],
    ),
    "report koperasi": (
        lambda e, fmt: reverse("reports:download", args=["koperasi", fmt]),
        [EVIL_NAME, EVIL_KECAMATAN],
    ),
    "report kecamatan": (lambda e, fmt: reverse("reports:download", args=["kecamatan", fmt]), [EVIL_KECAMATAN]),
    "report partisipasi": (lambda e, fmt: reverse("reports:download", args=["partisipasi", fmt]), [EVIL_NAME]),
    "wagtail cooperatives export": (
        lambda e, fmt: reverse("koperasi:index") + f"?export={fmt}",
        [EVIL_NAME, EVIL_KECAMATAN, "@SUM(A1)"],
    ),
    "quiz results": (
        lambda e, fmt: reverse("quizzes:quiz_results_download", args=[e["quiz"].pk]) + f"?format={fmt}",
        [EVIL_USERNAME],
    ),
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_download_endpoint_writes_no_formula(client, evil, endpoint, fmt):
    client.force_login(make_analyst())
    url, expected = ENDPOINTS[endpoint]
    response = client.get(url(evil, fmt))
    data = _content(response)
    assert response["Content-Disposition"].startswith("attachment;")
    if fmt == "csv":
        assert_safe_csv(data, expected)
    else:
        assert_safe_xlsx(data, expected)


def test_export_job_xlsx_writes_no_formula(evil):
    job = request_export(user=make_analyst(), kind=ExportJob.KIND_READINESS, evaluation_round=evil["round"])
    job.refresh_from_db()
    assert job.status == ExportJob.STATUS_DONE
    with job.file.open("rb") as handle:
        assert_safe_xlsx(handle.read(), [EVIL_NAME, EVIL_KECAMATAN])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_readiness_command_writes_no_formula(evil, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    call_command("export_readiness", "--round", "2025", "--format", fmt, "--output", str(target), stdout=StringIO())
    check = assert_safe_csv if fmt == "csv" else assert_safe_xlsx
    check(target.read_bytes(), [EVIL_NAME, EVIL_KECAMATAN])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_quiz_results_command_writes_no_formula(evil, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    call_command("export_quiz_results", str(evil["quiz"].pk), "--format", fmt, "--output", str(target))
    check = assert_safe_csv if fmt == "csv" else assert_safe_xlsx
    check(target.read_bytes(), [EVIL_USERNAME])


def test_export_quiz_results_csv_to_stdout_is_safe(evil, capsys):
    call_command("export_quiz_results", str(evil["quiz"].pk), "--format", "csv")
    assert_safe_csv(capsys.readouterr().out, [EVIL_USERNAME])


# --- the writer itself ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", '=HYPERLINK("http://x","x")'])
def test_writer_makes_every_formula_start_text(text):
    cells = _csv_cells("".join(iter_csv(["a"], [[text]])))
    assert cells == ["a", "'" + text]
    buffer = io.BytesIO()
    write_xlsx(buffer, ["a"], [[text]])
    cell = load_workbook(io.BytesIO(buffer.getvalue())).active["A2"]
    # (XML keeps a carriage return as a line feed.)
    assert cell.data_type == "s" and cell.value == text.replace("\r", "\n") and cell.quotePrefix


def test_numbers_stay_numbers():
    cells = _csv_cells("".join(iter_csv(["a", "b", "c"], [[-5, -2.5, 0]])))
    assert cells[3:] == ["-5", "-2.5", "0"]
    buffer = io.BytesIO()
    write_xlsx(buffer, ["a", "b"], [[-5, -2.5]])
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert (sheet["A2"].value, sheet["B2"].value) == (-5, -2.5)
    assert sheet["A2"].data_type == "n" and sheet["B2"].number_format == "0.0"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Kuis: Dasar/Digital?", "Kuis Dasar Digital"),
        ("[a]*b\\c", "a b c"),
        ("'kutip'", "kutip"),
        ("", "Data"),
        ("x" * 40, "x" * 31),
    ],
)
def test_sheet_titles_are_sanitised(title, expected):
    assert sheet_title(title) == expected


def test_quiz_titled_with_forbidden_characters_downloads_as_xlsx(client, evil, tmp_path):
    quiz = evil["quiz"]
    quiz.title = "Kuis: Dasar/Digital?"
    quiz.save_revision().publish()
    client.force_login(make_analyst())
    response = client.get(reverse("quizzes:quiz_results_download", args=[quiz.pk]) + "?format=xlsx")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Kuis Dasar Digital"]
    target = tmp_path / "hasil.xlsx"
    call_command("export_quiz_results", str(quiz.pk), "--format", "xlsx", "--output", str(target))
    assert load_workbook(target).sheetnames == ["Kuis Dasar Digital"]


def test_xlsx_for_people_has_frozen_header_widths_and_indonesian_labels(client, evil):
    client.force_login(make_analyst())
    response = client.get(reverse("readiness:round_download", args=["2025", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=False))
    assert row["jenis"] == "Konsumen" and row["status"] == "Dikirim" and row["level"] == "2 Kesiapan sedang"
    assert sheet["F2"].number_format == "0.0" and sheet.column_dimensions["B"].width > 20
    # CSV stays the machine format: codes.
    rows = list(
        csv.reader(
            io.StringIO(
                _content(client.get(reverse("readiness:round_download", args=["2025", "csv"]))).decode("utf-8-sig")
            )
        )
    )
    csv_row = dict(zip(rows[0], rows[1], strict=False))
    assert (csv_row["jenis"], csv_row["status"], csv_row["level"]) == ("konsumen", "submitted", "2")


def test_downloads_are_not_cached(client, evil):
    client.force_login(make_analyst())
    response = client.get(reverse("reports:download", args=["koperasi", "xlsx"]))
    assert response["Cache-Control"] == "no-store"


def test_sheet_title_helper_used_for_unsafe_titles():
    buffer = io.BytesIO()
    write_xlsx(buffer, ["a"], [[1]], title=EVIL_TITLE)
    assert load_workbook(io.BytesIO(buffer.getvalue())).sheetnames == ["=1+1"]

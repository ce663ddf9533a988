"""``network.exports.write_export_job`` on its own, as the task worker calls it: the file it
writes for each format, the progress it records, its file name, and a format it does not
know failing the job with the reason (the hand-made event of test_export_figures.py)."""

import csv
import io

import pytest
from openpyxl import load_workbook

from network.exports import write_export_job
from network.models import Event
from reports.jobs import run_export
from reports.models import ExportJob

from .test_export_figures import build_world


@pytest.fixture(scope="module")
def _shared_world(module_db):
    return module_db.build("world", build_world)


@pytest.fixture
def world(_shared_world, db):
    if _shared_world is None:
        build_world()
    return Event.objects.get(slug="temu-angka")


def job(fmt, evaluation=None):
    parameters = {"event": "temu-angka", "evaluation": evaluation, "format": fmt}
    return ExportJob.objects.create(kind=ExportJob.KIND_NETWORK, parameters=parameters)


def test_csv_at_an_evaluation_with_its_progress_and_name(world):
    queued = job("csv", "ev-nov")
    stream = io.BytesIO()
    assert write_export_job(queued, stream) == "jejaring-temu-angka-ev-nov.csv"
    text = stream.getvalue().decode("utf-8-sig")
    rows = {row["kode"]: row for row in csv.DictReader(io.StringIO(text))}
    assert (rows["KS-A"]["status"], rows["KS-A"]["nilai_realisasi"]) == ("berjalan", "30")
    assert rows["KS-B"]["kendala"] == "modal;harga" and rows["KS-C"]["status"] == "belum_dievaluasi"
    queued.refresh_from_db()
    assert (queued.progress_done, queued.progress_total) == (3, 3)


def test_xlsx_at_the_latest_evaluations(world):
    stream = io.BytesIO()
    assert write_export_job(job("xlsx"), stream) == "jejaring-temu-angka.xlsx"
    sheet = load_workbook(io.BytesIO(stream.getvalue())).active
    values = list(sheet.iter_rows(values_only=True))
    header = list(values[0])
    first = dict(zip(header, values[1], strict=True))
    assert sheet.title == "temu-angka" and len(values) == 4
    assert (first["kode"], first["status"], first["nilai_realisasi"], first["komitmen_terlaksana"]) == (
        "KS-A",
        "selesai",
        100,
        2,
    )


def test_a_format_the_writer_does_not_know_fails_the_job_with_the_reason(world):
    with pytest.raises(ValueError, match="unknown format 'ods'"):
        write_export_job(job("ods"), io.BytesIO())
    failed = job("ods")
    assert run_export(failed.pk) == ExportJob.STATUS_FAILED
    failed.refresh_from_db()
    assert failed.error == "ValueError: unknown format 'ods'" and not failed.file


def test_a_job_whose_evaluation_was_renamed_fails_cleanly(world):
    queued = job("csv", "ev-lama")
    assert run_export(queued.pk) == ExportJob.STATUS_FAILED
    queued.refresh_from_db()
    assert queued.error == "DoesNotExist: Event matching query does not exist."
    assert queued.finished is not None

"""Export jobs end to end with the immediate task backend: request → done → download."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports import jobs, services
from reports.models import ExportJob
from tests.factories import make_analyst, make_user


def _request(client, kind, round_slug="2025"):
    return client.post(reverse("reports:export_request"), {"kind": kind, "putaran": round_slug})


def _download(client, job):
    response = client.get(reverse("reports:export_download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_report_cards_zip_has_one_pdf_per_assessed_cooperative(analyst_client, analyst, district, settings):
    response = _request(analyst_client, ExportJob.KIND_REPORT_CARDS)
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:export_detail", args=[job.pk])
    assert (job.status, job.progress_done, job.progress_total) == ("done", 4, 4)
    assert job.requested_by == analyst and job.finished is not None
    assert job.file.name.startswith("exports/") and job.filename == "rapor-2025.zip"
    assert (settings.MEDIA_ROOT / job.file.name).exists()

    archive = zipfile.ZipFile(io.BytesIO(_download(analyst_client, job)))
    expected = sorted(f"rapor-{c.nik}-2025.pdf" for c in (district.c1, district.c2, district.c3, district.c4))
    assert sorted(archive.namelist()) == expected  # c5's draft has no report card
    for name in archive.namelist():
        assert archive.read(name).startswith(b"%PDF")

    page = analyst_client.get(reverse("reports:export_detail", args=[job.pk])).content.decode()
    assert reverse("reports:export_download", args=[job.pk]) in page
    assert "export_progress.js" not in page and 'http-equiv="refresh"' not in page


def test_readiness_export_xlsx(analyst_client, district):
    _request(analyst_client, ExportJob.KIND_READINESS)
    job = ExportJob.objects.get()
    assert job.status == "done" and job.filename == "kesiapan-2025.xlsx"
    workbook = load_workbook(io.BytesIO(_download(analyst_client, job)))
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    header = rows[0]
    assert header[:8] == ["nik", "nama", "jenis", "kecamatan", "status", "overall", "level", "overall_change"]
    by_nik = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert len(by_nik) == 4
    assert by_nik[district.c1.nik]["overall"] == 60 and by_nik[district.c1.nik]["overall_change"] == 20
    assert by_nik[district.c4.nik]["overall_change"] is None  # not assessed in 2024


def test_status_json_and_progress_page_while_pending(analyst_client, analyst, district):
    job = ExportJob.objects.create(
        kind=ExportJob.KIND_READINESS,
        parameters={"round": "2025"},
        requested_by=analyst,
        progress_total=10,
        progress_done=3,
    )
    data = analyst_client.get(reverse("reports:export_status", args=[job.pk])).json()
    assert data == {
        "status": "pending",
        "status_label": "Menunggu",
        "done": 3,
        "total": 10,
        "percent": 30,
        "download_url": "",
        "error": "",
    }
    page = analyst_client.get(reverse("reports:export_detail", args=[job.pk])).content.decode()
    assert "export_progress.js" in page and 'http-equiv="refresh"' in page
    assert analyst_client.get(reverse("reports:export_download", args=[job.pk])).status_code == 404


def test_a_repeated_request_does_not_queue_the_work_twice(analyst, district):
    pending = ExportJob.objects.create(
        kind=ExportJob.KIND_READINESS, parameters={"round": "2025"}, requested_by=analyst
    )
    job = services.request_export(user=analyst, kind=ExportJob.KIND_READINESS, evaluation_round=district.round_b)
    assert job.pk == pending.pk
    assert ExportJob.objects.count() == 1


def test_a_job_runs_only_once(analyst, district):
    job = services.request_export(user=analyst, kind=ExportJob.KIND_READINESS, evaluation_round=district.round_b)
    finished = job.finished
    assert jobs.run_export(job.pk) == "done"
    job.refresh_from_db()
    assert job.finished == finished


def test_a_failing_job_records_its_error(analyst, district):
    job = ExportJob.objects.create(kind=ExportJob.KIND_READINESS, parameters={"round": "hilang"}, requested_by=analyst)
    assert jobs.run_export(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == "failed" and "DoesNotExist" in job.error and not job.file


def test_the_file_is_only_for_its_requester_and_analysts(client, district):
    owner = make_analyst()
    client.force_login(owner)
    _request(client, ExportJob.KIND_READINESS)
    job = ExportJob.objects.get()
    # Another analyst may fetch it; a pengurus or staff member may not.
    client.force_login(make_analyst())
    assert client.get(reverse("reports:export_download", args=[job.pk])).status_code == 200
    for user in (district.pengurus1, district.staf1, make_user()):
        client.force_login(user)
        for name in ("reports:export_detail", "reports:export_status", "reports:export_download"):
            assert client.get(reverse(name, args=[job.pk])).status_code == 404
    # A requester who is no longer an analyst still gets their own file.
    owner.groups.clear()
    client.force_login(owner)
    assert client.get(reverse("reports:export_download", args=[job.pk])).status_code == 200


def test_media_url_is_not_how_files_are_served(analyst_client, district):
    _request(analyst_client, ExportJob.KIND_READINESS)
    job = ExportJob.objects.get()
    page = analyst_client.get(reverse("reports:export_detail", args=[job.pk])).content.decode()
    assert "/media/" not in page and job.file.name not in page


@pytest.mark.parametrize(
    "data", [{"kind": "lainnya", "putaran": "2025"}, {"kind": "readiness", "putaran": "tidak-ada"}]
)
def test_bad_export_requests_are_404(analyst_client, district, data):
    assert analyst_client.post(reverse("reports:export_request"), data).status_code == 404
    assert not ExportJob.objects.exists()


def test_export_request_needs_post(analyst_client, district):
    assert analyst_client.get(reverse("reports:export_request")).status_code == 405

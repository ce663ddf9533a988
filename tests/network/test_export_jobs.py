"""Large network tables through the background export jobs (tasks run at once in tests)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from network import exports
from network.models import Event
from network.services import request_network_export
from reports import jobs as report_jobs
from reports.models import ExportJob
from tests.factories import make_analyst

pytestmark = pytest.mark.django_db


def _request(client, story, fmt, query=""):
    url = reverse("network:export_job", args=[story.event.slug, fmt])
    return client.post(f"{url}?{query}" if query else url)


def _download(client, job):
    response = client.get(reverse("reports:export_download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_csv_job_runs_and_matches_the_direct_download(client, story):
    client.force_login(story.analyst)
    response = _request(client, story, "csv", f"evaluasi={story.evaluation.slug}")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:export_detail", args=[job.pk])
    assert (job.kind, job.status, job.progress_done, job.progress_total) == ("network", "done", 2, 2)
    assert job.parameters == {"event": story.event.slug, "evaluation": story.evaluation.slug, "format": "csv"}
    assert job.filename == f"jejaring-{story.event.slug}-{story.evaluation.slug}.csv"

    body = _download(client, job)
    direct = client.get(reverse("network:export", args=[story.event.slug, "csv"]), {"evaluasi": story.evaluation.slug})
    assert body == b"".join(direct.streaming_content)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == exports.EXPORT_HEADER
    assert [row[0] for row in rows[1:]] == ["KS-01", "KS-02"]

    page = client.get(reverse("reports:export_detail", args=[job.pk])).content.decode()
    assert story.event.slug in page and reverse("network:report", args=[story.event.slug]) in page
    assert reverse("reports:export_download", args=[job.pk]) in page


def test_xlsx_job_is_formula_safe(client, story):
    story.own.nama = '=HYPERLINK("x")'
    story.own.save()
    client.force_login(story.analyst)
    _request(client, story, "xlsx")
    job = ExportJob.objects.get()
    assert job.status == "done" and job.filename == f"jejaring-{story.event.slug}.xlsx"
    sheet = load_workbook(io.BytesIO(_download(client, job))).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == exports.EXPORT_HEADER and len(rows) == 3
    cell = sheet.cell(row=2, column=3)
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"


def test_a_repeated_request_returns_the_running_job(story):
    pending = ExportJob.objects.create(
        kind=ExportJob.KIND_NETWORK,
        parameters={"event": story.event.slug, "evaluation": None, "format": "csv"},
        requested_by=story.analyst,
    )
    job = request_network_export(user=story.analyst, event=story.event, fmt="csv")
    assert job.pk == pending.pk and ExportJob.objects.count() == 1


def test_only_the_requesting_analyst_sees_the_job(client, story):
    client.force_login(story.analyst)
    _request(client, story, "csv")
    job = ExportJob.objects.get()
    names = ("reports:export_detail", "reports:export_status", "reports:export_download")
    for user in (make_analyst(), story.pengurus, story.staf, story.other_pengurus):
        client.force_login(user)
        for name in names:
            assert client.get(reverse(name, args=[job.pk])).status_code == 404, (user, name)
    # The requester, no longer an analyst, loses it too (network tables are for analysts).
    story.analyst.groups.clear()
    client.force_login(story.analyst)
    assert client.get(reverse("reports:export_download", args=[job.pk])).status_code == 404


def test_non_analysts_and_bad_requests_queue_nothing(client, story):
    for user in (story.pengurus, story.staf):
        client.force_login(user)
        assert _request(client, story, "csv").status_code == 404
    client.force_login(story.analyst)
    assert _request(client, story, "json").status_code == 404
    assert _request(client, story, "csv", "evaluasi=tidak-ada").status_code == 404
    assert client.get(reverse("network:export_job", args=[story.event.slug, "csv"])).status_code == 405
    assert not ExportJob.objects.exists()


def test_a_job_for_a_deleted_event_fails_cleanly(story):
    job = ExportJob.objects.create(
        kind=ExportJob.KIND_NETWORK,
        parameters={"event": "hilang", "evaluation": None, "format": "csv"},
        requested_by=story.analyst,
    )
    assert report_jobs.run_export(job.pk) == "failed"
    job.refresh_from_db()
    assert "DoesNotExist" in job.error and not job.file
    assert not Event.objects.filter(slug="hilang").exists()


def test_large_events_offer_the_background_job_small_ones_download_directly(client, story, settings):
    client.force_login(story.analyst)
    url = reverse("network:report", args=[story.event.slug])
    page = client.get(url).content.decode()
    assert reverse("network:export", args=[story.event.slug, "csv"]) in page
    assert reverse("network:export_job", args=[story.event.slug, "csv"]) not in page

    settings.NETWORK_BACKGROUND_EXPORT_FROM = 1
    page = client.get(url).content.decode()
    assert reverse("network:export_job", args=[story.event.slug, "csv"]) in page
    assert reverse("network:export_job", args=[story.event.slug, "xlsx"]) in page
    assert reverse("network:export", args=[story.event.slug, "csv"]) not in page
    assert reverse("network:report_download", args=[story.event.slug, "kerja-sama", "csv"]) not in page

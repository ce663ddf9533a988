"""Report downloads and export files are never kept by a browser cache or a proxy."""

import pytest
from django.urls import reverse

from reports.models import ExportJob
from reports.tables import TABLES


@pytest.mark.parametrize("name", sorted(TABLES))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_table_download_is_no_store(analyst_client, district, name, fmt):
    response = analyst_client.get(reverse("reports:download", args=[name, fmt]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("kind", [ExportJob.KIND_READINESS, ExportJob.KIND_REPORT_CARDS])
def test_export_job_file_is_no_store(analyst_client, district, kind):
    analyst_client.post(reverse("reports:export_request"), {"kind": kind, "putaran": "2025"})
    job = ExportJob.objects.get()
    response = analyst_client.get(reverse("reports:export_download", args=[job.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]

"""The report pages and their downloads as an analyst reads them (the district of conftest.py,
built once for this module): the comparison without a second round, a scope on every page,
the dashboard's charts and own export jobs, file names, and an export job's status."""

import csv
import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from network.exports import write_export_job
from reports import exporters, jobs
from reports.models import ExportJob
from tests.factories import make_analyst

from .conftest import make_framework, make_round


def body(response):
    assert response.status_code == 200
    return response.content.decode()


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


# --- comparison and training ----------------------------------------------------------------------------


def test_the_first_round_has_no_comparison_and_says_why(analyst_client, district):
    response = analyst_client.get(reverse("reports:comparison"), {"putaran": "2024"})
    assert "Belum ada putaran lain dengan instrumen yang sama (kode uji) untuk dibandingkan dengan Putaran 2024." in (
        body(response)
    )
    assert "summary" not in response.context and "cross" not in response.context


def test_comparison_in_one_kecamatan(analyst_client, district):
    response = analyst_client.get(reverse("reports:comparison"), {"kecamatan": district.paiton.pk})
    summary = response.context["summary"]
    assert (summary.paired, summary.improved, summary.unchanged, summary.declined) == (1, 0, 0, 1)
    assert [a.cooperative.nama for a in response.context["declined"]] == ["Koperasi Tiga"]
    assert response.context["improved"] == [] and response.context["cross"].total == 1
    assert response.context["tolerance"] == 0.05
    assert [label for label, _mean in response.context["dimension_chart"]] == ["D1 · Dimensi D1", "D2 · Dimensi D2"]


def test_training_page_shows_the_association_only_with_a_comparison(analyst_client, district):
    response = analyst_client.get(reverse("reports:training"))
    assert [row.code for row in response.context["association"]] == ["D1", "D2"]
    assert [c.nama for c in response.context["page_obj"]] == [
        "Koperasi Dua",
        "Koperasi Empat",
        "Koperasi Enam",
        "Koperasi Lima",
        "Koperasi Satu",
        "Koperasi Tiga",
        "Koperasi Tujuh",
    ]
    response = analyst_client.get(reverse("reports:training"), {"putaran": "2024"})
    assert "association" not in response.context
    response = analyst_client.get(reverse("reports:training"), {"jenis": "jasa"})
    assert [c.nama for c in response.context["page_obj"]] == ["Koperasi Tujuh"]


# --- the dashboard ---------------------------------------------------------------------------------


def test_dashboard_charts_and_the_chosen_round_shown_in_the_chooser(analyst_client, district):
    response = analyst_client.get(reverse("reports:dashboard"), {"jenis": "konsumen", "halaman": "1"})
    assert response.context["level_chart"] == [
        ("Belum siap", 1),
        ("Kesiapan awal", 0),
        ("Kesiapan sedang", 0),
        ("Kesiapan matang", 1),
        ("Sudah menerapkan", 1),
    ]
    labels = [label for label, _mean in response.context["dimension_chart"]]
    assert labels == ["D1 · Dimensi D1", "D2 · Dimensi D2"]
    assert response.context["dimension_chart"][0][1] == pytest.approx((70 + 0 + 90) / 3)
    assert response.context["form"].data["putaran"] == "2025" and response.context["form"].data["pembanding"] == "2024"
    assert "halaman" not in response.context["query"] and "jenis=konsumen" in response.context["query"]
    assert response.context["export_form"].initial == {"putaran": "2025"}
    assert [a.cooperative.nama for a in response.context["page_obj"]] == [
        "Koperasi Empat",
        "Koperasi Satu",
        "Koperasi Tiga",
    ]


def test_dashboard_lists_the_analysts_own_five_latest_export_jobs(client, district):
    analyst, colleague = make_analyst(), make_analyst()
    mine = [ExportJob.objects.create(kind="readiness", parameters={"round": "2025"}, requested_by=analyst)]
    mine += [ExportJob.objects.create(kind="report_cards", parameters={"round": "2024"}, requested_by=analyst)
             for _ in range(5)]  # fmt: skip
    ExportJob.objects.create(kind="readiness", parameters={"round": "2025"}, requested_by=colleague)
    client.force_login(analyst)
    listed = client.get(reverse("reports:dashboard")).context["export_jobs"]
    assert len(listed) == 5 and {job.requested_by for job in listed} == {analyst}
    assert mine[0] not in listed  # the oldest


# --- downloads ----------------------------------------------------------------------------------------


def test_download_names_say_which_rounds(analyst_client, district):
    response = analyst_client.get(reverse("reports:download", args=["perubahan", "csv"]))
    assert response["Content-Disposition"] == 'attachment; filename="perubahan-2024-2025.csv"'
    response = analyst_client.get(reverse("reports:download", args=["kecamatan", "xlsx"]), {"putaran": "2024"})
    assert response["Content-Disposition"] == 'attachment; filename="kecamatan-2024.xlsx"'


def test_a_download_keeps_the_pages_scope(analyst_client, district):
    response = analyst_client.get(reverse("reports:download", args=["koperasi", "csv"]), {"jenis": "konsumen"})
    rows = csv_rows(response)
    assert [row[1] for row in rows[1:]] == ["Koperasi Empat", "Koperasi Satu", "Koperasi Tiga"]
    response = analyst_client.get(
        reverse("reports:download", args=["kecamatan", "csv"]), {"kecamatan": district.paiton.pk}
    )
    assert csv_rows(response)[1:] == [["Paiton", "3", "2", "66.7", "47.5"]]


def test_a_download_with_a_refused_comparison_round_is_404(analyst_client, district):
    make_round(make_framework(code="lain"), "lain-2024", district.round_a.opens_on)
    url = reverse("reports:download", args=["kecamatan", "csv"])
    assert analyst_client.get(url, {"putaran": "2025", "pembanding": "lain-2024"}).status_code == 404
    # Without a chosen round the default one is compared with its own predecessor instead.
    assert analyst_client.get(url, {"pembanding": "lain-2024"}).status_code == 200


# --- export jobs ----------------------------------------------------------------------------------------


def test_a_failed_jobs_status_says_so_in_indonesian(client, district):
    analyst = make_analyst()
    client.force_login(analyst)
    failed = ExportJob.objects.create(
        kind="readiness", parameters={"round": "2025"}, requested_by=analyst, status="failed", error="KeyError: x"
    )
    status = client.get(reverse("reports:export_status", args=[failed.pk])).json()
    assert status == {
        "status": "failed",
        "status_label": "Gagal",
        "done": 0,
        "total": 0,
        "percent": 0,
        "download_url": "",
        "error": "Ekspor gagal. Silakan coba lagi atau hubungi admin.",
    }
    page = body(client.get(reverse("reports:export_detail", args=[failed.pk])))
    assert f'href="{reverse("reports:dashboard")}?putaran=2025"' in page
    assert "Putaran evaluasi: 2025" in page and "export_progress.js" not in page


def test_a_done_jobs_status_links_its_file(client, district):
    analyst = make_analyst()
    client.force_login(analyst)
    done = ExportJob.objects.create(
        kind="readiness", parameters={"round": "2025"}, requested_by=analyst, status="done", progress_total=4,
        progress_done=4,
    )  # fmt: skip
    done.file.save("kesiapan-2025.xlsx", ContentFile(b"PK"), save=True)
    status = client.get(reverse("reports:export_status", args=[done.pk])).json()
    assert (status["percent"], status["error"]) == (100, "")
    assert status["download_url"] == reverse("reports:export_download", args=[done.pk])
    assert "Unduh kesiapan-2025.xlsx" in body(client.get(reverse("reports:export_detail", args=[done.pk])))


def test_only_known_kinds_of_job_can_be_registered(district):
    with pytest.raises(ValueError, match="unknown export kind 'pdf'"):
        exporters.register_exporter("pdf", "network.exports.write_export_job")
    # This app's own kinds, and the network's registered by its dotted path.
    assert set(jobs.EXPORTERS) == {"readiness", "report_cards"}
    assert jobs.exporter("network") is write_export_job

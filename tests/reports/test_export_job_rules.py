"""``ExportJob`` as its pages read it (percent, links back, subject, file name), the rules the
database keeps for it, progress counting, and who sees which job."""

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import translation

from reports import jobs
from reports.models import ExportJob
from reports.selectors import visible_export_jobs
from tests.factories import make_analyst, make_cooperative, make_user

pytestmark = pytest.mark.django_db


def job(**fields):
    fields.setdefault("kind", ExportJob.KIND_READINESS)
    fields.setdefault("parameters", {"round": "2024-1"})
    return ExportJob.objects.create(**fields)


@pytest.mark.parametrize(
    "status, done, total, percent",
    [
        ("pending", 0, 0, 0),
        ("running", 0, 0, 0),
        ("done", 0, 0, 100),  # an empty round is finished, not stuck at 0 %
        ("running", 1, 3, 33),
        ("running", 2, 3, 67),
        ("done", 40, 40, 100),
    ],
)
def test_percent(status, done, total, percent):
    assert ExportJob(status=status, progress_done=done, progress_total=total).percent == percent


@pytest.mark.parametrize(
    "kind, parameters, back_url, subject",
    [
        ("readiness", {"round": "2024-1"}, "/laporan/?putaran=2024-1", "2024-1"),
        ("report_cards", {"round": "2024 semester 1"}, "/laporan/?putaran=2024+semester+1", "2024 semester 1"),
        (
            "network",
            {"event": "temu-usaha", "evaluation": "evaluasi-nov", "format": "xlsx"},
            "/jejaring/laporan/temu-usaha/?evaluasi=evaluasi-nov",
            "temu-usaha · evaluasi-nov (XLSX)",
        ),
        (
            "network",
            {"event": "temu-usaha", "evaluation": None, "format": "csv"},
            "/jejaring/laporan/temu-usaha/",
            "temu-usaha (CSV)",
        ),
    ],
)
def test_back_url_and_subject(kind, parameters, back_url, subject):
    export = ExportJob(kind=kind, parameters=parameters)
    assert (export.back_url, export.subject) == (back_url, subject)


def test_is_done_needs_the_file_and_filename_drops_the_folder():
    export = job(status="done")
    assert not export.is_done and export.filename == ""
    export.file.save("kesiapan-2024-1.xlsx", ContentFile(b"x"), save=True)
    assert export.is_done and export.filename == "kesiapan-2024-1.xlsx"
    assert export.file.name.startswith("exports/") and export.file.name.count("/") == 2
    with translation.override("id"):
        assert str(export) == f"Ekspor lengkap hasil putaran (XLSX) #{export.pk}"
    assert export.get_absolute_url() == f"/laporan/ekspor/{export.pk}/"
    assert not export.is_active and job().is_active


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "pdf"},
        {"status": "lost"},
        {"progress_done": 5, "progress_total": 4},
    ],
)
def test_database_refuses_impossible_jobs(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        job(**fields)


def test_counting_records_progress_every_25_items_and_at_the_end():
    export = job(progress_total=60)
    seen = []
    for item in jobs.counting(range(60), export, 60):
        seen.append((item, ExportJob.objects.get(pk=export.pk).progress_done))
    assert [item for item, _ in seen] == list(range(60))
    assert seen[25][1] == 25 and seen[50][1] == 50 and seen[24][1] == 0
    assert ExportJob.objects.get(pk=export.pk).progress_done == 60
    empty = job()
    assert list(jobs.counting([], empty, 0)) == []
    assert ExportJob.objects.get(pk=empty.pk).progress_done == 0


def test_set_progress_keeps_the_total_unless_given():
    export = job(progress_total=10)
    jobs.set_progress(export, 3)
    export.refresh_from_db()
    assert (export.progress_done, export.progress_total) == (3, 10)
    jobs.set_progress(export, 0, 12)
    export.refresh_from_db()
    assert (export.progress_done, export.progress_total) == (0, 12)


def test_who_sees_which_job():
    me, colleague = make_analyst(), make_analyst()
    pengurus = make_user(cooperative=make_cooperative(), role="pengurus")
    inactive = make_user(is_active=False)
    mine_network = job(kind="network", parameters={"event": "a", "format": "csv"}, requested_by=me)
    theirs_network = job(kind="network", parameters={"event": "b", "format": "csv"}, requested_by=colleague)
    theirs_round = job(requested_by=colleague)
    pengurus_round = job(requested_by=pengurus)
    pengurus_network = job(kind="network", parameters={"event": "c", "format": "csv"}, requested_by=pengurus)
    inactive_round = job(requested_by=inactive)
    visible = {user: set(visible_export_jobs(user).values_list("pk", flat=True)) for user in (me, pengurus, inactive)}
    assert visible[me] == {mine_network.pk, theirs_round.pk, pengurus_round.pk, inactive_round.pk}
    assert theirs_network.pk not in visible[me]
    # A requester who is no longer an analyst still gets a round's file, never a network table.
    assert visible[pengurus] == {pengurus_round.pk}
    assert pengurus_network.pk not in visible[pengurus]
    assert visible[inactive] == set()


# --- the pages before any round exists, and files that went missing ---------------------------


@pytest.mark.parametrize("path", ["/laporan/", "/laporan/perbandingan/", "/laporan/pelatihan/"])
def test_report_pages_explain_that_there_is_no_round_yet(client, path):
    client.force_login(make_analyst())
    response = client.get(path)
    assert response.status_code == 200
    assert "Belum ada putaran evaluasi. Buat putaran evaluasi terlebih dahulu." in response.content.decode()


def test_download_without_any_round_is_404(client):
    client.force_login(make_analyst())
    assert client.get("/laporan/unduh/kecamatan.csv").status_code == 404


def test_export_file_that_is_pending_or_gone_is_404(client):
    analyst = make_analyst()
    client.force_login(analyst)
    pending = job(requested_by=analyst)
    assert client.get(f"/laporan/ekspor/{pending.pk}/unduh/").status_code == 404
    done = job(requested_by=analyst, status="done")
    done.file.save("kesiapan-2024-1.xlsx", ContentFile(b"PK"), save=True)
    response = client.get(f"/laporan/ekspor/{done.pk}/unduh/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kesiapan-2024-1.xlsx"'
    assert b"".join(response.streaming_content) == b"PK"
    done.file.storage.delete(done.file.name)
    assert client.get(f"/laporan/ekspor/{done.pk}/unduh/").status_code == 404

"""The network importers beyond single bad rows: XLSX cells typed as numbers, the templates
people download, previews that write nothing, certificates for people an import marks
present, commitments of several agreements in one file, and a preview confirmed at the
wrong event."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from certificates.models import Certificate
from network import importers
from network.importers import (
    AgreementImporter,
    CommitmentImporter,
    EventParticipantImporter,
    NetworkEvaluationImporter,
    PartnerImporter,
    import_commitments,
    import_event_participants,
    import_network_evaluation,
)
from network.models import CERTIFICATE_SOURCE, Agreement, Commitment, Event, FollowUp, Participant
from network.services import save_follow_up
from tests.factories import make_analyst

from .test_importer_rows import NIK_A, build_world


@pytest.fixture(scope="module")
def _shared_world(module_db):
    return module_db.build("world", build_world)


@pytest.fixture
def world(_shared_world, db):
    if _shared_world is None:
        build_world()
    return Event.objects.get(slug="temu-usaha-uji")


def xlsx(*rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "data.xlsx"
    return buffer


def csv(text, name="data.csv"):
    handle = io.BytesIO(text.encode("utf-8"))
    handle.name = name
    return handle


# --- XLSX and templates ---------------------------------------------------------------------------------


def test_numbers_typed_into_xlsx_cells_are_read_as_identifiers(world):
    upload = xlsx(["nama", "telepon", "nik", "hadir", "pre_test"], ["Bu Ani", 81234567890, int(NIK_A), "YA", 72.5])
    report = import_event_participants(upload, event=world)
    assert report.ok, report.error_lines()
    ani = Participant.objects.get(event=world, name="Bu Ani")
    assert (ani.phone, ani.cooperative.nik, ani.present, ani.pre_score) == ("081234567890", NIK_A, True, 72.5)
    assert ani.user.username == "peserta_hp"


@pytest.mark.parametrize(
    "importer, columns, text_columns",
    [
        (PartnerImporter(), ["kode", "nama", "jenis", "provinsi", "kabupaten", "kontak", "telepon"], {"A", "G"}),
        (
            AgreementImporter(),
            ["kode", "nik", "mitra", "bidang", "nilai_potensi", "uraian", "tanggal"],
            {"A", "B", "C"},
        ),
        (CommitmentImporter(), ["kerja_sama", "pihak", "uraian", "batas_waktu"], {"A"}),
        (
            NetworkEvaluationImporter(),
            [
                "kode",
                "status",
                "nilai_realisasi",
                "kendala",
                "lanjut",
                "catatan",
                "komitmen_1",
                "komitmen_2",
                "komitmen_3",
            ],
            {"A"},
        ),
    ],
)
def test_templates_have_the_columns_an_example_and_text_identifier_columns(importer, columns, text_columns):
    sheet = load_workbook(io.BytesIO(importer.template_xlsx())).active
    header = [cell.value for cell in sheet[1]]
    assert header == columns
    example = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert example[columns[0]] == importer.example_row[columns[0]]
    text = {letter for letter, dimension in sheet.column_dimensions.items() if dimension.number_format == "@"}
    assert text == text_columns
    assert importer.template_filename() == f"templat-impor-{importer.kind}.xlsx"


def test_imports_into_an_event_are_staged_per_event(world):
    other = Event.objects.get(slug="temu-usaha-lain")
    assert EventParticipantImporter(event=world).staging_kind == f"network-participants-{world.pk}"
    assert AgreementImporter(event=other).staging_kind == f"network-agreements-{other.pk}"
    assert NetworkEvaluationImporter(event=world).staging_kind == f"network-evaluation-{world.pk}"


# --- previews and what writing does ------------------------------------------------------------------


def test_a_participant_preview_counts_and_writes_nothing(world):
    report = import_event_participants(csv("nama,hadir\nSiti,ya\nBudi,\n"), event=world, dry_run=True)
    assert (report.ok, report.created, report.updated) == (True, 2, 0)
    assert not Participant.objects.filter(event=world).exists()
    assert not Certificate.objects.filter(source=CERTIFICATE_SOURCE).exists()


def test_people_an_import_marks_present_get_one_attendance_certificate(world):
    text = f"nama,nik,hadir\nSiti,{NIK_A},ya\nBudi,,\nTamu,,tidak\n"
    import_event_participants(csv(text), event=world)
    import_event_participants(csv(text), event=world)  # again: nobody newly present
    certificates = Certificate.objects.filter(source=CERTIFICATE_SOURCE)
    assert [c.recipient_name for c in certificates] == ["Siti"]
    siti = Participant.objects.get(event=world, name="Siti")
    assert certificates.get().reference == str(siti.pk) and certificates.get().title == world.name
    import_event_participants(csv("nama,nik,hadir\nBudi,,ya\n"), event=world)
    assert sorted(c.recipient_name for c in certificates.all()) == ["Budi", "Siti"]


def test_an_evaluation_preview_counts_new_and_updated_and_writes_nothing(world):
    evaluation = Event.objects.get(slug="evaluasi-uji")
    agreement = Agreement.objects.get(code="KS-01")
    save_follow_up(agreement=agreement, evaluation=evaluation, status="berjalan", realised_value=5)  # a web draft
    other = Agreement.objects.create(
        code="KS-BARU", event=world, cooperative=agreement.cooperative, partner=agreement.partner, field="pasokan"
    )
    text = "kode,status,nilai_realisasi\nKS-01,selesai,10\nKS-BARU,berjalan,0\n"
    preview = import_network_evaluation(csv(text), event=evaluation, dry_run=True)
    assert (preview.created, preview.updated) == (1, 1)
    assert not FollowUp.objects.filter(agreement=other).exists()
    report = import_network_evaluation(csv(text), event=evaluation, user=make_analyst(username="petugas_impor"))
    follow_up = FollowUp.objects.get(agreement=agreement, evaluation=evaluation)
    assert (follow_up.state, follow_up.source, follow_up.status, follow_up.self_status) == (
        "submitted",
        "import",
        "selesai",
        "selesai",
    )
    assert follow_up.submitted_by.username == "petugas_impor" and report.ok


def test_commitments_of_several_agreements_interleaved_keep_each_file_order(world):
    agreement = Agreement.objects.get(code="KS-01")
    Agreement.objects.create(
        code="KS-DUA", event=world, cooperative=agreement.cooperative, partner=agreement.partner, field="pasokan"
    )
    text = (
        "kerja_sama,pihak,uraian,batas_waktu\n"
        "KS-DUA,mitra,Beli mangga,\n"
        "KS-01,koperasi,Kirim contoh,2018-06-30\n"
        "KS-DUA,dinas,Fasilitasi,\n"
        "KS-01,mitra,Bayar di muka,\n"
        "KS-01,dinas,Pendampingan,\n"
    )
    report = import_commitments(csv(text))
    assert (report.created, report.updated, report.unchanged) == (3, 2, 0)
    listed = Commitment.objects.filter(agreement__code__in=["KS-01", "KS-DUA"]).order_by("agreement__code", "position")
    assert [(c.agreement.code, c.position, c.party, c.description) for c in listed] == [
        ("KS-01", 1, "koperasi", "Kirim contoh"),
        ("KS-01", 2, "mitra", "Bayar di muka"),
        ("KS-01", 3, "dinas", "Pendampingan"),
        ("KS-DUA", 1, "mitra", "Beli mangga"),
        ("KS-DUA", 2, "dinas", "Fasilitasi"),
    ]


def test_a_file_without_a_data_row_or_of_an_unknown_kind_is_a_file_error(world):
    assert import_commitments(csv("kerja_sama,pihak,uraian\n")).error_lines()[0].startswith("baris 1: berkas: ")
    report = importers.import_partners(csv("kode,nama", name="mitra.ods"))
    assert report.error_lines() == ["baris 1: berkas: jenis berkas tidak dikenal: gunakan CSV atau XLSX"]


# --- the admin upload --------------------------------------------------------------------------------------


def test_a_preview_of_one_event_cannot_be_confirmed_at_another(client, world):
    client.force_login(make_analyst())
    other = Event.objects.get(slug="temu-usaha-lain")
    text = f"kode,nik,mitra,bidang,nilai_potensi\nKS-SALAH,{NIK_A},M-01,pemasaran,1000\n"
    preview = client.post(reverse("kegiatan:import_agreements", args=[world.pk]), {"file": csv(text)})
    token = preview.context["token"]
    assert token and "KS-SALAH" not in set(Agreement.objects.values_list("code", flat=True))
    response = client.post(reverse("kegiatan:import_agreements", args=[other.pk]), {"token": token}, follow=True)
    assert "Berkas pratinjau sudah kedaluwarsa atau sudah diproses. Unggah lagi." in response.content.decode()
    assert not Agreement.objects.filter(code="KS-SALAH").exists()
    response = client.post(reverse("kegiatan:import_agreements", args=[world.pk]), {"token": token}, follow=True)
    assert "Impor data.csv selesai: 1 dibuat, 0 diperbarui, 0 tidak berubah." in response.content.decode()
    assert Agreement.objects.get(code="KS-SALAH").event == world


def test_the_admin_import_page_names_the_event_and_its_columns(client, world):
    client.force_login(make_analyst())
    page = client.get(reverse("kegiatan:import_participants", args=[world.pk])).content.decode()
    assert world.name in page
    assert "nama, telepon, nik, mitra, hadir, pre_test, post_test" in page
    assert "nilai kertas 0–100" in page
    assert client.get(reverse("kegiatan:import_participants", args=[999_999])).status_code == 404

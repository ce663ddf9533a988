"""The network importers row by row: every bad cell is named with its row number and an
Indonesian reason, nothing is written while any row is bad, and a good file upserts."""

import datetime

import pytest

from network.importers import (
    ImportSetupError,
    event_or_error,
    import_agreements,
    import_commitments,
    import_event_participants,
    import_network_evaluation,
    import_partners,
)
from network.models import Agreement, Commitment, Event, FollowUp, Participant, Partner
from tests.factories import make_cooperative, make_user

from .factories import evaluate, make_agreement, make_evaluation, make_event, make_partner

NIK_A = "3513010000000201"
NIK_B = "3513010000000202"


def build_world():
    coop_a = make_cooperative(nik=NIK_A, nama="Koperasi Bawang Dringu")
    make_cooperative(nik=NIK_B, nama="Koperasi Mangga Leces")
    partner = make_partner(code="M-01", name="Koperasi Tani Makmur Sleman")
    make_partner(code="M-02", name="CV Bakpia Jaya", jenis="umkm")
    event = make_event(slug="temu-usaha-uji")
    other_event = make_event(slug="temu-usaha-lain")
    evaluation = make_evaluation(follows=event, slug="evaluasi-uji")
    make_agreement(event=event, code="KS-01", cooperative=coop_a, partner=partner, commitments=2)
    make_agreement(event=other_event, code="KS-LAIN", cooperative=coop_a, partner=partner)
    verified = make_agreement(event=event, code="KS-VER", cooperative=coop_a, partner=partner)
    evaluate(verified, evaluation, status="berjalan", realised=10, verified={"status": "selesai", "realised_value": 20})
    make_user(username="peserta_hp", phone="081234567890")
    return True


@pytest.fixture(scope="module")
def _shared_world(module_db):
    return module_db.build("world", build_world)


@pytest.fixture
def world(_shared_world, db):
    if _shared_world is None:
        build_world()
    return Event.objects.get(slug="temu-usaha-uji")


@pytest.fixture
def csv_file(tmp_path):
    def write(text, name="data.csv"):
        path = tmp_path / name
        path.write_text(text.strip("\n") + "\n", encoding="utf-8")
        return str(path)

    return write


# --- partners ---------------------------------------------------------------------------------

PARTNER_HEADER = "kode,nama,jenis,provinsi,kabupaten,kontak,telepon\n"


@pytest.mark.parametrize(
    "row, errors",
    [
        (",Mitra Baru,umkm,Jawa Timur,,,", ["baris 2: kode: wajib diisi"]),
        ("M-09,,umkm,Jawa Timur,,,", ["baris 2: nama: wajib diisi"]),
        (
            "M-09,Mitra,UMKM ,,,,",
            ["baris 2: provinsi: wajib diisi"],
        ),
        (
            "M-09,Mitra,pabrik,Jawa Timur,,,",
            ["baris 2: jenis: 'pabrik' tidak dikenal; pilih salah satu: koperasi, umkm, usaha_besar, bumn, lembaga"],
        ),
        ("M-" + "9" * 40 + ",Mitra,umkm,Jawa Timur,,,", ["baris 2: kode: paling banyak 30 karakter"]),
        ("M-09,Mitra,umkm,Jawa Timur,,,081234567890123456789", ["baris 2: telepon: paling banyak 20 karakter"]),
    ],
)
def test_partner_bad_rows(world, csv_file, row, errors):
    report = import_partners(csv_file(PARTNER_HEADER + row))
    assert report.error_lines() == errors
    assert not Partner.objects.filter(code="M-09").exists()


def test_partner_duplicate_code_names_the_first_row(world, csv_file):
    report = import_partners(csv_file(PARTNER_HEADER + "M-09,A,umkm,Bali,,,\nM-10,B,umkm,Bali,,,\nM-09,C,umkm,Bali,,,"))
    assert report.error_lines() == ["baris 4: kode: kode sama dengan baris 2"]
    assert Partner.objects.filter(code__in=["M-09", "M-10"]).count() == 0


def test_partner_upsert_counts_created_updated_unchanged(world, csv_file):
    text = PARTNER_HEADER + (
        "M-01,Koperasi Tani Makmur Sleman,koperasi,DI Yogyakarta,,,\n"  # unchanged
        "M-02,CV Bakpia Jaya Abadi,umkm,DI Yogyakarta,,,\n"  # renamed
        "M-03,PT Baru,USAHA_BESAR,Jawa Tengah,Semarang,Bu Ani,024111\n"  # new, choice in capitals
    )
    preview = import_partners(csv_file(text), dry_run=True)
    assert (preview.created, preview.updated, preview.unchanged) == (1, 1, 1)
    assert not Partner.objects.filter(code="M-03").exists()
    report = import_partners(csv_file(text))
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    new = Partner.objects.get(code="M-03")
    assert (new.jenis, new.kabupaten, new.contact, new.phone) == ("usaha_besar", "Semarang", "Bu Ani", "024111")
    assert Partner.objects.get(code="M-02").name == "CV Bakpia Jaya Abadi"
    again = import_partners(csv_file(text))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_missing_required_column_is_a_file_error(world, csv_file):
    report = import_partners(csv_file("kode,nama,jenis\nM-09,A,umkm"))
    assert len(report.errors) == 1
    line = report.error_lines()[0]
    assert line.startswith("baris 1: ") and "provinsi" in line


# --- participants -------------------------------------------------------------------------------

PARTICIPANT_HEADER = "nama,telepon,nik,mitra,hadir,pre_test,post_test\n"


@pytest.mark.parametrize(
    "row, errors",
    [
        (",081234500009,,,,,", ["baris 2: nama: wajib diisi"]),
        ("Siti,12345,,,,,", ["baris 2: telepon: bukan nomor HP yang valid (tertulis 12345)"]),
        (f"Siti,,{NIK_A},M-01,,,", ["baris 2: mitra: isi nik atau mitra, tidak keduanya"]),
        ("Siti,,3513019999999999,,,,", ["baris 2: nik: koperasi dengan NIK 3513019999999999 belum terdaftar"]),
        ("Siti,,,M-77,,,", ["baris 2: mitra: mitra dengan kode M-77 belum terdaftar"]),
        ("Siti,,,,mungkin,,", ["baris 2: hadir: isi ya atau tidak (tertulis mungkin)"]),
        ("Siti,,,,,101,", ["baris 2: pre_test: harus angka 0 sampai 100 (tertulis 101)"]),
        ("Siti,,,,,,abc", ["baris 2: post_test: harus angka 0 sampai 100 (tertulis abc)"]),
    ],
)
def test_participant_bad_rows(world, csv_file, row, errors):
    report = import_event_participants(csv_file(PARTICIPANT_HEADER + row), event=world)
    assert report.error_lines() == errors
    assert not Participant.objects.filter(event=world).exists()


def test_participant_duplicates_by_phone_and_by_name_without_phone(world, csv_file):
    text = PARTICIPANT_HEADER + (
        "Siti,081234500001,,,,,\n"
        "Siti Lain,+6281234500001,,,,,\n"  # the same number written another way
        f"Budi,,{NIK_A},,,,\n"
        f"budi,,{NIK_A},,,,\n"  # same name (any case), same cooperative, no phone
        f"Budi,,{NIK_B},,,,\n"  # same name from another cooperative: someone else
    )
    report = import_event_participants(csv_file(text), event=world)
    assert report.error_lines() == [
        "baris 3: telepon: nomor HP sama dengan baris 2",
        "baris 5: nama: nama sama dengan baris 4",
    ]


def test_participants_upsert_link_accounts_and_keep_attendance_when_hadir_is_empty(world, csv_file):
    first = PARTICIPANT_HEADER + (
        'Peserta HP,081234567890,,,ya,"55,5",\nTamu Mitra,,,M-02,tidak,,\n' + f"Budi,,{NIK_A},,,,\n"
    )
    report = import_event_participants(csv_file(first), event=world)
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    with_phone = Participant.objects.get(event=world, phone="081234567890")
    assert with_phone.user.username == "peserta_hp"  # the account with that phone
    assert with_phone.present and with_phone.pre_score == 55.5
    second = PARTICIPANT_HEADER + (
        "Peserta HP Baru,081234567890,,,,,80\nTamu Mitra,,,M-02,,,\n" + f"Budi,,{NIK_A},,hadir,,\n"
    )
    report = import_event_participants(csv_file(second, "second.csv"), event=world)
    assert (report.created, report.updated, report.unchanged) == (0, 2, 1)
    with_phone.refresh_from_db()
    assert with_phone.name == "Peserta HP Baru" and with_phone.present  # hadir empty: unchanged
    assert (with_phone.pre_score, with_phone.post_score) == (55.5, 80)
    assert Participant.objects.get(event=world, name="Budi").present
    third = PARTICIPANT_HEADER + "Peserta HP Baru,081234567890,,,tidak,,\n"
    import_event_participants(csv_file(third, "third.csv"), event=world)
    with_phone.refresh_from_db()
    assert not with_phone.present and with_phone.checked_in_at is None


# --- agreements --------------------------------------------------------------------------------

AGREEMENT_HEADER = "kode,nik,mitra,bidang,uraian,nilai_potensi,tanggal\n"


@pytest.mark.parametrize(
    "row, errors",
    [
        (f",{NIK_A},M-01,pemasaran,,1000,", ["baris 2: kode: wajib diisi"]),
        (
            f"KS-LAIN,{NIK_A},M-01,pemasaran,,1000,",
            ["baris 2: kode: sudah dipakai kerja sama dari kegiatan temu-usaha-lain"],
        ),
        ("KS-09,,M-01,pemasaran,,1000,", ["baris 2: nik: wajib diisi"]),
        (
            "KS-09,3513019999999999,M-01,pemasaran,,1000,",
            ["baris 2: nik: koperasi dengan NIK 3513019999999999 belum terdaftar"],
        ),
        (f"KS-09,{NIK_A},,pemasaran,,1000,", ["baris 2: mitra: wajib diisi"]),
        (f"KS-09,{NIK_A},M-77,pemasaran,,1000,", ["baris 2: mitra: mitra dengan kode M-77 belum terdaftar"]),
        (
            f"KS-09,{NIK_A},M-01,ekspor,,1000,",
            [
                "baris 2: bidang: 'ekspor' tidak dikenal; pilih salah satu: "
                "pemasaran, pasokan, permodalan, pelatihan, teknologi, lainnya"
            ],
        ),
        (f"KS-09,{NIK_A},M-01,pemasaran,,,", ["baris 2: nilai_potensi: wajib diisi"]),
        (f"KS-09,{NIK_A},M-01,pemasaran,,-5000,", ["baris 2: nilai_potensi: tidak boleh negatif (tertulis -5000)"]),
        (
            f'KS-09,{NIK_A},M-01,pemasaran,,"1.500,50",',
            ["baris 2: nilai_potensi: harus Rupiah utuh tanpa pecahan (tertulis 1.500,50)"],
        ),
        (
            f"KS-09,{NIK_A},M-01,pemasaran,,seratus juta,",
            ["baris 2: nilai_potensi: bukan jumlah Rupiah yang valid (tertulis seratus juta)"],
        ),
        (
            f"KS-09,{NIK_A},M-01,pemasaran,,1000,31/02/2018",
            ["baris 2: tanggal: tanggal tidak valid (tertulis 31/02/2018); gunakan YYYY-MM-DD"],
        ),
    ],
)
def test_agreement_bad_rows(world, csv_file, row, errors):
    report = import_agreements(csv_file(AGREEMENT_HEADER + row), event=world)
    assert report.error_lines() == errors
    assert not Agreement.objects.filter(code="KS-09").exists()


@pytest.mark.parametrize(
    "cell, date",
    [
        ("2018-05-15", datetime.date(2018, 5, 15)),
        ("15/05/2018", datetime.date(2018, 5, 15)),
        ("15-05-2018", datetime.date(2018, 5, 15)),
        ("15.05.2018", datetime.date(2018, 5, 15)),
        ("", None),
    ],
)
def test_agreement_dates_in_the_formats_people_type(world, csv_file, cell, date):
    report = import_agreements(
        csv_file(AGREEMENT_HEADER + f"KS-09,{NIK_B},M-02,pasokan,Mangga,Rp 80.000.000,{cell}"), event=world
    )
    assert report.ok and report.created == 1
    agreement = Agreement.objects.get(code="KS-09")
    assert (agreement.signed_on, agreement.potential_value, agreement.field) == (date, 80_000_000, "pasokan")


def test_agreement_upsert_updates_changed_rows_only(world, csv_file):
    current = Agreement.objects.get(code="KS-01")
    same = f"KS-01,{NIK_A},M-01,{current.field},{current.description},{current.potential_value},"
    changed = f"KS-VER,{NIK_B},M-02,teknologi,Aplikasi kasir,5000000,2018-05-16"
    report = import_agreements(csv_file(AGREEMENT_HEADER + same + "\n" + changed), event=world)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    updated = Agreement.objects.select_related("cooperative", "partner").get(code="KS-VER")
    assert (updated.cooperative.nik, updated.partner.code, updated.field) == (NIK_B, "M-02", "teknologi")


# --- commitments -------------------------------------------------------------------------------

COMMITMENT_HEADER = "kerja_sama,pihak,uraian,batas_waktu\n"


@pytest.mark.parametrize(
    "row, errors",
    [
        (",koperasi,Kirim contoh,", ["baris 2: kerja_sama: wajib diisi"]),
        ("KS-77,koperasi,Kirim contoh,", ["baris 2: kerja_sama: kerja sama KS-77 belum ada"]),
        (
            "KS-01,pembeli,Kirim contoh,",
            ["baris 2: pihak: 'pembeli' tidak dikenal; pilih salah satu: koperasi, mitra, dinas"],
        ),
        ("KS-01,dinas,,", ["baris 2: uraian: wajib diisi"]),
        ("KS-01,dinas," + "x" * 501 + ",", ["baris 2: uraian: paling banyak 500 karakter"]),
        (
            "KS-01,dinas,Fasilitasi,besok",
            ["baris 2: batas_waktu: tanggal tidak valid (tertulis besok); gunakan YYYY-MM-DD"],
        ),
    ],
)
def test_commitment_bad_rows(world, csv_file, row, errors):
    before = list(Commitment.objects.order_by("pk").values_list("pk", "description"))
    report = import_commitments(csv_file(COMMITMENT_HEADER + row))
    assert report.error_lines() == errors
    assert list(Commitment.objects.order_by("pk").values_list("pk", "description")) == before


def test_commitments_replace_the_list_in_file_order(world, csv_file):
    text = COMMITMENT_HEADER + "KS-01,mitra,Beli 1 ton,2018-07-01\n"  # two existed: one stays, one goes
    report = import_commitments(csv_file(text))
    assert report.ok and (report.created, report.updated) == (0, 1)
    assert report.messages == ["komitmen dihapus: 1"]
    (only,) = Commitment.objects.filter(agreement__code="KS-01")
    assert (only.position, only.party, only.description, only.due_on) == (
        1,
        "mitra",
        "Beli 1 ton",
        datetime.date(2018, 7, 1),
    )
    again = import_commitments(csv_file(text))
    assert (again.created, again.updated, again.unchanged, again.messages) == (0, 0, 1, [])


def test_commitment_already_evaluated_cannot_be_dropped(world, csv_file):
    agreement = Agreement.objects.get(code="KS-01")
    evaluate(agreement, Event.objects.get(slug="evaluasi-uji"), results=["ya", "tidak"])
    report = import_commitments(csv_file(COMMITMENT_HEADER + "KS-01,koperasi,Satu saja,"))
    assert report.error_lines() == [
        "baris 2: kerja_sama: KS-01 punya komitmen ke-2 yang sudah dievaluasi; sertakan lagi di berkas"
    ]
    assert agreement.commitments.count() == 2


# --- follow-up evaluations -------------------------------------------------------------------------

EVALUATION_HEADER = "kode,status,nilai_realisasi,kendala,lanjut,catatan,komitmen_1,komitmen_2,komitmen_3\n"


@pytest.mark.parametrize(
    "row, errors",
    [
        (",berjalan,0,,,,,,", ["baris 2: kode: wajib diisi"]),
        ("KS-77,berjalan,0,,,,,,", ["baris 2: kode: kerja sama KS-77 belum ada"]),
        (
            "KS-01,macet,0,,,,,,",
            ["baris 2: status: 'macet' tidak dikenal; pilih salah satu: belum_berjalan, berjalan, selesai, batal"],
        ),
        ("KS-01,berjalan,,,,,,,", ["baris 2: nilai_realisasi: wajib diisi"]),
        (
            "KS-01,berjalan,0,logistik;cuaca,,,,,",
            [
                "baris 2: kendala: 'cuaca' tidak dikenal; pilih dari: "
                "modal, logistik, kualitas, harga, komunikasi, perizinan, digital, lainnya"
            ],
        ),
        ("KS-01,berjalan,0,,entah,,,,", ["baris 2: lanjut: isi ya atau tidak (tertulis entah)"]),
        ("KS-01,berjalan,0,,,,penuh,,", ["baris 2: komitmen_1: isi ya, sebagian atau tidak (tertulis penuh)"]),
        ("KS-01,berjalan,0,,,,ya,ya,ya", ["baris 2: komitmen_3: kerja sama KS-01 hanya punya 2 komitmen"]),
        ("KS-VER,selesai,0,,,,,,", ["baris 2: kode: tindak lanjut KS-VER sudah diverifikasi Dinas"]),
    ],
)
def test_evaluation_bad_rows(world, csv_file, row, errors):
    evaluation = Event.objects.get(slug="evaluasi-uji")
    report = import_network_evaluation(csv_file(EVALUATION_HEADER + row), event=evaluation)
    assert report.error_lines() == errors
    assert not FollowUp.objects.filter(agreement__code="KS-01").exists()


def test_evaluation_import_stores_results_in_commitment_order(world, csv_file):
    evaluation = Event.objects.get(slug="evaluasi-uji")
    text = EVALUATION_HEADER + "KS-01,Berjalan,Rp 45.000.000,Logistik; harga;logistik,ya,Lancar,sebagian,ya,\n"
    report = import_network_evaluation(csv_file(text), event=evaluation)
    assert (report.created, report.updated) == (1, 0)
    follow_up = FollowUp.objects.get(agreement__code="KS-01", evaluation=evaluation)
    assert (follow_up.status, follow_up.realised_value, follow_up.obstacles) == (
        "berjalan",
        45_000_000,
        ["logistik", "harga"],
    )
    assert follow_up.continues is True and follow_up.note == "Lancar" and follow_up.source == FollowUp.SOURCE_IMPORT
    results = dict(follow_up.commitment_results.values_list("commitment__position", "result"))
    assert results == {1: "sebagian", 2: "ya"}
    again = import_network_evaluation(csv_file(text.replace("Lancar", "Tetap lancar")), event=evaluation)
    assert (again.created, again.updated) == (0, 1)


def test_event_lookup_errors_are_in_indonesian(world):
    with pytest.raises(ImportSetupError, match="Kegiatan tidak-ada tidak ada."):
        event_or_error("tidak-ada")
    with pytest.raises(ImportSetupError, match="Kegiatan temu-usaha-uji berjenis temu_usaha, bukan evaluasi."):
        event_or_error("temu-usaha-uji", kind="evaluasi")
    assert event_or_error("evaluasi-uji", kind="evaluasi").slug == "evaluasi-uji"

"""The seven commands of PRODUCT.md section 7: imports all-or-nothing, the export contract."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from network.models import Agreement, Commitment, Event, FollowUp, Participant, Partner
from tests.factories import make_cooperative, make_user

pytestmark = pytest.mark.django_db

NIK_A = "3513010000000101"
NIK_B = "3513010000000102"


def write_csv(path, text):
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command(*args, stdout=out, stderr=err)
    return err.getvalue().splitlines()


@pytest.fixture
def registry(tmp_path):
    make_cooperative(nik=NIK_A, nama="Koperasi Bawang Dringu")
    make_cooperative(nik=NIK_B, nama="Koperasi Mangga Leces")
    path = write_csv(
        tmp_path / "mitra.csv",
        """
kode,nama,jenis,provinsi,kabupaten,kontak,telepon
M-01,Koperasi Tani Makmur Sleman,koperasi,DI Yogyakarta,Sleman,Pak Harjo,0274123456
M-02,CV Bakpia Jaya,umkm,DI Yogyakarta,Kota Yogyakarta,Bu Sri,
""",
    )
    run("import_partners", path)
    run(
        "create_event",
        "temu-usaha-diy-2018",
        "--name",
        "Temu Usaha DIY",
        "--type",
        "temu_usaha",
        "--starts",
        "2018-05-15",
    )
    run(
        "create_event",
        "evaluasi-nov-2018",
        "--name",
        "Evaluasi Jaringan",
        "--type",
        "evaluasi",
        "--starts",
        "2018-11-20",
        "--follows",
        "temu-usaha-diy-2018",
        "--place",
        "Aula Dinas",
    )
    return tmp_path


def test_partners_upsert_by_code_and_reject_bad_rows(registry):
    assert Partner.objects.count() == 2
    path = write_csv(
        registry / "mitra2.csv",
        """
KODE,Nama,Jenis,Provinsi
M-01,Koperasi Tani Makmur Sleman Baru,koperasi,DI Yogyakarta
M-03,PT Contoh,pabrik,
""",
    )
    errors = fails("import_partners", path)
    assert errors == [
        "baris 3: jenis: 'pabrik' tidak dikenal; pilih salah satu: koperasi, umkm, usaha_besar, bumn, lembaga",
        "baris 3: provinsi: wajib diisi",
    ]
    assert Partner.objects.get(code="M-01").name == "Koperasi Tani Makmur Sleman"  # nothing written
    path = write_csv(
        registry / "mitra3.csv",
        "kode,nama,jenis,provinsi\nM-01,Koperasi Tani Makmur Sleman Baru,koperasi,DI Yogyakarta",
    )
    out, _err = run("import_partners", path)
    assert "diperbarui: 1" in out
    assert Partner.objects.get(code="M-01").name == "Koperasi Tani Makmur Sleman Baru"


def test_create_event_rules(registry):
    event = Event.objects.get(slug="evaluasi-nov-2018")
    assert event.follows.slug == "temu-usaha-diy-2018" and event.place == "Aula Dinas"
    with pytest.raises(CommandError):
        call_command("create_event", "evaluasi-nov-2018", "--name", "x", "--type", "evaluasi", "--starts", "2018-11-20")
    with pytest.raises(CommandError):
        call_command("create_event", "x", "--name", "x", "--type", "evaluasi", "--starts", "20-11-2018")
    with pytest.raises(CommandError):
        call_command(
            "create_event", "y", "--name", "y", "--type", "evaluasi", "--starts", "2018-11-20", "--ends", "2018-11-01"
        )


AGREEMENTS = f"""
kode,nik,mitra,bidang,uraian,nilai_potensi,tanggal
KS-01,{NIK_A},M-01,pemasaran,Bawang merah ke Sleman,Rp 120.000.000,2018-05-15
KS-02,{NIK_B},M-02,pasokan,Mangga untuk bakpia,80000000,15/05/2018
KS-03,{NIK_A},M-02,pelatihan,Pelatihan kemasan,"40.000.000",
"""


def test_agreements_accept_rupiah_forms_and_upsert(registry):
    path = write_csv(registry / "ks.csv", AGREEMENTS)
    run("import_agreements", path, "--event", "temu-usaha-diy-2018")
    values = dict(Agreement.objects.values_list("code", "potential_value"))
    assert values == {"KS-01": 120_000_000, "KS-02": 80_000_000, "KS-03": 40_000_000}
    out, _err = run("import_agreements", path, "--event", "temu-usaha-diy-2018")
    assert "dibuat: 0, diperbarui: 0, tidak berubah: 3" in out


def test_agreements_negative_fractional_unknown_are_row_errors(registry):
    path = write_csv(
        registry / "ks-salah.csv",
        f"""
kode,nik,mitra,bidang,uraian,nilai_potensi,tanggal
KS-01,{NIK_A},M-01,pemasaran,x,-5000,
KS-02,{NIK_B},M-02,pasokan,x,"1500000,5",
KS-03,3513999999999999,M-09,kuliner,x,10,31-02-2018
KS-01,{NIK_A},M-01,pemasaran,x,10,
""",
    )
    errors = fails("import_agreements", path, "--event", "temu-usaha-diy-2018")
    assert "baris 2: nilai_potensi: tidak boleh negatif (tertulis -5000)" in errors
    assert "baris 3: nilai_potensi: harus Rupiah utuh tanpa pecahan (tertulis 1500000,5)" in errors
    assert "baris 4: nik: koperasi dengan NIK 3513999999999999 belum terdaftar" in errors
    assert "baris 4: mitra: mitra dengan kode M-09 belum terdaftar" in errors
    assert any(e.startswith("baris 4: bidang:") for e in errors)
    assert any(e.startswith("baris 4: tanggal:") for e in errors)
    assert "baris 5: kode: kode sama dengan baris 2" in errors
    assert not Agreement.objects.exists()


def test_unknown_event_is_an_error(registry):
    path = write_csv(registry / "ks.csv", AGREEMENTS)
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("import_agreements", path, "--event", "tidak-ada")
    with pytest.raises(CommandError, match="bukan evaluasi"):
        call_command("import_network_evaluation", path, "--event", "temu-usaha-diy-2018")


COMMITMENTS = """
kerja_sama,pihak,uraian,batas_waktu
KS-01,koperasi,Kirim contoh bawang 50 kg,2018-06-30
KS-01,mitra,Membeli 2 ton per bulan,
KS-01,dinas,Fasilitasi perizinan,
KS-02,koperasi,Kirim mangga,
"""


def test_commitments_in_file_order_and_idempotent(registry):
    run("import_agreements", write_csv(registry / "ks.csv", AGREEMENTS), "--event", "temu-usaha-diy-2018")
    path = write_csv(registry / "komitmen.csv", COMMITMENTS)
    run("import_commitments", path)
    run("import_commitments", path)
    assert list(Commitment.objects.filter(agreement__code="KS-01").values_list("position", "party")) == [
        (1, "koperasi"),
        (2, "mitra"),
        (3, "dinas"),
    ]
    assert Commitment.objects.count() == 4


def _import_story(registry):
    run("import_agreements", write_csv(registry / "ks.csv", AGREEMENTS), "--event", "temu-usaha-diy-2018")
    run("import_commitments", write_csv(registry / "komitmen.csv", COMMITMENTS))
    path = write_csv(
        registry / "evaluasi.csv",
        """
kode,status,nilai_realisasi,kendala,lanjut,catatan,komitmen_1,komitmen_2,komitmen_3
KS-01,berjalan,Rp 45.000.000,logistik; harga,ya,Pengiriman lambat,ya,sebagian,ya
KS-02,batal,0,modal,tidak,,tidak,,
""",
    )
    run("import_network_evaluation", path, "--event", "evaluasi-nov-2018")


def test_evaluation_import_and_its_errors(registry):
    _import_story(registry)
    follow_up = FollowUp.objects.get(agreement__code="KS-01")
    assert (follow_up.status, follow_up.realised_value, follow_up.obstacles) == (
        "berjalan",
        45_000_000,
        ["logistik", "harga"],
    )
    assert follow_up.state == "submitted" and follow_up.source == "import" and follow_up.continues is True
    assert sorted(follow_up.commitment_results.values_list("result", flat=True)) == ["sebagian", "ya", "ya"]
    bad = write_csv(
        registry / "evaluasi-salah.csv",
        """
kode,status,nilai_realisasi,kendala,komitmen_1,komitmen_2
KS-02,jalan,-1,banjir,ya,ya
KS-09,berjalan,0,,,
""",
    )
    errors = fails("import_network_evaluation", bad, "--event", "evaluasi-nov-2018")
    assert errors == [
        "baris 2: kendala: 'banjir' tidak dikenal; pilih dari: modal, logistik, kualitas, harga, komunikasi, perizinan, digital, lainnya",
        "baris 2: komitmen_2: kerja sama KS-02 hanya punya 1 komitmen",
        "baris 2: nilai_realisasi: tidak boleh negatif (tertulis -1)",
        "baris 2: status: 'jalan' tidak dikenal; pilih salah satu: belum_berjalan, berjalan, selesai, batal",
        "baris 3: kode: kerja sama KS-09 belum ada",
    ]
    assert FollowUp.objects.get(agreement__code="KS-02").status == "batal"


def test_participants_import(registry):
    make_user(username="bu_ani", phone="081234500099", cooperative=None)
    path = write_csv(
        registry / "peserta.csv",
        f"""
nama,telepon,nik,mitra,hadir,post_test
Bu Ani,+62 812-3450-0099,{NIK_A},,ya,80
Pak Harjo,,,M-01,,
Pak Budi,08123,{NIK_A},M-01,mungkin,120
""",
    )
    errors = fails("import_event_participants", path, "--event", "evaluasi-nov-2018")
    assert errors == [
        "baris 4: hadir: isi ya atau tidak (tertulis mungkin)",
        "baris 4: mitra: isi nik atau mitra, tidak keduanya",
        "baris 4: post_test: harus angka 0 sampai 100 (tertulis 120)",
        "baris 4: telepon: bukan nomor HP yang valid (tertulis 08123)",
    ]
    path = write_csv(registry / "peserta-ok.csv", "\n".join(open(path).read().splitlines()[:3]))
    run("import_event_participants", path, "--event", "evaluasi-nov-2018")
    run("import_event_participants", path, "--event", "evaluasi-nov-2018")
    assert Participant.objects.count() == 2
    ani = Participant.objects.get(phone="081234500099")
    assert ani.present and ani.user.username == "bu_ani" and ani.post_score == 80
    assert Participant.objects.get(name="Pak Harjo").partner.code == "M-01"


def test_export_network_json_matches_the_contract(registry):
    _import_story(registry)
    out, _err = run("export_network", "--event", "temu-usaha-diy-2018", "--evaluation", "evaluasi-nov-2018")
    document = json.loads(out)
    assert document["event"] == "temu-usaha-diy-2018" and document["evaluation"] == "evaluasi-nov-2018"
    assert document["agreements"][0] == {
        "kode": "KS-01",
        "nik": NIK_A,
        "koperasi": "Koperasi Bawang Dringu",
        "mitra": "M-01",
        "mitra_nama": "Koperasi Tani Makmur Sleman",
        "provinsi": "DI Yogyakarta",
        "bidang": "pemasaran",
        "nilai_potensi": 120000000,
        "status": "berjalan",
        "nilai_realisasi": 45000000,
        "kendala": ["logistik", "harga"],
        "komitmen": {"jumlah": 3, "terlaksana": 2.5},
    }
    assert document["agreements"][2]["status"] == "belum_dievaluasi"
    assert document["agreements"][2]["kendala"] == [] and document["agreements"][2]["nilai_realisasi"] == 0
    assert document["summary"] == {
        "agreements": 3,
        "cooperatives": 2,
        "mitra": 2,
        "nilai_potensi": 240000000,
        "nilai_realisasi": 45000000,
        "realisasi_persen": 18.8,
        "aktif_persen": 33.3,
        "komitmen_persen": 62.5,
        "by_status": {"berjalan": 1, "selesai": 0, "batal": 1, "belum_berjalan": 0, "belum_dievaluasi": 1},
        "by_bidang": {
            "pemasaran": {"agreements": 1, "nilai_potensi": 120000000, "nilai_realisasi": 45000000},
            "pasokan": {"agreements": 1, "nilai_potensi": 80000000, "nilai_realisasi": 0},
            "pelatihan": {"agreements": 1, "nilai_potensi": 40000000, "nilai_realisasi": 0},
        },
        "by_provinsi": {"DI Yogyakarta": {"agreements": 3, "nilai_potensi": 240000000, "nilai_realisasi": 45000000}},
        "by_kendala": {"modal": 1, "logistik": 1, "harga": 1},
    }
    out, _err = run("export_network", "--event", "temu-usaha-diy-2018")
    assert json.loads(out)["evaluation"] is None


def test_export_network_csv_and_xlsx(registry, tmp_path):
    _import_story(registry)
    out, _err = run("export_network", "--event", "temu-usaha-diy-2018", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert (
        rows[0]["kode"] == "KS-01"
        and rows[0]["kendala"] == "logistik;harga"
        and rows[0]["nilai_realisasi"] == "45000000"
    )
    target = tmp_path / "jejaring.xlsx"
    run("export_network", "--event", "temu-usaha-diy-2018", "--format", "xlsx", "--output", str(target))
    sheet = load_workbook(target).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "kode" and values[1][7] == 120000000 and len(values) == 4


def test_xlsx_import_with_numeric_cells(registry):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["kode", "nik", "mitra", "bidang", "nilai_potensi"])
    sheet.append(["KS-10", NIK_A, "M-01", "teknologi", 25000000])
    sheet.append(["KS-11", NIK_A, "M-01", "teknologi", 2.5])
    path = registry / "ks.xlsx"
    workbook.save(path)
    errors = fails("import_agreements", str(path), "--event", "temu-usaha-diy-2018")
    assert errors == ["baris 3: nilai_potensi: harus Rupiah utuh tanpa pecahan (tertulis 2.5)"]

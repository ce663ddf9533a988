from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cooperatives import demo
from cooperatives.models import Cooperative, Kecamatan
from tests.cooperatives.files import write_table
from tests.factories import make_kecamatan

pytestmark = pytest.mark.django_db

HEADER = ["nik", "nama", "jenis", "kecamatan", "desa", "jumlah_anggota"]


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_cooperatives_command_prints_counts(tmp_path, fmt):
    make_kecamatan("Paiton")
    path = write_table(tmp_path, fmt, [HEADER, ["3513000000001001", "Koperasi Paiton", "konsumen", "Paiton", "", "7"]])
    out, _err = run("import_cooperatives", str(path))
    assert "dibuat: 1, diperbarui: 0, tidak berubah: 0" in out
    out, _err = run("import_cooperatives", str(path))
    assert "dibuat: 0, diperbarui: 0, tidak berubah: 1" in out
    assert Cooperative.objects.count() == 1


def test_import_cooperatives_command_fails_listing_every_error(tmp_path):
    make_kecamatan("Paiton")
    path = write_table(
        tmp_path,
        "csv",
        [
            HEADER,
            ["3513000000001101", "Baik", "konsumen", "Paiton", "", "1"],
            ["351300000000110", "Pendek", "konsumen", "Paiton", "", "1"],
            ["3513000000001103", "Jauh", "konsumen", "Tidakada", "", "1"],
        ],
    )
    err = StringIO()
    with pytest.raises(CommandError, match="2 kesalahan"):
        call_command("import_cooperatives", str(path), stdout=StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "baris 3: nik: harus 16 digit angka (tertulis 351300000000110)",
        "baris 4: kecamatan: 'Tidakada' belum terdaftar; impor daftar kecamatan dulu (admin: Registri koperasi → Kecamatan → Impor; perintah: import_kecamatan)",
    ]
    assert not Cooperative.objects.exists()


def test_import_cooperatives_missing_file_is_an_error(tmp_path):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_cooperatives", str(tmp_path / "tidak-ada.csv"), stdout=StringIO(), stderr=err)
    assert err.getvalue().startswith("baris 1: berkas: tidak bisa dibuka")


def test_dry_run_writes_nothing(tmp_path):
    make_kecamatan("Paiton")
    path = write_table(tmp_path, "csv", [HEADER, ["3513000000001201", "K", "jasa", "Paiton", "", "1"]])
    out, _err = run("import_cooperatives", str(path), "--dry-run")
    assert "Uji coba" in out and "dibuat: 1" in out
    assert not Cooperative.objects.exists()


def test_import_kecamatan_command(tmp_path):
    path = write_table(tmp_path, "xlsx", [["nama", "kode"], ["Kejayan", "35.14.01"], ["Pasrepan", ""]])
    out, _err = run("import_kecamatan", str(path))
    assert "dibuat: 2" in out
    assert Kecamatan.objects.get(name="Kejayan").code == "35.14.01"


def test_demo_seed_loads_24_kecamatan_and_cooperatives_once():
    out = StringIO()
    demo.seed(out)
    assert Kecamatan.objects.count() == 24
    assert {"Bantaran", "Kraksaan", "Wonomerto", "Sumberasih"} <= set(Kecamatan.objects.values_list("name", flat=True))
    count = Cooperative.objects.count()
    assert 18 <= count <= 25
    assert set(Cooperative.objects.values_list("jenis", flat=True)) == {
        "konsumen",
        "simpan_pinjam",
        "produsen",
        "pemasaran",
        "jasa",
    }
    assert Cooperative.objects.values("kecamatan").distinct().count() >= 5
    assert all(nik.startswith("3513") and len(nik) == 16 for nik in Cooperative.objects.values_list("nik", flat=True))
    codes = list(Cooperative.objects.values_list("join_code", flat=True))

    demo.seed(StringIO())
    assert Kecamatan.objects.count() == 24
    assert Cooperative.objects.count() == count
    assert list(Cooperative.objects.values_list("join_code", flat=True)) == codes

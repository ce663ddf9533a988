"""The registry in the Wagtail admin: menu, listing, search, filters and the import."""

import pytest
from django.urls import reverse

from base.models import StagedImport
from cooperatives.models import Cooperative
from tests.cooperatives.files import write_table
from tests.factories import make_analyst, make_cooperative, make_editor, make_kecamatan, make_user

pytestmark = pytest.mark.django_db

HEADER = ["nik", "nama", "jenis", "kecamatan", "desa", "jumlah_anggota"]


@pytest.fixture(autouse=True)
def _private_staging(settings, tmp_path):
    settings.IMPORT_STAGING_DIR = str(tmp_path / "staging")


@pytest.fixture
def analyst_client(client):
    client.force_login(make_analyst())
    return client


def test_analyst_sees_registry_menu_and_editor_does_not(client):
    client.force_login(make_analyst())
    html = client.get("/admin/").content.decode()
    assert "/admin/koperasi/" in html and "/admin/kecamatan/" in html

    client.force_login(make_editor())
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/admin/koperasi/" not in html and "/admin/kecamatan/" not in html
    assert client.get("/admin/koperasi/").status_code in (302, 403)


def test_listing_shows_join_code_and_filters_by_kecamatan_and_jenis(analyst_client):
    paiton, dringu = make_kecamatan("Paiton"), make_kecamatan("Dringu")
    a = make_cooperative(nama="Koperasi Alpha", jenis="konsumen", kecamatan=paiton)
    b = make_cooperative(nama="Koperasi Beta", jenis="jasa", kecamatan=dringu)
    c = make_cooperative(nama="Koperasi Gamma", jenis="jasa", kecamatan=paiton)

    html = analyst_client.get("/admin/koperasi/").content.decode()
    assert a.join_code in html and b.join_code in html and "Impor" in html

    html = analyst_client.get("/admin/koperasi/", {"kecamatan": paiton.pk}).content.decode()
    assert "Koperasi Alpha" in html and "Koperasi Gamma" in html and "Koperasi Beta" not in html

    html = analyst_client.get("/admin/koperasi/", {"jenis": "jasa", "kecamatan": paiton.pk}).content.decode()
    assert "Koperasi Gamma" in html and "Koperasi Alpha" not in html and "Koperasi Beta" not in html

    html = analyst_client.get("/admin/koperasi/", {"q": c.nik}).content.decode()
    assert "Koperasi Gamma" in html and "Koperasi Alpha" not in html


def test_listing_query_count_does_not_grow_with_rows(analyst_client, django_assert_max_num_queries):
    make_cooperative()
    analyst_client.get("/admin/koperasi/")
    with django_assert_max_num_queries(40) as small:
        analyst_client.get("/admin/koperasi/")
    for _ in range(15):
        make_cooperative(kecamatan=make_kecamatan())
    with django_assert_max_num_queries(len(small.captured_queries)):
        analyst_client.get("/admin/koperasi/")


def test_analyst_can_add_a_cooperative_in_the_admin(analyst_client):
    kecamatan = make_kecamatan("Besuk")
    response = analyst_client.post(
        reverse("koperasi:add"),
        {
            "nik": "3513000000009001",
            "nama": "Koperasi Admin",
            "jenis": "produsen",
            "kecamatan": kecamatan.pk,
            "desa": "",
            "jumlah_anggota": "12",
            "alamat": "",
            "telepon": "",
            "email": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    cooperative = Cooperative.objects.get(nik="3513000000009001")
    assert len(cooperative.join_code) == 8


def test_import_preview_lists_errors_and_saves_nothing(analyst_client, tmp_path):
    make_kecamatan("Paiton")
    path = write_table(
        tmp_path,
        "xlsx",
        [
            HEADER,
            ["3513000000008001", "Baik", "konsumen", "Paiton", "", "1"],
            ["bad", "Rusak", "konsumen", "Paiton", "", "1"],
            ["3513000000008003", "", "konsumen", "Nowhere", "", "1"],
        ],
    )
    with open(path, "rb") as handle:
        response = analyst_client.post(reverse("koperasi:import"), {"file": handle})
    assert response.status_code == 200
    html = response.content.decode()
    assert "baris 3: nik: harus 16 digit angka (tertulis bad)" in html
    assert "baris 4: kecamatan:" in html and "baris 4: nama: wajib diisi" in html
    assert 'name="token"' not in html
    assert not Cooperative.objects.exists()
    assert not StagedImport.objects.exists()


def test_import_preview_then_confirm_saves(analyst_client, tmp_path):
    make_kecamatan("Paiton")
    existing = make_cooperative(nik="3513000000008101", nama="Lama", kecamatan=make_kecamatan("Paiton"))
    path = write_table(
        tmp_path,
        "csv",
        [
            HEADER,
            ["3513000000008101", "Baru", "konsumen", "Paiton", "", "1"],
            ["3513000000008102", "Kedua", "jasa", "paiton", "", "2"],
        ],
    )
    with open(path, "rb") as handle:
        response = analyst_client.post(reverse("koperasi:import"), {"file": handle})
    html = response.content.decode()
    assert "Akan dibuat: 1, diperbarui: 1, tidak berubah: 0" in html
    assert Cooperative.objects.count() == 1
    token = response.context["token"]
    assert token

    response = analyst_client.post(reverse("koperasi:import"), {"token": token})
    assert response.status_code == 302 and response.url == reverse("koperasi:index")
    assert Cooperative.objects.count() == 2
    existing.refresh_from_db()
    assert existing.nama == "Baru"

    # Confirming the same preview again does nothing: the staged file is gone.
    response = analyst_client.post(reverse("koperasi:import"), {"token": token}, follow=True)
    assert "kedaluwarsa atau sudah diproses" in response.content.decode()
    assert Cooperative.objects.count() == 2


def test_confirm_revalidates_the_file(analyst_client, tmp_path):
    paiton = make_kecamatan("Paiton")
    path = write_table(tmp_path, "csv", [HEADER, ["3513000000008201", "K", "jasa", "Paiton", "", "1"]])
    with open(path, "rb") as handle:
        token = analyst_client.post(reverse("koperasi:import"), {"file": handle}).context["token"]
    paiton.delete()  # the area disappears between preview and confirm
    response = analyst_client.post(reverse("koperasi:import"), {"token": token})
    assert response.status_code == 200
    assert "baris 2: kecamatan: &#x27;Paiton&#x27; belum terdaftar" in response.content.decode()
    assert not Cooperative.objects.exists()


def test_tampered_or_foreign_token_is_refused(client, tmp_path):
    make_kecamatan("Paiton")
    first, second = make_analyst(), make_analyst()
    path = write_table(tmp_path, "csv", [HEADER, ["3513000000008301", "K", "jasa", "Paiton", "", "1"]])
    client.force_login(first)
    with open(path, "rb") as handle:
        token = client.post(reverse("koperasi:import"), {"file": handle}).context["token"]

    client.force_login(second)
    client.post(reverse("koperasi:import"), {"token": token})
    client.post(reverse("koperasi:import"), {"token": token[:-2] + "xx"})
    # A token from the kecamatan import cannot confirm a cooperative import either.
    client.post(reverse("kecamatan:import"), {"token": token})
    assert not Cooperative.objects.exists()


def test_import_rejects_other_file_types(analyst_client, tmp_path):
    path = tmp_path / "data.pdf"
    path.write_bytes(b"%PDF-1.4")
    with open(path, "rb") as handle:
        response = analyst_client.post(reverse("koperasi:import"), {"file": handle})
    assert "Gunakan berkas .csv atau .xlsx." in response.content.decode()


def test_kecamatan_import_in_admin(analyst_client, tmp_path):
    path = write_table(tmp_path, "csv", [["nama", "kode"], ["Kejayan", ""], ["Pasrepan", "35.14.02"]])
    with open(path, "rb") as handle:
        token = analyst_client.post(reverse("kecamatan:import"), {"file": handle}).context["token"]
    analyst_client.post(reverse("kecamatan:import"), {"token": token})
    from cooperatives.models import Kecamatan

    assert set(Kecamatan.objects.values_list("name", flat=True)) == {"Kejayan", "Pasrepan"}


@pytest.mark.parametrize("who", ["editor", "pengurus", "staff"])
def test_import_is_for_analysts_only(client, who, tmp_path):
    if who == "editor":
        user = make_editor()
    else:
        user = make_user(cooperative=make_cooperative(), role="pengurus" if who == "pengurus" else "staf")
    client.force_login(user)
    assert client.get(reverse("koperasi:import")).status_code in (302, 404)
    make_kecamatan("Paiton")
    path = write_table(tmp_path, "csv", [HEADER, ["3513000000008401", "K", "jasa", "Paiton", "", "1"]])
    with open(path, "rb") as handle:
        response = client.post(reverse("koperasi:import"), {"file": handle})
    assert response.status_code in (302, 404)
    assert not Cooperative.objects.filter(nik="3513000000008401").exists()

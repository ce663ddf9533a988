"""Importing participants in the Wagtail admin."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model

from tests.cooperatives.files import write_table
from tests.factories import make_analyst, make_cooperative, make_editor, make_user

pytestmark = pytest.mark.django_db
User = get_user_model()

HEADER = ["nama", "username", "telepon", "email", "nik", "peran"]
URL = "/admin/peserta/impor/"


@pytest.fixture(autouse=True)
def _private_staging(settings, tmp_path):
    settings.IMPORT_STAGING_DIR = str(tmp_path / "staging")


def upload(client, path):
    with open(path, "rb") as handle:
        return client.post(URL, {"file": handle})


def test_menu_item_for_analysts_only(client):
    client.force_login(make_analyst())
    assert URL in client.get("/admin/").content.decode()
    assert "Kolom yang dibaca" in client.get(URL).content.decode()
    client.force_login(make_editor())
    assert URL not in client.get("/admin/").content.decode()
    assert client.get(URL).status_code == 404


def test_preview_then_confirm_downloads_generated_passwords(client, tmp_path):
    cooperative = make_cooperative(nik="3513000000006001")
    make_user(username="lama", cooperative=cooperative)
    client.force_login(make_analyst())
    path = write_table(
        tmp_path,
        "xlsx",
        [
            HEADER,
            ["Siti", "siti", "081234567890", "", "3513000000006001", "staf"],
            ["Lama", "lama", "", "", "3513000000006001", "pengurus"],
        ],
    )
    response = upload(client, path)
    html = response.content.decode()
    assert "Akan dibuat: 1, diperbarui: 1" in html and "1 akun baru akan mendapat kata sandi buatan" in html
    assert not User.objects.filter(username="siti").exists()

    response = client.post(URL, {"token": response.context["token"]})
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["username"] for r in rows] == ["siti"]
    siti = User.objects.get(username="siti")
    assert siti.check_password(rows[0]["password"])
    assert User.objects.get(username="lama").cooperative_role == "pengurus"


def test_preview_lists_errors_and_saves_nothing(client, tmp_path):
    client.force_login(make_analyst())
    path = write_table(tmp_path, "csv", [HEADER, ["Siti", "siti", "", "", "3513999999999999", "ketua"]])
    html = upload(client, path).content.decode()
    assert "baris 2: nik: koperasi dengan NIK 3513999999999999 belum terdaftar" in html
    assert "baris 2: peran: harus staf atau pengurus" in html
    assert not User.objects.filter(username="siti").exists()

"""The one admin import page (``base.admin_views.ImportView``): staging in the database,
a confirm that can never import twice, bad files answered without a 500, templates."""

import datetime
import io
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from base.models import StagedImport
from cooperatives.models import Cooperative, Kecamatan
from tests.cooperatives.files import write_table
from tests.factories import make_analyst, make_editor, make_kecamatan

pytestmark = pytest.mark.django_db

HEADER = ["nik", "nama", "jenis", "kecamatan", "desa", "jumlah_anggota"]
URL = "koperasi:import"


@pytest.fixture
def analyst():
    return make_analyst()


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


def _preview(client, path):
    with open(path, "rb") as handle:
        return client.post(reverse(URL), {"file": handle})


def _good_file(tmp_path):
    make_kecamatan("Paiton")
    return write_table(tmp_path, "csv", [HEADER, ["3513000000008201", "Koperasi Satu", "konsumen", "Paiton", "", "1"]])


def test_preview_is_staged_in_the_database_not_a_local_folder(analyst_client, tmp_path, settings):
    settings.IMPORT_STAGING_DIR = str(tmp_path / "nowhere")
    response = _preview(analyst_client, _good_file(tmp_path))
    staged = StagedImport.objects.get()
    assert bytes(staged.content).startswith(b"nik,nama")
    assert staged.token == response.context["token"] and staged.file_name == "data.csv"
    assert staged.expires_at > timezone.now()
    assert not (tmp_path / "nowhere").exists()


def test_preview_on_one_server_confirmed_on_another(analyst, tmp_path):
    # Two clients with their own sessions stand for two web servers sharing the database.
    first, second = Client(), Client()
    first.force_login(analyst)
    second.force_login(analyst)
    token = _preview(first, _good_file(tmp_path)).context["token"]
    response = second.post(reverse(URL), {"token": token})
    assert response.status_code == 302 and response.url == reverse("koperasi:index")
    assert Cooperative.objects.count() == 1 and not StagedImport.objects.exists()


def test_double_confirm_imports_once_and_never_answers_500(analyst_client, tmp_path):
    token = _preview(analyst_client, _good_file(tmp_path)).context["token"]
    first = analyst_client.post(reverse(URL), {"token": token})
    second = analyst_client.post(reverse(URL), {"token": token}, follow=True)
    assert first.status_code == 302
    assert second.status_code == 200
    assert "sudah kedaluwarsa atau sudah diproses" in second.content.decode()
    assert Cooperative.objects.count() == 1


def test_another_users_token_is_not_theirs(analyst_client, tmp_path):
    token = _preview(analyst_client, _good_file(tmp_path)).context["token"]
    other = Client()
    other.force_login(make_analyst())
    response = other.post(reverse(URL), {"token": token})
    assert response.status_code == 302 and not Cooperative.objects.exists()
    assert StagedImport.objects.count() == 1  # still there for its owner


def test_token_for_another_kind_of_import_is_refused(analyst_client, tmp_path):
    token = _preview(analyst_client, _good_file(tmp_path)).context["token"]
    analyst_client.post(reverse("kecamatan:import"), {"token": token})
    assert Kecamatan.objects.count() == 1 and not Cooperative.objects.exists()


def test_expired_preview_is_refused_and_cleared_on_the_next_upload(analyst_client, tmp_path):
    path = _good_file(tmp_path)
    token = _preview(analyst_client, path).context["token"]
    StagedImport.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = analyst_client.post(reverse(URL), {"token": token}, follow=True)
    assert "sudah kedaluwarsa" in response.content.decode() and not Cooperative.objects.exists()
    _preview(analyst_client, path)
    assert StagedImport.objects.count() == 1 and StagedImport.objects.get().token != token


def test_file_with_errors_is_not_staged(analyst_client, tmp_path):
    path = write_table(tmp_path, "csv", [HEADER, ["bad", "X", "konsumen", "Tidakada", "", "1"]])
    response = _preview(analyst_client, path)
    assert response.status_code == 200 and 'name="token"' not in response.content.decode()
    assert not StagedImport.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("nul.csv", b"nik,nama,jenis,kecamatan,desa,jumlah_anggota\n1\x00,a,b,c,d,e\n", "karakter NUL"),
        ("palsu.xlsx", b"bukan zip sama sekali", "bukan XLSX"),
        ("judul.csv", b"nik,nama,jenis,kecamatan,desa,jumlah_anggota\n", "hanya berisi judul kolom"),
    ],
)
def test_bad_files_in_the_admin_answer_an_indonesian_error_not_500(analyst_client, name, content, message):
    upload = io.BytesIO(content)
    upload.name = name
    response = analyst_client.post(reverse(URL), {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "baris 1: berkas: " in html and message in html
    assert not StagedImport.objects.exists()


def test_upload_over_the_limit_is_refused_by_the_form(analyst_client, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 2 * 2**20
    upload = io.BytesIO(b"nama\n" + b"a" * (2 * 2**20 + 10))
    upload.name = "besar.csv"
    response = analyst_client.post(reverse(URL), {"file": upload})
    assert response.status_code == 200
    assert "Berkas terlalu besar (paling besar 2 MB)." in response.content.decode()


@pytest.mark.parametrize(
    ("url", "columns"),
    [
        (reverse("koperasi:import"), ["nik", "nama", "jenis", "kecamatan", "desa", "jumlah_anggota"]),
        (reverse("kecamatan:import"), ["nama", "kode"]),
        (reverse("accounts_import_participants"), ["nama", "username", "telepon", "email", "nik", "peran", "password"]),
    ],
)
def test_every_import_page_links_its_xlsx_template(analyst_client, url, columns):
    html = analyst_client.get(url).content.decode()
    assert f'href="{url}?templat=xlsx"' in html
    response = analyst_client.get(url, {"templat": "xlsx"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == columns
    assert all(value not in (None, "") for value in [cell.value for cell in sheet[2]][:2])
    if "nik" in columns:
        nik = sheet.cell(row=2, column=columns.index("nik") + 1)
        assert nik.data_type == "s" and nik.number_format == "@" and len(nik.value) == 16


def test_template_is_for_analysts_only(client):
    client.force_login(make_editor())
    response = client.get(reverse(URL), {"templat": "xlsx"})
    assert response.status_code in (302, 403, 404)


# Two requests at the same moment need a server database (SQLite's writers are serialised):
# deselected on SQLite (tests/conftest.py).
@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_confirms_import_once(tmp_path):
    analyst = make_analyst()
    clients = [Client(), Client()]
    for each in clients:
        each.force_login(analyst)
    token = _preview(clients[0], _good_file(tmp_path)).context["token"]
    barrier = threading.Barrier(2)
    statuses = []

    def confirm(each):
        try:
            barrier.wait()
            statuses.append(each.post(reverse(URL), {"token": token}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(each,)) for each in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302, 302]
    assert Cooperative.objects.count() == 1 and not StagedImport.objects.exists()

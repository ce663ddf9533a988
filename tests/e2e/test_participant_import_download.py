"""An analyst imports participants in the admin: the confirm step answers with the
passwords file, so the page must itself say the import is saved (it used to keep
offering "Simpan impor", whose second click only said "expired")."""

import csv

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from tests.cooperatives.files import write_table
from tests.factories import make_analyst, make_cooperative

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_after_confirming_the_page_says_saved_and_offers_no_second_confirm(live_server, browser, settings, tmp_path):
    settings.IMPORT_STAGING_DIR = str(tmp_path / "staging")
    make_cooperative(nik="3513000000007001")
    path = write_table(
        tmp_path,
        "csv",
        [
            ["nama", "username", "telepon", "email", "nik", "peran"],
            ["Citra", "citra", "", "", "3513000000007001", "staf"],
        ],
    )
    client = Client()
    client.force_login(make_analyst())
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/admin/peserta/impor/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_text("1 akun baru akan mendapat kata sandi buatan")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="Simpan impor").click()
    rows = list(csv.DictReader(open(download.value.path(), encoding="utf-8-sig")))
    assert [row["username"] for row in rows] == ["citra"]
    assert get_user_model().objects.filter(username="citra").exists()

    expect(page.get_by_text("Impor disimpan.")).to_be_visible()
    expect(page.get_by_role("button", name="Simpan impor")).to_be_hidden()
    expect(page.get_by_text("Belum ada yang disimpan")).to_be_hidden()
    context.close()

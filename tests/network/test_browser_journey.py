"""The whole cycle on a 360 px phone in Chromium: check-in at the door, the pengurus'
follow-up over two visits, the analyst's verification, the report."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from network.models import FollowUp, Participant
from tests.browser import PHONE, accessibility_problems
from tests.factories import DEFAULT_PASSWORD, make_analyst, make_cooperative, make_user

from .factories import make_agreement, make_evaluation, make_event, make_partner

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NARROW = {"width": 360, "height": PHONE["height"]}


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna atau nomor HP").fill(username)
    page.get_by_label(re.compile(r"^Kata sandi")).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


def test_check_in_follow_up_verification_report(live_server, browser):
    cooperative = make_cooperative(nama="Koperasi Bawang Dringu")
    make_user(username="bu_ani", cooperative=cooperative, role="pengurus")
    make_analyst(username="pak_analis")
    event = make_event(slug="temu-usaha-diy-2018", name="Temu Usaha DIY 2018")
    evaluation = make_evaluation(
        follows=event,
        slug="evaluasi-nov-2018",
        name="Evaluasi Jaringan 2018",
        open_now=True,
        starts_on=datetime.date(2018, 11, 20),
    )
    partner = make_partner(code="M-01", name="Koperasi Tani Makmur Sleman")
    agreement = make_agreement(
        event=event, code="KS-01", cooperative=cooperative, partner=partner, potential=120_000_000, commitments=2
    )
    for number in range(44):
        Participant.objects.create(event=evaluation, name=f"Peserta {number:02d}", phone=f"08130000{number:04d}")
    Participant.objects.create(event=evaluation, name="Pak Harjo", phone="081298765432", partner=partner)

    context = browser.new_context(viewport=NARROW, locale="id-ID")
    context.set_default_timeout(15_000)
    page = context.new_page()

    # 1. At the door: the analyst finds Pak Harjo by phone and marks him present with one tap.
    log_in(page, live_server, "pak_analis")
    page.goto(f"{live_server.url}/jejaring/kegiatan/{evaluation.slug}/hadir/")
    expect(page.get_by_text("Hadir 0 dari 45")).to_be_visible()
    page.get_by_label("Cari nama atau nomor HP").fill("765432")
    expect(page.locator("#checkin-list li:visible")).to_have_count(1)
    page.get_by_role("button", name="Hadir: Pak Harjo").click()
    expect(page.get_by_text("Hadir 1 dari 45")).to_be_visible()
    assert fits_the_screen(page)
    assert accessibility_problems(page) == []
    assert Participant.objects.get(name="Pak Harjo").present

    # 2. The pengurus starts the follow-up, keeps a draft, comes back and sends it.
    log_in(page, live_server, "bu_ani")
    page.goto(f"{live_server.url}/jejaring/")
    page.get_by_role("link", name="Isi tindak lanjut").first.click()
    page.get_by_role("link", name="Isi tindak lanjut").click()
    expect(page.get_by_role("heading", name="Tindak lanjut KS-01")).to_be_visible()
    page.get_by_label("Berjalan", exact=True).check()
    page.get_by_label(re.compile("^Nilai realisasi")).fill("Rp 45.000.000")
    page.get_by_label("Logistik").check()
    first, second = page.locator("fieldset.commitment").all()
    first.get_by_label("Ya").check()
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_text("Draf tersimpan.")).to_be_visible()
    assert fits_the_screen(page)
    assert accessibility_problems(page) == []

    page.goto(f"{live_server.url}/jejaring/evaluasi/{evaluation.slug}/")
    page.get_by_role("link", name="Lanjutkan").click()
    expect(page.get_by_label(re.compile("^Nilai realisasi"))).to_have_value("Rp 45.000.000")
    expect(page.locator("fieldset.commitment").first.get_by_label("Ya")).to_be_checked()
    page.locator("fieldset.commitment").nth(1).get_by_label("Sebagian").check()
    page.get_by_role("button", name="Kirim tindak lanjut").click()
    expect(page.get_by_text("Tindak lanjut KS-01 terkirim")).to_be_visible()
    follow_up = FollowUp.objects.get(agreement=agreement)
    assert follow_up.state == "submitted" and follow_up.realised_value == 45_000_000

    # 3. The analyst verifies: realised value corrected, the cooperative's own kept.
    log_in(page, live_server, "pak_analis")
    page.goto(f"{live_server.url}/jejaring/evaluasi/{evaluation.slug}/")
    page.get_by_role("link", name="Verifikasi").click()
    expect(page.locator(".card.self-reported")).to_contain_text("Rp 45.000.000")
    assert accessibility_problems(page) == []
    page.get_by_label(re.compile("^Nilai realisasi")).fill("40.000.000")
    page.get_by_label("Catatan verifikasi").fill("Sesuai nota penjualan")
    page.get_by_role("button", name="Simpan verifikasi").click()
    expect(page.get_by_text("Verifikasi KS-01 tersimpan")).to_be_visible()
    follow_up.refresh_from_db()
    assert (follow_up.realised_value, follow_up.self_realised_value) == (40_000_000, 45_000_000)

    # 4. The report, readable on the phone.
    page.goto(f"{live_server.url}/jejaring/laporan/{event.slug}/?evaluasi={evaluation.slug}")
    expect(page.get_by_role("heading", name="Laporan jejaring kerja sama")).to_be_visible()
    expect(page.locator(".figures")).to_contain_text("33,3%")  # 40 of 120 million
    expect(page.locator(".figures")).to_contain_text("100,0%")  # the one agreement is active
    expect(page.locator(".network-picture svg line")).to_have_count(1)
    assert accessibility_problems(page) == []
    assert page.locator(".network-picture svg").bounding_box()["width"] <= NARROW["width"]
    context.close()

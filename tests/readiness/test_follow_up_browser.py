"""An analyst on a 360 px phone finds the cooperatives of one kecamatan still in draft and
opens the WhatsApp reminder prepared for one of them."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from readiness.services import ensure_default_framework, get_or_create_draft
from tests.factories import DEFAULT_PASSWORD, make_analyst, make_cooperative, make_kecamatan, make_user

from .conftest import make_round

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_analyst_filters_and_reminds_a_cooperative_in_draft(live_server, browser):
    framework = ensure_default_framework()
    today = datetime.date.today()
    evaluation_round = make_round(
        framework,
        "evaluasi-berjalan",
        name="Evaluasi Desember",
        opens=today - datetime.timedelta(days=1),
        closes=today + datetime.timedelta(days=14),
    )
    kraksaan, paiton = make_kecamatan("Kraksaan"), make_kecamatan("Paiton")
    drafting = make_cooperative(nama="KSU Mitra Tani", kecamatan=kraksaan)
    make_cooperative(nama="KSP Lain Kecamatan", kecamatan=paiton)
    make_user(cooperative=drafting, role="pengurus", phone="0812 3456 7890")
    get_or_create_draft(evaluation_round=evaluation_round, cooperative=drafting)
    make_analyst(username="analis_uji")

    context = browser.new_context(viewport={"width": 360, "height": 760}, locale="id-ID")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna atau nomor HP").fill("analis_uji")
    page.get_by_label(re.compile(r"^Kata sandi")).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.goto(f"{live_server.url}/kesiapan/{evaluation_round.slug}/")
    page.get_by_role("link", name="Tindak lanjut: siapa yang belum mengirim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tindak lanjut asesmen mandiri")
    page.get_by_label("Kecamatan").select_option(label="Kraksaan")
    page.get_by_label("Status").select_option(value="draft")
    page.get_by_role("button", name="Tampilkan").click()

    expect(page.get_by_text("KSP Lain Kecamatan")).to_have_count(0)
    reminder = page.get_by_role("link", name="Ingatkan KSU Mitra Tani lewat WhatsApp")
    expect(reminder).to_be_visible()
    box = reminder.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360  # reachable without scrolling sideways
    link = urlsplit(reminder.get_attribute("href"))
    assert (link.netloc, link.path) == ("wa.me", "/6281234567890")
    message = parse_qs(link.query)["text"][0]
    assert message.startswith("Yth. Pengurus KSU Mitra Tani")
    assert "Evaluasi Desember" in message and "masih berupa draf" in message
    assert f"{live_server.url}/kesiapan/" in message
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()

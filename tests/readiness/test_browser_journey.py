"""A pengurus fills the self-assessment over two visits, submits it and reads the report card."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from readiness.models import Assessment
from readiness.services import ensure_default_framework
from tests.factories import DEFAULT_PASSWORD, make_cooperative, make_user

from .conftest import answer_all, make_round

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(page, live_server, username):  # noqa: F811
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna atau nomor HP").fill(username)
    page.get_by_label(re.compile(r"^Kata sandi")).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def choose_level(page, code, level_text):  # noqa: F811
    """Click the radio whose label is the level descriptor (the label IS the descriptor)."""
    page.locator(f"#indikator-{code.lower().replace('.', '')}").get_by_label(level_text).check()


def test_pengurus_fills_over_two_visits_and_sees_change(live_server, page):  # noqa: F811
    framework = ensure_default_framework()
    cooperative = make_cooperative(nama="Koperasi Sumber Rejeki")
    make_user(username="bu_ani", cooperative=cooperative, role="pengurus")
    baseline = make_round(
        framework,
        "mei-2018",
        name="Temu Usaha Mei 2018",
        opens=datetime.date(2018, 5, 7),
        closes=datetime.date(2018, 5, 31),
    )
    answer_all(baseline, cooperative, 1)
    today = datetime.date.today()
    make_round(
        framework,
        "nov-berjalan",
        name="Evaluasi November",
        opens=today - datetime.timedelta(days=2),
        closes=today + datetime.timedelta(days=20),
    )
    dimensions = list(framework.dimensions.order_by("sort_order").prefetch_related("indicators"))

    # Visit 1: the first two dimensions, then leave.
    log_in(page, live_server, "bu_ani")
    page.goto(f"{live_server.url}/kesiapan/")
    page.get_by_role("link", name="Isi asesmen").click()
    expect(page.get_by_text("Dimensi 1 dari 6")).to_be_visible()
    for dimension in dimensions[:2]:
        expect(page.get_by_role("heading", level=1)).to_contain_text(dimension.code)
        for indicator in dimension.indicators.all():
            choose_level(page, indicator.code, indicator.level_3)
        page.get_by_label("Bukti atau catatan (boleh dikosongkan)").first.fill("Ada notulen rapat")
        page.get_by_role("button", name="Simpan & lanjut").click()
    expect(page.get_by_text("Dimensi 3 dari 6")).to_be_visible()
    page.context.clear_cookies()

    # Visit 2: log in again; the draft is there.
    log_in(page, live_server, "bu_ani")
    page.goto(f"{live_server.url}/kesiapan/")
    page.get_by_role("link", name="Lanjutkan asesmen").click()
    first = dimensions[0].indicators.first()
    expect(
        page.locator(f"#indikator-{first.code.lower().replace('.', '')}").get_by_label(first.level_3)
    ).to_be_checked()
    expect(page.get_by_label("Bukti atau catatan (boleh dikosongkan)").first).to_have_value("Ada notulen rapat")
    page.get_by_role("button", name="D3", exact=True).click()
    for dimension in dimensions[2:]:
        for number, indicator in enumerate(dimension.indicators.all()):
            if dimension.code == "D5" and number == 0:
                choose_level(page, indicator.code, "Tidak berlaku")
            else:
                choose_level(page, indicator.code, indicator.level_2)
        page.get_by_role("button", name=re.compile("Simpan & (lanjut|periksa)")).click()
    expect(page.get_by_role("heading", name="Periksa & kirim")).to_be_visible()
    page.get_by_role("button", name="Kirim asesmen").click()

    # The report card, with the change since the May 2018 baseline.
    expect(page.get_by_role("heading", name="Rapor kesiapan koperasi")).to_be_visible()
    expect(page.get_by_text("Asesmen mandiri terkirim")).to_be_visible()
    expect(page.get_by_text("Kesiapan matang").or_(page.get_by_text("Kesiapan sedang")).first).to_be_visible()
    expect(page.get_by_text("Temu Usaha Mei 2018")).to_be_visible()
    expect(page.locator(".change.up").first).to_be_visible()
    expect(page.locator("svg.dimension-chart")).to_be_visible()

    assessment = Assessment.objects.get(round__slug="nov-berjalan", cooperative=cooperative)
    assert assessment.status == "submitted"
    # D1, D2 at 3 (75), D3..D6 at 2 (50): (2×75 + 4×50) / 6
    assert assessment.overall == pytest.approx((2 * 75 + 4 * 50) / 6)
    assert assessment.answers.filter(level__isnull=True).count() == 1

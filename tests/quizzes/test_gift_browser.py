"""Browser: a bank written as Moodle writes it, taken on a phone. No marker, tag or script
shows on the attempt or the result page; formatting shows as formatting."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from quizzes.models import Attempt
from quizzes.services import import_gift
from tests.browser import wait_for_quiz_script
from tests.factories import make_cooperative, make_course, make_user

from .moodle_bank import BANK, MARKERS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


def assert_nothing_raw(page):
    text = page.locator("main").inner_text()
    for marker in MARKERS:
        assert marker not in text, marker
    assert page.locator("main script").count() == 0
    assert page.locator("main [onclick]").count() == 0


def test_moodle_bank_on_a_phone(live_server, browser_context):
    learner = make_user(username="rina", cooperative=make_cooperative(nama="Koperasi Maju Bersama"))
    course = make_course(title="Literasi digital koperasi")
    quiz = import_gift(text=BANK, course=course, skip_unsupported=True, purpose="ujian", pass_mark=50).quiz
    dialogs = []
    log_in(browser_context, live_server, learner)
    page = browser_context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Mulai kuis").click()
    wait_for_quiz_script(page)

    qris = page.get_by_role("group", name=re.compile("Apa kepanjangan QRIS"))
    expect(qris.locator("legend b")).to_have_text("QRIS")
    expect(page.locator("legend strong")).to_have_text("dompet digital")
    rat = page.get_by_role("group", name=re.compile("wajib mengadakan RAT"))
    expect(rat.locator("legend br")).to_have_count(1)  # Moodle's line break kept
    assert_nothing_raw(page)

    qris.get_by_label("Quick Response Code Indonesian Standard").check()
    wallets = page.get_by_role("group", name=re.compile("dompet digital"))
    wallets.get_by_label("GoPay").check()
    wallets.get_by_label("OVO").check()
    rat.get_by_label("Salah").check()
    page.get_by_role("group", name=re.compile("Sisa Hasil Usaha")).get_by_label("Jawaban Anda").fill("Sisa Hasil")
    page.get_by_role("group", name=re.compile("bunga")).get_by_label("Jawaban Anda (angka)").fill("13,5")
    page.get_by_role("group", name=re.compile("antara 1 dan 5")).get_by_label("Jawaban Anda (angka)").fill("77")
    page.get_by_role("group", name=re.compile("Koperasi adalah")).get_by_label("badan usaha").check()
    # The summary before the final submit, then the submit itself.
    page.get_by_role("button", name="Periksa & kirim").click()
    page.get_by_role("button", name="Kirim jawaban").click()

    # 1 + 1 + 0 + 0.2 + 0.5 + 0 + 1 of 7.
    expect(page.locator(".quiz-score-value")).to_have_text("52,9")
    expect(page.get_by_text("Lulus", exact=True)).to_be_visible()
    assert_nothing_raw(page)
    review = page.locator(".question-review")
    expect(review.nth(0).locator(".callout em")).to_have_text("standar nasional")
    expect(review.nth(0).get_by_role("link", name="Bank Indonesia")).to_have_attribute("href", "https://www.bi.go.id")
    expect(review.nth(2).locator(".callout b")).to_have_text("RAT wajib")
    expect(review.nth(3).locator(".callout b")).to_have_text("Tulis singkatannya")
    expect(review.nth(5).locator(".callout")).to_have_text("Jauh sekali")
    assert dialogs == []
    attempt = Attempt.objects.get(user=learner)
    assert attempt.score == pytest.approx(100 * 3.7 / 7)

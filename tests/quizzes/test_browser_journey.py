"""Browser journey: a learner takes a quiz on a phone, loses the connection, closes the tab,
comes back, submits and sees the score; a second attempt beyond the limit is refused."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from quizzes.models import Attempt
from quizzes.services import create_quiz
from tests.browser import wait_for_quiz_script, wait_until_offline
from tests.factories import make_cooperative, make_course, make_user

from .conftest import sample_questions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def answered(attempt):
    return sum(1 for value in attempt.answers.values() if value not in ("", []))


def log_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


# Chromium's offline emulation covers the page, not the site's service worker, whose requests
# could still reach the server "offline"; this journey is about the page's own autosave.
@pytest.mark.browser_context(service_workers="block")
def test_learner_survives_a_dropped_connection_and_cannot_exceed_the_limit(live_server, browser_context):
    cooperative = make_cooperative(nama="Koperasi Sumber Rejeki")
    learner = make_user(username="siti", cooperative=cooperative)
    course = make_course(title="Literasi digital koperasi")
    quiz = create_quiz(
        course=course,
        title="Ujian literasi",
        questions=sample_questions(),
        purpose="ujian",
        pass_mark=60,
        attempts_allowed=1,
        time_limit_minutes=30,
    )
    log_in(browser_context, live_server, learner)
    page = browser_context.new_page()
    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Mulai kuis").click()
    wait_for_quiz_script(page)
    expect(page.get_by_text("Sisa waktu")).to_be_visible()
    expect(page.locator(".quiz-timer-value")).to_have_text(re.compile(r"^(30:00|29:\d\d)$"))

    # Question 1 (a fieldset named by its text): saved as soon as it is ticked.
    page.get_by_role("group", name=re.compile("kepanjangan RAT")).get_by_label("Rapat Anggota Tahunan").check()
    expect(page.locator("#autosave-status")).to_have_text(re.compile("Tersimpan"))

    # The connection drops: answers are kept on the phone and the learner is told.
    browser_context.set_offline(True)
    wait_until_offline(page)
    group = page.get_by_role("group", name=re.compile("buku wajib"))
    group.get_by_label("Buku daftar anggota").check()
    group.get_by_label("Buku kas").check()
    expect(page.locator("#autosave-status")).to_have_text(re.compile("koneksi terputus"))
    # ... and the tab is closed while still offline.
    page.close()
    attempt = Attempt.objects.get(user=learner, quiz=quiz)
    assert answered(attempt) == 1

    # Back online, the learner opens the quiz again and resumes where they left off.
    browser_context.set_offline(False)
    page = browser_context.new_page()
    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Lanjutkan percobaan").click()
    wait_for_quiz_script(page)
    group = page.get_by_role("group", name=re.compile("buku wajib"))
    expect(group.get_by_label("Buku kas")).to_be_checked()
    expect(page.locator("#autosave-status")).to_have_text(re.compile("Tersimpan"))
    attempt.refresh_from_db()
    assert answered(attempt) == 2

    # A reload keeps everything, now from the server.
    page.reload()
    expect(
        page.get_by_role("group", name=re.compile("kepanjangan RAT")).get_by_label("Rapat Anggota Tahunan")
    ).to_be_checked()

    page.get_by_role("group", name=re.compile("wajib mengadakan RAT")).get_by_label("Benar").check()
    page.get_by_label("Jawaban Anda", exact=True).fill("shujawaban")
    page.get_by_label("Jawaban Anda (angka)").fill("12,5")
    with page.expect_response(lambda response: "/simpan/" in response.url):
        page.get_by_label("Jawaban Anda (angka)").blur()
    page.get_by_role("button", name="Periksa & kirim").click()
    expect(page.get_by_text("5 dari 5 soal terjawab")).to_be_visible()
    page.get_by_role("button", name="Kirim jawaban").click()

    expect(page.locator(".quiz-score-value")).to_have_text("100,0")
    expect(page.get_by_text("Lulus", exact=True)).to_be_visible()
    attempt.refresh_from_db()
    assert attempt.status == "submitted" and attempt.score == pytest.approx(100.0)

    # The attempt is in the history and no second attempt is offered or accepted.
    page.get_by_role("link", name=re.compile("Kembali ke kuis")).click()
    expect(page.get_by_text("sudah memakai semua percobaan")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Mulai"))).to_have_count(0)
    token = page.context.cookies()
    csrf = next((c["value"] for c in token if c["name"] == "csrftoken"), "")
    response = page.request.post(
        f"{live_server.url}/kuis/{quiz.pk}/mulai/",
        headers={"X-CSRFToken": csrf, "Referer": live_server.url + quiz.url},
    )
    assert "sudah memakai semua percobaan" in response.text()
    assert Attempt.objects.filter(user=learner, quiz=quiz).count() == 1

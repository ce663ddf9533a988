"""A learner on a phone: the answered count follows their ticks, and sending a quiz with
blank questions asks first (an accidental tap would use up an attempt)."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from quizzes import questions as q
from quizzes.models import Attempt
from quizzes.services import create_quiz
from tests.browser import PHONE, wait_for_quiz_script
from tests.factories import make_cooperative, make_course, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_answered_count_and_confirm_before_sending_blanks(live_server, browser_context):
    learner = make_user(username="ani_hp", cooperative=make_cooperative(nama="Koperasi Hp"))
    quiz = create_quiz(
        course=make_course(title="Kursus HP"),
        title="Ujian HP",
        purpose="ujian",
        attempts_allowed=1,
        questions=[
            q.true_false_question("Koperasi wajib mengadakan RAT.", True),
            q.short_answer_question("Singkatan Sisa Hasil Usaha?", [{"text": "SHU"}]),
        ],
    )
    client = Client()
    client.force_login(learner)
    browser_context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = browser_context.new_page()
    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Mulai kuis").click()
    wait_for_quiz_script(page)
    progress = page.locator("#quiz-progress")
    expect(progress).to_have_text(re.compile(r"^0 dari 2"))
    page.get_by_label("Benar").check()
    expect(progress).to_have_text(re.compile(r"^1 dari 2"))
    expect(page.locator("#autosave-status")).to_have_text(re.compile("Tersimpan"))

    # One question blank: the summary before the final submit says which; the learner goes back.
    page.get_by_role("button", name="Periksa & kirim").click()
    expect(page.get_by_text("1 dari 2 soal terjawab")).to_be_visible()
    summary = page.locator(".quiz-summary li")
    expect(summary.nth(0)).to_contain_text("Terjawab")
    expect(summary.nth(1)).to_contain_text("Belum dijawab")
    assert Attempt.objects.get().status == "in_progress"
    summary.nth(1).get_by_role("link", name="Soal 2").click()

    # Everything answered: the summary lists no blank question, the attempt is sent.
    page.get_by_label("Jawaban Anda").fill("shu")
    expect(progress).to_have_text(re.compile(r"^2 dari 2"))
    page.get_by_role("button", name="Periksa & kirim").click()
    expect(page.get_by_text("2 dari 2 soal terjawab")).to_be_visible()
    expect(page.get_by_text("Belum dijawab")).to_have_count(0)
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.locator(".quiz-score-value")).to_have_text("100,0")
    assert Attempt.objects.get().status == "submitted"


def test_a_tick_made_before_the_script_arrives_is_counted_and_saved(live_server, browser):
    # On slow mobile data the learner can tick before attempt.js has loaded. Here the
    # script is held back (no service worker, so the route sees the request), the learner
    # ticks, then the script arrives: the count follows and the tick reaches the server.
    learner = make_user(username="lambat", cooperative=make_cooperative(nama="Koperasi Lambat"))
    quiz = create_quiz(
        course=make_course(title="Kursus lambat"),
        title="Kuis lambat",
        purpose="latihan",
        questions=[
            q.true_false_question("Koperasi wajib mengadakan RAT.", True),
            q.short_answer_question("Singkatan Sisa Hasil Usaha?", [{"text": "SHU"}]),
        ],
    )
    context = browser.new_context(viewport=PHONE, locale="id-ID", service_workers="block")
    client = Client()
    client.force_login(learner)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + quiz.url)
    page.route("**/quizzes/attempt*.js", lambda route: route.abort())
    page.get_by_role("button", name="Mulai kuis").click()
    progress = page.locator("#quiz-progress")
    expect(progress).to_have_text(re.compile(r"^0 dari 2"))
    page.get_by_label("Benar").check()
    expect(page.locator("form[data-autosave-ready]")).to_have_count(0)

    page.unroute("**/quizzes/attempt*.js")
    source = page.locator("script[src*='quizzes/attempt']").get_attribute("src")
    page.evaluate(
        "(src) => { const s = document.createElement('script'); s.src = src; document.body.append(s); }", source
    )
    wait_for_quiz_script(page)
    expect(progress).to_have_text(re.compile(r"^1 dari 2"))
    expect(page.locator("#autosave-status")).to_have_text(re.compile("Tersimpan"))
    saved = Attempt.objects.get().answers
    assert sum(1 for value in saved.values() if value not in ("", [], None)) == 1
    context.close()

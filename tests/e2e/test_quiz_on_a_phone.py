"""A learner on a phone: the answered count follows their ticks, and sending a quiz with
blank questions asks first (an accidental tap would use up an attempt)."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from quizzes import questions as q
from quizzes.models import Attempt
from quizzes.services import create_quiz
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
    progress = page.locator("#quiz-progress")
    expect(progress).to_have_text(re.compile(r"^0 dari 2"))
    page.get_by_label("Benar").check()
    expect(progress).to_have_text(re.compile(r"^1 dari 2"))
    expect(page.locator("#autosave-status")).to_have_text(re.compile("Tersimpan"))

    # One question blank: the learner is asked, says no, and the attempt stays open.
    messages = []

    def dismiss(dialog):
        messages.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_role("button", name="Kirim jawaban")).to_be_visible()
    assert messages == ["1 soal belum dijawab. Kirim jawaban sekarang?"]
    assert Attempt.objects.get().status == "in_progress"

    # Everything answered: no question asked, the attempt is sent.
    page.get_by_label("Jawaban Anda").fill("shu")
    expect(progress).to_have_text(re.compile(r"^2 dari 2"))
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.locator(".quiz-score-value")).to_have_text("100,0")
    assert Attempt.objects.get().status == "submitted"

"""On a 390 px phone, a long question is a fieldset legend: it must sit inside its box,
not straddle the top border, and the page must not scroll sideways."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from quizzes import questions as q
from quizzes.services import create_quiz, start_attempt
from readiness.services import ensure_default_framework
from tests.factories import make_cooperative, make_course, make_user
from tests.readiness.conftest import make_round

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LONG = "Apakah koperasi punya rencana tertulis untuk memakai teknologi digital dalam tiga tahun ke depan?"


def log_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


def legends_outside_their_box(page):
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('main fieldset > legend')).filter(legend => {
            const box = legend.parentElement.getBoundingClientRect();
            // A plain legend starts at the box's top edge, the border drawn through its
            // middle; kept inside, it starts below the border and the padding.
            return legend.getBoundingClientRect().top <= box.top;
        }).length"""
    )


def sideways_scroll(page):
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def test_quiz_questions_stay_inside_their_box(live_server, browser_context):
    learner = make_user(cooperative=make_cooperative())
    quiz = create_quiz(
        course=make_course(),
        title="Latihan",
        purpose="latihan",
        questions=[q.true_false_question(LONG, True), q.short_answer_question(LONG, [{"text": "ya"}])],
    )
    attempt = start_attempt(user=learner, quiz=quiz)
    log_in(browser_context, live_server, learner)
    page = browser_context.new_page()
    page.goto(live_server.url + reverse("quizzes:attempt", args=[attempt.pk]))
    assert page.locator("main fieldset").count() == 2
    assert legends_outside_their_box(page) == 0
    assert sideways_scroll(page) <= 0


def test_readiness_indicators_stay_inside_their_box(live_server, browser_context):
    today = datetime.date.today()
    evaluation_round = make_round(
        ensure_default_framework(), "hp", opens=today - datetime.timedelta(days=1), closes=today
    )
    cooperative = make_cooperative()
    log_in(browser_context, live_server, make_user(cooperative=cooperative, role="pengurus"))
    page = browser_context.new_page()
    page.goto(live_server.url + reverse("readiness:assessment_step", args=[evaluation_round.slug, cooperative.pk, 1]))
    assert page.locator("main fieldset").count() >= 3
    assert legends_outside_their_box(page) == 0
    assert sideways_scroll(page) <= 0

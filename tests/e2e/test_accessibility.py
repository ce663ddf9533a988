"""axe-core on every learner and pengurus page and on the analyst's own pages (reports,
readiness rounds, the business network; the Wagtail admin is Wagtail's) with no serious or
critical violation, at phone width; forms usable with the keyboard alone and at 200 % text size."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from courses.models import CoursePage, LessonPage
from network.models import Agreement, Event
from quizzes import questions as q
from quizzes.models import Attempt, QuizPage
from quizzes.services import create_quiz
from readiness.models import EvaluationRound
from tests.browser import accessibility_problems

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}
LONGEST_FIRST = True  # a minute of work: the first browser test of its process (tests/conftest.py)


@pytest.fixture
def demo(live_server, settings):
    settings.ROOT_URLCONF = "tests.offline.urls"  # uploaded images too
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # The catalogue search is walked too: its index is built once, after the demo, instead of
    # on every save while seeding (the reference index, which no page walked shows, is not).
    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server


def logged_in_context(browser, live_server, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    context.set_default_timeout(20_000)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context


def check_pages(context, live_server, urls):
    page = context.new_page()
    problems = {}
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status < 400, (url, response.status)
        found = accessibility_problems(page)
        if found:
            problems[url] = found
    page.close()
    return problems


def learner_urls():
    staf = User.objects.get(username="staf")
    course = CoursePage.objects.live().order_by("path").first()
    lesson = LessonPage.objects.live().child_of(course).order_by("path").first()
    quiz = QuizPage.objects.live().order_by("path").first()
    return [
        "/",
        "/kursus/",
        "/kursus/?q=kas",
        course.url,
        lesson.url,
        quiz.url,
        reverse("offline:quiz_paper", args=[quiz.pk]),
        reverse("offline:status"),
        reverse("courses:my_courses"),
        reverse("courses:learner_progress", args=[staf.pk]),
        reverse("accounts:profile"),
        reverse("accounts:password_change"),
    ]


def pengurus_urls():
    pengurus = User.objects.get(username="pengurus")
    cooperative = pengurus.cooperative
    staf = User.objects.get(username="staf")
    urls = [
        reverse("cooperatives:detail", args=[cooperative.pk]),
        reverse("courses:staff_progress", args=[cooperative.pk]),
        # (One learner's progress is the learner's own page above, in the same template.)
        reverse("accounts:manager_password_reset", args=[staf.pk]),
        reverse("readiness:index"),
        reverse("quizzes:results_index"),
        reverse("quizzes:learning_gain"),
    ]
    quiz = QuizPage.objects.live().order_by("path").first()
    urls.append(reverse("quizzes:quiz_results", args=[quiz.pk]))
    # The report card of every round is one template; the latest round's also compares with
    # the round before, so it shows everything the earlier rounds' cards show.
    latest_assessed = EvaluationRound.objects.filter(assessments__cooperative=cooperative).latest("opens_on")
    urls.append(reverse("readiness:report_card", args=[latest_assessed.slug, cooperative.pk]))
    current = EvaluationRound.objects.order_by("-opens_on").first()
    urls += [
        reverse("readiness:assessment_step", args=[current.slug, cooperative.pk, 1]),
        reverse("readiness:assessment_review", args=[current.slug, cooperative.pk]),
    ]
    return urls


def analyst_urls():
    """The Dinas analyst's pages outside the admin, each template once (the pengurus' pages
    above are the same templates for the analyst)."""
    current = EvaluationRound.objects.order_by("-opens_on").first()
    temu_usaha = Event.objects.get(slug="temu-usaha-diy-2018")
    evaluation = Event.objects.filter(follows=temu_usaha).order_by("starts_on").last()
    return [
        reverse("reports:dashboard"),
        reverse("reports:comparison"),
        reverse("reports:training"),
        reverse("readiness:round_detail", args=[current.slug]),
        reverse("readiness:follow_up", args=[current.slug]),
        reverse("courses:cooperative_progress"),
        reverse("courses:follow_up"),
        reverse("network:index"),
        reverse("network:event_detail", args=[temu_usaha.slug]),
        reverse(
            "network:agreement_detail", args=[Agreement.objects.filter(event=temu_usaha).order_by("pk").first().pk]
        ),
        reverse("network:evaluation_detail", args=[evaluation.slug]),
        reverse("network:report", args=[temu_usaha.slug]) + f"?evaluasi={evaluation.slug}",
    ]


# The demo is seeded once (a committing test: about 20 s of CPU each time) and every check
# below runs on it; the test reports the problems of all of them together.


def test_demo_pages_pass_axe_and_forms_work_with_the_keyboard(browser, demo):
    problems = {
        **learner_pages_problems(browser, demo),
        **pengurus_pages_problems(browser, demo),
        **public_pages_problems(browser, demo),
        **analyst_pages_problems(browser, demo),
    }
    assert problems == {}
    forms_work_with_the_keyboard_at_200_percent_text(browser, demo)


def learner_pages_problems(browser, demo):
    context = logged_in_context(browser, demo, "staf")
    problems = check_pages(context, demo, learner_urls())
    # The quiz itself: an attempt in progress and its result.
    page = context.new_page()
    quiz = create_quiz(
        course=CoursePage.objects.live().order_by("path").first(),
        title="Latihan aksesibilitas",
        questions=[
            q.true_false_question("Koperasi wajib mengadakan RAT.", True),
            q.choice_question(
                "Pilih buku wajib", [{"text": "Buku kas", "correct": True}, {"text": "Buku resep"}], multiple=True
            ),
            q.short_answer_question("Singkatan Sisa Hasil Usaha?", [{"text": "SHU"}]),
        ],
    )
    page.goto(demo.url + quiz.url)
    page.get_by_role("button", name=re.compile("Mulai|Lanjutkan")).first.click()
    page.wait_for_url(re.compile(r"/kuis/percobaan/\d+/$"))
    problems.update({page.url: found} if (found := accessibility_problems(page)) else {})
    attempt = Attempt.objects.filter(user__username="staf", status="in_progress").latest("pk")
    page.goto(demo.url + reverse("quizzes:attempt", args=[attempt.pk]))
    page.get_by_role("button", name="Periksa & kirim").click()
    page.wait_for_url(re.compile(r"/ringkasan/$"))
    problems.update({page.url: found} if (found := accessibility_problems(page)) else {})
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_url(re.compile(r"/hasil/$"))
    problems.update({page.url: found} if (found := accessibility_problems(page)) else {})
    context.close()
    return {f"staf {url}": found for url, found in problems.items()}


def pengurus_pages_problems(browser, demo):
    context = logged_in_context(browser, demo, "pengurus")
    problems = check_pages(context, demo, pengurus_urls())
    context.close()
    return {f"pengurus {url}": found for url, found in problems.items()}


def analyst_pages_problems(browser, demo):
    context = logged_in_context(browser, demo, "analis")
    problems = check_pages(context, demo, analyst_urls())
    context.close()
    return {f"analis {url}": found for url, found in problems.items()}


def public_pages_problems(browser, demo):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    # The catalogue is the learner's above, in the same template: only the header differs,
    # and the visitor's header is checked on the home page.
    urls = [
        "/",
        reverse("accounts:login"),
        reverse("accounts:register"),
        reverse("accounts:password_reset"),
    ]
    problems = check_pages(context, demo, urls)
    context.close()
    return {f"anonim {url}": found for url, found in problems.items()}


def forms_work_with_the_keyboard_at_200_percent_text(browser, demo):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    page.goto(demo.url + reverse("accounts:login"))
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # Keyboard only: the first field has the focus or Tab reaches it.
    for _ in range(30):
        if page.evaluate("document.activeElement.tagName") == "INPUT":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "text"
    page.keyboard.type("staf")
    page.keyboard.press("Tab")
    page.keyboard.type("siapdigital2026")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/belajar/kursus-saya/"))
    for url in [reverse("offline:status"), reverse("accounts:password_change"), reverse("accounts:profile")]:
        page.goto(demo.url + url)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), url
    context.close()

"""In a real browser: reading to the end of a lesson marks it done, once."""

import pytest

from courses.models import LessonCompletion
from tests.factories import make_cooperative, make_course, make_lesson, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def phone(live_server, client, browser):
    learner = make_user(username="lina", cooperative=make_cooperative())
    client.force_login(learner)
    context = browser.new_context(viewport={"width": 390, "height": 700}, locale="id-ID")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page, learner
    context.close()


def test_scrolling_to_the_end_marks_the_lesson_done(live_server, phone):
    page, learner = phone
    course = make_course(title="Keamanan akun")
    long_body = [("text", "".join(f"<p>Paragraf panjang nomor {n} tentang kata sandi.</p>" for n in range(80)))]
    lesson = make_lesson(course, title="Kata sandi", body=long_body)
    make_lesson(course, title="Penipuan")

    # Playwright's clock stands in for the reader's time: no real waiting.
    page.clock.install()
    page.goto(live_server.url + lesson.url)
    page.clock.run_for(9_000)  # longer than the minimum reading time, but still at the top
    assert not LessonCompletion.objects.filter(user=learner).exists()
    assert page.get_by_role("button", name="Tandai selesai").is_visible()

    page.locator("#lesson-end").scroll_into_view_if_needed()
    page.get_by_text("Materi ini sudah selesai.").wait_for(state="visible")
    assert page.get_by_role("button", name="Tandai selesai").is_hidden()
    # The progress bar on the page follows, in the words every progress page uses.
    page.get_by_text("1 dari 2 aktivitas selesai (50 %)").wait_for(state="visible")
    assert page.locator("[data-course-progress] progress").get_attribute("value") == "50"
    assert LessonCompletion.objects.filter(user=learner, lesson=lesson).count() == 1

    page.reload()
    page.locator("#lesson-end").scroll_into_view_if_needed()
    page.clock.run_for(9_000)  # a lesson already done is not posted again, however long it stays open
    assert page.locator("form[data-auto-done][data-done]").count() == 1
    assert LessonCompletion.objects.filter(user=learner).count() == 1
    assert "Materi ini sudah selesai." in page.content()


def test_without_javascript_the_button_works(live_server, phone):
    page, learner = phone
    page.context.route("**/*.js", lambda route: route.abort())
    course = make_course(title="Pembukuan")
    first = make_lesson(course, title="Buku kas")
    second = make_lesson(course, title="Laporan")
    page.goto(live_server.url + first.url)
    page.get_by_role("button", name="Tandai selesai").click()
    page.wait_for_url(live_server.url + second.url)
    assert LessonCompletion.objects.filter(user=learner, lesson=first).exists()

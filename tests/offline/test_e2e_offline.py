"""On a phone without a connection: save a course, read it offline, mark lessons done,
answer its quiz, and have everything reach the server exactly once when the connection
returns, also when the connection drops in the middle of sending."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from courses.models import LessonCompletion
from offline.models import SyncReceipt
from quizzes import questions as q
from quizzes.models import Attempt, QuestionResult
from quizzes.services import create_quiz
from tests.courses.content import make_image
from tests.factories import make_cooperative, make_course, make_lesson, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}
SYNC = "**/luring/sinkron/"


@pytest.fixture
def course_with_quiz(settings):
    settings.ROOT_URLCONF = "tests.offline.urls"
    course = make_course(title="Kas koperasi di HP")
    image = make_image(title="Buku kas")
    first = make_lesson(
        course,
        title="Buku kas harian",
        body=[
            ("text", "<p>Catat setiap uang masuk dan keluar.</p>"),
            ("image", {"image": image, "alt_text": "Contoh buku kas"}),
        ],
    )
    second = make_lesson(course, title="Laporan bulanan", body=[("text", "<p>Jumlahkan setiap akhir bulan.</p>")])
    quiz = create_quiz(
        course=course,
        title="Ujian kas",
        purpose="ujian",
        pass_mark=50,
        attempts_allowed=2,
        time_limit_minutes=10,
        questions=[
            q.true_false_question("Setiap uang masuk dicatat.", True),
            q.short_answer_question("Laporan dibuat setiap akhir …?", [{"text": "bulan"}]),
        ],
    )
    return course, [first, second], quiz


@pytest.fixture
def phone(live_server, browser):
    learner = make_user(username="rina_hp", cooperative=make_cooperative(nama="Koperasi Luring"))
    client = Client()
    client.force_login(learner)
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    yield context, learner
    context.close()


def waiting_in_queue(page):
    return page.evaluate(
        """() => new Promise((resolve, reject) => {
            const open = indexedDB.open("ksd-luring", 1);
            open.onsuccess = () => {
                const request = open.result.transaction("queue").objectStore("queue").count();
                request.onsuccess = () => resolve(request.result);
                request.onerror = () => reject(request.error);
            };
        })"""
    )


def save_course_then_go_offline(context, live_server, course):
    page = context.new_page()
    page.on("console", lambda message: print("console:", message.text))
    page.goto(live_server.url + course.url)
    # Evaluated through the DevTools protocol: wait_for_function's polling would need eval, which the CSP forbids.
    page.evaluate(
        """async () => {
            await navigator.serviceWorker.ready;
            if (!navigator.serviceWorker.controller) {
                await new Promise((done) => navigator.serviceWorker.addEventListener("controllerchange", done, {once: true}));
            }
        }"""
    )
    page.get_by_role("button", name="Simpan untuk offline").click()
    expect(page.locator(".offline-course .offline-state")).to_have_text(re.compile(r"Tersimpan di HP · \d+ KB"))
    expect(page.get_by_role("button", name="Hapus dari HP")).to_be_visible()
    page.goto(live_server.url + "/kursus/")  # the course card in the catalogue says so too
    expect(page.locator(".course-card .offline-state")).to_have_text(re.compile(r"Tersimpan di HP · \d+ KB"))
    page.goto(live_server.url + course.url)
    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name=course.title)).to_be_visible()
    return page


def learn_everything_offline(page, live_server, lessons, quiz):
    for lesson in lessons:
        page.get_by_role("link", name=lesson.title).first.click()
        expect(page.get_by_role("heading", name=lesson.title, level=1)).to_be_visible()
        if lesson.title == "Buku kas harian":
            image = page.get_by_role("img", name="Contoh buku kas")
            image.scroll_into_view_if_needed()
            assert image_loaded(page) > 0
        page.get_by_role("button", name="Tandai selesai").click()
        expect(page.get_by_text(re.compile("Disimpan di HP, dikirim saat tersambung"))).to_be_visible()
        page.get_by_role("navigation", name="Jejak").get_by_role("link").click()  # back to the course
    page.get_by_role("link", name=quiz.title).click()
    page.get_by_role("button", name="Mulai kuis").click()
    expect(page.get_by_text("Anda mengerjakan kuis ini tanpa koneksi", exact=False)).to_be_visible()
    page.get_by_label("Benar").check()
    page.get_by_label("Jawaban Anda").fill("Bulan")
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_text("Disimpan di HP, dikirim saat tersambung")).to_be_visible()
    page.goto(live_server.url + "/luring/")
    expect(page.locator("#offline-queue")).to_contain_text("3 menunggu dikirim")
    expect(page.locator("[data-offline-waiting] li")).to_have_count(3)


def image_loaded(page):
    """The lesson image's natural width once it has loaded (0 when it failed)."""
    return page.evaluate(
        """async () => {
            const img = document.querySelector(".block-image img");
            if (!(img.complete && img.naturalWidth > 0)) {
                await new Promise((done) => {
                    img.addEventListener("load", done, {once: true});
                    img.addEventListener("error", done, {once: true});
                });
            }
            return img.naturalWidth;
        }"""
    )


# The page sends at once when the connection returns; a send that meets Chromium's network a
# moment before it carries requests again fails, and the page tries again after 20 s.
AFTER_THE_RETRY_MS = 25_000


def assert_sent_once(page, learner, lessons, quiz):
    expect(page.locator("[data-offline-history] li")).to_have_count(3, timeout=AFTER_THE_RETRY_MS)
    expect(page.locator("#offline-queue")).to_be_hidden()
    assert waiting_in_queue(page) == 0
    assert LessonCompletion.objects.filter(user=learner).count() == 2
    attempt = Attempt.objects.get(user=learner, quiz=quiz)
    assert attempt.status == Attempt.STATUS_SUBMITTED and attempt.score == 100.0 and attempt.passed
    assert QuestionResult.objects.filter(attempt=attempt).count() == 2
    assert SyncReceipt.objects.filter(user=learner).count() == 3
    assert "Terkirim" in page.locator("[data-offline-history]").inner_text()


def test_saved_course_offline_then_everything_sent_once(live_server, phone, course_with_quiz):
    context, learner = phone
    course, lessons, quiz = course_with_quiz
    page = save_course_then_go_offline(context, live_server, course)
    learn_everything_offline(page, live_server, lessons, quiz)
    assert not LessonCompletion.objects.filter(user=learner).exists()
    assert not Attempt.objects.exists()

    context.set_offline(False)  # the browser's "online" event starts the sending
    assert_sent_once(page, learner, lessons, quiz)


def dropped_by_the_route(request):
    return "sinkron" in request.url and request.method == "POST" and "CONNECTION_RESET" in (request.failure or "")


def test_connection_dropped_while_sending_never_duplicates(live_server, phone, course_with_quiz):
    context, learner = phone
    course, lessons, quiz = course_with_quiz
    page = save_course_then_go_offline(context, live_server, course)
    learn_everything_offline(page, live_server, lessons, quiz)

    posts = []

    def drop_the_answer(route):
        # The request reaches the server, which records it; the answer is lost on the way back.
        if route.request.method == "POST" and not posts:
            posts.append(route.request.post_data_json["id"])
            route.fetch()
            route.abort("connectionreset")
        else:
            route.continue_()

    context.route(SYNC, drop_the_answer)
    context.set_offline(False)
    # Only the send this test cut off counts (not one that failed earlier, while offline).
    with page.expect_event("requestfailed", dropped_by_the_route):
        page.evaluate("window.dispatchEvent(new Event('online'))")
    # The server has the first action; the phone did not hear back, so it is still waiting.
    assert SyncReceipt.objects.filter(client_id=posts[0]).count() == 1
    expect(page.locator("#offline-queue")).to_contain_text("3 menunggu dikirim")

    page.reload()  # sends again on load (or after its retry delay)
    assert_sent_once(page, learner, lessons, quiz)


def test_hemat_data_downloads_images_only_when_tapped(live_server, phone, course_with_quiz):
    context, learner = phone
    course, lessons, quiz = course_with_quiz
    page = context.new_page()
    page.goto(live_server.url + "/luring/")
    page.get_by_role("button", name="Aktifkan Hemat data").click()
    expect(page.get_by_text("Hemat data: aktif.")).to_be_visible()
    images = []
    page.on("request", lambda request: images.append(request.url) if "/media/images/" in request.url else None)
    page.goto(live_server.url + lessons[0].url)
    page.locator(".lesson-end").scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    assert images == []
    page.get_by_text("Tampilkan gambar: Contoh buku kas").click()
    expect(page.get_by_role("img", name="Contoh buku kas")).to_be_visible()
    assert image_loaded(page) > 0
    assert len(images) == 1

"""Browser journey at 360 px: a learner finishes a course including its required quiz, gets
the certificate and downloads it; someone else opens the QR's address and sees it valid;
an analyst revokes it and the page says so."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from certificates.models import Certificate
from quizzes import questions as q
from quizzes.services import create_quiz
from tests.browser import wait_for_quiz_script
from tests.factories import make_analyst, make_cooperative, make_course, make_lesson, make_user
from tests.pdf_text import pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}


def phone_context(browser, live_server, user=None):
    context = browser.new_context(viewport=PHONE, locale="id-ID", accept_downloads=True)
    context.set_default_timeout(20_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context


def test_course_to_certificate_to_revocation(live_server, browser):
    learner = make_user(username="siti", first_name="Siti", last_name="Aminah", cooperative=make_cooperative())
    course = make_course(title="Keamanan akun koperasi")
    make_lesson(course, title="Kata sandi yang kuat", body=[("text", "<p>Pakai kata sandi panjang.</p>")])
    create_quiz(
        course=course,
        title="Ujian keamanan akun",
        questions=[q.true_false_question("Kata sandi boleh dibagikan?", False)],
        purpose="ujian",
        pass_mark=60,
    )

    # The learner, on a phone.
    context = phone_context(browser, live_server, learner)
    page = context.new_page()
    page.goto(live_server.url + course.url)
    with page.expect_navigation():
        page.get_by_role("button", name="Ikuti kursus").click()
    expect(page.get_by_text("0 dari 2 aktivitas selesai (0 %)")).to_be_visible()
    page.get_by_role("link", name="Kata sandi yang kuat").click()
    page.get_by_role("button", name="Tandai selesai").click()
    page.wait_for_url(live_server.url + course.url)
    expect(page.get_by_text("1 dari 2 aktivitas selesai (50 %)")).to_be_visible()
    quiz_item = page.locator('[data-activity="quiz"]')
    expect(quiz_item).to_contain_text("wajib lulus")
    expect(quiz_item).to_contain_text("Belum dikerjakan")

    quiz_item.get_by_role("link", name="Ujian keamanan akun").click()
    page.get_by_role("button", name="Mulai kuis").click()
    wait_for_quiz_script(page)
    page.get_by_role("group", name=re.compile("boleh dibagikan")).get_by_label("Salah").check()
    page.get_by_role("button", name="Periksa & kirim").click()
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_url(re.compile(r"/hasil/$"))
    expect(page.locator(".quiz-score-value")).to_have_text("100,0")
    expect(page.get_by_text("Selamat, Anda telah menyelesaikan kursus ini!")).to_be_visible()

    # The course is complete, and the certificate is there.
    page.goto(live_server.url + course.url)
    expect(page.get_by_text("2 dari 2 aktivitas selesai (100 %)")).to_be_visible()
    expect(page.locator('[data-activity="quiz"]')).to_contain_text("Lulus")
    page.get_by_role("link", name="Sertifikat saya").first.click()
    expect(page.get_by_role("heading", name="Keamanan akun koperasi")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh PDF").click()
    download = download_info.value
    content = open(download.path(), "rb").read()
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Siti Aminah" in text and "Keamanan akun koperasi" in text
    certificate = Certificate.objects.get(user=learner)
    assert download.suggested_filename == f"sertifikat-{certificate.code}.pdf"
    # The address the QR code carries is printed under it.
    qr_address = re.search(r"http://\S+/sertifikat/[A-Z0-9]+/", text).group(0)
    assert qr_address == f"{live_server.url}/sertifikat/{certificate.code}/"
    context.close()

    # Anyone who scans the QR code: no account needed.
    visitor = phone_context(browser, live_server)
    scan = visitor.new_page()
    scan.goto(qr_address)
    expect(scan.get_by_text("Sertifikat ini SAH")).to_be_visible()
    expect(scan.locator(".facts")).to_contain_text("Siti Aminah")
    expect(scan.locator(".facts")).not_to_contain_text("siti")

    # An analyst revokes it, with a reason.
    office = phone_context(browser, live_server, make_analyst())
    desk = office.new_page()
    desk.goto(qr_address)
    desk.get_by_label("Alasan pencabutan").fill("Diterbitkan untuk akun yang salah.")
    with desk.expect_navigation():
        desk.get_by_role("button", name="Cabut").click()
    expect(desk.get_by_text("Sertifikat ini sudah DICABUT")).to_be_visible()
    office.close()

    scan.reload()
    expect(scan.get_by_text("Sertifikat ini sudah DICABUT")).to_be_visible()
    expect(scan.get_by_text("Diterbitkan untuk akun yang salah.")).to_be_visible()
    expect(scan.get_by_text("Sertifikat ini SAH")).to_have_count(0)
    visitor.close()

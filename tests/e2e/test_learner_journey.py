"""A new learner registers with a join code, takes a course to the end and sees 100 %."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import Enrolment, LessonCompletion
from tests.factories import make_cooperative, make_course, make_lesson

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_new_learner_registers_and_completes_a_course(live_server, page):
    cooperative = make_cooperative(nama="Koperasi Sumber Rejeki")
    course = make_course(title="Pembukuan digital koperasi", summary="Catat kas dan simpanan di HP.")
    lessons = [make_lesson(course, title=f"Materi {n}") for n in (1, 2, 3)]

    # Register with the join code the pengurus shared; a wrong code is refused first.
    page.goto(f"{live_server.url}/akun/daftar/")
    page.get_by_label("Kode bergabung").fill("SALAH123")
    page.get_by_label("Nama lengkap").fill("Siti Aminah")
    page.get_by_label("Nama pengguna").fill("siti")
    page.get_by_label("Nomor HP").fill("0812 3456 7890")
    page.get_by_label(re.compile(r"^Kata sandi:?$")).fill("kopi-tubruk-77")
    page.get_by_label("Ulangi kata sandi").fill("kopi-tubruk-77")
    page.get_by_role("button", name="Daftar").click()
    expect(page.get_by_text("Kode bergabung tidak dikenal")).to_be_visible()
    # What was typed is kept; only the passwords must be typed again.
    expect(page.get_by_label("Nama lengkap")).to_have_value("Siti Aminah")

    page.get_by_label("Kode bergabung").fill(cooperative.join_code.lower())
    page.get_by_label(re.compile(r"^Kata sandi:?$")).fill("kopi-tubruk-77")
    page.get_by_label("Ulangi kata sandi").fill("kopi-tubruk-77")
    page.get_by_role("button", name="Daftar").click()
    expect(page.get_by_role("heading", name="Kursus saya")).to_be_visible()

    # Find the course in the catalogue and enrol.
    page.goto(f"{live_server.url}/kursus/")
    page.get_by_role("link", name="Pembukuan digital koperasi").first.click()
    page.get_by_role("button", name="Ikuti kursus").click()
    page.get_by_role("link", name="Mulai belajar").click()

    # Read every lesson; each one is marked done.
    for number in (1, 2, 3):
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Materi {number}")
        button = page.get_by_role("button", name="Tandai selesai")
        # Until the next page has loaded (the form's answer to the POST, or the link's page).
        with page.expect_navigation():
            if button.count() and button.is_visible():
                button.click()
            else:
                # The end-of-page script already marked it; go on.
                link = page.get_by_role("link", name=re.compile("Materi|Kembali ke kursus"))
                link.last.click()

    page.goto(f"{live_server.url}/belajar/kursus-saya/")
    expect(page.get_by_text("100 %").first).to_be_visible()

    enrolment = Enrolment.objects.get(user__username="siti", course=course)
    assert enrolment.completed_at is not None
    assert LessonCompletion.objects.filter(user__username="siti", lesson__in=lessons).count() == 3
    assert enrolment.user.cooperative == cooperative
    assert enrolment.user.phone == "081234567890"

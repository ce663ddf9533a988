"""Certificates: issued once on completion, verified in public, revoked by analysts."""

import datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import Site

from base.models import OfficeSettings
from certificates.models import Certificate
from certificates.services import (
    CODE_ALPHABET,
    CertificateError,
    issue_certificate,
    normalize_code,
    revoke_certificate,
)
from courses.models import Enrolment
from tests.factories import make_analyst, make_cooperative, make_user
from tests.learning_world import finish_course, make_learning_course, quiz_of, read_lessons, take_quiz
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    settings = OfficeSettings.for_site(Site.objects.get(is_default_site=True))
    settings.office_name = "Dinas Koperasi dan Usaha Mikro Kabupaten Probolinggo"
    settings.address = "Jl. Panglima Sudirman, Kraksaan"
    settings.head_name = "Dr. Ir. Hartono, M.Si."
    settings.head_title = "Kepala Dinas"
    settings.save()
    return settings


@pytest.fixture
def learner():
    return make_user(
        username="siti08", first_name="Siti", last_name="Aminah", phone="081234567890", cooperative=make_cooperative()
    )


@pytest.fixture
def course():
    return make_learning_course("Pembukuan digital")


@pytest.fixture
def certificate(office, learner, course):
    finish_course(learner, course)
    return Certificate.objects.get(user=learner)


def test_completing_a_course_issues_one_certificate(office, learner, course):
    read_lessons(learner, course)
    assert not Certificate.objects.exists()
    take_quiz(learner, quiz_of(course), right=False)
    assert not Certificate.objects.exists()
    take_quiz(learner, quiz_of(course))
    certificate = Certificate.objects.get()
    assert certificate.recipient_name == "Siti Aminah"
    assert certificate.title == "Pembukuan digital" and certificate.course == course
    assert certificate.kind == Certificate.KIND_COURSE
    assert certificate.issuer_name == office.office_name
    assert (certificate.signer_name, certificate.signer_title) == ("Dr. Ir. Hartono, M.Si.", "Kepala Dinas")
    assert len(certificate.code) == 10 and set(certificate.code) <= set(CODE_ALPHABET)
    # More attempts, another lesson pass, the command: still one.
    take_quiz(learner, quiz_of(course))
    call_command("issue_certificates", verbosity=0)
    assert Certificate.objects.count() == 1


def test_the_database_refuses_a_second_certificate_for_the_same_source(certificate):
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            code="ZZZZZZZZZZ",
            kind=certificate.kind,
            source=certificate.source,
            reference=certificate.reference,
            recipient_name="x",
            title="x",
            awarded_on=certificate.awarded_on,
            issuer_name="x",
        )


def test_attendance_certificates_for_people_without_an_account(office):
    """How the events app issues: its own source, one reference per participant."""
    first, created = issue_certificate(
        source="network.participant",
        reference="17",
        kind=Certificate.KIND_ATTENDANCE,
        recipient_name="Pak Slamet",
        title="Temu usaha koperasi Probolinggo - DI Yogyakarta",
        awarded_on=datetime.date(2018, 5, 12),
    )
    again, created_again = issue_certificate(
        source="network.participant",
        reference=17,
        kind=Certificate.KIND_ATTENDANCE,
        recipient_name="Pak Slamet",
        title="Temu usaha",
        awarded_on=datetime.date(2018, 5, 12),
    )
    assert created and not created_again and first.pk == again.pk and first.user is None
    other, _ = issue_certificate(
        source="courses.course",
        reference="17",
        recipient_name="Bu Sri",
        title="Kursus",
        awarded_on=datetime.date(2018, 5, 12),
    )
    assert other.pk != first.pk  # references are unique per source only


def test_verification_page_is_public_and_shows_only_name_what_date_issuer(client, certificate, learner):
    response = client.get(f"/sertifikat/{certificate.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sertifikat ini SAH" in html
    for shown in ("Siti Aminah", "Pembukuan digital", certificate.awarded_on.strftime("%Y"), "Dinas Koperasi"):
        assert shown in html
    for hidden in ("siti08", "081234567890", learner.cooperative.nik, "Unduh PDF"):
        assert hidden not in html
    # Typed from paper: lower case and dashes still find it.
    typed = certificate.code.lower()[:5] + "-" + certificate.code.lower()[5:]
    assert client.get(f"/sertifikat/{typed}/").status_code == 200


def test_an_unknown_code_is_a_404_that_says_so(client):
    response = client.get("/sertifikat/AAAAAAAAAA/")
    assert response.status_code == 404
    assert "Tidak ada sertifikat dengan kode AAAAAAAAAA" in response.content.decode()


def test_the_pdf_is_the_recipients_and_the_analysts_only(client, certificate, learner):
    url = reverse("certificates:download", args=[certificate.code])
    assert client.get(url).status_code == 302  # log in first
    client.force_login(make_user(cooperative=learner.cooperative))
    assert client.get(url).status_code == 404
    client.force_login(make_analyst())
    assert client.get(url).status_code == 200
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"sertifikat-{certificate.code}.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    for expected in (
        "SERTIFIKAT",
        "Siti Aminah",
        "telah menyelesaikan kursus",
        "Pembukuan digital",
        "Dinas Koperasi dan Usaha Mikro Kabupaten Probolinggo",
        "Jl. Panglima Sudirman, Kraksaan",
        "Kepala Dinas",
        "Dr. Ir. Hartono, M.Si.",
        certificate.code,
        f"http://testserver/sertifikat/{certificate.code}/",
    ):
        assert expected in text, expected
    assert "siti08" not in text and "081234567890" not in text
    assert b"/MediaBox [0 0 841.89 595.28]" in response.content and b"/Count 1" in response.content  # A4 landscape
    assert b"/Subtype /Image" in response.content  # the QR code


def test_analysts_revoke_with_a_reason_and_the_page_says_so(client, certificate):
    url = reverse("certificates:revoke", args=[certificate.code])
    client.force_login(certificate.user)
    assert client.post(url, {"reason": "salah"}).status_code == 404
    analyst = make_analyst()
    client.force_login(analyst)
    assert "Cabut sertifikat" in client.get(certificate.get_absolute_url()).content.decode()
    assert client.post(url, {"reason": "  "}).status_code == 400
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    assert client.post(url, {"reason": "Diterbitkan untuk akun yang salah."}).status_code == 302
    client.post(url, {"reason": "Alasan kedua"})
    certificate.refresh_from_db()
    assert certificate.revoked_by == analyst and certificate.revoked_reason == "Diterbitkan untuk akun yang salah."
    client.logout()
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "Sertifikat ini sudah DICABUT" in html and "Diterbitkan untuk akun yang salah." in html
    assert "Sertifikat ini SAH" not in html


def test_a_revocation_needs_a_reason(certificate):
    with pytest.raises(CertificateError):
        revoke_certificate(certificate=certificate, by=None, reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(revoked_at=certificate.issued_at)


def test_sertifikat_saya_lists_only_ones_own(client, certificate, learner):
    other = make_user(cooperative=learner.cooperative, first_name="Budi")
    finish_course(other, make_learning_course("Kursus lain"))
    client.force_login(learner)
    html = client.get(reverse("certificates:mine")).content.decode()
    assert certificate.code in html and "Kursus lain" not in html
    assert reverse("certificates:mine") in html  # the nav link
    assert reverse("certificates:mine") in client.get(certificate.course.url).content.decode()


def test_the_command_issues_for_existing_completions_once(office, learner, course):
    finish_course(learner, course)
    Certificate.objects.all().delete()
    second = make_user(cooperative=learner.cooperative)
    finish_course(second, make_learning_course("Kedua"))
    Certificate.objects.filter(user=second).delete()
    call_command("issue_certificates", verbosity=0)
    call_command("issue_certificates", verbosity=0)
    assert Certificate.objects.count() == Enrolment.objects.filter(completed_at__isnull=False).count() == 2


def test_analyst_list_searches_by_code_and_name(client, certificate):
    client.force_login(certificate.user)
    assert client.get(reverse("certificates:list")).status_code == 404
    client.force_login(make_analyst())
    assert certificate.code in client.get(reverse("certificates:list"), {"q": "aminah"}).content.decode()
    assert (
        certificate.code in client.get(reverse("certificates:list"), {"q": certificate.code.lower()}).content.decode()
    )
    assert certificate.code not in client.get(reverse("certificates:list"), {"q": "tidak ada"}).content.decode()


def test_normalize_code():
    assert normalize_code(" abcd-efgh jk ") == "ABCDEFGHJK"

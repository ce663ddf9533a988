"""Issuing, revoking and finding certificates without a course behind them: the generic
``issue_certificate`` as the events app uses it, and the pages around one certificate."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from base.models import OfficeSettings
from certificates.models import Certificate
from certificates.selectors import may_download, search_certificates
from certificates.services import (
    CODE_ALPHABET,
    CODE_LENGTH,
    new_code,
    recipient_name_of,
    revoke_certificate,
)
from certificates.services import issue_certificate as issue
from tests.factories import make_analyst, make_user
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

DAY = datetime.date(2018, 11, 20)


def attendance(reference, **fields):
    values = {
        "source": "network.participant",
        "reference": reference,
        "kind": Certificate.KIND_ATTENDANCE,
        "recipient_name": "Pak Slamet",
        "title": "Evaluasi Jaringan Temu Usaha 2018",
        "awarded_on": DAY,
    }
    return issue(**(values | fields))[0]


def test_new_codes_use_the_unambiguous_alphabet_only():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("01OIL") & set(CODE_ALPHABET)


def test_recipient_name_is_the_full_name_or_else_the_username():
    assert recipient_name_of(make_user(username="budi77", first_name="Budi", last_name="Santoso")) == "Budi Santoso"
    assert recipient_name_of(make_user(username="tanpa_nama", first_name=" ", last_name="")) == "tanpa_nama"


def test_long_names_and_titles_are_cut_to_what_the_certificate_holds():
    certificate = attendance("1", recipient_name="N" * 250, title="T" * 400)
    assert (len(certificate.recipient_name), len(certificate.title)) == (200, 300)


def test_office_settings_are_copied_at_issue_and_kept_afterwards():
    office = OfficeSettings.current()
    office.office_name, office.head_name, office.head_title = "Dinas Lama", "Ibu Ratna", "Kepala Dinas"
    office.save()
    certificate = attendance("2")
    office.office_name, office.head_name = "Dinas Baru", "Bapak Joko"
    office.save()
    certificate.refresh_from_db()
    assert (certificate.issuer_name, certificate.signer_name, certificate.signer_title) == (
        "Dinas Lama",
        "Ibu Ratna",
        "Kepala Dinas",
    )


def test_a_revoked_certificate_is_not_issued_again():
    certificate = attendance("3")
    revoke_certificate(certificate=certificate, by=None, reason="  Bukan peserta  ")
    again, created = issue(source="network.participant", reference="3", recipient_name="x", title="x", awarded_on=DAY)
    assert not created and again.pk == certificate.pk and again.is_revoked
    assert again.revoked_reason == "Bukan peserta"  # stripped


def test_revoking_twice_keeps_the_first_date_and_reason():
    certificate = attendance("4")
    first_time = timezone.now() - datetime.timedelta(days=2)
    revoke_certificate(certificate=certificate, by=None, reason="Pertama", now=first_time)
    second = revoke_certificate(certificate=certificate, by=make_analyst(), reason="Kedua")
    assert (second.revoked_at, second.revoked_reason, second.revoked_by) == (first_time, "Pertama", None)


def test_search_by_title_code_or_name_and_nobody_anonymous_downloads():
    first = attendance("5", title="Pelatihan Pemasaran Digital")
    second = attendance("6", recipient_name="Bu Sri")
    assert list(search_certificates("pemasaran")) == [first]
    assert list(search_certificates(second.code.lower())) == [second]
    assert set(search_certificates("  ")) == {first, second}
    client_user = make_user()
    assert not may_download(client_user, first)  # no account on it, not an analyst
    assert may_download(make_analyst(), first)


def test_attendance_certificate_pdf_says_attended_and_the_long_code_page_is_cut(client):
    certificate = attendance("7")
    client.force_login(make_analyst())
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    text = pdf_text(response.content)
    assert "telah mengikuti kegiatan" in text and "telah menyelesaikan kursus" not in text
    assert "Pak Slamet" in text and certificate.code in text
    response = client.get(reverse("certificates:verify", args=["X" * 30]))
    assert response.status_code == 404
    assert f"Tidak ada sertifikat dengan kode {'X' * 20}. Periksa" in response.content.decode()

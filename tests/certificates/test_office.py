"""The office's settings: edited in the admin, printed on the certificate and the report card."""

import datetime
import io

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Site

from base.models import OfficeSettings
from readiness.pdf import report_card_pdf
from readiness.selectors import report_card
from readiness.services import ensure_default_framework
from tests.factories import make_analyst, make_cooperative
from tests.pdf_text import pdf_text
from tests.readiness.conftest import answer_all, make_round

pytestmark = pytest.mark.django_db


def make_logo():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 40), (11, 110, 79)).save(buffer, format="PNG")
    return get_image_model().objects.create(title="Logo", file=ImageFile(buffer, name="logo.png"))


def test_analysts_edit_the_office_settings_in_the_admin(client):
    site = Site.objects.get(is_default_site=True)
    client.force_login(make_analyst())
    url = reverse("wagtailsettings:edit", args=["base", "officesettings", site.pk])
    response = client.get(url)
    assert response.status_code == 200
    response = client.post(
        url,
        {
            "office_name": "Dinas Koperasi Kabupaten Probolinggo",
            "address": "Kraksaan",
            "head_name": "Ibu Kepala",
            "head_title": "Kepala Dinas",
        },
    )
    assert response.status_code == 302
    assert OfficeSettings.current().head_name == "Ibu Kepala"


def test_the_report_card_shares_the_office_header_and_gains_a_signature():
    ikdk = ensure_default_framework()
    office = OfficeSettings.current()
    office.office_name = "Dinas Koperasi dan Usaha Mikro Kabupaten Probolinggo"
    office.address = "Jl. Panglima Sudirman, Kraksaan"
    office.head_name = "Dr. Ir. Hartono, M.Si."
    office.head_title = "Kepala Dinas"
    office.logo = make_logo()
    office.save()
    evaluation_round = make_round(ikdk, "2026", opens=datetime.date(2026, 1, 1))
    assessment = answer_all(evaluation_round, make_cooperative(), 2)
    content = report_card_pdf(report_card(assessment))
    text = pdf_text(content)
    for expected in (office.office_name, office.address, office.head_name, office.head_title):
        assert expected in text
    assert b"/Subtype /Image" in content  # the logo
    assert b"/Count 1" in content  # still one page

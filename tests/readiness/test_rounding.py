"""A readiness index of 56,25 is 56,3 everywhere people read it: the report card page, the
CSV and XLSX downloads and the PDF (half-up, ``base.numbers``; Python's round gives 56,2)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from readiness.models import Assessment
from tests.factories import make_analyst, make_cooperative, make_kecamatan
from tests.pdf_text import pdf_text

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def tie(ikdk):
    today = datetime.date.today()
    cooperative = make_cooperative(nik="3579000000000201", nama="KSU Seimbang", kecamatan=make_kecamatan("Dringu"))
    evaluation_round = make_round(ikdk, "seri", opens=today - datetime.timedelta(days=1))
    assessment = answer_all(evaluation_round, cooperative, 2)
    # Stored unrounded, as the formula can give (e.g. weights 9/16 of 100).
    Assessment.objects.filter(pk=assessment.pk).update(overall=56.25)
    return evaluation_round, cooperative


def test_report_card_page(client, tie):
    evaluation_round, cooperative = tie
    client.force_login(make_analyst())
    html = client.get(reverse("readiness:report_card", args=[evaluation_round.slug, cooperative.pk])).content.decode()
    assert '<span class="index-value">56,3</span>' in html


def test_report_card_pdf(client, tie):
    evaluation_round, cooperative = tie
    client.force_login(make_analyst())
    response = client.get(reverse("readiness:report_card_pdf", args=[evaluation_round.slug, cooperative.pk]))
    text = pdf_text(response.content)
    assert "56,3" in text and "56,2" not in text


def test_csv_and_xlsx_downloads(client, tie):
    evaluation_round, _cooperative = tie
    client.force_login(make_analyst())
    response = client.get(reverse("readiness:round_download", args=[evaluation_round.slug, "csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row["overall"] for row in rows] == ["56.3"]
    response = client.get(reverse("readiness:round_download", args=[evaluation_round.slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(row=2, column=header.index("overall") + 1).value == 56.3

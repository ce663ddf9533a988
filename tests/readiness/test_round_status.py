"""Rounds say belum dibuka / terbuka / ditutup everywhere, from one function."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from base.pdf import indonesian_date
from readiness.models import EvaluationRound
from tests.factories import make_analyst, make_cooperative, make_user
from tests.pdf_text import pdf_text
from tests.readiness.conftest import answer_all, make_round

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def rounds(ikdk):
    today = timezone.localdate()
    return {
        "closed": make_round(ikdk, "lama", name="Putaran lama", opens=today - 40 * DAY, closes=today - 10 * DAY),
        "open": make_round(ikdk, "kini", name="Putaran kini", opens=today - DAY, closes=today + 30 * DAY),
        "upcoming": make_round(ikdk, "nanti", name="Putaran nanti", opens=today + 2 * DAY, closes=today + 60 * DAY),
    }


def test_the_status_function():
    evaluation_round = EvaluationRound(opens_on=datetime.date(2026, 12, 1), closes_on=datetime.date(2026, 12, 31))
    assert evaluation_round.status_on(datetime.date(2026, 11, 30)) == "belum_dibuka"
    assert evaluation_round.status_on(datetime.date(2026, 12, 1)) == "terbuka"
    assert evaluation_round.status_on(datetime.date(2026, 12, 31)) == "terbuka"
    assert evaluation_round.status_on(datetime.date(2027, 1, 1)) == "ditutup"
    assert not evaluation_round.is_open(datetime.date(2026, 11, 30))
    evaluation_round.closes_on = None
    assert evaluation_round.status_on(datetime.date(2030, 1, 1)) == "terbuka"
    assert indonesian_date(datetime.date(2026, 12, 1), short=True) == "1 Des 2026"


def test_pengurus_see_when_a_round_opens_not_that_it_closed(client, rounds):
    cooperative = make_cooperative()
    client.force_login(make_user(cooperative=cooperative, role="pengurus"))
    html = client.get(reverse("readiness:index")).content.decode()
    cards = {name: html.split(f"<h2>{r.name}</h2>")[1].split("</li>")[0] for name, r in rounds.items()}
    opens = indonesian_date(rounds["upcoming"].opens_on, short=True)
    assert "belum dibuka" in cards["upcoming"] and f"Dibuka {opens}" in cards["upcoming"]
    assert "sudah ditutup" not in cards["upcoming"]
    assert "terbuka" in cards["open"] and "Isi asesmen" in cards["open"]
    assert "ditutup" in cards["closed"] and "Putaran ini sudah ditutup." in cards["closed"]
    # Opening the form early says when it opens.
    response = client.get(reverse("readiness:assessment_step", args=["nanti", cooperative.pk, 1]))
    assert response.status_code == 403
    text = response.content.decode()
    assert f"Dibuka {opens}" in text and "sudah ditutup" not in text


def test_analysts_see_the_status_of_every_round(client, rounds):
    client.force_login(make_analyst())
    html = client.get(reverse("readiness:index")).content.decode()
    for name, label in (("closed", "ditutup"), ("open", "terbuka"), ("upcoming", "belum dibuka")):
        row = html.split(rounds[name].name)[1].split("</tr>")[0]
        assert f">{label}</span>" in row
    detail = client.get(reverse("readiness:round_detail", args=["nanti"])).content.decode()
    assert ">belum dibuka</span>" in detail


def test_the_report_card_shows_the_round_status(client, rounds):
    cooperative = make_cooperative()
    answer_all(rounds["closed"], cooperative, 3)
    client.force_login(make_analyst())
    html = client.get(reverse("readiness:report_card", args=["lama", cooperative.pk])).content.decode()
    assert ">ditutup</span>" in html
    content = client.get(reverse("readiness:report_card_pdf", args=["lama", cooperative.pk])).content
    assert "Putaran lama (ditutup)" in pdf_text(content)

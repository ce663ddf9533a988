"""The report card PDF and the round downloads are never cached."""

import pytest
from django.urls import reverse

from tests.factories import make_analyst, make_cooperative, make_user

from .conftest import answer_all, make_round


@pytest.fixture
def assessed(ikdk):
    evaluation_round = make_round(ikdk, "mei-2019")
    cooperative = make_cooperative()
    answer_all(evaluation_round, cooperative, 2)
    return evaluation_round, cooperative


def test_report_card_pdf_is_no_store(client, assessed):
    evaluation_round, cooperative = assessed
    client.force_login(make_user(cooperative=cooperative, role="pengurus"))
    response = client.get(reverse("readiness:report_card_pdf", args=[evaluation_round.slug, cooperative.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_round_download_is_no_store(client, assessed, fmt):
    evaluation_round, _cooperative = assessed
    client.force_login(make_analyst())
    response = client.get(reverse("readiness:round_download", args=[evaluation_round.slug, fmt]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]

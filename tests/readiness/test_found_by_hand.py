"""What a first real user stumbled over on the readiness pages."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import make_analyst, make_cooperative, make_user

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(ikdk):
    today = datetime.date.today()
    own = make_cooperative(nik="3579000000000301", nama="KSU Bulat Satu")
    current = make_round(
        ikdk, "bulat", opens=today - datetime.timedelta(days=1), closes=today + datetime.timedelta(days=5)
    )
    # D1 = 100 × mean(2, 2, 2, 3) / 4 = 56.25: exactly halfway between 56,2 and 56,3.
    levels = {f"D{d}.{i}": 2 for d in range(1, 7) for i in range(1, 5)}
    levels["D1.4"] = 3
    answer_all(current, own, levels)
    return own, current


def test_chart_and_table_round_a_score_the_same_way(client, submitted):
    own, current = submitted
    client.force_login(make_user(cooperative=own, role="pengurus"))
    html = client.get(reverse("readiness:report_card", args=[current.slug, own.pk])).content.decode()
    chart = html[html.index("<svg") : html.index("</svg>")]
    table = html[html.index("</svg>") :]
    # The table (and every export) shows 56,2; the chart said 56,3 (floatformat rounds half up).
    assert "56,2" in table
    assert "56,2" in chart and "56,3" not in chart


def test_verification_page_stacks_on_a_phone(client, submitted):
    own, current = submitted
    client.force_login(make_analyst())
    html = client.get(reverse("readiness:verify", args=[current.slug, own.pk])).content.decode()
    assert '<table class="stack-table">' in html
    assert "readiness/readiness.css" in html
    assert 'data-label="Asesmen mandiri"' in html


def test_round_results_stack_on_a_phone_with_labelled_cells(client, submitted):
    own, current = submitted
    client.force_login(make_analyst())
    html = client.get(reverse("readiness:round_detail", args=[current.slug])).content.decode()
    assert '<table class="stack-table">' in html and "readiness/readiness.css" in html
    assert 'data-label="Indeks"' in html

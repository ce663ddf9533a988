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
    # Chart and table once disagreed (56,2 against 56,3); now both round half up, as Excel does.
    assert "56,3" in table and "56,2" not in table
    assert "56,3" in chart and "56,2" not in chart


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


def test_import_preview_counts_what_confirming_will_do(client, ikdk, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from readiness.models import Assessment

    settings.IMPORT_STAGING_DIR = str(tmp_path / "staging")
    evaluation_round = make_round(ikdk, "kertas", opens=datetime.date(2018, 5, 1), closes=datetime.date(2018, 5, 31))
    fresh = make_cooperative(nik="3579000000000311")
    answered = make_cooperative(nik="3579000000000312")
    answer_all(evaluation_round, answered, 2)
    client.force_login(make_analyst())
    upload = SimpleUploadedFile("hasil.csv", b"nik,D1.1\n3579000000000311,4\n3579000000000312,3\n")
    html = client.post(reverse("putaran:import", args=[evaluation_round.pk]), {"file": upload}).content.decode()
    # It said "Akan dibuat: 0, diperbarui: 0" for a file that creates one and replaces one.
    assert "Akan dibuat: 1, diperbarui: 1" in html
    assert Assessment.objects.filter(round=evaluation_round).count() == 1
    assert not Assessment.objects.filter(cooperative=fresh).exists()


def test_analysts_round_list_puts_the_current_round_first_and_stacks_on_a_phone(client, ikdk):
    make_round(ikdk, "lama", name="Putaran Lama", opens=datetime.date(2018, 5, 1))
    make_round(ikdk, "baru", name="Putaran Baru", opens=datetime.date(2026, 11, 1))
    client.force_login(make_analyst())
    html = client.get(reverse("readiness:index")).content.decode()
    assert html.index("Putaran Baru") < html.index("Putaran Lama")
    assert '<table class="stack-table">' in html and 'data-label="Hasil"' in html

"""The dimension step links save the page they leave: no answer is ever thrown away."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from readiness.models import Answer
from tests.factories import DEFAULT_PASSWORD, make_cooperative, make_user

from .conftest import make_round


def open_round(framework):
    today = datetime.date.today()
    return make_round(
        framework,
        "berjalan",
        name="Evaluasi berjalan",
        opens=today - datetime.timedelta(days=1),
        closes=today + datetime.timedelta(days=10),
    )


def step_url(evaluation_round, cooperative, step):
    return reverse("readiness:assessment_step", args=[evaluation_round.slug, cooperative.pk, step])


def answers_of(framework, code, level, evidence):
    data = {}
    for indicator in framework.dimensions.get(code=code).indicators.all():
        data[f"level_{indicator.code}"] = level
        data[f"evidence_{indicator.code}"] = evidence
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("goto, lands_on", [("2", 2), ("5", 5), ("1", 1)])
def test_a_step_link_saves_then_opens_that_step(client, ikdk, goto, lands_on):
    evaluation_round, cooperative = open_round(ikdk), make_cooperative()
    client.force_login(make_user(cooperative=cooperative, role="pengurus"))
    data = {**answers_of(ikdk, "D1", "3", "Notulen rapat"), "goto": goto}
    response = client.post(step_url(evaluation_round, cooperative, 1), data)
    assert response.status_code == 302 and response.url == step_url(evaluation_round, cooperative, lands_on)
    saved = Answer.objects.filter(assessment__cooperative=cooperative, indicator__dimension__code="D1")
    assert saved.count() == ikdk.dimensions.get(code="D1").indicators.count()
    assert {(a.level, a.evidence) for a in saved} == {(3, "Notulen rapat")}


@pytest.mark.django_db
def test_the_review_link_saves_too(client, ikdk):
    evaluation_round, cooperative = open_round(ikdk), make_cooperative()
    client.force_login(make_user(cooperative=cooperative, role="pengurus"))
    data = {**answers_of(ikdk, "D2", "1", ""), "action": "review"}
    response = client.post(step_url(evaluation_round, cooperative, 2), data)
    assert response.url == reverse("readiness:assessment_review", args=[evaluation_round.slug, cooperative.pk])
    assert Answer.objects.filter(indicator__dimension__code="D2", level=1).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("goto", ["0", "99", "D2", ""])
def test_a_tampered_step_number_still_saves_and_moves_on_normally(client, ikdk, goto):
    evaluation_round, cooperative = open_round(ikdk), make_cooperative()
    client.force_login(make_user(cooperative=cooperative, role="pengurus"))
    data = {**answers_of(ikdk, "D1", "2", ""), "goto": goto, "action": "next"}
    response = client.post(step_url(evaluation_round, cooperative, 1), data)
    assert response.status_code == 302 and response.url == step_url(evaluation_round, cooperative, 2)
    assert Answer.objects.filter(indicator__dimension__code="D1", level=2).exists()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_jumping_between_dimensions_by_their_links_keeps_every_answer(live_server, page):
    from readiness.services import ensure_default_framework

    framework = ensure_default_framework()
    evaluation_round, cooperative = open_round(framework), make_cooperative()
    make_user(username="bu_ani", cooperative=cooperative, role="pengurus")
    dimensions = list(framework.dimensions.order_by("sort_order").prefetch_related("indicators"))

    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna atau nomor HP").fill("bu_ani")
    page.get_by_label(re.compile(r"^Kata sandi")).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{live_server.url}{step_url(evaluation_round, cooperative, 1)}")

    def answer(dimension, level, note):
        for indicator in dimension.indicators.all():
            box = page.locator(f"#indikator-{indicator.code.lower().replace('.', '')}")
            box.get_by_label(getattr(indicator, f"level_{level}")).check()
            box.get_by_label("Bukti atau catatan (boleh dikosongkan)").fill(note)

    # D1, then the "D3" link; D3, then back by the "D1" link; then "D2" and review.
    answer(dimensions[0], 3, "Notulen rapat")
    page.get_by_role("button", name="D3", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("D3")
    answer(dimensions[2], 1, "Belum ada komputer")
    page.get_by_role("button", name="D1", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("D1")
    first = dimensions[0].indicators.first()
    box = page.locator(f"#indikator-{first.code.lower().replace('.', '')}")
    expect(box.get_by_label(first.level_3)).to_be_checked()
    expect(box.get_by_label("Bukti atau catatan (boleh dikosongkan)")).to_have_value("Notulen rapat")
    page.get_by_role("button", name="D2", exact=True).click()
    answer(dimensions[1], 4, "Sudah pakai aplikasi")
    page.get_by_role("button", name="Periksa & kirim").click()
    expect(page.get_by_role("heading", name="Periksa & kirim")).to_be_visible()

    saved = {
        (a.indicator.dimension.code, a.level, a.evidence)
        for a in Answer.objects.filter(assessment__cooperative=cooperative).select_related("indicator__dimension")
    }
    assert saved == {("D1", 3, "Notulen rapat"), ("D3", 1, "Belum ada komputer"), ("D2", 4, "Sudah pakai aplikasi")}
    counts = {d.code: d.indicators.count() for d in dimensions[:3]}
    assert Answer.objects.filter(assessment__cooperative=cooperative).count() == sum(counts.values())

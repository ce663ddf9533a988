"""The buttons of a self-assessment step (back, save, next, last) and what the analyst's round
list counts; the aggregates command. Through the Django test client."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from readiness.models import Answer, Assessment, RoundAggregate
from tests.factories import make_analyst, make_cooperative, make_user

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def setting(ikdk):
    cooperative = make_cooperative(nama="KSU Sumber Rejeki")
    evaluation_round = make_round(ikdk, "berjalan", opens=TODAY, closes=TODAY + datetime.timedelta(days=5))
    return cooperative, evaluation_round, make_user(cooperative=cooperative, role="pengurus")


def step(evaluation_round, cooperative, number):
    return reverse("readiness:assessment_step", args=[evaluation_round.slug, cooperative.pk, number])


def answers_for(framework, dimension, level, **extra):
    indicators = framework.dimensions.get(code=dimension).indicators.all()
    return {f"level_{i.code}": level for i in indicators} | extra


@pytest.mark.parametrize(
    ("number", "action", "lands_on"),
    [
        (2, "previous", 1),
        (3, "save", 3),
        (3, "next", 4),
        (6, "next", None),  # the last step goes to the review
        (2, "something-else", None),
    ],
)
def test_each_button_saves_then_moves(client, ikdk, setting, number, action, lands_on):
    cooperative, evaluation_round, pengurus = setting
    client.force_login(pengurus)
    response = client.post(
        step(evaluation_round, cooperative, number), answers_for(ikdk, f"D{number}", "2", action=action)
    )
    expected = (
        step(evaluation_round, cooperative, lands_on)
        if lands_on
        else reverse("readiness:assessment_review", args=[evaluation_round.slug, cooperative.pk])
    )
    assert response.status_code == 302 and response["Location"] == expected
    saved = Answer.objects.filter(assessment__cooperative=cooperative, indicator__dimension__code=f"D{number}")
    assert sorted(saved.values_list("level", flat=True)) == [2, 2, 2, 2]


def test_save_says_the_draft_is_kept(client, ikdk, setting):
    cooperative, evaluation_round, pengurus = setting
    client.force_login(pengurus)
    page = client.post(
        step(evaluation_round, cooperative, 3), answers_for(ikdk, "D3", "na", action="save"), follow=True
    )
    assert "Draf tersimpan. Anda bisa melanjutkan kapan saja." in page.content.decode()
    # The answers come back chosen when the step is opened again.
    form = page.context["form"]
    assert [form[f"level_D3.{n}"].value() for n in range(1, 5)] == ["na"] * 4
    assert (
        list(Answer.objects.filter(assessment__cooperative=cooperative).values_list("level", flat=True)) == [None] * 4
    )


def test_a_submitted_assessment_sends_its_steps_to_the_report_card(client, ikdk, setting):
    cooperative, evaluation_round, pengurus = setting
    answer_all(evaluation_round, cooperative, 3)
    client.force_login(pengurus)
    response = client.get(step(evaluation_round, cooperative, 2), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "readiness:report_card", args=[evaluation_round.slug, cooperative.pk]
    )
    assert "Asesmen ini sudah dikirim." in response.content.decode()
    review = client.get(reverse("readiness:assessment_review", args=[evaluation_round.slug, cooperative.pk]))
    assert review.status_code == 302


def test_review_lists_what_is_missing_per_dimension(client, ikdk, setting):
    cooperative, evaluation_round, pengurus = setting
    answer_all(evaluation_round, cooperative, {"D1.1": 2, "D1.2": 3}, submit=False)
    client.force_login(pengurus)
    url = reverse("readiness:assessment_review", args=[evaluation_round.slug, cooperative.pk])
    assert client.get(url).context["missing_total"] == 22
    page = client.post(url, follow=True).content.decode()
    assert "Masih ada indikator yang belum dijawab: D1.3, D1.4, D2.1" in page
    assert Assessment.objects.get(cooperative=cooperative).status == Assessment.STATUS_DRAFT


def test_analysts_round_list_counts_results_and_drafts(client, ikdk, setting):
    _cooperative, evaluation_round, _pengurus = setting
    answer_all(evaluation_round, make_cooperative(), 2)
    answer_all(evaluation_round, make_cooperative(), 3)
    answer_all(evaluation_round, make_cooperative(), 1, submit=False)
    client.force_login(make_analyst())
    rounds = {r.slug: r for r in client.get(reverse("readiness:index")).context["rounds"]}
    assert (rounds["berjalan"].results, rounds["berjalan"].drafts) == (2, 1)


def test_the_rebuild_command_says_how_many_rows(ikdk, setting):
    _cooperative, evaluation_round, _pengurus = setting
    answer_all(evaluation_round, make_cooperative(), 2)
    RoundAggregate.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_readiness_aggregates", stdout=out)
    assert out.getvalue().startswith(
        "Agregat dihitung ulang: 1 baris putaran, 6 baris dimensi, 1 baris koperasi aktif ("
    )
    assert RoundAggregate.objects.get().results == 1

"""Database rules and page semantics for readiness."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from readiness.models import Answer, Assessment, DimensionScore, Indicator
from readiness.services import AssessmentError, save_answers
from tests.factories import make_cooperative, make_user
from tests.html_checks import check_semantics, foreign_asset_urls

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db


def test_one_assessment_per_cooperative_per_round(ikdk):
    evaluation_round = make_round(ikdk, "nov-2018")
    cooperative = make_cooperative()
    Assessment.objects.create(round=evaluation_round, cooperative=cooperative)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(round=evaluation_round, cooperative=cooperative)


def test_level_range_enforced_by_database(ikdk):
    assessment = Assessment.objects.create(round=make_round(ikdk, "x"), cooperative=make_cooperative())
    indicator = Indicator.objects.filter(dimension__framework=ikdk).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(assessment=assessment, indicator=indicator, level=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(assessment=assessment, indicator=indicator, level=1, verified_level=2)


def test_round_dates_constraint(ikdk):
    from readiness.models import EvaluationRound

    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationRound.objects.create(
            slug="salah",
            name="Salah",
            framework=ikdk,
            opens_on=datetime.date(2018, 11, 2),
            closes_on=datetime.date(2018, 11, 1),
        )


def test_scores_are_stored_not_recomputed(ikdk):
    """Reports read the stored values: a later change to the framework rows does not move them."""
    assessment = answer_all(make_round(ikdk, "nov-2018"), make_cooperative(), 2)
    ikdk.dimensions.filter(code="D1").update(weight=10)
    assessment.refresh_from_db()
    assert assessment.overall == 50.0
    assert DimensionScore.objects.filter(assessment=assessment).count() == 6


def test_answers_only_from_the_rounds_framework_and_only_in_drafts(ikdk, tmp_path):
    from readiness.services import export_framework, import_framework

    data = export_framework(ikdk)
    data["code"] = "lain"
    other = import_framework(data)
    assessment = answer_all(make_round(ikdk, "nov-2018"), make_cooperative(), 2, submit=False)
    foreign = Indicator.objects.filter(dimension__framework=other).select_related("dimension").first()
    with pytest.raises(AssessmentError):
        save_answers(assessment=assessment, answers={foreign: 3})
    own = Indicator.objects.filter(dimension__framework=ikdk).select_related("dimension").first()
    with pytest.raises(AssessmentError):
        save_answers(assessment=assessment, answers={own: 7})
    from readiness.services import submit_assessment

    submit_assessment(assessment=assessment, user=None)
    with pytest.raises(AssessmentError):
        save_answers(assessment=assessment, answers={own: 3})


def test_pages_are_semantic_and_self_contained(client, ikdk):
    today = datetime.date.today()
    evaluation_round = make_round(ikdk, "berjalan", opens=today, closes=today)
    cooperative = make_cooperative()
    client.force_login(make_user(cooperative=cooperative, role="pengurus"))
    step = client.get(reverse("readiness:assessment_step", args=["berjalan", cooperative.pk, 1])).content.decode()
    answer_all(evaluation_round, cooperative, 3)
    card = client.get(reverse("readiness:report_card", args=["berjalan", cooperative.pk])).content.decode()
    for html in (step, card):
        assert check_semantics(html) == []
        assert foreign_asset_urls(html) == []

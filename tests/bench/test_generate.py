"""The benchmark's data generator writes the counts it is asked for, consistent with the contracts."""

import io

import pytest
from django.core.management import call_command

from bench import generate
from courses.models import CoursePage, Enrolment, LessonCompletion, LessonPage
from quizzes import scoring as quiz_scoring
from quizzes.models import Attempt, QuestionResult, QuizPage
from readiness import scoring
from readiness.models import Answer, Assessment, DimensionScore, Indicator
from readiness.services import framework_specs

pytestmark = pytest.mark.django_db

TINY = generate.Scale(cooperatives=4, staff=2, rounds=2, courses=2, lessons=2, attempts=2)


def test_tiny_scale_has_the_requested_counts():
    counts = generate.grow(TINY)

    indicators = Indicator.objects.filter(dimension__framework__code="ikdk").count()
    results = Assessment.objects.exclude(status=Assessment.STATUS_DRAFT).count()
    assert counts["cooperatives"] == 4
    assert counts["learners"] == 4 * 2
    assert counts["rounds"] == 2
    assert counts["assessments"] == 4 * 2
    assert counts["answers"] == 4 * 2 * indicators
    assert counts["dimension_scores"] == results * 6
    assert CoursePage.objects.live().count() == 2
    assert LessonPage.objects.live().count() == 2 * 2
    assert QuizPage.objects.live().count() == 2
    assert Enrolment.objects.count() == 8 * 2
    assert Attempt.objects.filter(status=Attempt.STATUS_SUBMITTED).count() == 8 * 2
    assert QuestionResult.objects.count() == 8 * 2 * 5
    assert LessonCompletion.objects.count() >= 8 * 2  # every learner finished the lessons of a first course


def test_growing_adds_only_what_is_missing():
    generate.grow(TINY)
    counts = generate.grow(generate.Scale(**{**TINY.__dict__, "cooperatives": 7}))

    assert counts["cooperatives"] == 7
    assert counts["learners"] == 14
    assert counts["assessments"] == 14
    assert counts["courses"] == 2  # content is made once
    assert Assessment.objects.values("cooperative", "round").distinct().count() == 14


def test_stored_scores_follow_the_scoring_contract():
    generate.grow(TINY)
    assessment = Assessment.objects.exclude(status=Assessment.STATUS_DRAFT).order_by("pk").first()
    specs, _indicators, _dimensions = framework_specs(assessment.round.framework)
    answers = {a.indicator.code: a.effective_level for a in Answer.objects.filter(assessment=assessment)}

    expected = scoring.score_assessment(specs, answers, assessment.round.framework.band_list())

    assert assessment.overall == pytest.approx(expected.overall)
    assert assessment.level == expected.level
    stored = dict(DimensionScore.objects.filter(assessment=assessment).values_list("dimension__code", "score"))
    assert stored == pytest.approx(expected.dimension_scores)


def test_attempt_scores_follow_their_snapshot():
    generate.grow(TINY)
    for attempt in Attempt.objects.all():
        assert attempt.score == pytest.approx(quiz_scoring.grade(attempt.questions, attempt.answers).score)
        assert attempt.results.count() == len(attempt.questions)


def test_export_readiness_reads_the_generated_rounds():
    generate.grow(TINY)
    out = io.StringIO()
    call_command("export_readiness", "--round", generate.ensure_rounds(TINY)[-1].slug, "--format", "csv", stdout=out)

    lines = out.getvalue().strip().splitlines()
    results = Assessment.objects.filter(round__slug=generate.ensure_rounds(TINY)[-1].slug).exclude(
        status=Assessment.STATUS_DRAFT
    )
    assert lines[0].startswith("nik,nama,jenis,kecamatan")
    assert len(lines) == 1 + results.count()

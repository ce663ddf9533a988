import datetime

import pytest

from readiness.models import EvaluationRound, Framework, Indicator
from readiness.services import (
    create_round,
    ensure_default_framework,
    get_or_create_draft,
    save_answers,
    submit_assessment,
)


@pytest.fixture
def ikdk(db):
    return ensure_default_framework()


def make_round(framework, slug, *, name=None, opens=None, closes=None):
    return create_round(
        slug=slug,
        name=name or slug,
        framework=framework,
        opens_on=opens or datetime.date(2018, 5, 1),
        closes_on=closes,
    )


def answer_all(evaluation_round, cooperative, levels, *, user=None, submit=True):
    """Answer a round's indicators: ``levels`` maps code → level/None, or is one level for all."""
    assessment = get_or_create_draft(evaluation_round=evaluation_round, cooperative=cooperative)
    indicators = Indicator.objects.filter(dimension__framework=evaluation_round.framework).select_related("dimension")
    if isinstance(levels, dict):
        answers = {i: levels[i.code] for i in indicators if i.code in levels}
    else:
        answers = {i: levels for i in indicators}
    save_answers(assessment=assessment, answers=answers)
    if submit:
        assessment = submit_assessment(assessment=assessment, user=user, require_complete=False)
    return assessment


__all__ = ["EvaluationRound", "Framework", "make_round", "answer_all"]

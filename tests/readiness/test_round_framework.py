"""A round's framework version cannot change once assessments exist (their answers point at it)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from readiness.models import EvaluationRound
from readiness.services import change_round, create_framework_version
from tests.factories import make_analyst, make_cooperative

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db

LOCKED = "instrumennya tidak bisa diganti"


@pytest.fixture
def assessed_round(ikdk):
    evaluation_round = make_round(ikdk, "nov-2018")
    answer_all(evaluation_round, make_cooperative(), 2)
    return evaluation_round


@pytest.fixture
def version_2(ikdk):
    return create_framework_version(ikdk)


def form_data(evaluation_round, framework):
    return {
        "slug": evaluation_round.slug,
        "name": "Putaran diubah",
        "framework": framework.pk,
        "opens_on": evaluation_round.opens_on.isoformat(),
        "closes_on": "",
    }


def test_admin_form_refuses_to_switch_the_framework_of_an_assessed_round(client, assessed_round, version_2, ikdk):
    client.force_login(make_analyst())
    url = reverse("putaran:edit", args=[assessed_round.pk])
    response = client.post(url, form_data(assessed_round, version_2))
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assessed_round.refresh_from_db()
    assert assessed_round.framework_id == ikdk.pk and assessed_round.name == "nov-2018"
    # Other fields still change when the framework stays.
    response = client.post(url, form_data(assessed_round, ikdk))
    assert response.status_code == 302
    assessed_round.refresh_from_db()
    assert assessed_round.name == "Putaran diubah"


def test_service_refuses_the_switch_and_saves_nothing(assessed_round, version_2, ikdk):
    with pytest.raises(ValidationError) as error:
        change_round(evaluation_round=assessed_round, framework=version_2, name="Lain")
    assert LOCKED in str(error.value.message_dict["framework"])
    assessed_round.refresh_from_db()
    assert assessed_round.framework_id == ikdk.pk and assessed_round.name == "nov-2018"


def test_database_refuses_the_switch_whatever_writes_it(assessed_round, version_2, ikdk):
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationRound.objects.filter(pk=assessed_round.pk).update(framework=version_2)
    assert EvaluationRound.objects.get(pk=assessed_round.pk).framework_id == ikdk.pk
    # Updating the round's other columns is untouched by the guard.
    EvaluationRound.objects.filter(pk=assessed_round.pk).update(closes_on=datetime.date(2018, 12, 31))


def test_a_round_without_assessments_may_switch(ikdk, version_2, client):
    evaluation_round = make_round(ikdk, "des-2018")
    changed = change_round(evaluation_round=evaluation_round, framework=version_2)
    assert changed.framework_id == version_2.pk
    client.force_login(make_analyst())
    response = client.post(reverse("putaran:edit", args=[evaluation_round.pk]), form_data(evaluation_round, ikdk))
    assert response.status_code == 302
    assert EvaluationRound.objects.get(pk=evaluation_round.pk).framework_id == ikdk.pk

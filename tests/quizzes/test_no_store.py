"""Quiz result downloads and the GIFT export are never cached."""

import pytest
from django.urls import reverse

from quizzes.services import start_attempt, submit_attempt
from tests.factories import make_analyst, make_editor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_results_download_is_no_store(client, quiz, learner, fmt):
    submit_attempt(attempt=start_attempt(user=learner, quiz=quiz), answers={})
    client.force_login(make_analyst())
    response = client.get(reverse("quizzes:quiz_results_download", args=[quiz.pk]), {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]


def test_gift_export_is_no_store(client, quiz):
    client.force_login(make_editor())
    response = client.get(reverse("quizzes_gift_export", args=[quiz.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]

"""Unpublishing a graded quiz (or its course) hides it from learners, never its results.

PRODUCT.md section 9: analysts (and pengurus, for their own cooperative) still read the
results page, its CSV/XLSX/JSON and ``export_quiz_results``; learners get 404.
"""

import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.actions.unpublish_page import UnpublishPageAction

from quizzes.models import QuizPage
from tests.factories import make_analyst, make_cooperative, make_user

from .test_results import take

pytestmark = pytest.mark.django_db


def unpublish(page, *, include_descendants=False):
    """As an admin does it (with descendants, Wagtail asks each page's permissions)."""
    admin = get_user_model().objects.filter(username="penerbit").first()
    admin = admin or get_user_model().objects.create_superuser("penerbit", "penerbit@example.com", "rahasia-uji-123")
    UnpublishPageAction(page, user=admin, include_descendants=include_descendants).execute()


@pytest.fixture
def graded(quiz, learner):
    """The exam with one graded attempt by ``learner`` (all right)."""
    take(learner, quiz, right=5)
    return quiz


@pytest.fixture(params=["quiz", "course"])
def unpublished(request, graded, course):
    """The graded exam after unpublishing it, or after unpublishing its whole course."""
    if request.param == "quiz":
        unpublish(graded)
    else:
        unpublish(course, include_descendants=True)
    quiz = QuizPage.objects.get(pk=graded.pk)
    assert not quiz.live
    return quiz


def test_analyst_reads_results_and_downloads_of_an_unpublished_quiz(client, unpublished):
    client.force_login(make_analyst(username="analis"))
    html = client.get(reverse("quizzes:quiz_results", args=[unpublished.pk])).content.decode()
    assert "siti" in html and "Kuis Uji" in html
    index = client.get(reverse("quizzes:results_index")).content.decode()
    assert reverse("quizzes:quiz_results", args=[unpublished.pk]) in index and "tidak tayang" in index

    download = reverse("quizzes:quiz_results_download", args=[unpublished.pk])
    response = client.get(download, {"format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["siti"] and rows[1][5] == "100.0"

    response = client.get(download, {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["siti"]

    data = json.loads(client.get(download, {"format": "json"}).content)
    assert [attempt["username"] for attempt in data["attempts"]] == ["siti"]


def test_export_command_reads_an_unpublished_quiz(unpublished, capsys, tmp_path):
    call_command("export_quiz_results", str(unpublished.pk), "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert [attempt["username"] for attempt in data["attempts"]] == ["siti"]
    assert data["attempts"][0]["score"] == 100.0
    target = tmp_path / "hasil.xlsx"
    call_command("export_quiz_results", str(unpublished.pk), "--format", "xlsx", "--output", str(target))
    assert load_workbook(target).worksheets[0].max_row == 2


def test_pengurus_reads_own_cooperative_results_of_an_unpublished_quiz(client, unpublished, cooperative):
    client.force_login(make_user(username="ketua", cooperative=cooperative, role="pengurus"))
    html = client.get(reverse("quizzes:quiz_results", args=[unpublished.pk])).content.decode()
    assert "siti" in html


def test_learners_still_get_404_for_the_unpublished_quiz(client, unpublished, learner):
    client.force_login(learner)
    assert client.get(unpublished.url).status_code == 404
    assert client.post(reverse("quizzes:start", args=[unpublished.pk])).status_code == 404
    for name in ("quizzes:quiz_results", "quizzes:quiz_results_download"):
        assert client.get(reverse(name, args=[unpublished.pk])).status_code == 404


def test_a_draft_never_published_has_no_results_page(client, course):
    from quizzes import questions as q

    draft = QuizPage(title="Draf", questions=[q.true_false_question("Benar?", True)], live=False)
    course.add_child(instance=draft)
    client.force_login(make_analyst(username="analis2"))
    assert client.get(reverse("quizzes:quiz_results", args=[draft.pk])).status_code == 404
    assert (
        reverse("quizzes:quiz_results", args=[draft.pk])
        not in client.get(reverse("quizzes:results_index")).content.decode()
    )


def test_learning_gain_keeps_an_unpublished_pair(client, make_quiz, course):
    from .conftest import sample_questions

    pre = make_quiz(title="Pre", purpose="pre_test", questions=sample_questions())
    post = make_quiz(title="Post", purpose="post_test", questions=sample_questions())
    learner = make_user(username="g1", cooperative=make_cooperative(nama="Koperasi Gain"))
    take(learner, pre, right=1)
    take(learner, post, right=5)
    unpublish(course, include_descendants=True)
    client.force_login(make_analyst(username="analis3"))
    html = client.get(reverse("quizzes:learning_gain")).content.decode()
    assert "Kursus Koperasi Digital" in html and "Koperasi Gain" in html

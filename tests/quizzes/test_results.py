"""Results for pengurus and Dinas: access, item analysis, learning gain, exports, admin."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from quizzes.models import Attempt, RegradeLog
from quizzes.services import start_attempt, submit_attempt
from tests.factories import make_analyst, make_cooperative, make_editor, make_user

from .conftest import right_answers, sample_questions

pytestmark = pytest.mark.django_db


def take(user, quiz, *, right=0):
    """A graded attempt with the first ``right`` questions answered right."""
    attempt = start_attempt(user=user, quiz=quiz)
    answers = right_answers(attempt)
    ids = [question["id"] for question in attempt.snapshot["questions"]][:right]
    return submit_attempt(attempt=attempt, answers={qid: answers[qid] for qid in ids})


@pytest.fixture
def two_cooperatives(quiz):
    mine = make_cooperative(nama="Koperasi Mawar")
    theirs = make_cooperative(nama="Koperasi Melati")
    pengurus = make_user(username="ketua", cooperative=mine, role="pengurus")
    staff_mine = make_user(username="staf_mawar", cooperative=mine)
    staff_theirs = make_user(username="staf_melati", cooperative=theirs)
    take(staff_mine, quiz, right=5)
    take(staff_theirs, quiz, right=1)
    return {"mine": mine, "theirs": theirs, "pengurus": pengurus, "staff": staff_mine}


def test_staff_and_anonymous_get_404_on_results(client, quiz, two_cooperatives):
    url = reverse("quizzes:quiz_results", args=[quiz.pk])
    assert client.get(url).status_code == 302  # login first
    client.force_login(two_cooperatives["staff"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("quizzes:quiz_results_download", args=[quiz.pk])).status_code == 404
    assert client.get(reverse("quizzes:learning_gain")).status_code == 404


def test_pengurus_sees_only_own_cooperative_and_404_for_another(client, quiz, two_cooperatives):
    client.force_login(two_cooperatives["pengurus"])
    url = reverse("quizzes:quiz_results", args=[quiz.pk])
    html = client.get(url).content.decode()
    assert "staf_mawar" in html and "staf_melati" not in html
    assert "Analisis butir soal" not in html
    assert client.get(url, {"koperasi": two_cooperatives["theirs"].pk}).status_code == 404
    assert client.get(url, {"koperasi": two_cooperatives["mine"].pk}).status_code == 200
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("quizzes:quiz_results_download", args=[quiz.pk])).getvalue().decode("utf-8-sig")
            )
        )
    )
    assert [row[0] for row in rows[1:]] == ["staf_mawar"]


def test_analyst_sees_everyone_and_item_analysis_only_from_ten_first_attempts(client, quiz, two_cooperatives):
    analyst = make_analyst(username="analis")
    client.force_login(analyst)
    url = reverse("quizzes:quiz_results", args=[quiz.pk])
    html = client.get(url).content.decode()
    assert "staf_mawar" in html and "staf_melati" in html
    assert "paling sedikit 10 percobaan pertama (sekarang 2)" in html
    cooperative = two_cooperatives["theirs"]
    for index in range(8):
        take(make_user(username=f"peserta{index}", cooperative=cooperative), quiz, right=index % 6)
    html = client.get(url).content.decode()
    assert "Indeks kemudahan" in html
    assert "terlalu" in html or "daya beda rendah" in html or "%" in html
    html = client.get(url, {"koperasi": cooperative.pk}).content.decode()
    assert "staf_mawar" not in html and "staf_melati" in html


def test_results_page_query_count_is_constant(client, quiz, two_cooperatives, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    analyst = make_analyst(username="analis2")
    client.force_login(analyst)
    url = reverse("quizzes:quiz_results", args=[quiz.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    cooperative = make_cooperative(nama="Koperasi Baru")
    for index in range(12):
        take(make_user(username=f"banyak{index}", cooperative=cooperative), quiz, right=index % 6)
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before)


def test_export_command_formats(quiz, two_cooperatives, capsys, tmp_path):
    call_command("export_quiz_results", str(quiz.pk), "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert [a["username"] for a in data["attempts"]] == ["staf_mawar", "staf_melati"]
    first = data["attempts"][0]
    assert first["nik"] == two_cooperatives["mine"].nik and first["score"] == 100.0 and first["passed"] is True
    assert [first[f"q{i}"] for i in range(1, 6)] == [1.0] * 5
    assert len(data["questions"]) == 5

    call_command("export_quiz_results", quiz.url, "--format", "csv")
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert rows[0][:7] == ["username", "nik", "attempt", "started", "submitted", "score", "passed"]
    assert len(rows) == 3

    target = tmp_path / "hasil.xlsx"
    call_command("export_quiz_results", str(quiz.pk), "--format", "xlsx", "--output", str(target))
    sheet = load_workbook(target).worksheets[0]
    assert [cell.value for cell in sheet[1]][:2] == ["username", "nik"]
    assert sheet.max_row == 3


def test_learning_gain_per_course_and_cooperative(client, make_quiz):
    pre = make_quiz(title="Pre", purpose="pre_test", questions=sample_questions())
    post = make_quiz(title="Post", purpose="post_test", questions=sample_questions())
    cooperative = make_cooperative(nama="Koperasi Gain")
    for index, (before, after) in enumerate([(1, 5), (2, 4)]):
        learner = make_user(username=f"g{index}", cooperative=cooperative)
        take(learner, pre, right=before)
        take(learner, post, right=after)
    client.force_login(make_analyst(username="analis3"))
    html = client.get(reverse("quizzes:learning_gain")).content.decode()
    assert "Kursus Koperasi Digital" in html and "Koperasi Gain" in html
    # Points are 1,1,1,1,2 of 6: pre scores 1/6 and 2/6 -> mean 25; post 1 and 4/6 -> mean 83.3.
    expected = (250 / 3 - 25) / (100 - 25)
    assert f"{expected:.2f}".replace(".", ",") in html or f"{expected:.2f}" in html


def test_admin_gift_import_preview_then_confirm(client, course):
    from quizzes.models import QuizPage

    editor = make_editor(username="editor")
    client.force_login(editor)
    url = reverse("quizzes_gift_import")
    assert client.get(url).status_code == 200
    data = {
        "course": course.pk,
        "title": "Dari admin",
        "purpose": "latihan",
        "pass_mark": 70,
        "gift_text": "::A:: Satu tambah satu? {#2}\n\n::B:: Cocok {=a -> b =c -> d}",
    }
    response = client.post(url, data)
    html = response.content.decode()
    assert "baris 3: menjodohkan" in html and QuizPage.objects.count() == 0
    response = client.post(url, {**data, "skip_unsupported": "on"})
    assert "Konfirmasi dan impor" in response.content.decode() and QuizPage.objects.count() == 0
    response = client.post(url, {**data, "skip_unsupported": "on", "confirm": "1"})
    assert response.status_code == 302 and QuizPage.objects.get().title == "Dari admin"
    client.force_login(make_user(username="biasa"))
    assert client.get(url).status_code in (302, 403, 404)


def test_admin_regrade_is_logged_and_gift_export_downloads(client, quiz, learner):
    take(learner, quiz, right=5)
    client.force_login(make_editor(username="editor2"))
    response = client.post(reverse("quizzes_regrade", args=[quiz.pk]))
    assert response.status_code == 302
    log = RegradeLog.objects.get()
    assert log.regraded_by.username == "editor2" and log.new_score == pytest.approx(100.0)
    gift = client.get(reverse("quizzes_gift_export", args=[quiz.pk])).content.decode()
    assert "Apa kepanjangan RAT?" in gift and "{" in gift
    assert Attempt.objects.get().score == pytest.approx(100.0)


def test_editor_can_open_the_quiz_editor_and_create_form(client, quiz, course):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("super", "super@example.com", "rahasia-uji-123")
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[quiz.pk]))
    assert response.status_code == 200
    assert "Pilihan ganda (satu jawaban)" in response.content.decode()
    response = client.get(reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", course.pk]))
    assert response.status_code == 200
    listing = client.get(reverse("wagtailadmin_explore", args=[course.pk]))
    assert listing.status_code == 200

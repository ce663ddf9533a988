"""The quiz's own rules and the small readers around it: when a learner may start, what a
graded attempt shows, finding a quiz from the command line, the commands' Indonesian errors,
the posted answers and the GIFT upload form. One shared quiz (tests/quizzes/conftest.py)."""

import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.http import QueryDict
from django.utils import timezone

from quizzes import questions as q
from quizzes import scoring, selectors
from quizzes.forms import GiftImportForm, answers_from_post
from quizzes.models import QuestionResult, QuizPage, RegradeLog
from quizzes.services import AttemptRejected, regrade_quiz, start_attempt, submit_attempt

from .conftest import right_answers

pytestmark = pytest.mark.django_db
# The shared course and quiz are built once for the module; the few tests that do not ask for
# them do not mind them (tests/conftest.py, module_db).
SHARE_ROWS = ("course", "quiz")

NOW = timezone.now()


def quiz_with(quiz, **fields):
    QuizPage.objects.filter(pk=quiz.pk).update(**fields)
    return QuizPage.objects.get(pk=quiz.pk)


def graded(user, quiz, *, right):
    """A submitted attempt with the first ``right`` questions (in the editor's order) right."""
    attempt = start_attempt(user=user, quiz=quiz)
    answers = right_answers(attempt)
    return submit_attempt(attempt=attempt, answers={qid: answers[qid] for qid in list(answers)[:right]})


# --- may the learner start ------------------------------------------------------------------


def test_an_anonymous_visitor_gets_no_history_and_no_start(quiz):
    state = selectors.quiz_page_state(quiz=quiz, user=SimpleNamespace(is_authenticated=False))
    assert (state["attempts"], state["can_start"], state["final_grade"]) == ([], False, None)


@pytest.mark.parametrize(
    ("fields", "refusal"),
    [
        ({"opens_at": NOW + timedelta(days=1)}, "Kuis ini belum dibuka."),
        ({"closes_at": NOW - timedelta(minutes=1)}, "Kuis ini sudah ditutup."),
        ({}, ""),
    ],
)
def test_the_quiz_page_says_why_nobody_may_start(learner, quiz, fields, refusal):
    state = selectors.quiz_page_state(quiz=quiz_with(quiz, **fields), user=learner, now=NOW)
    assert state["start_refusal"] == refusal
    assert state["can_start"] is (not refusal)
    assert state["attempts_left"] == 2


def test_history_grade_and_attempts_left_follow_the_grading_method(learner, quiz):
    first = graded(learner, quiz, right=4)  # 4 of 6 points: the numeric question (2 points) is wrong
    second = graded(learner, quiz, right=1)  # 1 of 6 points
    assert (first.score, second.score) == (pytest.approx(400 / 6), pytest.approx(100 / 6))
    state = selectors.quiz_page_state(quiz=quiz, user=learner)
    assert [a.number for a in state["attempts"]] == [1, 2]
    assert (state["final_grade"], state["final_passed"]) == (pytest.approx(400 / 6), True)
    assert (state["attempts_left"], state["can_start"]) == (0, False)
    assert state["start_refusal"] == "Anda sudah memakai semua percobaan untuk kuis ini."
    averaged = selectors.quiz_page_state(quiz=quiz_with(quiz, grading_method=scoring.GRADE_AVERAGE), user=learner)
    assert (averaged["final_grade"], averaged["final_passed"]) == (pytest.approx(250 / 6), False)
    last = selectors.quiz_page_state(quiz=quiz_with(quiz, grading_method=scoring.GRADE_LAST), user=learner)
    assert last["final_grade"] == pytest.approx(100 / 6)


def test_an_attempt_in_progress_may_always_be_resumed(learner, quiz):
    attempt = start_attempt(user=learner, quiz=quiz)
    quiz = quiz_with(quiz, closes_at=NOW + timedelta(hours=1), attempts_allowed=1)
    state = selectors.quiz_page_state(quiz=quiz, user=learner, now=NOW)
    assert state["in_progress"].pk == attempt.pk
    assert (state["can_start"], state["start_refusal"], state["attempts_left"]) == (True, "", 0)


def test_a_quiz_without_questions_refuses_to_start(learner, quiz):
    quiz.questions = []
    quiz.save_revision().publish()
    with pytest.raises(AttemptRejected) as refused:
        start_attempt(user=learner, quiz=quiz)
    assert refused.value.message == "Kuis ini belum memiliki soal."


# --- what a graded attempt shows ------------------------------------------------------------


@pytest.mark.parametrize(
    ("visibility", "closes_in", "expected"),
    [
        (QuizPage.RESULTS_IMMEDIATELY, None, (True, True)),
        (QuizPage.RESULTS_NEVER, None, (False, False)),
        (QuizPage.RESULTS_SCORE_UNTIL_CLOSE, None, (True, False)),
        (QuizPage.RESULTS_SCORE_UNTIL_CLOSE, timedelta(days=1), (True, False)),
        (QuizPage.RESULTS_SCORE_UNTIL_CLOSE, -timedelta(minutes=1), (True, True)),
    ],
)
def test_results_visible(quiz, visibility, closes_in, expected):
    quiz.results_visibility = visibility
    quiz.closes_at = None if closes_in is None else timezone.now() + closes_in
    assert selectors.results_visible(SimpleNamespace(quiz=quiz)) == expected


def test_is_closed_and_is_open_agree_on_the_edges(quiz):
    quiz.opens_at, quiz.closes_at = NOW, NOW + timedelta(hours=1)
    assert not quiz.is_open(NOW - timedelta(seconds=1))
    assert quiz.is_open(NOW) and not quiz.is_closed(NOW)
    # The closing moment itself is closed.
    assert not quiz.is_open(quiz.closes_at) and quiz.is_closed(quiz.closes_at)


def test_closing_before_opening_is_explained(quiz):
    quiz.opens_at, quiz.closes_at = NOW, NOW
    with pytest.raises(ValidationError) as invalid:
        quiz.clean()
    assert invalid.value.message_dict["closes_at"] == ["Waktu ditutup harus setelah waktu dibuka."]


@pytest.mark.parametrize(
    ("purpose", "requirement", "required"),
    [
        (QuizPage.PURPOSE_UJIAN, QuizPage.REQUIREMENT_AUTO, True),
        (QuizPage.PURPOSE_POST_TEST, QuizPage.REQUIREMENT_AUTO, True),
        (QuizPage.PURPOSE_PRE_TEST, QuizPage.REQUIREMENT_AUTO, False),
        (QuizPage.PURPOSE_LATIHAN, QuizPage.REQUIREMENT_AUTO, False),
        (QuizPage.PURPOSE_LATIHAN, QuizPage.REQUIREMENT_REQUIRED, True),
        (QuizPage.PURPOSE_UJIAN, QuizPage.REQUIREMENT_OPTIONAL, False),
    ],
)
def test_is_required_is_the_same_rule_as_the_database_filter(quiz, purpose, requirement, required):
    quiz = quiz_with(quiz, purpose=purpose, completion_requirement=requirement)
    assert quiz.is_required is required
    assert QuizPage.objects.filter(QuizPage.required_q(), pk=quiz.pk).exists() is required


def test_attempt_links_and_descriptions(learner, quiz):
    attempt = start_attempt(user=learner, quiz=quiz)
    assert attempt.get_absolute_url() == f"/kuis/percobaan/{attempt.pk}/"
    assert attempt.pass_mark == 60 and str(attempt) == f"siti · {quiz.title} #1"
    attempt = submit_attempt(attempt=attempt, answers=right_answers(attempt))
    assert attempt.get_absolute_url() == f"/kuis/percobaan/{attempt.pk}/hasil/"
    result = QuestionResult.objects.filter(attempt=attempt).first()
    assert str(result) == f"{attempt.pk}:{result.question_id} = 1.00"
    # An attempt whose snapshot has no pass mark (made before it was kept) uses the quiz's.
    attempt.snapshot = {"questions": attempt.snapshot["questions"]}
    assert attempt.pass_mark == quiz.pass_mark


# --- regrading at the edges -----------------------------------------------------------------


def test_a_regrade_takes_the_new_pass_mark_and_a_removed_choice_earns_nothing(learner, quiz):
    attempt = graded(learner, quiz, right=4)
    assert attempt.passed is True
    raw = json.loads(json.dumps(list(quiz.questions.raw_data)))
    chosen = attempt.answers[raw[0]["id"]]
    raw[0]["value"]["choices"] = [c for c in raw[0]["value"]["choices"] if c["id"] != chosen]
    raw[0]["value"]["choices"][0]["value"]["correct"] = True
    quiz.questions = raw
    quiz.pass_mark = 90
    quiz.save_revision().publish()
    (log,) = regrade_quiz(quiz=QuizPage.objects.get(pk=quiz.pk))
    attempt.refresh_from_db()
    assert (log.old_score, log.new_score) == (pytest.approx(400 / 6), pytest.approx(300 / 6))
    assert attempt.passed is False and attempt.snapshot["pass_mark"] == 90
    # The learner still sees the choices the attempt showed, in its order.
    assert len(attempt.snapshot["questions"][0]["choices"]) == 3
    assert str(RegradeLog.objects.get()) == f"{attempt}: 66.7 → 50.0"


def test_a_question_whose_type_changed_keeps_the_attempts_choices_but_takes_the_points(learner, quiz):
    attempt = graded(learner, quiz, right=4)  # the numeric question (2 points) wrong
    raw = json.loads(json.dumps(list(quiz.questions.raw_data)))
    # The true/false question becomes a short answer worth 3 points.
    truth = raw[2]
    raw[2] = {**q.short_answer_question("Koperasi wajib RAT?", [{"text": "ya"}], points=3), "id": truth["id"]}
    quiz.questions = raw
    quiz.save_revision().publish()
    regrade_quiz(quiz=QuizPage.objects.get(pk=quiz.pk))
    attempt.refresh_from_db()
    regraded = next(q for q in attempt.snapshot["questions"] if q["id"] == truth["id"])
    assert regraded["type"] == scoring.TRUE_FALSE and regraded["points"] == 3.0
    # Graded as the true/false question the learner answered, worth the new 3 points: 6 of 8.
    assert attempt.score == pytest.approx(75.0)


# --- finding a quiz and the commands' errors ------------------------------------------------


def test_find_quiz_by_id_path_or_address(quiz):
    assert selectors.find_quiz(str(quiz.pk)).pk == quiz.pk
    assert selectors.find_quiz(f"  {quiz.pk} ").pk == quiz.pk
    assert selectors.find_quiz(quiz.url).pk == quiz.pk
    assert selectors.find_quiz(quiz.url.strip("/")).pk == quiz.pk
    assert selectors.find_quiz(f"https://contoh.go.id{quiz.url}?x=1").pk == quiz.pk
    assert selectors.find_quiz(str(quiz.get_parent().pk)) is None  # a course, not a quiz
    assert selectors.find_quiz("/tidak/ada/") is None


@pytest.mark.parametrize("command", ["export_gift", "export_quiz_results"])
def test_export_commands_name_the_quiz_they_did_not_find(command):
    with pytest.raises(CommandError, match="Kuis '/tidak/ada/' tidak ditemukan"):
        call_command(command, "/tidak/ada/")


def test_export_quiz_results_csv_to_a_file(learner, quiz, tmp_path):
    graded(learner, quiz, right=4)
    target = tmp_path / "hasil.csv"
    call_command("export_quiz_results", str(quiz.pk), "--output", str(target))
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "username,nik,attempt,started,submitted,score,passed,q1,q2,q3,q4,q5"
    assert lines[1].startswith(f"siti,{learner.cooperative.nik},1,")
    assert lines[1].endswith(",66.7,True,1.0,1.0,1.0,1.0,0.0")


def test_import_gift_command_errors(course, tmp_path):
    good = tmp_path / "soal.gift"
    good.write_text("Betul? {T}", encoding="utf-8")
    latin = tmp_path / "latin.gift"
    latin.write_bytes("Koperasi é? {T}".encode("latin-1"))
    cases = [
        ([str(good), "--course", course.slug, "--pass-mark", "101"], "--pass-mark harus 0 sampai 100."),
        ([str(tmp_path / "tidak-ada.gift"), "--course", course.slug], "Berkas tidak ditemukan"),
        ([str(latin), "--course", course.slug], "Berkas GIFT harus disimpan sebagai UTF-8."),
        ([str(good), "--course", "bukan-kursus"], "Kursus dengan slug 'bukan-kursus' tidak ditemukan."),
    ]
    for arguments, message in cases:
        with pytest.raises(CommandError) as failed:
            call_command("import_gift", *arguments)
        assert message in str(failed.value)
    assert not QuizPage.objects.filter(title="Kuis impor").exists()


# --- what the forms read --------------------------------------------------------------------


def test_answers_from_post_reads_what_the_form_showed():
    snapshot = {
        "questions": [{"id": "m", "type": scoring.MULTIPLE_ANSWERS}, {"id": "s", "type": scoring.SINGLE_CHOICE}]
    }
    data = QueryDict("shown=m&shown=s&shown=m&q-s=pilihan&q-asing=x&q-dua=a&q-dua=b&lain=1")
    assert answers_from_post(snapshot, data) == {
        "m": [],  # every box cleared: saved as unanswered, not left as it was
        "s": "pilihan",
        "asing": "x",  # passed on, for clean_answers to refuse
        "dua": ["a", "b"],
    }


def test_gift_upload_form_reads_utf8_with_a_byte_order_mark(course):
    upload = SimpleUploadedFile("soal.txt", "\ufeffBetul? {T}".encode())
    form = GiftImportForm(
        {"course": course.pk, "purpose": QuizPage.PURPOSE_LATIHAN, "pass_mark": 70}, {"gift_file": upload}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["gift_text"] == "Betul? {T}"


@pytest.mark.parametrize(
    ("files", "text", "error"),
    [
        ({"gift_file": SimpleUploadedFile("soal.txt", "Koperasi é? {T}".encode("latin-1"))}, "", "UTF-8"),
        ({}, "   ", "Unggah berkas GIFT atau tempel teksnya."),
    ],
)
def test_gift_form_errors_in_indonesian(course, files, text, error):
    data = {"course": course.pk, "purpose": QuizPage.PURPOSE_LATIHAN, "pass_mark": 70, "gift_text": text}
    form = GiftImportForm(data, files)
    assert not form.is_valid()
    assert error in " ".join(form.non_field_errors())


def test_gift_form_refuses_a_pass_mark_above_a_hundred(course):
    form = GiftImportForm({"course": course.pk, "purpose": "latihan", "pass_mark": 101, "gift_text": "A? {T}"})
    assert not form.is_valid() and "pass_mark" in form.errors


def test_attempts_without_a_cooperative_group_under_none():
    rows = [
        {"cooperative": None, "passed": True, "grade": 80.0},
        {"cooperative": SimpleNamespace(pk=2, nama="Mawar"), "passed": False, "grade": 40.0},
        {"cooperative": SimpleNamespace(pk=2, nama="Mawar"), "passed": True, "grade": None},
    ]
    groups = selectors.cooperative_results(rows)
    assert [(g["cooperative"] and g["cooperative"].nama, g["learners"], g["passed"], g["mean"]) for g in groups] == [
        (None, 1, 1, 80.0),
        ("Mawar", 2, 1, 20.0),
    ]

"""What an attempt keeps of its quiz (quizzes/snapshot.py), and what the learner's browser may
see of it before grading. No database: the quiz is an unsaved page holding its questions."""

import random
from types import SimpleNamespace

import pytest

from quizzes import questions as q
from quizzes import scoring
from quizzes.blocks import FeedbackBandsBlock, QuizQuestionsBlock
from quizzes.snapshot import (
    FALSE_ID,
    SNAPSHOT_VERSION,
    TRUE_ID,
    build_snapshot,
    choice_html,
    feedback_html,
    general_feedback_html,
    public_question,
    question_snapshot,
)

KEY_WORDS = ("fraction", "feedback", "accepted", "numeric", "general_feedback", "min", "max", "target")


def child_of(raw):
    (child,) = list(QuizQuestionsBlock().to_python([raw]))
    return child


def every_type():
    return [
        q.choice_question(
            "RAT?",
            [{"text": "Rapat", "correct": True, "feedback": "ya"}, {"text": "Rencana", "feedback": "bukan"}],
            general_feedback="umum",
        ),
        q.choice_question(
            "Buku wajib?",
            [{"text": "Kas", "correct": True}, {"text": "Anggota", "correct": True}, {"text": "Resep"}],
            multiple=True,
        ),
        q.true_false_question("RAT wajib.", True, feedback_true="betul", feedback_false="keliru"),
        q.short_answer_question("SHU?", [{"text": "SHU"}, {"text": "sisa*usaha", "credit": 50}]),
        q.numeric_question("Persen?", [{"target": 12.5, "tolerance": 0.5}, {"any_other": True, "credit": 0}]),
    ]


def unsaved_quiz(questions, *, bands=(), **settings):
    """What ``build_snapshot`` reads of a quiz page, without saving one."""
    fields = {"title": "Kuis tanpa basis data", "live_revision_id": None, "pass_mark": 70}
    fields |= {"shuffle_questions": False, "shuffle_choices": False, **settings}
    return SimpleNamespace(
        questions=QuizQuestionsBlock().to_python(questions),
        feedback_bands=FeedbackBandsBlock().to_python([{"type": "band", "value": band} for band in bands]),
        **fields,
    )


def keys_of(value):
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in keys_of(item)}
    if isinstance(value, list):
        return {key for item in value for key in keys_of(item)}
    return set()


# --- one question ------------------------------------------------------------------------------


def test_single_choice_keeps_the_key_feedback_and_order():
    raw = every_type()[0]
    question = question_snapshot(child_of(raw))
    assert question["id"] == raw["id"]
    assert (question["type"], question["points"], question["text"]) == (scoring.SINGLE_CHOICE, 1.0, "<p>RAT?</p>")
    assert [(c["id"], c["text"], c["fraction"], c["feedback"]) for c in question["choices"]] == [
        (raw["value"]["choices"][0]["id"], "Rapat", 1.0, "ya"),
        (raw["value"]["choices"][1]["id"], "Rencana", 0.0, "bukan"),
    ]
    assert (question["general_feedback"], question["general_feedback_html"]) == ("umum", "umum")


def test_multiple_answers_default_to_plus_and_minus_one_over_k():
    question = question_snapshot(child_of(every_type()[1]))
    assert [c["fraction"] for c in question["choices"]] == [0.5, 0.5, -0.5]


def test_true_false_has_fixed_choice_ids_and_indonesian_labels():
    question = question_snapshot(child_of(every_type()[2]))
    assert [(c["id"], c["text"], c["fraction"], c["feedback"]) for c in question["choices"]] == [
        (TRUE_ID, "Benar", 1.0, "betul"),
        (FALSE_ID, "Salah", 0.0, "keliru"),
    ]
    false_key = question_snapshot(child_of(q.true_false_question("Bumi datar.", False)))
    assert [c["fraction"] for c in false_key["choices"]] == [0.0, 1.0]


def test_short_answer_marks_wildcards_and_partial_credit():
    question = question_snapshot(child_of(every_type()[3]))
    assert [(a["text"], a["wildcard"], a["fraction"]) for a in question["accepted"]] == [
        ("SHU", False, 1.0),
        ("sisa*usaha", True, 0.5),
    ]
    assert scoring.question_credit(question, "Sisa Hasil Usaha") == 0.5


def test_numeric_keeps_a_range_and_the_catch_all():
    question = question_snapshot(child_of(every_type()[4]))
    assert question["numeric"][0] | {"feedback_html": ""} == {
        "min": 12.0,
        "max": 13.0,
        "target": 12.5,
        "tolerance": 0.5,
        "fraction": 1.0,
        "feedback": "",
        "feedback_html": "",
    }
    assert question["numeric"][1]["any"] is True and question["numeric"][1]["fraction"] == 0.0


def test_numeric_range_written_backwards_is_put_in_order():
    raw = q.numeric_question("Antara?", [{"minimum": 9, "maximum": 3}])
    question = question_snapshot(child_of(raw))
    assert (question["numeric"][0]["min"], question["numeric"][0]["max"]) == (3.0, 9.0)
    assert scoring.question_credit(question, "5") == 1.0


def test_points_left_empty_count_as_one():
    raw = q.true_false_question("Tanpa poin.", True)
    raw["value"]["points"] = None
    assert question_snapshot(child_of(raw))["points"] == 1.0


def test_plain_answers_are_escaped_and_html_answers_are_cleaned():
    plain = q.choice_question(
        "Pilih",
        [{"text": "<b>a</b>", "correct": True, "feedback": "x < y\nz"}, {"text": "b"}],
        general_feedback="satu\ndua <i>",
    )
    question = question_snapshot(child_of(plain))
    first = question["choices"][0]
    assert (first["text"], first["html"]) == ("<b>a</b>", "&lt;b&gt;a&lt;/b&gt;")
    assert (first["feedback"], first["feedback_html"]) == ("x < y\nz", "x &lt; y<br/>z")
    assert question["general_feedback_html"] == "satu<br/>dua &lt;i&gt;"

    markup = q.choice_question(
        "Pilih",
        [
            {"text": "<p><b>a</b><script>x()</script></p>", "correct": True, "feedback": '<i onclick="x">ya</i>'},
            {"text": "b"},
        ],
        general_feedback="<p>Baca <a href='javascript:x'>ini</a></p>",
        answers_html=True,
    )
    question = question_snapshot(child_of(markup))
    first = question["choices"][0]
    assert (first["text"], first["html"]) == ("a", "<b>a</b>")
    assert (first["feedback"], first["feedback_html"]) == ("ya", "<i>ya</i>")
    assert question["general_feedback_html"] == "<p>Baca <a>ini</a></p>"
    assert question["general_feedback"] == "Baca ini"


# --- what the browser sees -------------------------------------------------------------------


@pytest.mark.parametrize("index", range(5))
def test_public_question_never_carries_the_key_or_feedback(index):
    question = question_snapshot(child_of(every_type()[index]))
    shown = public_question(question)
    assert set(shown) <= {"id", "type", "points", "text", "image_url", "image_alt", "choices"}
    for choice in shown.get("choices", []):
        assert set(choice) == {"id", "text", "html"}
    assert not keys_of(shown) & set(KEY_WORDS)
    # The choices are shown in the snapshot's order, so the order the learner saw is kept.
    if "choices" in question:
        assert [c["id"] for c in shown["choices"]] == [c["id"] for c in question["choices"]]


def test_snapshots_from_version_one_are_escaped_when_shown():
    old_choice = {"id": "c1", "text": "<b>a</b> & b", "fraction": 1.0, "feedback": "<i>f</i>"}
    assert choice_html(old_choice) == "&lt;b&gt;a&lt;/b&gt; &amp; b"
    assert feedback_html(old_choice) == "&lt;i&gt;f&lt;/i&gt;"
    assert feedback_html({"id": "c2"}) == ""
    assert general_feedback_html({"general_feedback": "satu\n<dua>"}) == "satu<br/>&lt;dua&gt;"
    new_choice = {"id": "c1", "text": "a", "html": "<b>a</b>", "feedback_html": "<i>f</i>"}
    assert (choice_html(new_choice), feedback_html(new_choice)) == ("<b>a</b>", "<i>f</i>")
    assert general_feedback_html({"general_feedback_html": "<p>x</p>"}) == "<p>x</p>"


# --- the whole snapshot ----------------------------------------------------------------------


def test_snapshot_holds_title_pass_mark_bands_and_every_question_in_order():
    raws = every_type()
    quiz = unsaved_quiz(
        raws, pass_mark=65, bands=[{"min_score": 80, "text": "Bagus"}, {"min_score": 0, "text": "Ulangi"}]
    )
    snapshot = build_snapshot(quiz)
    assert snapshot["version"] == SNAPSHOT_VERSION
    assert (snapshot["title"], snapshot["pass_mark"], snapshot["revision_id"]) == ("Kuis tanpa basis data", 65, None)
    assert snapshot["feedback_bands"] == [(80, "Bagus"), (0, "Ulangi")]
    assert [question["id"] for question in snapshot["questions"]] == [raw["id"] for raw in raws]


def test_shuffling_follows_the_random_source_and_keeps_every_question_and_choice():
    raws = every_type() + [q.true_false_question(f"Soal {n}", True) for n in range(6)]
    quiz = unsaved_quiz(raws, shuffle_questions=True, shuffle_choices=True)
    first = build_snapshot(quiz, rng=random.Random(7))
    again = build_snapshot(quiz, rng=random.Random(7))
    assert first["questions"] == again["questions"]
    assert [question["id"] for question in first["questions"]] != [raw["id"] for raw in raws]
    assert sorted(question["id"] for question in first["questions"]) == sorted(raw["id"] for raw in raws)
    by_id = {question["id"]: question for question in first["questions"]}
    for raw in raws:
        question = by_id[raw["id"]]
        if question["type"] == scoring.TRUE_FALSE:
            # Benar stays before Salah: only choice questions are shuffled.
            assert [c["id"] for c in question["choices"]] == [TRUE_ID, FALSE_ID]
        elif "choices" in question:
            assert sorted(c["id"] for c in question["choices"]) == sorted(c["id"] for c in raw["value"]["choices"])


def test_without_shuffling_the_editors_order_is_kept_whatever_the_random_source():
    raws = every_type()
    quiz = unsaved_quiz(raws)
    snapshot = build_snapshot(quiz, rng=random.Random(1))
    assert [question["id"] for question in snapshot["questions"]] == [raw["id"] for raw in raws]
    assert [c["text"] for c in snapshot["questions"][1]["choices"]] == ["Kas", "Anggota", "Resep"]


def test_shuffled_choices_grade_the_same():
    raws = every_type()
    quiz = unsaved_quiz(raws, shuffle_choices=True)
    answers = {}
    for question in build_snapshot(quiz)["questions"]:
        if question["type"] == scoring.MULTIPLE_ANSWERS:
            answers[question["id"]] = [c["id"] for c in question["choices"] if c["fraction"] > 0]
        elif question["type"] in scoring.CHOICE_TYPES:
            answers[question["id"]] = next(c["id"] for c in question["choices"] if c["fraction"] == 1.0)
    for seed in range(5):
        graded = scoring.grade(build_snapshot(quiz, rng=random.Random(seed))["questions"], answers)
        assert graded.score == pytest.approx(60.0)

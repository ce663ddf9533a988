"""GIFT reading and writing at the edges, without a database.

A parsed question is turned into the StreamField value an editor would save
(``QuizQuestionsBlock().to_python``), then into the snapshot an attempt is graded against,
so these tests follow a GIFT line all the way to a score, and back out to GIFT.
"""

import pytest

from quizzes import questions as q
from quizzes import scoring
from quizzes.blocks import QuizQuestionsBlock
from quizzes.gift import (
    BLANK,
    TAG_MAX_LENGTH,
    GiftProblem,
    blocks_for_quiz,
    escape,
    parse_gift,
    question_to_gift,
)
from quizzes.snapshot import question_snapshot


def stream(text):
    """The questions of GIFT ``text`` as the StreamField value a quiz would hold."""
    document = parse_gift(text)
    assert document.errors == [] and document.unsupported == [], [str(p) for p in document.errors]
    blocks, _tags = blocks_for_quiz(document)
    return QuizQuestionsBlock().to_python(blocks)


def snapshot(text):
    """The one question of ``text`` as an attempt's snapshot holds it."""
    (child,) = list(stream(text))
    return question_snapshot(child)


def without_ids(value):
    """A snapshot with the (freshly generated) question and choice ids left out."""
    if isinstance(value, dict):
        return {key: without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    return value


def choice_id(question, text):
    return next(c["id"] for c in question["choices"] if c["text"] == text)


# --- what is refused, and where --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("::Judul tanpa tutup {=a ~b}", "error", "baris 1: judul ::…:: tidak ditutup"),
        ("Soal {=a ~b", "error", "baris 1: tanda { tidak ditutup dengan }"),
        ("::Kosong:: {=a ~b}", "error", "baris 1: pertanyaan kosong (Kosong)"),
        ("Pilih {~a ~b}", "error", "baris 1: tidak ada pilihan yang benar"),
        ("Pilih {=a ~}", "error", "baris 1: ada pilihan jawaban yang kosong"),
        ("Angka {#abc}", "error", "baris 1: angka tidak valid: 'abc'"),
        ("Angka {#}", "error", "baris 1: soal angka tanpa jawaban yang benar"),
        ("Angka {#1..x}", "error", "baris 1: angka tidak valid: 'x'"),
        ("Singkat {=}", "error", "baris 1: jawaban singkat tanpa jawaban yang diterima"),
        ("::Esai:: Jelaskan. {####catatan}", "unsupported", "baris 1: esai (Esai)"),
        ("Isi {1:MC:=a~b}", "unsupported", "baris 1: cloze (isian bertingkat)"),
        ("Cocokkan {=a -> 1 =b -> 2}", "unsupported", "baris 1: menjodohkan (matching)"),
        ("Hanya keterangan.", "unsupported", "baris 1: deskripsi (tanpa jawaban)"),
    ],
)
def test_refused_blocks_say_why_in_indonesian_with_their_line(text, kind, message):
    document = parse_gift(text)
    assert document.questions == []
    problems = document.errors if kind == "error" else document.unsupported
    assert [str(problem) for problem in problems] == [message]


def test_problem_without_a_title_has_no_brackets():
    assert str(GiftProblem(7, "esai")) == "baris 7: esai"
    assert str(GiftProblem(7, "esai", "Soal 3")) == "baris 7: esai (Soal 3)"


def test_line_numbers_count_comments_blank_lines_and_a_category_line():
    text = "// kepala\n\n$CATEGORY: Keuangan\nA? {T}\n\n// komentar\n\nB? {#x}\n\n\nC? {F}\n"
    document = parse_gift(text)
    assert [(q.line, q.category) for q in document.questions] == [(4, "Keuangan"), (11, "Keuangan")]
    assert [(e.line, e.message) for e in document.errors] == [(8, "angka tidak valid: 'x'")]


def test_byte_order_mark_and_windows_line_ends_are_read():
    document = parse_gift("\ufeffA?{T}\r\n\r\nB?{F#salah#benar####umum}\r\n")
    assert [q.line for q in document.questions] == [1, 3]
    first, second = (q.block["value"] for q in document.questions)
    assert first["text"] == "<p>A?</p>" and first["correct_answer"] == "true"
    assert second["correct_answer"] == "false"
    # Moodle: the first feedback is for a wrong answer ("TRUE" here), the second for a right one.
    assert (second["feedback_true"], second["feedback_false"], second["general_feedback"]) == (
        "salah",
        "benar",
        "umum",
    )


def test_categories_change_per_block_and_the_last_names_the_document():
    document = parse_gift("$CATEGORY: A\n\nSatu {T}\n\n$CATEGORY: B/C\nDua {F}\n")
    assert document.categories == ["A", "B/C"]
    assert [q.category for q in document.questions] == ["A", "B/C"]
    assert document.shared_category == ""
    assert parse_gift("$CATEGORY: A\n\nSatu {T}\n\nDua {F}").shared_category == "A"
    assert parse_gift("Satu {T}").shared_category == ""


def test_tags_are_cut_to_what_taggit_stores_and_listed_once_in_order():
    long = "Bank/" + "x" * 150
    document = parse_gift(
        f"$CATEGORY: {long}\nSatu {{T}}\n\n$CATEGORY: Pendek\nDua {{T}}\n\n$CATEGORY: {long}\nTiga {{F}}"
    )
    blocks, tags = blocks_for_quiz(document)
    assert tags == [long[:TAG_MAX_LENGTH], "Pendek"]
    # Categories differ: each question keeps its own, uncut.
    assert [block["value"]["category"] for block in blocks] == [long, "Pendek", long]
    # blocks_for_quiz copies: the parsed document is unchanged.
    assert [q.block["value"]["category"] for q in document.questions] == [long, "Pendek", long]


def test_one_shared_category_is_the_quizs_tag_not_each_questions():
    blocks, tags = blocks_for_quiz(parse_gift("$CATEGORY: Bersama\nSatu {T}\n\nDua {F}"))
    assert tags == ["Bersama"]
    assert [block["value"]["category"] for block in blocks] == ["", ""]


# --- the text around the answers --------------------------------------------------------------


def test_missing_word_gets_a_blank_but_trailing_punctuation_does_not():
    assert snapshot("RAT adalah {=rapat ~rencana} anggota tahunan.")["text"] == (
        f"<p>RAT adalah {BLANK} anggota tahunan.</p>"
    )
    assert snapshot("RAT adalah {=rapat ~rencana}.")["text"] == "<p>RAT adalah.</p>"
    assert snapshot("Apa itu RAT? {=rapat ~rencana} ?!")["text"] == "<p>Apa itu RAT??!</p>"


def test_escaped_characters_are_literal_everywhere():
    question = snapshot("::Tanda\\: sama:: Escapes \\{x\\} a\\=b {=1\\~2 ~3\\#4#umpan \\# balik}")
    assert question["title"] == "Tanda: sama"
    assert question["text"] == "<p>Escapes {x} a=b</p>"
    assert [(c["text"], c["feedback"]) for c in question["choices"]] == [("1~2", ""), ("3#4", "umpan # balik")]


def test_escape_writes_every_special_character_and_newlines():
    assert escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert escape("satu\r\ndua") == "satu\\ndua"
    assert escape(None) == ""


# --- weights, as Moodle reads them, down to the score -----------------------------------------


def test_no_equals_sign_makes_a_multiple_answer_question_graded_by_weights():
    question = snapshot("Pilih {~%50%a ~%50%b ~%-100%c}")
    assert question["type"] == scoring.MULTIPLE_ANSWERS
    a, b, c = (choice_id(question, text) for text in "abc")
    assert scoring.question_credit(question, [a, b]) == 1.0
    assert scoring.question_credit(question, [a]) == 0.5
    # A penalty never takes the question below zero.
    assert scoring.question_credit(question, [a, c]) == 0.0
    assert scoring.question_credit(question, [a, b, c]) == 0.0


def test_weights_beyond_a_hundred_are_clamped():
    question = snapshot("Pilih {~%150%a ~%-300%b}")
    assert [c["fraction"] for c in question["choices"]] == [1.0, -1.0]


def test_single_choice_with_a_partly_right_answer():
    question = snapshot("RAT? {=Rapat Anggota Tahunan ~%50%Rapat anggota ~Rencana}")
    assert question["type"] == scoring.SINGLE_CHOICE
    assert scoring.question_credit(question, choice_id(question, "Rapat anggota")) == 0.5
    assert scoring.question_credit(question, choice_id(question, "Rencana")) == 0.0


def test_one_equals_answer_alone_is_a_short_answer():
    question = snapshot("Singkatan Sisa Hasil Usaha? {=SHU}")
    assert question["type"] == scoring.SHORT_ANSWER
    assert question["accepted"] == [
        {"text": "SHU", "wildcard": False, "fraction": 1.0, "feedback": "", "feedback_html": ""}
    ]


def test_short_answer_credits_and_the_best_match_wins():
    question = snapshot("SHU? {=%50%shu#setengah =%150%SHU#penuh =%-20%x#salah}")
    # Over 100 is full credit; below 0 is 0.
    assert [(a["text"], a["fraction"]) for a in question["accepted"]] == [("shu", 0.5), ("SHU", 1.0), ("x", 0.0)]
    # Case is not told apart: "shu" matches both; the higher credit counts, with its feedback.
    assert scoring.question_credit(question, "  shu ") == 1.0
    assert scoring.answer_feedback(question, "shu") == ["penuh"]
    assert scoring.question_credit(question, "X") == 0.0
    assert scoring.answer_feedback(question, "X") == ["salah"]


def test_numeric_answers_with_weights_ranges_and_a_catch_all():
    question = snapshot("Angka? {#=%50%10:1#dekat =5..3#tepat ~#salah}")
    assert [(a.get("any", False), a["min"], a["max"], a["fraction"]) for a in question["numeric"]] == [
        (False, 9.0, 11.0, 0.5),
        (False, 3.0, 5.0, 1.0),
        (True, None, None, 0.0),
    ]
    assert scoring.question_credit(question, "4") == 1.0
    assert scoring.question_credit(question, "10,5") == 0.5  # a decimal comma, as typed here
    assert scoring.answer_feedback(question, "10,5") == ["dekat"]
    assert scoring.question_credit(question, "99") == 0.0
    assert scoring.answer_feedback(question, "99") == ["salah"]
    assert scoring.answer_feedback(question, "bukan angka") == []


def test_numeric_star_accepts_any_number_but_not_text():
    question = snapshot("Sebut angka apa saja {#*}")
    assert scoring.question_credit(question, "-3,5") == 1.0
    assert scoring.question_credit(question, "tiga") == 0.0


def test_negative_tolerance_counts_as_its_size():
    question = snapshot("Angka? {#12.5:-0.5}")
    assert (question["numeric"][0]["min"], question["numeric"][0]["max"]) == (12.0, 13.0)


# --- writing back out -------------------------------------------------------------------------


ROUND_TRIPS = [
    "Angka? {#=%50%10:1#dekat =5..3#tepat ~#salah}",
    "SHU? {=%50%shu#setengah =SHU =%0%x#salah}",
    "Pilih {~%50%a ~%50%b ~%-100%c####umum}",
    "::Judul:: B?{F#salah#benar####umum}",
    "Betul? {T}",
    "Betul? {T#keliru}",
    "Betul? {T##tepat}",
    "RAT adalah {=rapat ~rencana} anggota tahunan.",
    "::Tanda\\: sama:: Escapes \\{x\\} a\\=b {=1\\~2 ~3\\#4#umpan \\# balik}",
    "[html]<p>Soal <b>tebal</b></p>{=[html]<i>ya</i> ~tidak#[html]<b>bukan</b>}",
    "Baris\\ndua {=a#ok\\nlagi ~b}",
    "Sebut angka apa saja {#*}",
    "Angka tepat {#1992}",
    "Angka kecil {#0.1:0.05}",
    "Angka besar {#1e20}",
    "Teks [plain] {=[plain]<b>bukan tag</b> ~b}",
    "Pilih {=a ~[plain][html] bukan penanda}",
]


@pytest.mark.parametrize("text", ROUND_TRIPS)
def test_export_reads_back_to_the_same_question(text):
    (child,) = list(stream(text))
    written = question_to_gift(child)
    (again,) = list(stream(written))
    assert without_ids(question_snapshot(again)) == without_ids(question_snapshot(child))
    # Writing what was read back gives the same text: the export is stable.
    assert question_to_gift(again) == written


def test_export_writes_weights_only_where_they_differ_from_the_default():
    (child,) = list(stream("Pilih {=a ~b ~%50%c}"))
    assert question_to_gift(child) == "Pilih {\n\t=a\n\t~b\n\t~%50%c\n}"
    (child,) = list(stream("Pilih banyak {~%50%a ~%50%b ~%-100%c}"))
    assert question_to_gift(child) == "Pilih banyak {\n\t~%50%a\n\t~%50%b\n\t~%-100%c\n}"


def test_export_of_multiple_answers_without_weights_writes_the_default_fractions():
    raw = q.choice_question(
        "Tiga benar",
        [{"text": "a", "correct": True}, {"text": "b", "correct": True}, {"text": "c", "correct": True}],
        multiple=True,
    )
    (child,) = list(QuizQuestionsBlock().to_python([raw]))
    written = question_to_gift(child)
    # Moodle has no "default" weight: each right choice is written with its third.
    assert [line[:3] for line in written.splitlines()[1:-1]] == ["\t~%"] * 3
    question = question_snapshot(list(stream(written))[0])
    assert question["type"] == scoring.MULTIPLE_ANSWERS
    # GIFT writes the weight rounded (33.33333); it is read back as the third it stands for,
    # so all three right is full credit, not 99.99999 %.
    everything = [c["id"] for c in question["choices"]]
    assert scoring.question_credit(question, everything) == 1.0
    assert scoring.question_credit(question, everything[:1]) == pytest.approx(1 / 3, abs=1e-12)


@pytest.mark.parametrize("written", ["33.3333", "33.33333", "33.333"])
def test_rounded_thirds_are_thirds_and_three_of_them_pass_a_pass_mark_of_100(written):
    question = snapshot(f"Pilih {{~%{written}%a ~%{written}%b ~%{written}%c ~%-100%d}}")
    everything = [choice_id(question, text) for text in "abc"]
    assert scoring.question_credit(question, everything) == 1.0
    score = scoring.grade([question], {question["id"]: everything}).score
    assert score == 100.0 and scoring.has_passed(score, 100)


def test_rounded_sixths_and_sevenths_are_read_as_such_other_weights_exactly():
    sixths = snapshot("Pilih {~%16.6667%a ~%83.3333%b ~%-50%c}")
    assert [c["fraction"] for c in sixths["choices"]] == pytest.approx([1 / 6, 5 / 6, -0.5], rel=1e-12)
    assert scoring.question_credit(sixths, [choice_id(sixths, "a"), choice_id(sixths, "b")]) == 1.0
    sevenths = snapshot("Pilih {~%14.2857%a ~%85.7143%b}")
    assert [c["fraction"] for c in sevenths["choices"]] == pytest.approx([1 / 7, 6 / 7], rel=1e-12)
    # Written with too few digits to stand for a third, or not near one: kept as written.
    plain = snapshot("Pilih {~%33.3%a ~%66.7%b ~%12.34%c}")
    assert [c["fraction"] for c in plain["choices"]] == pytest.approx([0.333, 0.667, 0.1234], rel=1e-12)


def test_only_the_first_catch_all_is_written_moodle_reads_one():
    raw = q.numeric_question(
        "Angka",
        [
            {"target": 3, "tolerance": 0},
            {"any_other": True, "credit": 0, "feedback": "pertama"},
            {"any_other": True, "credit": 0, "feedback": "kedua"},
        ],
    )
    (child,) = list(QuizQuestionsBlock().to_python([raw]))
    assert question_to_gift(child) == "Angka {#\n\t=3:0\n\t~#pertama\n}"

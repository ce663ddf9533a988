"""Question banks as Moodle writes them: markers, HTML, numeric ranges and catch-alls,
wildcards, categories and titles, through import and export (the learner's pages and
scoring: test_gift_scoring.py)."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from quizzes import questions as q
from quizzes import scoring
from quizzes.gift import parse_gift, quiz_to_gift
from quizzes.models import Attempt, QuizPage
from quizzes.services import create_quiz, import_gift, submit_attempt
from quizzes.snapshot import quiz_questions
from tests.factories import make_editor

from .moodle_bank import BANK, COOPERATIVES, IMPORTED, PAYMENTS, import_bank

pytestmark = pytest.mark.django_db


def values(document):
    return {question.title: question.block["value"] for question in document.questions}


# --- reading ------------------------------------------------------------------------------


def test_the_bank_reads_every_supported_question_and_lists_the_others_by_line():
    document = parse_gift(BANK)
    assert document.errors == []
    assert [(question.title, question.kind) for question in document.questions] == IMPORTED
    assert [(p.line, p.message, p.title) for p in document.unsupported] == [
        (47, "menjodohkan (matching)", "Cocokkan"),
        (53, "esai", "Esai"),
    ]
    assert document.categories == [PAYMENTS, COOPERATIVES]
    assert [question.category for question in document.questions] == [PAYMENTS] * 6 + [COOPERATIVES]


def test_markers_become_formatting_never_text():
    found = values(parse_gift(BANK))
    qris = found["QRIS"]
    assert qris["text"] == "<p>Apa kepanjangan <b>QRIS</b>?</p>"
    assert qris["answers_html"] is True
    choices = [c["value"] for c in qris["choices"]]
    # Answers without a marker take the question's format (HTML), as in Moodle.
    assert [c["text"] for c in choices] == [
        "Quick Response Code Indonesian Standard",
        "Quick Response Indonesia System",
        "Quick Response Code Indonesia",
    ]
    assert choices[0]["feedback"] == "Betul, <em>standar nasional</em> dari BI."
    assert choices[1]["feedback"] == "Bukan."  # the script is gone with its content
    assert choices[2]["feedback"] == "<strong>Hampir</strong> benar"
    assert qris["general_feedback"] == '<p>QRIS diatur oleh <a href="https://www.bi.go.id">Bank Indonesia</a>.</p>'
    # Markdown question text; plain answers beside an HTML feedback are escaped HTML.
    wallets = found["Dompet digital"]
    assert wallets["text"] == "<p>Mana saja <strong>dompet digital</strong> yang berizin?</p>"
    assert [c["value"]["feedback"] for c in wallets["choices"]] == [
        "Benar, berizin BI",
        "<i>Benar</i>, berizin BI",
        "Arisan bukan dompet digital",
    ]
    # Moodle's auto-format: plain text, its line break kept.
    assert found["Wajib RAT"]["text"] == "<p>Koperasi wajib mengadakan RAT<br/>setiap tahun.</p>"
    assert found["Wajib RAT"]["feedback_false"] == "Keliru: <b>RAT wajib</b>."
    assert found["Wajib RAT"]["feedback_true"] == "Betul sekali."
    # Text that is only punctuation after the answers is not a blank.
    assert found["SHU"]["text"] == "<p>Apa singkatan dari Sisa Hasil Usaha?</p>"
    assert found["Badan usaha"]["text"] == "<p>Koperasi adalah _____ milik anggota.</p>"
    assert found["Badan usaha"]["answers_html"] is False


def test_numeric_ranges_targets_and_a_catch_all_with_feedback():
    found = values(parse_gift(BANK))
    interest = [a["value"] for a in found["Bunga"]["answers"]]
    assert [
        (a["target"], a["tolerance"], a["minimum"], a["maximum"], a["any_other"], a["credit"]) for a in interest
    ] == [
        (12.0, 0.0, None, None, False, None),
        (None, None, 10.0, 14.0, False, 50.0),
        (None, None, None, None, True, 0.0),
    ]
    assert interest[2]["feedback"] == "Jauh <b>sekali</b>"
    guess = [a["value"] for a in found["Tebakan"]["answers"]]
    assert [(a["target"], a["tolerance"], a["any_other"], a["feedback"]) for a in guess] == [
        (3.0, 2.0, False, ""),
        (None, None, True, "Jauh sekali"),
    ]


def test_short_answer_wildcards_keep_their_credit_and_feedback():
    answers = [a["value"] for a in values(parse_gift(BANK))["SHU"]["answers"]]
    assert [(a["text"], a["credit"]) for a in answers] == [
        ("SHU", None),
        ("S.H.U.", 50.0),
        ("Sisa *", 20.0),
        ("*", 0.0),
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("::A:: Berapa? {#3:abc}", "baris 1: angka tidak valid: 'abc' (A)"),
        ("::B:: Berapa? {#=%50%x..2 ~#salah}", "baris 1: angka tidak valid: 'x' (B)"),
        ("::C:: Siapa? {~a ~b}", "baris 1: tidak ada pilihan yang benar (C)"),
    ],
)
def test_bad_numbers_and_keys_are_still_errors_with_their_line(text, message):
    assert [str(error) for error in parse_gift(text).errors] == [message]


# --- importing, pages and scoring -------------------------------------------------------


@pytest.fixture
def bank_quiz(course):
    return import_bank(course)


def test_categories_become_the_questions_tags_when_they_differ(bank_quiz):
    assert sorted(tag.name for tag in bank_quiz.tags.all()) == sorted([PAYMENTS, COOPERATIVES])
    assert [child.value["category"] for child in bank_quiz.questions] == [PAYMENTS] * 6 + [COOPERATIVES]
    assert [child.value["title"] for child in bank_quiz.questions] == [title for title, _ in IMPORTED]


def test_one_shared_category_becomes_the_quiz_tag(course):
    quiz = import_gift(text=f"$CATEGORY: {PAYMENTS}\n\n::A::Benar? {{T}}\n\n::B::1+1? {{#2}}", course=course).quiz
    assert [tag.name for tag in quiz.tags.all()] == [PAYMENTS]
    assert [child.value["category"] for child in quiz.questions] == ["", ""]
    assert quiz.title == "Pembayaran"
    assert f"$CATEGORY: {PAYMENTS}" in quiz_to_gift(quiz)


# --- exporting ----------------------------------------------------------------------------


def comparable(question):
    """A snapshot question without its ids: what a learner sees and is graded by."""
    keep = {k: v for k, v in question.items() if k not in ("id", "choices")}
    keep["choices"] = [
        {k: (pytest.approx(v) if k == "fraction" else v) for k, v in c.items() if k != "id"}
        for c in question.get("choices", [])
        if question["type"] != "true_false"
    ]
    return keep


def test_export_reads_back_to_the_same_questions(bank_quiz, course):
    text = quiz_to_gift(bank_quiz)
    assert "::QRIS::[html]<p>Apa kepanjangan <b>QRIS</b>?</p>" in text
    assert '<a href\\="https\\://www.bi.go.id">' in text
    assert "\t~#<p>Jauh <b>sekali</b></p>" in text or "\t~#Jauh <b>sekali</b>" in text
    assert "::Badan usaha::Koperasi adalah {" in text and "} milik anggota." in text
    assert "$CATEGORY: " + COOPERATIVES in text
    again = import_gift(text=text, course=course, title="Lagi")
    assert again.ok, again.problems
    assert again.document.unsupported == []
    first, second = quiz_questions(bank_quiz), quiz_questions(again.quiz)
    assert [comparable(a) for a in first] == [comparable(b) for b in second]
    assert [child.value["category"] for child in again.quiz.questions] == [PAYMENTS] * 6 + [COOPERATIVES]
    # And once more: exporting the re-imported quiz writes the same text.
    assert quiz_to_gift(again.quiz).replace("// Lagi", "") == text.replace(f"// {bank_quiz.title}", "")


def test_plain_questions_round_trip_with_escapes_and_newlines(course):
    quiz = create_quiz(
        course=course,
        title="Polos",
        questions=[
            q.choice_question(
                "Harga 10% {diskon} = murah?\nYakin?",
                [{"text": "ya ~ kira-kira", "correct": True}, {"text": "a < b & c"}],
                general_feedback="Baris satu\nBaris dua: #1",
            ),
            q.short_answer_question("Bintang?", [{"text": "\\*"}, {"text": "*", "credit": 0, "feedback": "bukan"}]),
            q.numeric_question("Besar?", [{"target": 1234567.25, "tolerance": 0.005}]),
            q.true_false_question("Salah?", False, feedback_true="keliru"),
        ],
    )
    again = import_gift(text=quiz_to_gift(quiz), course=course, title="Lagi").quiz
    assert [comparable(a) for a in quiz_questions(quiz)] == [comparable(b) for b in quiz_questions(again)]
    assert [child.value["answers_html"] for child in again.questions] == [False] * 4


def test_export_command_writes_the_titles(bank_quiz, capsys):
    call_command("export_gift", str(bank_quiz.pk))
    out = capsys.readouterr().out
    assert [title for title, _ in IMPORTED] == re.findall(r"^::(.+?)::", out, flags=re.MULTILINE)


# --- what was stored before these fields --------------------------------------------------


def test_blocks_saved_before_the_new_fields_read_and_grade_the_same(course, learner):
    old_short = q.short_answer_question("Tanda?", [{"text": "*"}])
    old_choice = q.choice_question(
        "Pilih", [{"text": "<b>a</b>", "correct": True, "feedback": "<i>x</i>"}, {"text": "b"}]
    )
    for block in (old_short, old_choice):
        for key in ("title", "category", "answers_html"):
            del block["value"][key]
    quiz = create_quiz(course=course, title="Lama", questions=[old_short, old_choice])
    short, choice_question = quiz_questions(quiz)
    # "*" typed by an editor before wildcards existed now means any text, like Moodle.
    assert short["accepted"][0]["wildcard"] is True
    # Plain text stays text: shown escaped, never as markup.
    assert choice_question["choices"][0]["html"] == "&lt;b&gt;a&lt;/b&gt;"
    assert choice_question["choices"][0]["feedback_html"] == "&lt;i&gt;x&lt;/i&gt;"
    assert [c["fraction"] for c in choice_question["choices"]] == [1.0, 0.0]


def test_stored_attempts_from_version_1_grade_and_render_as_before(client, course, learner):
    quiz = create_quiz(course=course, title="Lama", questions=[q.true_false_question("A?", True)])
    version_1 = {
        "version": 1,
        "title": "Lama",
        "pass_mark": 70,
        "feedback_bands": [],
        "questions": [
            {
                "id": "s",
                "type": "short_answer",
                "points": 1.0,
                "text": "<p>Tanda?</p>",
                "general_feedback": "<b>umum</b>",
                "accepted": [{"text": "*", "fraction": 1.0, "feedback": "<i>bintang</i>"}],
            },
            {
                "id": "n",
                "type": "numeric",
                "points": 1.0,
                "text": "<p>Angka?</p>",
                "general_feedback": "",
                "numeric": [
                    {"min": 2.0, "max": 4.0, "target": 3.0, "tolerance": 1.0, "fraction": 1.0, "feedback": "ok"}
                ],
            },
            {
                "id": "c",
                "type": "single_choice",
                "points": 1.0,
                "text": "<p>Pilih</p>",
                "general_feedback": "",
                "choices": [
                    {"id": "x", "text": "<b>a</b>", "fraction": 1.0, "feedback": "<i>y</i>"},
                    {"id": "z", "text": "b", "fraction": 0.0, "feedback": ""},
                ],
            },
        ],
    }
    questions = version_1["questions"]
    # Without the "wildcard" key a star is only a star; numbers match their range only.
    assert scoring.question_credit(questions[0], "apa saja") == 0.0
    assert scoring.question_credit(questions[0], "*") == 1.0
    assert scoring.question_credit(questions[1], "3,5") == 1.0
    assert scoring.question_credit(questions[1], "9") == 0.0
    attempt = Attempt.objects.create(
        user=learner, quiz=quiz, number=1, snapshot=version_1, started_at=quiz.first_published_at
    )
    client.force_login(learner)
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert "&lt;b&gt;a&lt;/b&gt;</label>" in html
    graded = submit_attempt(attempt=attempt, answers={"s": "*", "n": "3", "c": "x"})
    assert graded.score == pytest.approx(100.0)
    html = client.get(reverse("quizzes:attempt_result", args=[attempt.pk])).content.decode()
    assert "&lt;i&gt;bintang&lt;/i&gt;" in html and "&lt;b&gt;umum&lt;/b&gt;" in html
    assert "&lt;i&gt;y&lt;/i&gt;" in html


# --- draft import and the admin preview (issue #10) -------------------------------------


def test_import_as_draft_is_not_published(course, tmp_path, capsys):
    path = tmp_path / "bank.gift"
    path.write_text(BANK, encoding="utf-8")
    call_command("import_gift", str(path), "--course", course.slug, "--skip-unsupported", "--draft")
    quiz = QuizPage.objects.get()
    assert not quiz.live and quiz.has_unpublished_changes
    assert len(quiz.get_latest_revision_as_object().questions) == 7
    assert "draf" in capsys.readouterr().out
    assert not QuizPage.objects.live().exists()


def test_admin_preview_shows_each_question_text_and_saves_a_draft(client, course):
    client.force_login(make_editor(username="editor_gift"))
    data = {
        "course": course.pk,
        "purpose": "latihan",
        "pass_mark": 70,
        "gift_text": BANK,
        "skip_unsupported": "on",
        "as_draft": "on",
    }
    response = client.post(reverse("quizzes_gift_import"), data)
    html = response.content.decode()
    preview = html.split('<ol class="gift-preview">', 1)[1].split("</ol>", 1)[0]
    assert "Apa kepanjangan QRIS?" in preview
    assert "Mana saja dompet digital yang berizin?" in preview
    assert "Koperasi adalah _____ milik anggota." in preview
    assert "[html]" not in preview and "&lt;" not in preview
    assert "baris 47: menjodohkan (matching) (Cocokkan)" in html
    assert QuizPage.objects.count() == 0
    response = client.post(reverse("quizzes_gift_import"), {**data, "confirm": "1"})
    quiz = QuizPage.objects.get()
    assert response.status_code == 302 and not quiz.live


def test_imported_questions_open_and_validate_in_the_page_editor(client, bank_quiz):
    client.force_login(make_editor(username="editor_sunting"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[bank_quiz.pk]))
    assert response.status_code == 200
    assert "pilihan dan umpan balik berformat HTML" in response.content.decode()
    # What the editor's save runs on every block: the imported values are valid as they are.
    stream = bank_quiz.questions
    cleaned = stream.stream_block.clean(stream)
    assert [child.value["title"] for child in cleaned] == [title for title, _ in IMPORTED]


def test_markers_after_a_space_and_the_issue_examples():
    # Moodle's own test writes feedback as "# [html]…"; the issue's "~[plain]biru" and "#[html]salah".
    document = parse_gift(
        "::Warna:: Apa warna di antara jingga dan hijau?\n{\n"
        "    =kuning # betul!\n    ~merah # [html]salah, <b>kuning</b>\n    ~[plain]biru #[html]salah\n}"
    )
    choices = [c["value"] for c in document.questions[0].block["value"]["choices"]]
    assert [(c["text"], c["feedback"]) for c in choices] == [
        ("kuning", "betul!"),
        ("merah", "salah, <b>kuning</b>"),
        ("biru", "salah"),
    ]
    assert document.questions[0].block["value"]["answers_html"] is True

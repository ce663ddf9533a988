"""GIFT import (parser, service, command) and export back to GIFT."""

import pytest
from django.core.management import CommandError, call_command

from quizzes.gift import parse_gift, quiz_to_gift
from quizzes.models import QuizPage
from quizzes.services import import_gift
from quizzes.snapshot import quiz_questions

SAMPLE = """// Bank soal koperasi
$CATEGORY: $course$/Literasi digital/Pre-test

::RAT::Apa kepanjangan RAT?{
  =Rapat Anggota Tahunan#Betul sekali
  ~Rencana Anggaran Tahunan#Bukan, itu anggaran
  ~%50%Rapat anggota#Hampir
####RAT wajib setiap tahun.}

::Buku wajib:: Mana saja buku wajib koperasi? {
  ~%50%Buku daftar anggota
  ~%50%Buku kas
  ~%-100%Buku resep
}

// true/false with feedback: first for a wrong answer, second for a right one
Koperasi wajib mengadakan RAT.{TRUE#Keliru, RAT itu wajib#Benar, RAT wajib}

::SHU:: Singkatan Sisa Hasil Usaha? {=SHU =%50%S.H.U.#Titiknya tidak perlu}

::Persen:: Berapa persen 25 dari 200? {#12.5:0.1}

::Rentang:: Sebutkan angka antara 1 dan 5 {#1..5}

::Tahun:: Tahun UU Perkoperasian No. 25? {#
  =1992:0#Tepat
  =%50%1992:2#Hampir
}

::Escape\\: titik dua:: Harga 10\\% \\{diskon\\} \\= murah? {=ya\\~kira-kira ~tidak}

Koperasi adalah {~perusahaan =badan usaha ~yayasan} milik anggota.
"""

UNSUPPORTED = """::Cocokkan::Pasangkan. {
  =RAT -> rapat
  =SHU -> sisa hasil usaha
}

::Esai::Jelaskan koperasi digital.{}

Ini hanya keterangan tanpa jawaban.

::Benar:: Langit biru. {T}
"""


def test_parse_every_supported_type():
    document = parse_gift(SAMPLE)
    assert document.errors == [] and document.unsupported == []
    kinds = [question.kind for question in document.questions]
    assert kinds == [
        "single_choice",
        "multiple_answers",
        "true_false",
        "short_answer",
        "numeric",
        "numeric",
        "numeric",
        "single_choice",
        "single_choice",
    ]
    assert document.categories == ["$course$/Literasi digital/Pre-test"]
    rat = document.questions[0]
    assert rat.title == "RAT" and rat.line == 4
    values = rat.block["value"]
    assert values["general_feedback"] == "RAT wajib setiap tahun."
    choices = [c["value"] for c in values["choices"]]
    assert [(c["text"], c["correct"], c["credit"], c["feedback"]) for c in choices] == [
        ("Rapat Anggota Tahunan", True, None, "Betul sekali"),
        ("Rencana Anggaran Tahunan", False, None, "Bukan, itu anggaran"),
        ("Rapat anggota", True, 50.0, "Hampir"),
    ]
    multiple = [c["value"]["credit"] for c in document.questions[1].block["value"]["choices"]]
    assert multiple == [50.0, 50.0, -100.0]
    tf = document.questions[2].block["value"]
    assert tf["correct_answer"] == "true"
    assert tf["feedback_true"] == "Benar, RAT wajib" and tf["feedback_false"] == "Keliru, RAT itu wajib"
    short = [a["value"] for a in document.questions[3].block["value"]["answers"]]
    assert [(a["text"], a["credit"]) for a in short] == [("SHU", None), ("S.H.U.", 50.0)]
    numeric = document.questions[4].block["value"]["answers"][0]["value"]
    assert (numeric["target"], numeric["tolerance"]) == (12.5, 0.1)
    numeric_range = document.questions[5].block["value"]["answers"][0]["value"]
    assert (numeric_range["minimum"], numeric_range["maximum"]) == (1.0, 5.0)
    several = [a["value"] for a in document.questions[6].block["value"]["answers"]]
    assert [(a["target"], a["tolerance"], a["credit"], a["feedback"]) for a in several] == [
        (1992.0, 0.0, None, "Tepat"),
        (1992.0, 2.0, 50.0, "Hampir"),
    ]
    escaped = document.questions[7]
    assert escaped.title == "Escape: titik dua"
    assert "Harga 10\\% {diskon} = murah?" in escaped.block["value"]["text"]
    assert escaped.block["value"]["choices"][0]["value"]["text"] == "ya~kira-kira"
    missing_word = document.questions[8].block["value"]["text"]
    assert "Koperasi adalah _____ milik anggota." in missing_word


def test_unsupported_types_are_listed_by_line():
    document = parse_gift(UNSUPPORTED)
    assert [(p.line, p.message) for p in document.unsupported] == [
        (1, "menjodohkan (matching)"),
        (6, "esai"),
        (8, "deskripsi (tanpa jawaban)"),
    ]
    assert len(document.questions) == 1


def test_errors_are_reported_with_line_numbers():
    document = parse_gift("::A:: Angka? {#abc}\n\n::B:: Tanpa benar {~a ~b}\n\n::C:: Tidak ditutup {=a\n")
    assert [str(e).split(":")[0] for e in document.errors] == ["baris 1", "baris 3", "baris 5"]


def test_html_in_gift_is_never_trusted():
    document = parse_gift("[html]<b>Tebal</b><script>alert(1)</script> itu? {T}")
    text = document.questions[0].block["value"]["text"]
    assert "<script>" not in text and "Tebal" in text


@pytest.mark.django_db
def test_import_creates_published_quiz_and_scores_match_moodle(course):
    result = import_gift(text=SAMPLE, course=course, purpose="pre_test", pass_mark=60)
    assert result.ok, result.problems
    quiz = result.quiz
    assert quiz.live and quiz.get_parent().pk == course.pk
    assert quiz.title == "Pre-test" and quiz.purpose == "pre_test" and quiz.pass_mark == 60
    questions = quiz_questions(quiz)
    assert [c["fraction"] for c in questions[0]["choices"]] == [1.0, 0.0, 0.5]
    assert [c["fraction"] for c in questions[1]["choices"]] == [0.5, 0.5, -1.0]


@pytest.mark.django_db
def test_import_with_unsupported_imports_nothing_unless_skipping(course):
    result = import_gift(text=UNSUPPORTED, course=course)
    assert not result.ok
    assert any(p.startswith("baris 1: menjodohkan") for p in result.problems)
    assert QuizPage.objects.count() == 0
    result = import_gift(text=UNSUPPORTED, course=course, skip_unsupported=True, title="Campuran")
    assert result.ok and QuizPage.objects.get().title == "Campuran"


@pytest.mark.django_db
def test_import_gift_command(course, tmp_path, capsys):
    path = tmp_path / "bank.gift"
    path.write_text(SAMPLE, encoding="utf-8")
    call_command(
        "import_gift",
        str(path),
        "--course",
        course.slug,
        "--title",
        "Kuis GIFT",
        "--purpose",
        "ujian",
        "--pass-mark",
        "75",
    )
    out = capsys.readouterr().out
    quiz = QuizPage.objects.get()
    assert quiz.title == "Kuis GIFT" and quiz.purpose == "ujian" and quiz.pass_mark == 75
    assert out.strip().splitlines()[-1].endswith(quiz.url)

    bad = tmp_path / "bad.gift"
    bad.write_text(UNSUPPORTED, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_gift", str(bad), "--course", course.slug)
    err = capsys.readouterr().err
    assert "baris 1: menjodohkan (matching) (Cocokkan): jenis soal tidak didukung" in err
    assert QuizPage.objects.count() == 1
    call_command("import_gift", str(bad), "--course", course.slug, "--skip-unsupported")
    assert QuizPage.objects.count() == 2
    with pytest.raises(CommandError):
        call_command("import_gift", str(path), "--course", "tidak-ada")


@pytest.mark.django_db
def test_export_to_gift_round_trips(course, capsys):
    quiz = import_gift(text=SAMPLE, course=course).quiz
    text = quiz_to_gift(quiz)
    again = import_gift(text=text, course=course, title="Lagi").quiz
    first, second = quiz_questions(quiz), quiz_questions(again)
    assert [q["type"] for q in first] == [q["type"] for q in second]
    for a, b in zip(first, second, strict=True):
        assert [(c["text"], c["fraction"], c["feedback"]) for c in a.get("choices", [])] == [
            (c["text"], c["fraction"], c["feedback"]) for c in b.get("choices", [])
        ]
        assert [(x["min"], x["max"], x["fraction"]) for x in a.get("numeric", [])] == [
            (x["min"], x["max"], x["fraction"]) for x in b.get("numeric", [])
        ]
        assert [(x["text"], x["fraction"]) for x in a.get("accepted", [])] == [
            (x["text"], x["fraction"]) for x in b.get("accepted", [])
        ]
        assert a["general_feedback"] == b["general_feedback"]
    call_command("export_gift", str(quiz.pk))
    assert "=Rapat Anggota Tahunan#Betul sekali" in capsys.readouterr().out


def test_questions_without_a_blank_line_between_them_are_an_error_not_one_question():
    # Found by hand: four questions on consecutive lines became ONE "missing word"
    # question whose text swallowed the other three.
    text = "::Q1:: Ibu kota Jawa Timur? {=Surabaya ~Malang}\n::Q2:: QRIS itu pembayaran digital. {T}\n"
    document = parse_gift(text)
    assert document.questions == []
    assert [str(e) for e in document.errors] == [
        "baris 1: lebih dari satu blok jawaban {…}: pisahkan setiap soal dengan satu baris kosong (Q1)"
    ]
    # Escaped braces after the answers are still text, as before.
    assert len(parse_gift("Harga {=murah ~mahal} \\{diskon\\}").questions) == 1


@pytest.mark.django_db
def test_admin_preview_names_question_types_in_indonesian(client, course):
    from django.urls import reverse

    from tests.factories import make_editor

    client.force_login(make_editor(username="editor_pratinjau"))
    response = client.post(
        reverse("quizzes_gift_import"),
        {
            "course": course.pk,
            "purpose": "latihan",
            "pass_mark": 70,
            "gift_text": "::A:: Benar? {T}\n\n::B:: 1+1? {#2}",
        },
    )
    html = response.content.decode()
    assert "Benar/Salah" in html and "Jawaban angka" in html
    assert "true_false" not in html and "numeric" not in html

"""English is really available: the catalogue is complete, compiled, and used by the pages."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from courses.services import enrol
from quizzes import questions as q
from quizzes.services import create_quiz
from tests.factories import make_cooperative, make_course, make_lesson, make_user

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"


# --- the catalogue ----------------------------------------------------------------------


def parse_po(path):
    """A tiny .po reader: a list of dicts with msgctxt, msgid, msgid_plural, msgstr, flags.

    ``msgstr`` is a string, or a dict {index: string} for plural entries. Obsolete
    entries (``#~``) are left out; the header entry (empty msgid) is kept.
    """
    entries = []
    entry = None
    key = None

    def unquote(text):
        return ast.literal_eval(text)  # C-style escapes in .po match Python's for \" \\ \n \t

    def fresh(current):
        """Keep adding to ``current`` until it has a msgid; then a new entry starts."""
        if current is not None and current["msgid"] is None:
            return current
        if current is not None:
            entries.append(current)
        return {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": None, "flags": set()}

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            entry = fresh(entry)
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
        if match:
            keyword, index, text = match.groups()
            if keyword in ("msgctxt", "msgid"):
                entry = fresh(entry)
            if index is not None:
                entry["msgstr"] = entry["msgstr"] or {}
                entry["msgstr"][int(index)] = unquote(text)
                key = ("msgstr", int(index))
            else:
                entry[keyword] = unquote(text)
                key = (keyword, None)
            continue
        assert line.startswith('"'), f"unexpected line in {path.name}: {raw!r}"
        name, index = key
        if index is None:
            entry[name] += unquote(line)
        else:
            entry[name][index] += unquote(line)
    if entry is not None:
        entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def po_entries():
    entries = parse_po(PO_FILE)
    return [e for e in entries if e["msgid"]]


def test_the_po_file_is_found_by_django():
    assert Path(settings.LOCALE_PATHS[0]) == Path(settings.BASE_DIR) / "locale"
    assert PO_FILE.exists() and MO_FILE.exists()


def test_every_entry_is_translated_and_none_is_fuzzy(po_entries):
    assert len(po_entries) > 500  # the whole UI, not a sample
    untranslated = []
    for entry in po_entries:
        if entry["msgid_plural"] is not None:
            forms = entry["msgstr"]
            if not isinstance(forms, dict) or sorted(forms) != [0, 1] or not all(forms.values()):
                untranslated.append(entry["msgid"])
        elif not entry["msgstr"]:
            untranslated.append(entry["msgid"])
    assert untranslated == []
    assert [e["msgid"] for e in po_entries if "fuzzy" in e["flags"]] == []


def test_placeholders_and_markup_survive_translation(po_entries):
    token = re.compile(r"%\(\w+\)[sdr]|%%|%[sd]|<[^>]+>")
    broken = []
    for entry in po_entries:
        outputs = entry["msgstr"].values() if entry["msgid_plural"] is not None else [entry["msgstr"]]
        for output in outputs:
            if sorted(token.findall(entry["msgid"])) != sorted(token.findall(output)):
                broken.append((entry["msgid"], output))
    assert broken == []


def test_the_compiled_mo_matches_the_po(po_entries):
    """A stale .mo (compilemessages not run after editing the .po) fails here."""
    with MO_FILE.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert catalogue.info().get("language") == "en"
    stale = []
    for entry in po_entries:
        context = entry["msgctxt"]
        if entry["msgid_plural"] is not None:
            for n, index in ((1, 0), (2, 1)):
                if context is None:
                    got = catalogue.ngettext(entry["msgid"], entry["msgid_plural"], n)
                else:
                    got = catalogue.npgettext(context, entry["msgid"], entry["msgid_plural"], n)
                if got != entry["msgstr"][index]:
                    stale.append(entry["msgid"])
        else:
            if context is None:
                got = catalogue.gettext(entry["msgid"])
            else:
                got = catalogue.pgettext(context, entry["msgid"])
            if got != entry["msgstr"]:
                stale.append(entry["msgid"])
    assert stale == []


def test_product_words_are_translated_as_agreed():
    with translation.override("en"):
        agreed = {
            "Kursus saya": "My courses",
            "Masuk": "Log in",
            "Keluar": "Log out",
            "Daftar": "Register",
            "Kata sandi": "Password",
            "Kode bergabung": "Join code",
            "Kemajuan": "Progress",
            "Lulus": "Passed",
            "Belum lulus": "Not passed",
            "Ujian": "Graded exam",
            "Benar/Salah": "True/False",
            "Indeks kesiapan digital": "Digital readiness index",
            "Rapor kesiapan koperasi": "Cooperative readiness report card",
            "Tidak berlaku": "Not applicable",
        }
        assert {source: translation.gettext(source) for source in agreed} == agreed
        assert translation.ngettext("%(total)s kursus", "%(total)s kursus", 1) % {"total": 1} == "1 course"
        assert translation.ngettext("%(total)s kursus", "%(total)s kursus", 3) % {"total": 3} == "3 courses"


# --- the pages --------------------------------------------------------------------------


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def learning(db):
    cooperative = make_cooperative(nama="Koperasi Bahasa")
    learner = make_user(username="rina", cooperative=cooperative, first_name="Rina")
    course = make_course(title="Pembukuan Digital")
    lesson = make_lesson(course, title="Buku Kas Harian")
    make_lesson(course, title="Laporan Bulanan")
    quiz = create_quiz(
        course=course,
        title="Kuis Pembukuan",
        questions=[q.true_false_question("Buku kas dicatat setiap hari.", True)],
        purpose="ujian",
        pass_mark=60,
        attempts_allowed=2,
    )
    return {"learner": learner, "course": course, "lesson": lesson, "quiz": quiz}


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
def test_anonymous_pages_render_in_english(english, learning):
    home = page(english, "/")
    assert '<html lang="en">' in home
    assert response_header(english, "/") == "en"
    for text in ("Log in", "Register", "Skip to content", "What is this?", "How to start", "Language"):
        assert text in home
    assert ">Masuk<" not in home and "Apa ini?" not in home

    catalogue = page(english, "/kursus/")
    assert "Search courses" in catalogue and ">Search<" in catalogue
    assert "1 course" in catalogue and "Cari kursus" not in catalogue

    course = page(english, learning["course"].url)
    assert "Log in to start learning" in course
    assert "Masuk untuk mulai belajar" not in course

    login = page(english, reverse("accounts:login"))
    for text in ("Username or mobile number", "Password", "Forgot your password?", "Register with a join code"):
        assert text in login
    assert "Kata sandi" not in login

    register = page(english, reverse("accounts:register"))
    for text in ("Join code", "Full name", "Mobile number", "Repeat password"):
        assert text in register
    assert "Kode bergabung" not in register


@pytest.mark.django_db
def test_form_errors_are_in_english(english):
    response = english.post(reverse("accounts:login"), {"username": "nobody", "password": "wrong-password"})
    assert "Wrong username/mobile number or password." in response.content.decode()


@pytest.mark.django_db
def test_learner_pages_render_in_english(english, learning):
    english.force_login(learning["learner"])
    enrol(user=learning["learner"], course=learning["course"])

    mine = page(english, reverse("courses:my_courses"))
    assert '<html lang="en">' in mine
    assert "My courses" in mine and "Log out" in mine and "Kursus saya" not in mine

    course = page(english, learning["course"].url)
    # Two lessons and the required quiz: three activities.
    assert "Progress" in course and "Lessons and quizzes" in course and "0 of 3 activities completed" in course
    assert "must pass" in course and "Not attempted yet" in course

    lesson = page(english, learning["lesson"].url)
    assert "Lesson 1 of 2" in lesson and "Mark as completed" in lesson
    assert "Tandai selesai" not in lesson

    quiz = page(english, learning["quiz"].url)
    assert "Pass mark: 60" in quiz and "2 attempts allowed" in quiz and "Start quiz" in quiz
    assert "Mulai kuis" not in quiz


def response_header(client, url):
    return client.get(url).headers["Content-Language"]


@pytest.mark.django_db
def test_indonesian_stays_the_default(learning):
    client = Client(headers={"accept-language": "en-US,en;q=0.9"})
    home = page(client, "/")
    assert '<html lang="id">' in home
    assert "Masuk" in home and "Apa ini?" in home and "What is this?" not in home
    assert "Kata sandi" in page(client, reverse("accounts:login"))


@pytest.mark.django_db
def test_the_footer_switch_turns_english_on_and_off(client, learning):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/kursus/"})
    assert response.status_code == 302 and response["Location"] == "/kursus/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Search courses" in page(client, "/kursus/")

    client.post(reverse("set_language"), {"language": "id", "next": "/kursus/"})
    catalogue = page(client, "/kursus/")
    assert "Cari kursus" in catalogue and "Search courses" not in catalogue


def test_the_frozen_version_message_is_translated():
    """Its quotes are real characters in the source, so xgettext's msgid matches at run time."""
    from django.utils import translation

    from readiness.admin_views import FROZEN_MESSAGE

    with translation.override("en"):
        assert str(FROZEN_MESSAGE).startswith("This version is used by assessments")


@pytest.mark.django_db
def test_the_service_workers_offline_page_is_in_english(english):
    # The offline page's texts travel inside /sw.js; a source string written with \u
    # escapes was once missing from the catalogue, so the English page stayed Indonesian.
    worker = english.get("/sw.js")
    assert worker.status_code == 200
    source = worker.content.decode()
    assert "No courses saved yet. Open a course while connected and choose “Save for offline”." in source
    assert "Belum ada kursus yang disimpan" not in source

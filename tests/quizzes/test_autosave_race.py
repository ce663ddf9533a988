"""Reloading while a newer autosave is still on its way loses nothing.

The save requests are held with Playwright's route interception (no sleeps): the first
save completes only after the learner has ticked more boxes, the second never arrives
because the page is reloaded first. The copy kept on the phone must survive both.
"""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from quizzes.models import Attempt
from quizzes.services import create_quiz
from tests.browser import wait_for_quiz_script
from tests.factories import make_cooperative, make_course, make_user

from .conftest import sample_questions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reload_during_a_newer_autosave_keeps_every_tick(live_server, browser_context):
    learner = make_user(username="siti", cooperative=make_cooperative())
    quiz = create_quiz(
        course=make_course(title="Literasi digital"),
        title="Kuis autosave",
        questions=sample_questions(),
        purpose="latihan",
        pass_mark=60,
    )
    client = Client()
    client.force_login(learner)
    browser_context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = browser_context.new_page()
    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Mulai kuis").click()
    wait_for_quiz_script(page)

    held = []

    def hold_saves(route):
        # The first two saves are held; the ones after the reload go through.
        if len(held) < 2:
            held.append(route)
        else:
            route.continue_()

    page.route(re.compile(r"/simpan/$"), hold_saves)

    # Q1: its autosave leaves and is held on the way.
    with page.expect_request(re.compile(r"/simpan/$")):
        page.get_by_role("group", name=re.compile("kepanjangan RAT")).get_by_label("Rapat Anggota Tahunan").check()
    # Two boxes of Q2 while that save is in flight.
    group = page.get_by_role("group", name=re.compile("buku wajib"))
    group.get_by_label("Buku daftar anggota").check()
    group.get_by_label("Buku kas").check()
    # The older save completes; the newer one (with Q2) leaves and is held in its turn.
    with page.expect_request(re.compile(r"/simpan/$")):
        held[0].continue_()
    # Reload at once: the newer save never reaches the server.
    page.reload()

    # The phone's copy brings every tick back and sends it again.
    group = page.get_by_role("group", name=re.compile("buku wajib"))
    expect(group.get_by_label("Buku daftar anggota")).to_be_checked()
    expect(group.get_by_label("Buku kas")).to_be_checked()
    expect(
        page.get_by_role("group", name=re.compile("kepanjangan RAT")).get_by_label("Rapat Anggota Tahunan")
    ).to_be_checked()
    # (The page's script has replaced the server's "Tersimpan" with "Menyimpan…" before
    # the reload returned, so this is the new save's confirmation.)
    expect(page.locator("#autosave-status")).to_have_text(re.compile("^Tersimpan"))

    attempt = Attempt.objects.get(user=learner)
    questions = attempt.snapshot["questions"]
    books = next(q for q in questions if "buku wajib" in q["text"])
    chosen = {c["id"] for c in books["choices"] if c["text"] in ("Buku daftar anggota", "Buku kas")}
    assert set(attempt.answers[books["id"]]) == chosen
    rat = next(q for q in questions if "kepanjangan RAT" in q["text"])
    assert attempt.answers[rat["id"]] == next(c["id"] for c in rat["choices"] if c["text"] == "Rapat Anggota Tahunan")

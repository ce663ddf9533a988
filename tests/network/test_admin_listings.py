"""The network in the Wagtail admin (network/wagtail_hooks.py): the listings, the buttons
each row offers, search, what cannot be added there, the query count of the agreement
listing, and a quiz an event uses refusing deletion with a reason."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.models import Event
from quizzes.services import create_quiz
from tests.factories import make_course, make_user

from .factories import make_agreement


@pytest.fixture
def analyst_client(client, shared_story):
    client.force_login(shared_story.analyst)
    return client


def page(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200, url
    return response.content.decode()


def test_event_rows_offer_the_imports_that_fit_their_kind(analyst_client, shared_story):
    html = page(analyst_client, reverse("kegiatan:index"))
    event, evaluation = shared_story.event, shared_story.evaluation
    assert reverse("kegiatan:import_agreements", args=[event.pk]) in html
    assert reverse("kegiatan:import_evaluation", args=[event.pk]) not in html
    assert reverse("kegiatan:import_evaluation", args=[evaluation.pk]) in html
    assert reverse("kegiatan:import_agreements", args=[evaluation.pk]) not in html
    for each in (event, evaluation):
        assert reverse("kegiatan:import_participants", args=[each.pk]) in html
        assert each.get_absolute_url() in html  # the "Halaman" button
    assert "Impor tindak lanjut" in html and "Impor kerja sama" in html and "Impor peserta" in html


def test_partner_listing_has_the_import_button_and_filters_by_jenis(analyst_client, shared_story):
    html = page(analyst_client, reverse("mitra:index"))
    assert reverse("mitra:import") in html and "Koperasi Tani Makmur Sleman" in html
    html = page(analyst_client, reverse("mitra:index"), jenis="umkm")
    assert "Koperasi Tani Makmur Sleman" not in html


def test_agreement_listing_searches_by_cooperative_name(analyst_client, shared_story):
    html = page(analyst_client, reverse("kerja_sama:index"))
    assert "KS-01" in html and "KS-02" in html and reverse("kerja_sama:import_commitments") in html
    html = page(analyst_client, reverse("kerja_sama:index"), q="Mangga")
    assert "KS-02" in html and "KS-01" not in html


def test_agreement_listing_queries_do_not_grow_with_agreements(analyst_client, shared_story):
    url = reverse("kerja_sama:index")
    analyst_client.get(url)  # warm the session and content types
    with CaptureQueriesContext(connection) as small:
        analyst_client.get(url)
    for _ in range(4):
        make_agreement(event=shared_story.event)
    with CaptureQueriesContext(connection) as large:
        html = page(analyst_client, url)
    assert html.count("KS-0") >= 6
    assert len(large.captured_queries) <= len(small.captured_queries)


def test_follow_ups_are_listed_and_inspected_but_never_added_in_the_admin(analyst_client, shared_story):
    html = page(analyst_client, reverse("tindak_lanjut:index"))
    assert "KS-02" in html
    # Wagtail registers the add view; the analyst group lacks network.add_followup, so it refuses.
    refused = analyst_client.get(reverse("tindak_lanjut:add"), follow=True)
    assert "Maaf, Anda tidak memiliki izin untuk mengakses area ini." in refused.content.decode()
    assert not shared_story.analyst.has_perm("network.add_followup")
    html = page(analyst_client, reverse("tindak_lanjut:inspect", args=[shared_story.other_follow_up.pk]))
    assert "KS-02" in html and "Evaluasi Nov 2018" in html


@pytest.mark.parametrize("name", ["kegiatan:index", "mitra:index", "kerja_sama:index", "tindak_lanjut:index"])
def test_pengurus_do_not_reach_the_network_admin(client, shared_story, name):
    client.force_login(shared_story.pengurus)
    response = client.get(reverse(name))
    assert response.status_code in (302, 403)
    assert "KS-01" not in response.content.decode()


def test_a_quiz_an_event_uses_is_not_deleted_and_the_admin_says_why(client, shared_story):
    """base's records hook answers: the event's PROTECT reference to the quiz is one of the records."""
    course = make_course(title="Kursus Pascates")
    quiz = create_quiz(course=course, title="Post-test jejaring", questions=[], purpose="post_test")
    Event.objects.filter(pk=shared_story.event.pk).update(post_test=quiz)
    client.force_login(make_user(is_superuser=True, is_staff=True))
    for target in (quiz, course):  # the course holds the quiz: refused too
        response = client.post(reverse("wagtailadmin_pages:delete", args=[target.pk]))
        html = response.content.decode()
        assert response.status_code == 200 and "Tidak bisa dihapus" in html
        assert "kegiatan" in html and reverse("wagtailadmin_pages:unpublish", args=[target.pk]) in html
    assert type(quiz).objects.filter(pk=quiz.pk).exists()
    Event.objects.filter(pk=shared_story.event.pk).update(post_test=None)
    html = client.get(reverse("wagtailadmin_pages:delete", args=[quiz.pk])).content.decode()
    assert "Tidak bisa dihapus" not in html

"""The network imports in the Wagtail admin: upload → preview → confirm, analysts only."""

import io

import pytest
from django.urls import reverse

from network.models import Agreement, Event, FollowUp, Partner
from quizzes.models import QuizPage
from quizzes.services import create_quiz
from tests.factories import make_course, make_user
from tests.network.factories import make_event

pytestmark = pytest.mark.django_db


def upload(client, url, text, name="data.csv"):
    handle = io.BytesIO(text.encode("utf-8"))
    handle.name = name
    return client.post(url, {"file": handle})


def test_agreements_preview_then_confirm_once(client, story):
    client.force_login(story.analyst)
    url = reverse("kegiatan:import_agreements", args=[story.event.pk])
    text = f"kode,nik,mitra,bidang,nilai_potensi\nKS-20,{story.own.nik},M-01,pemasaran,Rp 10.000.000\n"
    response = upload(client, url, text)
    assert response.status_code == 200 and response.context["report"].created == 1
    assert not Agreement.objects.filter(code="KS-20").exists()
    token = response.context["token"]
    assert client.post(url, {"token": token}).status_code == 302
    assert client.post(url, {"token": token}).status_code == 302  # a second confirm imports nothing
    assert Agreement.objects.get(code="KS-20").potential_value == 10_000_000


def test_preview_lists_every_bad_row(client, story):
    client.force_login(story.analyst)
    before = Partner.objects.count()
    response = upload(
        client, reverse("mitra:import"), "kode,nama,jenis,provinsi\nM-05,X,pabrik,Jawa Tengah\n,Y,umkm,\n"
    )
    lines = response.context["report"].error_lines()
    assert lines[0].startswith("baris 2: jenis:") and "baris 3: kode: wajib diisi" in lines
    assert Partner.objects.count() == before


def test_evaluation_import_only_into_an_evaluation_event(client, story):
    client.force_login(story.analyst)
    assert client.get(reverse("kegiatan:import_evaluation", args=[story.event.pk])).status_code == 404
    url = reverse("kegiatan:import_evaluation", args=[story.evaluation.pk])
    response = upload(client, url, "kode,status,nilai_realisasi,komitmen_1\nKS-01,selesai,120.000.000,ya\n")
    client.post(url, {"token": response.context["token"]})
    assert FollowUp.objects.get(agreement=story.own_agreement).realised_value == 120_000_000
    template = client.get(url, {"templat": "xlsx"})
    assert template.status_code == 200 and template.content.startswith(b"PK")


@pytest.mark.parametrize("who", ["pengurus", "staf"])
def test_admin_imports_are_for_analysts_only(client, story, who):
    client.force_login(getattr(story, who))
    for url in [
        reverse("mitra:import"),
        reverse("kerja_sama:import_commitments"),
        reverse("kegiatan:import_participants", args=[story.event.pk]),
    ]:
        assert client.get(url).status_code in (302, 403, 404)


@pytest.mark.wagtail_indexes  # Wagtail refuses to delete what its reference index shows is protected
@pytest.mark.parametrize("who", ["analyst", "superuser"])
def test_deleting_an_event_with_records_in_the_admin_is_refused_without_a_500(client, story, who):
    client.force_login(story.analyst if who == "analyst" else make_user(is_superuser=True, is_staff=True))
    url = reverse("kegiatan:delete", args=[story.evaluation.pk])
    response = client.post(url)
    assert response.status_code in (200, 302, 403)
    assert FollowUp.objects.filter(evaluation=story.evaluation).exists()


def test_deleting_a_quiz_an_event_uses_answers_without_a_500(client, story):
    course = make_course(title="Pemasaran Digital")
    quiz = create_quiz(course=course, title="Post-test", questions=[], purpose="post_test")
    Event.objects.filter(pk=story.event.pk).update(post_test=quiz)
    admin = make_user(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[quiz.pk]))
    assert response.status_code < 500
    assert QuizPage.objects.filter(pk=quiz.pk).exists()


@pytest.mark.parametrize(
    "name, target",
    [("kegiatan", "evaluation"), ("kegiatan", "event"), ("mitra", "partner"), ("kerja_sama", "own_agreement")],
)
def test_a_superuser_deleting_what_records_point_at_is_told_why_before_the_reference_index_knows(
    client, story, name, target
):
    # No ``wagtail_indexes``: the reference index is empty, as when the task worker is behind.
    client.force_login(make_user(is_superuser=True, is_staff=True))
    instance = getattr(story, target)
    response = client.post(reverse(f"{name}:delete", args=[instance.pk]))
    assert response.status_code == 200
    assert "tidak bisa dihapus karena sudah ada catatan peserta" in response.content.decode()
    assert type(instance).objects.filter(pk=instance.pk).exists()


def test_a_superuser_still_deletes_an_event_nothing_points_at(client):
    event = make_event(slug="batal-2019", name="Temu usaha yang batal")
    client.force_login(make_user(is_superuser=True, is_staff=True))
    response = client.post(reverse("kegiatan:delete", args=[event.pk]))
    assert response.status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()


def test_nobody_adds_a_follow_up_in_the_admin_not_even_a_superuser(client, story):
    client.force_login(make_user(is_superuser=True, is_staff=True))
    listing = client.get(reverse("tindak_lanjut:index"))
    assert listing.status_code == 200
    assert reverse("tindak_lanjut:add") not in listing.content.decode()
    before = FollowUp.objects.count()
    # The form would hold only the verification note: refused, never a half-made record or a 500.
    assert client.get(reverse("tindak_lanjut:add")).status_code in (302, 403)
    assert client.post(reverse("tindak_lanjut:add"), {"verification_note": "x"}).status_code in (302, 403)
    assert FollowUp.objects.count() == before
    # What a superuser may do with follow-ups is otherwise unchanged.
    follow_up = story.other_follow_up
    assert client.get(reverse("tindak_lanjut:edit", args=[follow_up.pk])).status_code == 200

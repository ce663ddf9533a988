"""What each role reads on the network pages (tests/network/conftest.py's story, built once for
the module): the overview, an event, an agreement, the door, the pengurus' evaluation page,
verification with a mistake, and the report comparing two evaluations."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from network.models import Event, FollowUp, Participant
from tests.factories import make_user

from .factories import evaluate, make_evaluation


def body(response):
    return response.content.decode()


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- the overview ------------------------------------------------------------------------------


def test_pengurus_overview_lists_own_agreements_and_the_open_evaluation(client, shared_story):
    client.force_login(shared_story.pengurus)
    page = body(client.get(reverse("network:index")))
    assert "Kerja sama Koperasi Bawang Dringu" in page
    assert "KS-01 · Koperasi Tani Makmur Sleman" in page and "KS-02" not in page
    assert "Evaluasi Nov 2018" in page and "sedang dibuka." in page
    assert reverse("network:evaluation_detail", args=["evaluasi-nov-2018"]) in page


def test_staf_overview_lists_attended_events_only(client, shared_story):
    client.force_login(shared_story.staf)
    response = client.get(reverse("network:index"))
    assert response.templates[0].name == "network/index.html"
    assert "Temu Usaha DIY 2018" in body(response) and "KS-01" not in body(response)
    assert "cooperative" not in response.context


def test_analyst_overview_lists_every_event_and_counts_partners(client, shared_story):
    client.force_login(shared_story.analyst)
    response = client.get(reverse("network:index"))
    assert response.templates[0].name == "network/index_analyst.html"
    assert [event.slug for event in response.context["events"]] == ["evaluasi-nov-2018", "temu-usaha-diy-2018"]
    assert response.context["partner_count"] == 2  # M-01 and the other agreement's partner


# --- an event -----------------------------------------------------------------------------------


def test_a_participant_sees_their_own_registration_not_the_event_figures(client, shared_story):
    client.force_login(shared_story.staf)
    response = client.get(reverse("network:event_detail", args=[shared_story.event.slug]))
    assert response.context["own"] == shared_story.staf_participant
    assert "counts" not in response.context and '<span class="badge">Terdaftar</span>' in body(response)
    Participant.objects.filter(pk=shared_story.staf_participant.pk).update(present=True)
    page = body(client.get(reverse("network:event_detail", args=[shared_story.event.slug])))
    assert '<span class="badge">Hadir</span>' in page and '<span class="badge">Terdaftar</span>' not in page


def test_analyst_event_page_counts_people_and_lists_agreements_and_evaluations(client, shared_story):
    client.force_login(shared_story.analyst)
    response = client.get(reverse("network:event_detail", args=[shared_story.event.slug]))
    assert response.context["counts"] == {"total": 1, "present": 0}
    assert [a.code for a in response.context["agreements"]] == ["KS-01", "KS-02"]
    assert response.context["evaluations"] == [shared_story.evaluation]


def test_a_participant_form_with_mistakes_answers_400_and_registers_nobody(client, shared_story):
    client.force_login(shared_story.analyst)
    url = reverse("network:participant_add", args=[shared_story.event.slug])
    response = client.post(url, {"name": "Siti", "phone": "12345", "partner_code": "M-77"})
    assert response.status_code == 400
    page = body(response)
    assert "Nomor HP tidak valid" in page and "Mitra dengan kode ini belum terdaftar." in page
    assert Participant.objects.filter(event=shared_story.event).count() == 1
    response = client.post(url, {"name": "Bu Sri", "partner_code": "M-01"})
    assert response.status_code == 302 and messages_of(response) == ["Peserta Bu Sri terdaftar."]
    assert Participant.objects.get(event=shared_story.event, name="Bu Sri").partner == shared_story.partner


# --- the door -----------------------------------------------------------------------------------


def test_undo_at_the_door_clears_attendance_and_keeps_the_search(client, shared_story):
    client.force_login(shared_story.analyst)
    url = reverse("network:check_in_mark", args=[shared_story.evaluation.slug, shared_story.guest.pk])
    response = client.post(url, {"q": " pak harjo "})
    assert messages_of(response) == ["Pak Harjo hadir."]
    assert response.url == reverse("network:check_in", args=[shared_story.evaluation.slug]) + "?q=pak+harjo"
    response = client.post(url, {"action": "undo"})
    assert messages_of(response)[-1] == "Kehadiran Pak Harjo dibatalkan."
    assert response.url == reverse("network:check_in", args=[shared_story.evaluation.slug])
    guest = Participant.objects.get(pk=shared_story.guest.pk)
    assert (guest.present, guest.checked_in_at, guest.checked_in_by) == (False, None, None)


def test_an_over_long_search_at_the_door_lists_everyone(client, shared_story):
    client.force_login(shared_story.analyst)
    response = client.get(reverse("network:check_in", args=[shared_story.evaluation.slug]), {"q": "9" * 150})
    assert response.context["query"] == ""
    assert [p.name for p in response.context["participants"]] == ["Pak Harjo"]


# --- an agreement --------------------------------------------------------------------------------


def test_analyst_may_edit_an_agreement_the_pengurus_only_reads_it(client, shared_story):
    url = reverse("network:agreement_detail", args=[shared_story.own_agreement.pk])
    client.force_login(shared_story.analyst)
    response = client.get(url)
    assert response.context["may_edit"] and response.context["commitment_form"] is not None
    assert reverse("network:agreement_edit", args=[shared_story.own_agreement.pk]) in body(response)
    assert [c.position for c in response.context["commitments"]] == [1, 2]
    client.force_login(shared_story.pengurus)
    response = client.get(url)
    assert not response.context["may_edit"] and response.context["commitment_form"] is None
    assert reverse("network:agreement_edit", args=[shared_story.own_agreement.pk]) not in body(response)
    assert response.context["open_evaluations"] == [shared_story.evaluation]


def test_agreement_page_lists_submitted_follow_ups_not_drafts(client, shared_story):
    client.force_login(shared_story.analyst)
    other = reverse("network:agreement_detail", args=[shared_story.other_agreement.pk])
    assert client.get(other).context["follow_ups"] == [shared_story.other_follow_up]
    FollowUp.objects.filter(pk=shared_story.other_follow_up.pk).update(state=FollowUp.STATE_DRAFT)
    assert client.get(other).context["follow_ups"] == []


# --- follow-ups ------------------------------------------------------------------------------------


def test_pengurus_evaluation_page_offers_the_form_while_open_and_says_when_closed(client, shared_story):
    client.force_login(shared_story.pengurus)
    url = reverse("network:evaluation_detail", args=[shared_story.evaluation.slug])
    page = body(client.get(url))
    assert "Isi tindak lanjut" in page and "tidak sedang dibuka" not in page
    Event.objects.filter(pk=shared_story.evaluation.pk).update(
        follow_up_opens_on=datetime.date(2018, 11, 1), follow_up_closes_on=datetime.date(2018, 11, 30)
    )
    page = body(client.get(url))
    assert "Evaluasi ini tidak sedang dibuka." in page
    assert (
        reverse("network:follow_up_fill", args=[shared_story.evaluation.slug, shared_story.own_agreement.pk])
        not in page
    )


def test_someone_without_a_cooperative_has_no_evaluation_page(client, shared_story):
    client.force_login(make_user(username="tanpa_koperasi"))
    assert client.get(reverse("network:evaluation_detail", args=[shared_story.evaluation.slug])).status_code == 404


def test_analysts_enter_a_paper_follow_up_after_the_evaluation_closed(client, shared_story):
    Event.objects.filter(pk=shared_story.evaluation.pk).update(follow_up_opens_on=None, follow_up_closes_on=None)
    client.force_login(shared_story.analyst)
    url = reverse("network:follow_up_fill", args=[shared_story.evaluation.slug, shared_story.own_agreement.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "selesai", "realised_value": "Rp 2.000.000", "action": "submit"})
    assert response.url == reverse("network:evaluation_detail", args=[shared_story.evaluation.slug])
    assert messages_of(response) == ["Tindak lanjut KS-01 terkirim. Terima kasih!"]
    follow_up = FollowUp.objects.get(agreement=shared_story.own_agreement)
    assert (follow_up.state, follow_up.realised_value, follow_up.submitted_by) == (
        "submitted",
        2_000_000,
        shared_story.analyst,
    )


def test_a_draft_save_returns_to_the_form_with_a_message(client, shared_story):
    client.force_login(shared_story.pengurus)
    url = reverse("network:follow_up_fill", args=[shared_story.evaluation.slug, shared_story.own_agreement.pk])
    response = client.post(url, {"status": "belum_berjalan", "action": "save"})
    assert response.url == url
    assert messages_of(response) == ["Draf tersimpan. Anda bisa melanjutkan kapan saja."]
    assert FollowUp.objects.get(agreement=shared_story.own_agreement).realised_value == 0


def test_verification_with_a_mistake_is_shown_again_and_changes_nothing(client, shared_story):
    client.force_login(shared_story.analyst)
    url = reverse("network:follow_up_verify", args=[shared_story.evaluation.slug, shared_story.other_agreement.pk])
    page = client.get(url)
    assert page.context["form"].initial["status"] == "berjalan"
    assert [(c.position, r.self_result) for c, _field, r in page.context["commitment_rows"]] == [(1, "ya")]
    response = client.post(url, {"status": "selesai", "realised_value": "1,5 juta"})
    assert response.status_code == 200 and "Tulis angka Rupiah" in body(response)
    assert FollowUp.objects.get(pk=shared_story.other_follow_up.pk).state == "submitted"


# --- the report ------------------------------------------------------------------------------------


def test_report_compares_two_evaluations_and_lists_status_moves(client, shared_story):
    later = make_evaluation(follows=shared_story.event, slug="evaluasi-mar-2019", starts_on=datetime.date(2019, 3, 1))
    evaluate(shared_story.other_agreement, later, status="selesai", realised=9_000_000, results=["ya"])
    evaluate(shared_story.own_agreement, later, status="batal", realised=0)
    client.force_login(shared_story.analyst)
    query = {"evaluasi": later.slug, "pembanding": shared_story.evaluation.slug}
    response = client.get(reverse("network:report", args=[shared_story.event.slug]), query)
    assert response.context["moves"] == [("Belum dievaluasi", "Batal", 1), ("Berjalan", "Selesai", 1)]
    change = response.context["change"]
    assert (change.before.realised, change.after.realised) == (5_000_000, 9_000_000)
    page = body(response)
    assert "Berjalan → Selesai: 1" in page and "Rp 9.000.000" in page
    assert response.context["query"] == f"evaluasi={later.slug}&pembanding={shared_story.evaluation.slug}"


@pytest.mark.parametrize("threshold, background", [(1, True), (2, False)])
def test_the_report_offers_a_background_export_above_the_threshold(
    client, shared_story, settings, threshold, background
):
    settings.NETWORK_BACKGROUND_EXPORT_FROM = threshold
    client.force_login(shared_story.analyst)
    response = client.get(reverse("network:report", args=[shared_story.event.slug]), {"halaman": "1"})
    assert response.context["background_export"] is background
    assert response.context["query"] == ""

"""Every network URL for every role: analysts everything, pengurus their own cooperative's
agreements and follow-ups, staf and pengurus the events they attended, others 404."""

import pytest
from django.urls import reverse

from network.models import Agreement, Event, FollowUp, Participant

pytestmark = pytest.mark.django_db


def urls(s):
    e, v = s.event.slug, s.evaluation.slug
    own, other = s.own_agreement.pk, s.other_agreement.pk
    return {
        "index": reverse("network:index"),
        "event_create": reverse("network:event_create"),
        "event_detail": reverse("network:event_detail", args=[e]),
        "event_edit": reverse("network:event_edit", args=[e]),
        "check_in": reverse("network:check_in", args=[v]),
        "attendance_pdf": reverse("network:attendance_pdf", args=[v]),
        "agreement_create": reverse("network:agreement_create", args=[e]),
        "own_agreement": reverse("network:agreement_detail", args=[own]),
        "other_agreement": reverse("network:agreement_detail", args=[other]),
        "agreement_edit": reverse("network:agreement_edit", args=[own]),
        "evaluation": reverse("network:evaluation_detail", args=[v]),
        "own_fill": reverse("network:follow_up_fill", args=[v, own]),
        "other_fill": reverse("network:follow_up_fill", args=[v, other]),
        "verify": reverse("network:follow_up_verify", args=[v, other]),
        "report": reverse("network:report", args=[e]),
        "report_pdf": reverse("network:report_pdf", args=[e]),
        "export_json": reverse("network:export", args=[e, "json"]),
        "export_csv": reverse("network:export", args=[e, "csv"]),
        "export_xlsx": reverse("network:export", args=[e, "xlsx"]),
        "download": reverse("network:report_download", args=[e, "koperasi", "csv"]),
    }


ANALYST_ONLY = [
    "event_create",
    "event_edit",
    "check_in",
    "attendance_pdf",
    "agreement_create",
    "agreement_edit",
    "verify",
    "report",
    "report_pdf",
    "export_json",
    "export_csv",
    "export_xlsx",
    "download",
]


def test_analyst_reaches_every_page(client, story):
    client.force_login(story.analyst)
    for name, url in urls(story).items():
        response = client.get(url)
        # KS-02's follow-up is already submitted: its form sends the analyst to the list.
        assert response.status_code == (302 if name == "other_fill" else 200), name


def test_pengurus_sees_own_cooperative_only(client, story):
    client.force_login(story.pengurus)
    pages = urls(story)
    for name in ["index", "own_agreement", "evaluation", "own_fill"]:
        assert client.get(pages[name]).status_code == 200, name
    for name in ["other_agreement", "other_fill", "event_detail", *ANALYST_ONLY]:
        assert client.get(pages[name]).status_code == 404, name
    body = client.get(pages["evaluation"]).content.decode()
    assert "KS-01" in body and "KS-02" not in body


def test_other_pengurus_never_sees_our_agreement(client, story):
    client.force_login(story.other_pengurus)
    pages = urls(story)
    assert client.get(pages["own_agreement"]).status_code == 404
    assert client.get(pages["own_fill"]).status_code == 404
    assert client.post(pages["own_fill"], {"status": "selesai", "action": "submit"}).status_code == 404
    assert not FollowUp.objects.filter(agreement=story.own_agreement).exists()


def test_staf_sees_attended_events_only(client, story):
    client.force_login(story.staf)
    pages = urls(story)
    assert client.get(pages["event_detail"]).status_code == 200
    assert client.get(reverse("network:event_detail", args=[story.evaluation.slug])).status_code == 404
    body = client.get(pages["index"]).content.decode()
    assert "Temu Usaha DIY 2018" in body
    for name in ["own_agreement", "evaluation", "own_fill", *ANALYST_ONLY]:
        assert client.get(pages[name]).status_code == 404, name


def test_anonymous_is_sent_to_login(client, story):
    for name, url in urls(story).items():
        response = client.get(url)
        assert response.status_code == 302 and "/akun/masuk/" in response.url, name


def test_pengurus_draft_kept_then_submitted_once(client, story):
    client.force_login(story.pengurus)
    url = urls(story)["own_fill"]
    first, second = story.own_agreement.commitments.order_by("position")
    data = {
        "status": "berjalan",
        "realised_value": "Rp 45.000.000",
        "obstacles": ["logistik", "harga"],
        f"commitment_{first.pk}": "ya",
        "continues": "ya",
        "note": "Pengiriman lambat",
        "action": "save",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(agreement=story.own_agreement)
    assert follow_up.is_draft and follow_up.realised_value == 45_000_000
    page = client.get(url).content.decode()
    assert "Rp 45.000.000" in page and "Pengiriman lambat" in page
    data.update({f"commitment_{second.pk}": "sebagian", "action": "submit"})
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # a retried submit writes nothing twice
    follow_up.refresh_from_db()
    assert follow_up.state == "submitted" and follow_up.submitted_by == story.pengurus
    assert FollowUp.objects.filter(agreement=story.own_agreement).count() == 1
    assert sorted(follow_up.commitment_results.values_list("result", flat=True)) == ["sebagian", "ya"]


def test_bad_rupiah_is_a_clear_error(client, story):
    client.force_login(story.pengurus)
    response = client.post(urls(story)["own_fill"], {"status": "berjalan", "realised_value": "-5000", "action": "save"})
    assert response.status_code == 200
    assert "tidak boleh negatif" in response.content.decode()
    assert not FollowUp.objects.filter(agreement=story.own_agreement).exists()


def test_closed_evaluation_refuses_pengurus(client, story):
    Event.objects.filter(pk=story.evaluation.pk).update(follow_up_opens_on=None, follow_up_closes_on=None)
    client.force_login(story.pengurus)
    assert client.get(urls(story)["own_fill"]).status_code == 403


def test_analyst_verifies_and_keeps_self_reported(client, story):
    client.force_login(story.analyst)
    commitment = story.other_agreement.commitments.get()
    response = client.post(
        urls(story)["verify"],
        {
            "status": "belum_berjalan",
            "realised_value": "0",
            f"commitment_{commitment.pk}": "tidak",
            "verification_note": "Belum ada transaksi",
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(pk=story.other_follow_up.pk)
    assert (follow_up.state, follow_up.status, follow_up.realised_value) == ("verified", "belum_berjalan", 0)
    assert (follow_up.self_status, follow_up.self_realised_value) == ("berjalan", 5_000_000)
    result = follow_up.commitment_results.get()
    assert (result.result, result.self_result) == ("tidak", "ya")


def test_check_in_is_one_tap_and_idempotent(client, story):
    client.force_login(story.analyst)
    url = reverse("network:check_in_mark", args=[story.evaluation.slug, story.guest.pk])
    assert client.post(url, {"q": "harjo"}).status_code == 302
    first = Participant.objects.get(pk=story.guest.pk).checked_in_at
    client.post(url)
    guest = Participant.objects.get(pk=story.guest.pk)
    assert guest.present and guest.checked_in_at == first
    page = client.get(reverse("network:check_in", args=[story.evaluation.slug]), {"q": "9876"}).content.decode()
    assert "Pak Harjo" in page and "Hadir 1 dari 1" in page
    other_event_url = reverse("network:check_in_mark", args=[story.event.slug, story.guest.pk])
    assert client.post(other_event_url).status_code == 404


def test_check_in_page_stays_light_for_45_people(client, story, django_assert_max_num_queries):
    for number in range(45):
        Participant.objects.create(event=story.evaluation, name=f"Peserta {number}", phone=f"0812000{number:05d}")
    client.force_login(story.analyst)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("network:check_in", args=[story.evaluation.slug]))
    assert response.content.decode().count('name="action"') == 46
    assert len(response.content) < 60_000


def test_attendance_pdf_is_a_pdf(client, story):
    client.force_login(story.analyst)
    response = client.get(urls(story)["attendance_pdf"])
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_analyst_creates_event_agreement_and_participants(client, story):
    client.force_login(story.analyst)
    response = client.post(
        reverse("network:event_create"),
        {
            "name": "Pelatihan Pemasaran Digital",
            "slug": "pelatihan-2019",
            "kind": "pelatihan",
            "starts_on": "2019-02-01",
            "place": "Aula",
            "speakers": "Ibu Rina\nBapak Joko",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get(slug="pelatihan-2019")
    assert event.speaker_list == ["Ibu Rina", "Bapak Joko"]
    response = client.post(
        reverse("network:agreement_create", args=[story.event.slug]),
        {
            "code": "KS-09",
            "nik": story.own.nik,
            "partner_code": "M-01",
            "field": "teknologi",
            "potential_value": "Rp 1.500.000,5",
        },
    )
    assert response.status_code == 200 and "tanpa pecahan" in response.content.decode()
    response = client.post(
        reverse("network:agreement_create", args=[story.event.slug]),
        {
            "code": "KS-09",
            "nik": story.own.nik,
            "partner_code": "M-01",
            "field": "teknologi",
            "potential_value": "Rp 1.500.000",
        },
    )
    assert response.status_code == 302 and Agreement.objects.get(code="KS-09").potential_value == 1_500_000
    url = reverse("network:participant_add", args=[event.slug])
    client.post(url, {"name": "Siti", "phone": "081234567002", "nik": story.own.nik})
    client.post(url, {"name": "Siti", "phone": "+62 812-3456-7002", "nik": story.own.nik})
    participant = Participant.objects.get(event=event)
    assert participant.user == story.staf and participant.cooperative == story.own
    assert client.post(url, {"name": "X", "nik": "3513999999999999"}).status_code == 400

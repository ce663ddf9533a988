"""Network pages' less travelled branches: edits, commitment forms, wrong slugs and formats,
people with no place in the network, the report's redirect and its unknown choices."""

import datetime

import pytest
from django.urls import reverse

from network.models import Agreement, Event, FollowUp
from tests.factories import make_user

from .factories import make_agreement, make_event

pytestmark = pytest.mark.django_db


def test_user_without_cooperative_or_events_gets_404_on_the_overview(client, story):
    client.force_login(make_user(username="warga_biasa"))
    assert client.get(reverse("network:index")).status_code == 404


def test_analyst_edits_an_event_and_an_agreement(client, story):
    client.force_login(story.analyst)
    response = client.post(
        reverse("network:event_edit", args=[story.event.slug]),
        {"name": "Temu Usaha DIY (revisi)", "slug": story.event.slug, "kind": "temu_usaha", "starts_on": "2018-05-16"},
    )
    assert response.status_code == 302 and response.url == reverse("network:event_detail", args=[story.event.slug])
    event = Event.objects.get(pk=story.event.pk)
    assert (event.name, event.starts_on) == ("Temu Usaha DIY (revisi)", datetime.date(2018, 5, 16))
    url = reverse("network:agreement_edit", args=[story.own_agreement.pk])
    data = {
        "code": "KS-01",
        "nik": story.own.nik,
        "partner_code": "M-01",
        "field": "permodalan",
        "potential_value": "Rp 250.000.000",
    }
    assert client.post(url, data).status_code == 302
    agreement = Agreement.objects.get(pk=story.own_agreement.pk)
    assert (agreement.field, agreement.potential_value) == ("permodalan", 250_000_000)
    response = client.post(url, data | {"potential_value": "-1"})
    assert response.status_code == 200 and "tidak boleh negatif" in response.content.decode()
    assert Agreement.objects.get(pk=story.own_agreement.pk).potential_value == 250_000_000


def test_commitment_form_adds_at_the_end_or_says_what_is_wrong(client, story):
    client.force_login(story.analyst)
    url = reverse("network:commitment_add", args=[story.own_agreement.pk])
    response = client.post(url, {"party": "dinas", "description": "Fasilitasi izin edar", "due_on": "2018-08-01"})
    assert response.status_code == 302
    added = story.own_agreement.commitments.order_by("-position").first()
    assert (added.position, added.party, added.description) == (3, "dinas", "Fasilitasi izin edar")
    response = client.post(url, {"party": "pembeli", "description": ""}, follow=True)
    assert "Komitmen belum tersimpan: periksa pihak dan uraian." in response.content.decode()
    assert story.own_agreement.commitments.count() == 3
    client.force_login(story.pengurus)
    assert client.post(url, {"party": "dinas", "description": "x"}).status_code == 404
    assert story.own_agreement.commitments.count() == 3


def test_follow_up_of_an_agreement_from_another_event_is_404(client, story):
    elsewhere = make_event(slug="temu-lain")
    foreign = make_agreement(event=elsewhere, cooperative=story.own)
    client.force_login(story.pengurus)
    url = reverse("network:follow_up_fill", args=[story.evaluation.slug, foreign.pk])
    assert client.get(url).status_code == 404
    not_an_evaluation = reverse("network:follow_up_fill", args=[story.event.slug, story.own_agreement.pk])
    assert client.get(not_an_evaluation).status_code == 404


def test_a_verified_follow_up_is_not_sent_again(client, story):
    client.force_login(story.analyst)
    verify = reverse("network:follow_up_verify", args=[story.evaluation.slug, story.other_agreement.pk])
    client.post(verify, {"status": "selesai", "realised_value": "7000000"})
    assert FollowUp.objects.get(pk=story.other_follow_up.pk).is_verified
    client.force_login(story.other_pengurus)
    fill = reverse("network:follow_up_fill", args=[story.evaluation.slug, story.other_agreement.pk])
    response = client.post(fill, {"status": "batal", "realised_value": "0", "action": "submit"}, follow=True)
    assert "Tindak lanjut ini sudah dikirim." in response.content.decode()
    assert FollowUp.objects.get(pk=story.other_follow_up.pk).status == "selesai"


def test_verify_needs_a_submitted_follow_up(client, story):
    client.force_login(story.analyst)
    url = reverse("network:follow_up_verify", args=[story.evaluation.slug, story.own_agreement.pk])
    assert client.get(url).status_code == 404  # KS-01 has no follow-up yet


def test_report_of_an_evaluation_redirects_to_its_event_at_that_evaluation(client, story):
    client.force_login(story.analyst)
    response = client.get(reverse("network:report", args=[story.evaluation.slug]))
    assert response.status_code == 302
    assert response.url == reverse("network:report", args=[story.event.slug]) + "?evaluasi=evaluasi-nov-2018"
    page = client.get(response.url)
    assert page.status_code == 200 and "KS-02" in page.content.decode()


@pytest.mark.parametrize(
    "name, query",
    [
        ("report", {"evaluasi": "tidak-ada"}),
        ("report", {"pembanding": "tidak-ada"}),
        ("report", {"evaluasi": "temu-usaha-diy-2018"}),  # not an evaluation
        ("export_pdf", {}),
        ("download_unknown_table", {}),
        ("download_unknown_format", {}),
    ],
)
def test_report_unknown_choices_are_404(client, story, name, query):
    slug = story.event.slug
    urls = {
        "report": reverse("network:report", args=[slug]),
        "export_pdf": reverse("network:export", args=[slug, "pdf"]),
        "download_unknown_table": reverse("network:report_download", args=[slug, "rahasia", "csv"]),
        "download_unknown_format": reverse("network:report_download", args=[slug, "koperasi", "ods"]),
    }
    client.force_login(story.analyst)
    assert client.get(urls[name], query).status_code == 404


def test_background_export_refuses_unknown_format_and_get(client, story):
    client.force_login(story.analyst)
    assert client.post(reverse("network:export_job", args=[story.event.slug, "pdf"])).status_code == 404
    assert client.get(reverse("network:export_job", args=[story.event.slug, "csv"])).status_code == 405


def test_export_download_names_the_file_after_event_and_evaluation(client, story):
    client.force_login(story.analyst)
    response = client.get(reverse("network:export", args=[story.event.slug, "json"]), {"evaluasi": "evaluasi-nov-2018"})
    assert response["Content-Disposition"] == (
        'attachment; filename="jejaring-temu-usaha-diy-2018-evaluasi-nov-2018.json"'
    )
    assert response.json()["evaluation"] == "evaluasi-nov-2018"
    response = client.get(reverse("network:export", args=[story.event.slug, "csv"]))
    assert 'filename="jejaring-temu-usaha-diy-2018.csv"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[0].startswith("kode,nik,koperasi") and "KS-01" in body and "KS-02" in body

"""The rules the network's writes enforce (network/services.py) and the small model helpers
they rely on: each refusal names the rule in Indonesian and writes nothing."""

import datetime

import pytest
from django.utils import timezone

from network import services
from network.models import Agreement, CommitmentFollowUp, Event, FollowUp, Participant
from network.services import NetworkError
from reports.models import ExportJob
from tests.factories import make_analyst, make_cooperative, make_user

from .factories import evaluate, make_agreement, make_evaluation, make_event, make_partner

DAY = datetime.date(2018, 11, 20)


def build_world():
    event = make_event(slug="temu-aturan")
    make_evaluation(follows=event, slug="evaluasi-aturan", starts_on=DAY)
    make_agreement(event=event, code="KS-ATURAN", cooperative=make_cooperative(nama="Koperasi Aturan"), commitments=2)
    make_agreement(event=event, code="KS-TETANGGA", commitments=1)
    return True


@pytest.fixture(scope="module")
def _shared_world(module_db):
    return module_db.build("world", build_world)


class World:
    pass


@pytest.fixture
def world(_shared_world, db):
    if _shared_world is None:
        build_world()
    w = World()
    w.event = Event.objects.get(slug="temu-aturan")
    w.evaluation = Event.objects.get(slug="evaluasi-aturan")
    w.agreement = Agreement.objects.get(code="KS-ATURAN")
    w.commitments = list(w.agreement.commitments.order_by("position"))
    w.foreign_commitment = Agreement.objects.get(code="KS-TETANGGA").commitments.get()
    return w


# --- events ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"kind": "rapat"}, "Jenis kegiatan tidak dikenal: rapat"),
        ({"ends_on": DAY - datetime.timedelta(days=1)}, "Tanggal selesai sebelum tanggal mulai."),
        ({"slug": "temu-aturan"}, "Kegiatan dengan slug temu-aturan sudah ada."),
    ],
)
def test_create_event_refusals(world, changes, message):
    values = {"slug": "baru", "name": "Baru", "kind": "pelatihan", "starts_on": DAY, **changes}
    with pytest.raises(NetworkError, match=message):
        services.create_event(**values)
    assert not Event.objects.filter(slug="baru").exists()


def test_create_event_one_day_event_is_allowed(world):
    event = services.create_event(slug="baru", name="Baru", kind="sosialisasi", starts_on=DAY, ends_on=DAY)
    assert (event.kind, event.starts_on, event.ends_on) == ("sosialisasi", DAY, DAY)


@pytest.mark.parametrize(
    "today, open_",
    [
        (datetime.date(2018, 11, 30), False),  # before it opens
        (datetime.date(2018, 12, 1), True),  # the first day
        (datetime.date(2018, 12, 15), True),  # the last day
        (datetime.date(2018, 12, 16), False),  # after it closes
    ],
)
def test_evaluation_is_open_between_its_dates_inclusive(world, today, open_):
    world.evaluation.follow_up_opens_on = datetime.date(2018, 12, 1)
    world.evaluation.follow_up_closes_on = datetime.date(2018, 12, 15)
    assert world.evaluation.is_open_for_follow_up(today=today) is open_


def test_open_ended_evaluation_and_non_evaluation_events(world):
    world.evaluation.follow_up_opens_on = datetime.date(2018, 12, 1)
    world.evaluation.follow_up_closes_on = None
    assert world.evaluation.is_open_for_follow_up(today=datetime.date(2030, 1, 1))
    world.event.follow_up_opens_on = datetime.date(2018, 12, 1)
    assert not world.event.is_open_for_follow_up(today=datetime.date(2018, 12, 2))  # a temu usaha never opens
    world.evaluation.follow_up_opens_on = None
    assert not world.evaluation.is_open_for_follow_up(today=datetime.date(2018, 12, 2))


def test_speaker_list_drops_blank_lines(world):
    world.event.speakers = "  Ibu Kepala Dinas \n\n Pak Camat\n   \n"
    assert world.event.speaker_list == ["Ibu Kepala Dinas", "Pak Camat"]


def test_export_request_refuses_unknown_format(world):
    analyst = make_analyst()
    with pytest.raises(NetworkError, match="Format unduhan tidak dikenal: pdf"):
        services.request_network_export(user=analyst, event=world.event, fmt="pdf")
    assert not ExportJob.objects.exists()


# --- participants ------------------------------------------------------------------------------------


def test_register_participant_refuses_two_origins(world):
    with pytest.raises(NetworkError, match="Peserta berasal dari koperasi atau dari mitra, tidak keduanya."):
        services.register_participant(
            event=world.event, name="Siti", cooperative=world.agreement.cooperative, partner=make_partner()
        )
    assert not Participant.objects.filter(event=world.event).exists()


def test_register_participant_finds_the_same_person_by_phone_or_account(world):
    first = services.register_participant(event=world.event, name="Siti", phone="+62 812-3456-7001")
    assert first.phone == "081234567001"
    assert services.register_participant(event=world.event, name="Siti A.", phone="081234567001").pk == first.pk
    user = make_user(username="budi_akun", first_name="Budi", last_name="Santoso", phone="081234567002")
    user.cooperative = world.agreement.cooperative
    by_account = services.register_participant(event=world.event, name="", user=user)
    assert (by_account.name, by_account.phone, by_account.cooperative_id) == (
        "Budi Santoso",
        "081234567002",
        world.agreement.cooperative.pk,
    )
    assert services.register_participant(event=world.event, name="", user=user).pk == by_account.pk
    assert Participant.objects.filter(event=world.event).count() == 2


def test_check_in_keeps_the_first_time_and_undo_clears_it(world):
    participant = services.register_participant(event=world.event, name="Siti")
    door = make_analyst()
    first_time = timezone.now() - datetime.timedelta(minutes=5)
    services.check_in(participant=participant, by=door, now=first_time)
    again = services.check_in(participant=participant, now=timezone.now())
    assert again.present and again.checked_in_at == first_time and again.checked_in_by == door
    undone = services.undo_check_in(participant=participant)
    assert (undone.present, undone.checked_in_at, undone.checked_in_by) == (False, None, None)
    undone.refresh_from_db()
    assert not undone.present


def test_origin_is_the_cooperative_or_partner_name(world):
    partner = make_partner(name="CV Bakpia Jaya")
    cases = [
        (Participant(event=world.event, name="a", cooperative=world.agreement.cooperative), "Koperasi Aturan"),
        (Participant(event=world.event, name="b", partner=partner), "CV Bakpia Jaya"),
        (Participant(event=world.event, name="c"), ""),
    ]
    assert [participant.origin for participant, _ in cases] == [expected for _, expected in cases]


# --- agreements and commitments --------------------------------------------------------------------------


def test_agreement_potential_may_not_be_negative(world):
    world.agreement.potential_value = -1
    with pytest.raises(NetworkError, match="Nilai potensi tidak boleh negatif."):
        services.save_agreement(agreement=world.agreement)
    assert Agreement.objects.get(pk=world.agreement.pk).potential_value == 100_000_000


def test_add_commitment_numbers_after_the_last_one(world):
    third = services.add_commitment(agreement=world.agreement, party="dinas", description="Fasilitasi izin")
    assert third.position == 3
    fresh = make_agreement(event=world.event)
    assert services.add_commitment(agreement=fresh, party="mitra", description="Beli").position == 1


# --- follow-ups -----------------------------------------------------------------------------------


def follow_up_values(world, **changes):
    values = {
        "agreement": world.agreement,
        "evaluation": world.evaluation,
        "status": "berjalan",
        "realised_value": 1_000,
        "obstacles": ["harga"],
        "commitment_results": {world.commitments[0].pk: "ya"},
    }
    values.update(changes)
    return values


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"status": "macet"}, "Status tidak dikenal: macet"),
        ({"realised_value": -1}, "Nilai realisasi harus Rupiah utuh, 0 atau lebih."),
        ({"realised_value": None}, "Nilai realisasi harus Rupiah utuh, 0 atau lebih."),
        ({"obstacles": ["cuaca", "harga", "banjir"]}, "Kendala tidak dikenal: banjir, cuaca"),
        ({"commitment_results": {"first": "penuh"}}, "Hasil komitmen tidak dikenal: penuh"),
        ({"commitment_results": {"foreign": "ya"}}, "Komitmen bukan milik kerja sama ini."),
        ({"evaluation": "event"}, "Tindak lanjut hanya dicatat pada kegiatan evaluasi."),
    ],
)
def test_follow_up_refusals(world, changes, message):
    if changes.get("commitment_results") == {"first": "penuh"}:
        changes["commitment_results"] = {world.commitments[0].pk: "penuh"}
    if changes.get("commitment_results") == {"foreign": "ya"}:
        changes["commitment_results"] = {world.foreign_commitment.pk: "ya"}
    if changes.get("evaluation") == "event":
        changes["evaluation"] = world.event
    with pytest.raises(NetworkError, match=message):
        services.save_follow_up(**follow_up_values(world, **changes))
    assert not FollowUp.objects.filter(agreement=world.agreement).exists()


def test_obstacles_are_kept_in_the_contract_order_once(world):
    follow_up = services.save_follow_up(**follow_up_values(world, obstacles=["digital", "modal", "digital"]))
    assert follow_up.obstacles == ["modal", "digital"]
    assert follow_up.obstacle_labels() == ["Modal", "Digital"]
    assert follow_up.obstacle_labels(["harga", "kode-lama"]) == ["Harga", "kode-lama"]


def test_a_web_draft_can_change_until_submitted_then_only_dinas_changes_it(world):
    pengurus = make_user(cooperative=world.agreement.cooperative, role="pengurus")
    draft = services.save_follow_up(**follow_up_values(world), user=pengurus)
    assert draft.is_draft and draft.submitted_at is None
    results = {world.commitments[0].pk: "sebagian", world.commitments[1].pk: "tidak"}
    submitted = services.save_follow_up(
        **follow_up_values(world, status="selesai", commitment_results=results), user=pengurus, submit=True
    )
    assert submitted.pk == draft.pk and submitted.state == FollowUp.STATE_SUBMITTED
    assert submitted.submitted_by == pengurus
    with pytest.raises(NetworkError, match="Tindak lanjut ini sudah dikirim."):
        services.save_follow_up(**follow_up_values(world), user=pengurus)
    # An import (Dinas) may still correct a submitted one; an answer left out is no longer evaluated.
    services.save_follow_up(
        **follow_up_values(world, commitment_results={world.commitments[1].pk: "ya"}),
        submit=True,
        source=FollowUp.SOURCE_IMPORT,
    )
    assert dict(CommitmentFollowUp.objects.filter(follow_up=draft).values_list("commitment__position", "result")) == {
        2: "ya"
    }


def test_verification_needs_a_submitted_follow_up_and_keeps_what_the_cooperative_said(world):
    analyst = make_analyst()
    draft = services.save_follow_up(**follow_up_values(world))
    with pytest.raises(NetworkError, match="masih draf"):
        services.verify_follow_up(follow_up=draft, user=analyst, status="selesai", realised_value=5)
    submitted = evaluate(world.agreement, world.evaluation, status="berjalan", realised=1_000, results=["ya", "ya"])
    with pytest.raises(NetworkError, match="Komitmen bukan milik kerja sama ini."):
        services.verify_follow_up(
            follow_up=submitted,
            user=analyst,
            status="selesai",
            realised_value=5,
            commitment_results={world.foreign_commitment.pk: "ya"},
        )
    verified = services.verify_follow_up(
        follow_up=submitted,
        user=analyst,
        status="batal",
        realised_value=400,
        obstacles=["modal"],
        commitment_results={world.commitments[0].pk: "tidak"},
        note="Dicek di lapangan",
    )
    assert verified.is_verified and verified.verified_by == analyst
    assert (verified.status, verified.realised_value, verified.obstacles) == ("batal", 400, ["modal"])
    assert (verified.self_status, verified.self_realised_value) == ("berjalan", 1_000)
    rows = {r.commitment.position: (r.result, r.self_result) for r in verified.commitment_results.all()}
    assert rows == {1: ("tidak", "ya"), 2: ("ya", "ya")}  # verification keeps answers it did not change
    with pytest.raises(NetworkError, match="sudah diverifikasi Dinas"):
        services.save_follow_up(**follow_up_values(world), submit=True, source=FollowUp.SOURCE_IMPORT)

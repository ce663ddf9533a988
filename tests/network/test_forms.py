"""The network's forms on their own: what each accepts, the Indonesian message for what it
refuses, and what it hands the services (model instances, Rupiah as integers)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from network.forms import (
    AgreementForm,
    CheckInSearchForm,
    CommitmentForm,
    EventForm,
    FollowUpForm,
    ParticipantForm,
    RupiahField,
    VerificationForm,
)
from network.models import Agreement, Event, FollowUp
from tests.factories import make_cooperative

from .factories import evaluate, make_agreement, make_evaluation, make_event, make_partner

NIK = "3513010000000401"


def build_world():
    event = make_event(slug="temu-formulir", name="Temu Formulir")
    make_evaluation(follows=event, slug="evaluasi-formulir")
    cooperative = make_cooperative(nik=NIK, nama="Koperasi Formulir")
    partner = make_partner(code="M-FORM", name="Mitra Formulir")
    make_agreement(event=event, code="KS-FORM", cooperative=cooperative, partner=partner, commitments=2)
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
    w.event = Event.objects.get(slug="temu-formulir")
    w.evaluation = Event.objects.get(slug="evaluasi-formulir")
    w.agreement = Agreement.objects.select_related("cooperative", "partner").get(code="KS-FORM")
    w.commitments = list(w.agreement.commitments.order_by("position"))
    return w


# --- Rupiah ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, value",
    [("Rp 120.000.000", 120_000_000), ("120000000", 120_000_000), ("45.000.000,00", 45_000_000), ("", None)],
)
def test_rupiah_field_reads_what_people_type(typed, value):
    assert RupiahField(required=False).clean(typed) == value


@pytest.mark.parametrize(
    "typed, message",
    [
        ("-5.000", "Nilai Rupiah tidak boleh negatif."),
        ("1.500,50", "Tulis Rupiah utuh, tanpa pecahan."),
        ("seratus juta", "Tulis angka Rupiah, misalnya Rp 120.000.000."),
    ],
)
def test_rupiah_field_refusals_are_indonesian(typed, message):
    field = RupiahField(required=False)
    with pytest.raises(ValidationError) as error:
        field.clean(typed)
    assert error.value.messages == [message]


def test_rupiah_field_shows_a_stored_integer_the_indonesian_way():
    field = RupiahField()
    assert field.prepare_value(250_000_000) == "Rp 250.000.000"
    assert field.prepare_value("Rp 1") == "Rp 1"  # what was typed is shown back as typed
    assert field.widget.attrs == {"inputmode": "numeric", "maxlength": "40"}


# --- events ----------------------------------------------------------------------------------------


def event_data(**changes):
    return {
        "name": "Pelatihan Baru",
        "slug": "pelatihan-baru",
        "kind": "pelatihan",
        "starts_on": "2019-02-01",
    } | changes


def test_only_an_evaluation_opens_for_follow_up(world):
    form = EventForm(event_data(follow_up_opens_on="2019-02-01"))
    assert form.errors == {"follow_up_opens_on": ["Hanya kegiatan evaluasi yang dibuka untuk tindak lanjut."]}
    form = EventForm(event_data(follow_up_closes_on="2019-02-10"))
    assert form.errors["follow_up_opens_on"] == ["Hanya kegiatan evaluasi yang dibuka untuk tindak lanjut."]


def test_an_evaluation_closing_needs_an_opening_date(world):
    form = EventForm(event_data(kind="evaluasi", follows=world.event.pk, follow_up_closes_on="2019-02-10"))
    assert form.errors == {"follow_up_opens_on": ["Isi tanggal dibuka juga."]}
    form = EventForm(
        event_data(
            kind="evaluasi", follows=world.event.pk, follow_up_opens_on="2019-02-01", follow_up_closes_on="2019-02-10"
        )
    )
    assert form.is_valid(), form.errors
    event = form.save()
    assert (event.follows, event.follow_up_closes_on) == (world.event, datetime.date(2019, 2, 10))


def test_an_event_follows_a_non_evaluation_other_than_itself(world):
    choices = set(EventForm().fields["follows"].queryset)
    assert world.event in choices and world.evaluation not in choices
    assert world.event not in set(EventForm(instance=world.event).fields["follows"].queryset)
    form = EventForm(event_data(follows=world.evaluation.pk))
    assert "follows" in form.errors


def test_a_taken_slug_is_refused(world):
    form = EventForm(event_data(slug="temu-formulir"))
    assert list(form.errors) == ["slug"]


# --- participants -----------------------------------------------------------------------------------


def test_participant_phone_is_stored_as_08_digits(world):
    form = ParticipantForm({"name": "Siti", "phone": "+62 812-3456-7001"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "name": "Siti",
        "phone": "081234567001",
        "nik": "",
        "partner_code": "",
        "cooperative": None,
        "partner": None,
    }


def test_participant_refusals(world):
    assert ParticipantForm({"name": "Siti", "phone": "12345"}).errors == {
        "phone": ["Nomor HP tidak valid; tulis 08… atau +62…."]
    }
    both = ParticipantForm({"name": "Siti", "nik": NIK, "partner_code": "M-FORM"})
    assert both.errors == {"__all__": ["Isi NIK koperasi atau kode mitra, tidak keduanya."]}
    assert ParticipantForm({"name": "Siti", "nik": "3513999999999999"}).errors == {
        "nik": ["Koperasi dengan NIK ini belum terdaftar."]
    }
    assert ParticipantForm({"name": "Siti", "partner_code": "M-77"}).errors == {
        "partner_code": ["Mitra dengan kode ini belum terdaftar."]
    }
    assert list(ParticipantForm({"name": ""}).errors) == ["name"]


def test_participant_origin_becomes_the_cooperative_or_partner(world):
    from_cooperative = ParticipantForm({"name": "Siti", "nik": f" {NIK} "})
    assert from_cooperative.is_valid() and from_cooperative.cleaned_data["cooperative"] == world.agreement.cooperative
    from_partner = ParticipantForm({"name": "Pak Harjo", "partner_code": "M-FORM"})
    assert from_partner.is_valid() and from_partner.cleaned_data["partner"] == world.agreement.partner


# --- agreements and commitments ------------------------------------------------------------------------


def test_editing_an_agreement_shows_its_nik_partner_code_and_rupiah(world):
    form = AgreementForm(instance=world.agreement)
    assert list(form.fields) == ["code", "nik", "partner_code", "field", "description", "signed_on", "potential_value"]
    assert (form["nik"].value(), form["partner_code"].value()) == (NIK, "M-FORM")
    assert form["potential_value"].value() == "Rp 100.000.000"
    assert 'type="date"' in str(form["signed_on"])


def test_an_agreement_form_looks_up_the_cooperative_and_partner(world):
    other = make_cooperative(nama="Koperasi Kedua")
    data = {"code": "KS-BARU", "nik": other.nik, "partner_code": "M-FORM", "field": "pasokan", "potential_value": "0"}
    form = AgreementForm(data, instance=Agreement(event=world.event))
    assert form.is_valid(), form.errors
    agreement = form.save()
    assert (agreement.cooperative, agreement.partner, agreement.potential_value) == (other, world.agreement.partner, 0)
    form = AgreementForm(data | {"nik": "3513999999999999", "partner_code": "M-77"}, instance=Agreement())
    assert form.errors == {
        "code": ["Kerja sama dengan Kode kerja sama telah ada."],
        "nik": ["Koperasi dengan NIK ini belum terdaftar."],
        "partner_code": ["Mitra dengan kode ini belum terdaftar."],
    }


def test_commitment_form_knows_the_three_parties(world):
    assert CommitmentForm({"party": "dinas", "description": "Fasilitasi"}).is_valid()
    form = CommitmentForm({"party": "pembeli", "description": ""})
    assert set(form.errors) == {"party", "description"}


# --- follow-ups --------------------------------------------------------------------------------------------


def test_follow_up_form_asks_about_every_commitment_in_order(world):
    form = FollowUpForm(commitments=world.commitments)
    rows = form.commitment_fields()
    assert [commitment for commitment, _field in rows] == world.commitments
    assert [field.label for _commitment, field in rows] == ["Komitmen 1", "Komitmen 2"]
    assert [code for code, _label in rows[0][1].field.choices] == ["", "ya", "sebagian", "tidak"]


@pytest.mark.parametrize("continues, expected", [("ya", True), ("tidak", False), ("", None)])
def test_follow_up_values_for_the_services(world, continues, expected):
    first, second = world.commitments
    data = {
        "status": "berjalan",
        "realised_value": "",
        "obstacles": ["harga", "modal"],
        "continues": continues,
        f"commitment_{first.pk}": "sebagian",
        f"commitment_{second.pk}": "",
    }
    form = FollowUpForm(data, commitments=world.commitments)
    assert form.is_valid(), form.errors
    assert form.values() == {
        "status": "berjalan",
        "realised_value": 0,
        "obstacles": ["harga", "modal"],
        "continues": expected,
        "commitment_results": {first.pk: "sebagian"},
    }


def test_follow_up_form_refuses_unknown_choices(world):
    first = world.commitments[0]
    form = FollowUpForm(
        {"status": "macet", "obstacles": ["banjir"], f"commitment_{first.pk}": "penuh"}, commitments=world.commitments
    )
    assert set(form.errors) == {"status", "obstacles", f"commitment_{first.pk}"}


def test_initial_values_are_the_cooperatives_or_the_verified_ones(world):
    assert FollowUpForm.initial_from(None) == {}
    first, second = world.commitments
    follow_up = evaluate(
        world.agreement,
        world.evaluation,
        status="berjalan",
        realised=1_000,
        obstacles=["harga"],
        results=["ya", "tidak"],
        verified={"status": "selesai", "realised_value": 5_000, "commitment_results": {first.pk: "sebagian"}},
    )
    follow_up = FollowUp.objects.get(pk=follow_up.pk)
    own = FollowUpForm.initial_from(follow_up, self_reported=True)
    assert own == {
        "status": "berjalan",
        "realised_value": 1_000,
        "obstacles": ["harga"],
        "continues": "",
        "note": "",
        f"commitment_{first.pk}": "ya",
        f"commitment_{second.pk}": "tidak",
    }
    verified = FollowUpForm.initial_from(follow_up)
    assert (verified["status"], verified["realised_value"], verified["obstacles"]) == ("selesai", 5_000, [])
    assert (verified[f"commitment_{first.pk}"], verified[f"commitment_{second.pk}"]) == ("sebagian", "tidak")


def test_verification_form_adds_a_note_and_search_is_short(world):
    form = VerificationForm({"status": "selesai", "verification_note": "Dicek"}, commitments=[])
    assert form.is_valid() and form.cleaned_data["verification_note"] == "Dicek"
    assert CheckInSearchForm({"q": "siti"}).is_valid()
    assert not CheckInSearchForm({"q": "x" * 101}).is_valid()

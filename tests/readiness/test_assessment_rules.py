"""The writes' rules for assessments (services), a framework's next version, the current
framework's names, the aggregates rebuilt from scratch, and the pages' refusals."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from readiness import aggregates, selectors
from readiness.models import (
    Answer,
    Assessment,
    DimensionAggregate,
    DimensionScore,
    Framework,
    Indicator,
    RoundAggregate,
)
from readiness.services import (
    AssessmentError,
    change_round,
    create_framework_version,
    export_framework,
    get_or_create_draft,
    import_framework,
    save_answers,
    submit_assessment,
    unanswered_indicators,
    verify_assessment,
)
from readiness.views import _reminder_message
from tests.factories import make_analyst, make_cooperative, make_kecamatan, make_user

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def current(ikdk):
    return make_round(
        ikdk, "berjalan", opens=TODAY - datetime.timedelta(days=1), closes=TODAY + datetime.timedelta(days=9)
    )


@pytest.fixture
def cooperative():
    return make_cooperative(nama="KSU Sumber Rejeki", kecamatan=make_kecamatan("Paiton"))


def indicators(framework, *codes):
    found = {i.code: i for i in Indicator.objects.filter(dimension__framework=framework).select_related("dimension")}
    return [found[code] for code in codes]


def error_of(call, **kwargs):
    with pytest.raises(AssessmentError) as refused:
        call(**kwargs)
    return str(refused.value)


# --- saving a draft ---------------------------------------------------------------------------


def test_na_only_where_allowed_and_levels_only_zero_to_four(ikdk, current, cooperative):
    d11, d12 = indicators(ikdk, "D1.1", "D1.2")
    Indicator.objects.filter(pk=d11.pk).update(allow_na=False)
    d11.refresh_from_db()
    draft = get_or_create_draft(evaluation_round=current, cooperative=cooperative)
    assert error_of(save_answers, assessment=draft, answers={d11: None}) == (
        "D1.1: 'Tidak berlaku' tidak diizinkan untuk indikator ini."
    )
    for level in (True, 5, -1, 2.0, "3"):
        assert error_of(save_answers, assessment=draft, answers={d12: level}) == "D1.2: tingkat harus 0 sampai 4."
    assert not Answer.objects.filter(assessment=draft).exists()


def test_saving_again_replaces_the_answer_and_keeps_evidence_short(ikdk, current, cooperative):
    (d11,) = indicators(ikdk, "D1.1")
    draft = get_or_create_draft(evaluation_round=current, cooperative=cooperative)
    save_answers(assessment=draft, answers={d11: 1}, evidence={d11: "x" * 600})
    save_answers(assessment=draft, answers={d11: None})
    answer = Answer.objects.get(assessment=draft)
    assert (answer.level, answer.evidence) == (None, "")
    save_answers(assessment=draft, answers={d11: 4}, evidence={d11: "y" * 600})
    answer.refresh_from_db()
    assert (answer.level, len(answer.evidence)) == (4, 500)
    assert get_or_create_draft(evaluation_round=current, cooperative=cooperative).pk == draft.pk


# --- submitting ---------------------------------------------------------------------------------


def test_submit_names_every_indicator_still_missing_in_order(ikdk, current, cooperative):
    all_codes = [
        i.code
        for i in Indicator.objects.filter(dimension__framework=ikdk).order_by("dimension__sort_order", "sort_order")
    ]
    draft = answer_all(
        current, cooperative, {code: 3 for code in all_codes if code not in ("D2.4", "D1.2")}, submit=False
    )
    assert [i.code for i in unanswered_indicators(draft)] == ["D1.2", "D2.4"]
    assert error_of(submit_assessment, assessment=draft, user=None) == (
        "Masih ada indikator yang belum dijawab: D1.2, D2.4."
    )
    assert Assessment.objects.get(pk=draft.pk).status == Assessment.STATUS_DRAFT


def test_a_partial_submit_stores_scores_only_where_answered(ikdk, current, cooperative):
    assessment = answer_all(current, cooperative, {"D1.1": 4, "D1.2": 2, "D2.1": None})
    assessment.refresh_from_db()
    assert (assessment.status, assessment.submitted_by, assessment.source) == ("submitted", None, "web")
    scores = dict(DimensionScore.objects.filter(assessment=assessment).values_list("dimension__code", "score"))
    assert scores == {"D1": 75.0, "D2": None, "D3": None, "D4": None, "D5": None, "D6": None}
    assert (assessment.overall, assessment.level, assessment.self_overall) == (75.0, 3, 75.0)
    assert error_of(submit_assessment, assessment=assessment, user=None) == "Asesmen ini sudah dikirim."
    assert error_of(save_answers, assessment=assessment, answers={}) == (
        "Asesmen ini sudah dikirim dan tidak bisa diubah lagi."
    )


def test_the_pengurus_who_submits_is_recorded(ikdk, current, cooperative):
    pengurus = make_user(cooperative=cooperative, role="pengurus")
    assessment = answer_all(current, cooperative, 2, user=pengurus)
    assert Assessment.objects.get(pk=assessment.pk).submitted_by == pengurus


# --- verifying ----------------------------------------------------------------------------------


def test_a_draft_cannot_be_verified(ikdk, current, cooperative):
    draft = answer_all(current, cooperative, 2, submit=False)
    assert error_of(verify_assessment, assessment=draft, user=make_analyst(), levels={}) == (
        "Asesmen yang masih draf belum bisa diverifikasi."
    )


def test_verifying_an_unanswered_indicator_and_one_of_another_framework(ikdk, current, cooperative):
    analyst = make_analyst()
    assessment = answer_all(current, cooperative, {"D1.1": 4, "D1.2": 4})
    other = export_framework(ikdk) | {"code": "lain"}
    foreign = Indicator.objects.filter(dimension__framework=import_framework(other)).select_related("dimension").first()
    assert error_of(verify_assessment, assessment=assessment, user=analyst, levels={foreign: 1}) == (
        "Indikator D1.1 bukan bagian instrumen putaran ini."
    )
    d11, d13 = indicators(ikdk, "D1.1", "D1.3")
    verify_assessment(
        assessment=assessment,
        user=analyst,
        levels={d11: 2, d13: None},
        notes={d11: "n" * 700},
        note="Kunjungan lapangan",
    )
    assessment.refresh_from_db()
    assert (assessment.status, assessment.verified_by, assessment.verification_note) == (
        "verified",
        analyst,
        "Kunjungan lapangan",
    )
    d11_answer = Answer.objects.get(assessment=assessment, indicator=d11)
    assert (d11_answer.level, d11_answer.verified_level, len(d11_answer.verification_note)) == (4, 2, 500)
    added = Answer.objects.get(assessment=assessment, indicator=d13)
    assert (added.level, added.is_verified, added.verified_level) == (None, True, None)
    # Verified: D1 is (2 + 4) / 2 levels; the self-assessment keeps 100.
    assert (assessment.overall, assessment.self_overall) == (75.0, 100.0)
    assert str(d11_answer) == "D1.1: 2"


# --- rounds and versions ------------------------------------------------------------------------


def test_change_round_refuses_fields_it_does_not_know(current):
    with pytest.raises(TypeError, match="unexpected fields: color, slugs"):
        change_round(evaluation_round=current, slugs="x", color="merah")
    changed = change_round(evaluation_round=current, name="Evaluasi baru")
    assert changed.name == "Evaluasi baru" and str(changed) == "Evaluasi baru"
    assert changed.get_absolute_url() == "/kesiapan/berjalan/"


def test_a_new_version_copies_everything_and_leaves_the_old_one(ikdk):
    Framework.objects.filter(pk=ikdk.pk).update(description="Versi awal")
    ikdk.refresh_from_db()
    dimension = ikdk.dimensions.get(code="D2")
    dimension.weight = "1.5"
    dimension.save()
    Indicator.objects.filter(dimension__framework=ikdk, code="D3.1").update(allow_na=False)
    new = create_framework_version(ikdk)
    assert (new.code, new.version, new.description, new.bands) == ("ikdk", 2, "Versi awal", ikdk.bands)
    copied = export_framework(new)
    assert [d["weight"] for d in copied["dimensions"]] == [1, 1.5, 1, 1, 1, 1]
    flagged = [i["code"] for d in copied["dimensions"] for i in d["indicators"] if "allow_na" in i]
    assert flagged == ["D3.1"]
    assert {k: v for k, v in copied.items() if k != "version"} == {
        k: v for k, v in export_framework(ikdk).items() if k != "version"
    }
    assert Framework.objects.get(pk=ikdk.pk).version == 1
    assert str(new) == "Indeks Kesiapan Digital Koperasi (ikdk v2)"


def test_dimension_names_come_from_the_latest_opened_round_else_the_newest_framework(ikdk):
    newer = import_framework(
        {
            "code": "baru",
            "name": "Baru",
            "dimensions": [
                {
                    "code": "D1",
                    "name": "Nama baru",
                    "indicators": [{"code": "B.1", "text": "t", "levels": list("abcde")}],
                }
            ],
        }
    )
    assert selectors.dimension_names() == {"D1": "Nama baru"}
    make_round(ikdk, "lama", opens=TODAY - datetime.timedelta(days=30))
    make_round(newer, "nanti", opens=TODAY + datetime.timedelta(days=30))
    assert selectors.dimension_names()["D1"] == ikdk.dimensions.get(code="D1").name
    assert selectors.dimension_names(today=TODAY + datetime.timedelta(days=31)) == {"D1": "Nama baru"}


# --- aggregates rebuilt ----------------------------------------------------------------------------


def test_rebuild_gives_what_the_writes_kept_up_to_date(ikdk, current):
    for level, jenis in ((4, "konsumen"), (2, "konsumen"), (1, "simpan_pinjam")):
        answer_all(current, make_cooperative(jenis=jenis), level)
    answer_all(current, make_cooperative(), 3, submit=False)  # a draft is no result
    kept = aggregates.stored()
    assert kept == aggregates.recompute()
    RoundAggregate.objects.update(results=99)
    DimensionAggregate.objects.all().delete()
    rounds, dimensions, registry = aggregates.rebuild()
    assert aggregates.stored() == kept
    assert (rounds, dimensions, registry) == (len(kept[0]), len(kept[1]), len(kept[2]))
    assert sum(row[0] for row in kept[0].values()) == 3


# --- the pages' refusals --------------------------------------------------------------------------


def test_step_numbers_outside_the_framework_are_not_found(client, ikdk, current, cooperative):
    client.force_login(make_user(cooperative=cooperative, role="pengurus"))
    for step in (0, 7):
        url = reverse("readiness:assessment_step", args=[current.slug, cooperative.pk, step])
        assert client.get(url).status_code == 404


def test_submitting_before_anything_is_saved_says_so(client, ikdk, current, cooperative):
    client.force_login(make_user(cooperative=cooperative, role="pengurus"))
    url = reverse("readiness:assessment_review", args=[current.slug, cooperative.pk])
    page = client.post(url, follow=True).content.decode()
    assert "Belum ada jawaban yang tersimpan." in page
    assert not Assessment.objects.filter(cooperative=cooperative).exists()


def test_someone_without_a_cooperative_has_no_readiness_page(client, ikdk):
    client.force_login(make_user())
    assert client.get(reverse("readiness:index")).status_code == 404


def test_downloads_refuse_unknown_formats_and_comparisons_across_instruments(client, ikdk, current):
    other = import_framework(export_framework(ikdk) | {"code": "lain"})
    make_round(other, "lain-2018")
    make_round(ikdk, "mei-2018", opens=datetime.date(2018, 5, 1))
    client.force_login(make_analyst())
    download = "readiness:round_download"
    assert client.get(reverse(download, args=[current.slug, "pdf"])).status_code == 404
    assert client.get(reverse(download, args=[current.slug, "csv"]), {"compare": "lain-2018"}).status_code == 404
    assert client.get(reverse(download, args=[current.slug, "csv"]), {"compare": "tidak-ada"}).status_code == 404
    compared = client.get(reverse(download, args=[current.slug, "json"]), {"compare": "mei-2018"})
    assert compared.json()["compare"] == "mei-2018"
    assert "kesiapan-berjalan-vs-mei-2018.json" in compared["Content-Disposition"]


def test_reminder_texts_for_a_draft_and_for_not_started(current):
    address = "https://ksd.example/kesiapan/"
    draft = SimpleNamespace(nama="KSU Mawar", round_status=Assessment.STATUS_DRAFT)
    not_started = SimpleNamespace(nama="KSU Melati", round_status=selectors.FOLLOW_UP_NOT_STARTED)
    current.closes_on = datetime.date(2026, 12, 31)
    with translation.override("id"):
        assert _reminder_message(current, draft, address) == (
            "Yth. Pengurus KSU Mawar, asesmen mandiri kesiapan digital untuk berjalan masih berupa draf dan belum "
            f"dikirim. Mohon dilengkapi lalu dikirim di {address} paling lambat 31 Desember 2026. Terima kasih. Dinas Koperasi"
        )
        current.closes_on = None
        assert _reminder_message(current, not_started, address) == (
            "Yth. Pengurus KSU Melati, asesmen mandiri kesiapan digital untuk berjalan belum diisi. "
            f"Mohon diisi lalu dikirim di {address} Terima kasih. Dinas Koperasi"
        )

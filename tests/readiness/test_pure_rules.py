"""Readiness rules that need no database: scoring at its edges, the answer forms, reading a
level from an import, and how numbers and changes are written on pages and in the PDF."""

import itertools
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from readiness import aggregates
from readiness.forms import (
    NA_CHOICE,
    DimensionAnswersForm,
    VerificationForm,
    choice_to_level,
    level_choices,
    level_to_choice,
)
from readiness.importers import INDICATOR_LIKE, parse_level
from readiness.models import Answer, Framework, Indicator
from readiness.pdf import _change as pdf_change
from readiness.pdf import _number as pdf_number
from readiness.scoring import (
    Band,
    DimensionSpec,
    band_label,
    dimension_score,
    overall_index,
    priorities,
    readiness_level,
    score_assessment,
)
from readiness.selectors import dimension_label
from readiness.templatetags.readiness_tags import change_arrow, get_item, level_or_na, score

_pk = itertools.count(1)
DESCRIPTORS = ["nol", "satu", "dua", "tiga", "empat"]


def indicator(code, *, allow_na=True):
    return Indicator(
        pk=next(_pk),  # unsaved, but forms key their answers by indicator
        code=code,
        text=f"Pertanyaan {code}",
        allow_na=allow_na,
        **{f"level_{n}": d for n, d in enumerate(DESCRIPTORS)},
    )


# --- scoring at its edges ---------------------------------------------------------------------


def test_a_weight_of_zero_or_less_is_refused_where_it_would_count():
    with pytest.raises(ValueError, match="the weight of A must be > 0"):
        overall_index({"A": 50.0}, {"A": 0})
    with pytest.raises(ValueError, match="the weight of B must be > 0"):
        overall_index({"A": 50.0, "B": 10.0}, {"A": 1, "B": -1})
    # A dimension without a score is left out before its weight is looked at.
    assert overall_index({"A": 50.0, "B": None}, {"A": 1, "B": 0}) == 50.0


def test_weights_may_be_fractions_decimals_or_floats_and_stay_exact():
    assert overall_index({"A": 100.0, "B": 0.0}, {"A": Fraction(1, 3), "B": Fraction(2, 3)}) == pytest.approx(100 / 3)
    # 0.1 and 0.2 weigh exactly 1 : 2, so the index is exactly 40, never 39.999….
    assert overall_index({"A": 80.0, "B": 20.0}, {"A": 0.1, "B": 0.2}) == 40.0
    assert readiness_level(overall_index({"A": 80.0, "B": 20.0}, {"A": 0.1, "B": 0.2})) == 2


def test_band_label_outside_the_bands_is_empty():
    assert band_label(None) == ""
    assert band_label(5) == "" and band_label(-1) == ""
    assert band_label(0) == "Belum siap" and band_label(4) == "Sudah menerapkan"
    bands = [Band(50, "Tinggi"), Band(0, "Rendah")]
    assert band_label(1, bands) == "Tinggi"


def test_priorities_without_weights_and_ties_in_order():
    assert priorities({"A": 10.0}, {}) == []
    assert priorities({"A": None, "B": None}, {"A": 1, "B": 1}) == []
    assert priorities({"A": 50.0, "B": 50.0, "C": 0.0}, {"A": 1, "B": 1, "C": 1}) == [
        ("C", pytest.approx(100 / 3)),
        ("A", pytest.approx(50 / 3)),
        ("B", pytest.approx(50 / 3)),
    ]
    # Σw counts every dimension of the framework, answered or not.
    assert priorities({"A": 0.0}, {"A": 1, "B": 3}) == [("A", 25.0)]


def test_a_dimension_answered_only_not_applicable_has_no_score_and_no_weight():
    specs = [DimensionSpec("A", 1, ("A.1", "A.2")), DimensionSpec("B", 3, ("B.1",))]
    result = score_assessment(specs, {"A.1": 4, "A.2": 2, "B.1": None})
    assert result.dimension_scores == {"A": 75.0, "B": None}
    assert (result.overall, result.level) == (75.0, 3)
    nothing = score_assessment(specs, {})
    assert (nothing.dimension_scores, nothing.overall, nothing.level) == ({"A": None, "B": None}, None, None)


@pytest.mark.parametrize("level", [True, 2.0, "3", 5, -1])
def test_levels_must_be_whole_numbers_zero_to_four(level):
    with pytest.raises(ValueError, match="a level must be an integer 0..4 or None"):
        dimension_score([level])


# --- the answer forms ---------------------------------------------------------------------------


def test_level_choices_are_the_descriptors_plus_na_where_allowed():
    assert level_choices(indicator("A.1")) == [(str(n), d) for n, d in enumerate(DESCRIPTORS)] + [
        (NA_CHOICE, "Tidak berlaku")
    ]
    assert [value for value, _ in level_choices(indicator("A.2", allow_na=False))] == ["0", "1", "2", "3", "4"]


@pytest.mark.parametrize(
    ("choice", "level"),
    [("", (False, None)), (None, (False, None)), ("na", (True, None)), ("0", (True, 0)), ("4", (True, 4))],
)
def test_choice_to_level(choice, level):
    assert choice_to_level(choice) == level


def test_level_to_choice_is_the_inverse():
    assert [level_to_choice(level) for level in (0, 3, None)] == ["0", "3", NA_CHOICE]
    assert level_to_choice(2, answered=False) == ""
    for choice in ("0", "1", "2", "3", "4", NA_CHOICE):
        answered, level = choice_to_level(choice)
        assert level_to_choice(level, answered) == choice


def test_dimension_form_returns_only_what_was_answered_with_its_evidence():
    indicators = [indicator("A.1"), indicator("A.2"), indicator("A.3")]
    form = DimensionAnswersForm(
        {"level_A.1": "3", "evidence_A.1": "Buku kas di HP", "level_A.2": NA_CHOICE, "evidence_A.3": "tanpa tingkat"},
        indicators=indicators,
    )
    assert form.is_valid(), form.errors
    levels, evidence = form.answers()
    assert {i.code: level for i, level in levels.items()} == {"A.1": 3, "A.2": None}
    assert {i.code: text for i, text in evidence.items()} == {"A.1": "Buku kas di HP", "A.2": ""}
    assert [row[0].code for row in form.rows()] == ["A.1", "A.2", "A.3"]


def test_dimension_form_refuses_a_level_not_offered_in_indonesian():
    form = DimensionAnswersForm(
        {"level_A.1": "5", "level_A.2": NA_CHOICE}, indicators=[indicator("A.1"), indicator("A.2", allow_na=False)]
    )
    assert not form.is_valid()
    assert form.errors == {
        "level_A.1": ["Pilih salah satu tingkat yang tersedia."],
        "level_A.2": ["Pilih salah satu tingkat yang tersedia."],
    }


def test_dimension_form_limits_evidence_to_what_is_stored():
    form = DimensionAnswersForm({"level_A.1": "1", "evidence_A.1": "x" * 501}, indicators=[indicator("A.1")])
    assert not form.is_valid() and "evidence_A.1" in form.errors


def test_verification_form_reads_verified_levels_and_notes():
    indicators = [indicator("A.1"), indicator("A.2", allow_na=False), indicator("A.3")]
    form = VerificationForm(
        {"level_A.1": "2", "note_A.1": "Dicek di lapangan", "level_A.2": "4", "level_A.3": "", "note": "Baik"},
        indicators=indicators,
    )
    assert form.is_valid(), form.errors
    levels, notes = form.verified()
    assert {i.code: level for i, level in levels.items()} == {"A.1": 2, "A.2": 4}
    assert {i.code: note for i, note in notes.items()} == {"A.1": "Dicek di lapangan", "A.2": ""}
    assert form.cleaned_data["note"] == "Baik"
    # "Tidak berlaku" is offered only where the indicator allows it.
    assert not VerificationForm({"level_A.2": NA_CHOICE}, indicators=indicators).is_valid()
    assert VerificationForm({"level_A.1": NA_CHOICE}, indicators=indicators).is_valid()


# --- a level read from an imported file ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", (False, None)), (None, (False, None)), ("  ", (False, None)), ("NA", (True, None)), ("n/a", (True, None))]
    + [("TB", (True, None)), (" 4 ", (True, 4)), ("0", (True, 0))],
)
def test_parse_level(text, expected):
    assert parse_level(text) == expected


@pytest.mark.parametrize("text", ["5", "-1", "3.0", "tiga", "2,5", "tidak"])
def test_parse_level_refuses_anything_else(text):
    with pytest.raises(ValueError):
        parse_level(text)


@pytest.mark.parametrize(
    ("column", "like"),
    [("d1.1", True), ("x2", True), ("abcd12.3.4", True), ("nama", False)]
    + [("catatan 1", False), ("d1.", False), ("abcde1", False)],
)
def test_which_columns_look_like_indicator_codes(column, like):
    assert bool(INDICATOR_LIKE.match(column)) is like


# --- numbers as people read them ----------------------------------------------------------------


def test_pdf_numbers_and_changes_in_indonesian():
    assert pdf_number(56.25) == "56,3"
    assert pdf_number(None) == "-"
    assert pdf_change(2.04) == "+2,0 (naik)"
    assert pdf_change(-0.15) == "-0,2 (turun)"
    assert pdf_change(0.04) == "+0,0 (tetap)"
    assert pdf_change(None) == "-"


def test_score_and_change_filters():
    with translation.override("id"):
        assert score(56.25) == "56,3"
        assert score(None) == "–"
        up = change_arrow(5.24)
        assert "▲" in up and "+5,2" in up and "naik" in up
        down = change_arrow(-3.0)
        assert 'class="change down"' in down and "−3,0" in down and "turun" in down
        same = change_arrow(0.04)
        assert 'class="change same"' in same and "tetap" in same
        assert change_arrow(None) == "–"
    assert level_or_na(None) == "Tidak berlaku" and level_or_na(0) == 0
    assert get_item({"3": 7}, 3) == 7 and get_item({}, 1) == 0


def test_dimension_label_with_and_without_a_name():
    assert dimension_label("D1", "Strategi") == "D1 · Strategi"
    assert dimension_label("X9", "") == "X9"


def test_answer_effective_level_is_the_verified_one_once_verified():
    assert Answer(level=3).effective_level == 3
    assert Answer(level=3, is_verified=True, verified_level=1).effective_level == 1
    assert Answer(level=3, is_verified=True, verified_level=None).effective_level is None


def test_framework_bands_are_checked_when_cleaned():
    framework = Framework(code="uji", version=1, name="Uji", bands=[{"min": "x", "label": "A"}])
    with pytest.raises(ValidationError) as bad:
        framework.clean()
    assert bad.value.message_dict == {"bands": ["Format tingkat tidak valid."]}
    framework.bands = []
    with pytest.raises(ValidationError) as empty:
        framework.clean()
    assert empty.value.message_dict == {"bands": ["Isi sedikitnya satu tingkat."]}
    framework.bands = [{"min": 40, "label": "Atas"}, {"min": 0, "label": "Bawah"}]
    framework.clean()
    assert [band.label for band in framework.band_list()] == ["Bawah", "Atas"]
    assert str(framework) == "Uji (uji v1)"


def test_aggregate_units_are_whole_nano_points():
    assert aggregates.nano(56.25) == 56_250_000_000
    assert aggregates.nano(0.1) + aggregates.nano(0.2) == aggregates.nano(0.3)
    assert aggregates.mean(aggregates.nano(10.0) + aggregates.nano(20.5), 2) == 15.25
    assert aggregates.mean(0, 0) is None

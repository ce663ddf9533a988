"""Writes for readiness: frameworks, rounds, assessments and their stored scores.

Scores are computed by ``readiness.scoring`` and stored when an assessment is
submitted or verified; reports read the stored values and never recompute history.
"""

import datetime
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import aggregates, scoring
from .models import Answer, Assessment, Dimension, DimensionScore, EvaluationRound, Framework, Indicator

DEFAULT_FRAMEWORK_PATH = Path(__file__).resolve().parent / "data" / "ikdk-v1.json"


class FrameworkDataError(ValueError):
    """The framework JSON is not valid; ``errors`` lists every problem."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


# --- frameworks ---------------------------------------------------------------------


def _validate_framework_data(data):
    """Return a list of problems with framework JSON (empty when valid)."""
    errors = []
    if not isinstance(data, dict):
        return [_("berkas harus berisi satu objek JSON")]
    code = data.get("code")
    if not isinstance(code, str) or not code.strip():
        errors.append(_("code: wajib diisi"))
    if not isinstance(data.get("name"), str) or not data.get("name", "").strip():
        errors.append(_("name: wajib diisi"))
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        errors.append(_("version: harus bilangan bulat ≥ 1"))
    bands = data.get("bands")
    if bands is not None:
        if not isinstance(bands, list) or not bands:
            errors.append(_("bands: harus daftar yang tidak kosong"))
        else:
            for index, band in enumerate(bands, start=1):
                if (
                    not isinstance(band, dict)
                    or isinstance(band.get("min"), bool)
                    or not isinstance(band.get("min"), (int, float))
                    or not isinstance(band.get("label"), str)
                    or not band["label"].strip()
                ):
                    errors.append(_("bands[%(n)s]: perlu min (angka) dan label") % {"n": index})
    dimensions = data.get("dimensions")
    if not isinstance(dimensions, list) or not dimensions:
        errors.append(_("dimensions: sedikitnya satu dimensi"))
        return errors
    dimension_codes, indicator_codes = set(), set()
    for d_index, dimension in enumerate(dimensions, start=1):
        where = f"dimensions[{d_index}]"
        if not isinstance(dimension, dict):
            errors.append(_("%(where)s: harus objek") % {"where": where})
            continue
        d_code = dimension.get("code")
        if not isinstance(d_code, str) or not d_code.strip():
            errors.append(_("%(where)s.code: wajib diisi") % {"where": where})
        elif d_code in dimension_codes:
            errors.append(_("%(where)s.code: kode %(code)s dipakai dua kali") % {"where": where, "code": d_code})
        else:
            dimension_codes.add(d_code)
            where = d_code
        if not isinstance(dimension.get("name"), str) or not dimension.get("name", "").strip():
            errors.append(_("%(where)s.name: wajib diisi") % {"where": where})
        weight = dimension.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not weight > 0:
            errors.append(_("%(where)s.weight: harus angka lebih dari 0") % {"where": where})
        indicators = dimension.get("indicators")
        if not isinstance(indicators, list) or not indicators:
            errors.append(_("%(where)s.indicators: sedikitnya satu indikator") % {"where": where})
            continue
        for i_index, indicator in enumerate(indicators, start=1):
            i_where = f"{where}.indicators[{i_index}]"
            if not isinstance(indicator, dict):
                errors.append(_("%(where)s: harus objek") % {"where": i_where})
                continue
            i_code = indicator.get("code")
            if not isinstance(i_code, str) or not i_code.strip():
                errors.append(_("%(where)s.code: wajib diisi") % {"where": i_where})
            elif i_code in indicator_codes:
                errors.append(_("%(where)s.code: kode %(code)s dipakai dua kali") % {"where": i_where, "code": i_code})
            else:
                indicator_codes.add(i_code)
                i_where = i_code
            if not isinstance(indicator.get("text"), str) or not indicator.get("text", "").strip():
                errors.append(_("%(where)s.text: wajib diisi") % {"where": i_where})
            levels = indicator.get("levels")
            if (
                not isinstance(levels, list)
                or len(levels) != len(scoring.LEVELS)
                or not all(isinstance(level, str) and level.strip() for level in levels)
            ):
                errors.append(_("%(where)s.levels: harus lima deskripsi (tingkat 0 sampai 4)") % {"where": i_where})
            if "allow_na" in indicator and not isinstance(indicator["allow_na"], bool):
                errors.append(_("%(where)s.allow_na: harus true atau false") % {"where": i_where})
    return errors


def _weight(value):
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:  # validated before; kept for safety of callers
        raise FrameworkDataError([str(exc)]) from exc


@transaction.atomic
def import_framework(data) -> Framework:
    """Create a framework version from PRODUCT.md's JSON.

    A new code keeps the version in the file (default 1); an existing code always gets a
    new version (the highest + 1), so versions in use are never changed.
    """
    errors = _validate_framework_data(data)
    if errors:
        raise FrameworkDataError(errors)
    code = data["code"].strip()
    latest = Framework.objects.filter(code=code).order_by("-version").values_list("version", flat=True).first()
    version = data.get("version", 1) if latest is None else latest + 1
    bands = data.get("bands") or [{"min": b.min, "label": b.label} for b in scoring.DEFAULT_BANDS]
    framework = Framework.objects.create(
        code=code,
        version=version,
        name=data["name"].strip(),
        description=data.get("description", "") or "",
        bands=[{"min": band["min"], "label": band["label"].strip()} for band in bands],
    )
    for d_order, d in enumerate(data["dimensions"]):
        dimension = Dimension.objects.create(
            framework=framework,
            sort_order=d_order,
            code=d["code"].strip(),
            name=d["name"].strip(),
            weight=_weight(d.get("weight", 1)),
            description=d.get("description", "") or "",
        )
        Indicator.objects.bulk_create(
            Indicator(
                dimension=dimension,
                sort_order=i_order,
                code=i["code"].strip(),
                text=i["text"].strip(),
                allow_na=i.get("allow_na", True),
                **{f"level_{n}": i["levels"][n].strip() for n in scoring.LEVELS},
            )
            for i_order, i in enumerate(d["indicators"])
        )
    return framework


def import_framework_file(path) -> Framework:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkDataError([_("berkas tidak bisa dibaca: %(error)s") % {"error": exc}]) from exc
    except json.JSONDecodeError as exc:
        raise FrameworkDataError(
            [_("JSON tidak valid (baris %(line)s): %(error)s") % {"line": exc.lineno, "error": exc.msg}]
        ) from exc
    return import_framework(data)


def ensure_default_framework() -> Framework:
    """The shipped ikdk v1 (readiness/data/ikdk-v1.json), loaded once."""
    data = json.loads(DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8"))
    existing = Framework.objects.filter(code=data["code"], version=data["version"]).first()
    return existing or import_framework(data)


def _number(value):
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def export_framework(framework: Framework) -> dict:
    """The framework as PRODUCT.md's JSON (``allow_na`` only where NA is not allowed)."""
    dimensions = []
    for dimension in framework.dimensions.all().prefetch_related("indicators"):
        indicators = []
        for indicator in dimension.indicators.all():
            item = {"code": indicator.code, "text": indicator.text, "levels": indicator.levels}
            if not indicator.allow_na:
                item["allow_na"] = False
            indicators.append(item)
        dimensions.append(
            {
                "code": dimension.code,
                "name": dimension.name,
                "weight": _number(dimension.weight),
                "description": dimension.description,
                "indicators": indicators,
            }
        )
    return {
        "code": framework.code,
        "version": framework.version,
        "name": framework.name,
        "bands": [{"min": band["min"], "label": band["label"]} for band in framework.bands],
        "dimensions": dimensions,
    }


@transaction.atomic
def create_framework_version(framework: Framework) -> Framework:
    """Copy ``framework`` into the next version of its code, for editing ("Buat versi baru")."""
    data = export_framework(framework)
    data["description"] = framework.description
    return import_framework(data)


# --- rounds -------------------------------------------------------------------------


def create_round(
    *,
    slug: str,
    name: str,
    framework: Framework,
    opens_on: datetime.date | None = None,
    closes_on: datetime.date | None = None,
) -> EvaluationRound:
    evaluation_round = EvaluationRound(
        slug=slug, name=name, framework=framework, opens_on=opens_on or timezone.localdate(), closes_on=closes_on
    )
    evaluation_round.full_clean()
    if evaluation_round.closes_on and evaluation_round.closes_on < evaluation_round.opens_on:
        raise ValidationError({"closes_on": _("Tanggal tutup harus sama atau sesudah tanggal buka.")})
    evaluation_round.save()
    return evaluation_round


ROUND_FIELDS = {"slug", "name", "framework", "opens_on", "closes_on"}


@transaction.atomic
def change_round(*, evaluation_round: EvaluationRound, **changes) -> EvaluationRound:
    """Change a round's fields. Raises ValidationError (nothing saved) for invalid values,
    and for a framework switch once the round has assessments."""
    unknown = set(changes) - ROUND_FIELDS
    if unknown:
        raise TypeError(f"change_round() got unexpected fields: {', '.join(sorted(unknown))}")
    locked = EvaluationRound.objects.select_for_update().get(pk=evaluation_round.pk)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    return locked


# --- assessments --------------------------------------------------------------------


class AssessmentError(Exception):
    """A write that the rules do not allow (closed round, already submitted, …)."""


def framework_specs(framework: Framework):
    """(specs for scoring, {indicator code: Indicator}, [Dimension]) in two queries."""
    dimensions = list(framework.dimensions.all())
    indicators = list(
        Indicator.objects.filter(dimension__framework=framework).order_by("dimension__sort_order", "sort_order")
    )
    by_dimension = {}
    for indicator in indicators:
        by_dimension.setdefault(indicator.dimension_id, []).append(indicator.code)
    specs = [
        scoring.DimensionSpec(code=d.code, weight=d.weight, indicator_codes=tuple(by_dimension.get(d.pk, ())))
        for d in dimensions
    ]
    return specs, {indicator.code: indicator for indicator in indicators}, dimensions


def get_or_create_draft(*, evaluation_round: EvaluationRound, cooperative) -> Assessment:
    assessment, _created = Assessment.objects.get_or_create(round=evaluation_round, cooperative=cooperative)
    return assessment


def _validate_level(indicator, level):
    if level is None:
        if not indicator.allow_na:
            raise AssessmentError(
                _("%(code)s: 'Tidak berlaku' tidak diizinkan untuk indikator ini.") % {"code": indicator.code}
            )
        return
    if isinstance(level, bool) or not isinstance(level, int) or level not in scoring.LEVELS:
        raise AssessmentError(_("%(code)s: tingkat harus 0 sampai 4.") % {"code": indicator.code})


@transaction.atomic
def save_answers(*, assessment: Assessment, answers: dict, evidence: dict | None = None) -> Assessment:
    """Save (part of) a draft: ``answers`` maps Indicator → level 0..4 or None (NA).

    Only drafts change; a submitted or verified assessment is final for the cooperative.
    """
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != Assessment.STATUS_DRAFT:
        raise AssessmentError(_("Asesmen ini sudah dikirim dan tidak bisa diubah lagi."))
    evidence = evidence or {}
    framework_id = assessment.round.framework_id
    for indicator, level in answers.items():
        if indicator.dimension.framework_id != framework_id:
            raise AssessmentError(
                _("Indikator %(code)s bukan bagian instrumen putaran ini.") % {"code": indicator.code}
            )
        _validate_level(indicator, level)
        Answer.objects.update_or_create(
            assessment=assessment,
            indicator=indicator,
            defaults={"level": level, "evidence": (evidence.get(indicator) or "")[:500]},
        )
    assessment.save(update_fields=["updated_at"])
    return assessment


def store_scores(assessment: Assessment, specs=None, dimensions=None) -> Assessment:
    """Compute (pure scoring) and store the overall, level and dimension scores."""
    framework = assessment.round.framework
    if specs is None:
        specs, _indicators, dimensions = framework_specs(framework)
    answers = list(assessment.answers.select_related("indicator"))
    effective = {a.indicator.code: a.effective_level for a in answers}
    self_levels = {a.indicator.code: a.level for a in answers}
    bands = framework.band_list()
    result = scoring.score_assessment(specs, effective, bands)
    self_result = scoring.score_assessment(specs, self_levels, bands)
    assessment.overall = result.overall
    assessment.level = result.level
    assessment.self_overall = self_result.overall
    assessment.save(update_fields=["overall", "level", "self_overall", "updated_at"])
    DimensionScore.objects.filter(assessment=assessment).delete()
    DimensionScore.objects.bulk_create(
        DimensionScore(
            assessment=assessment,
            dimension=dimension,
            score=result.dimension_scores.get(dimension.code),
            self_score=self_result.dimension_scores.get(dimension.code),
        )
        for dimension in dimensions
    )
    return assessment


def unanswered_indicators(assessment: Assessment):
    answered = set(assessment.answers.values_list("indicator_id", flat=True))
    return [
        indicator
        for indicator in Indicator.objects.filter(dimension__framework=assessment.round.framework_id).order_by(
            "dimension__sort_order", "sort_order"
        )
        if indicator.pk not in answered
    ]


@transaction.atomic
def submit_assessment(*, assessment: Assessment, user, require_complete: bool = True) -> Assessment:
    """Draft → submitted, with scores stored. Every indicator must be answered (or NA)."""
    assessment = Assessment.objects.select_for_update().select_related("round__framework").get(pk=assessment.pk)
    if assessment.status != Assessment.STATUS_DRAFT:
        raise AssessmentError(_("Asesmen ini sudah dikirim."))
    if require_complete:
        missing = unanswered_indicators(assessment)
        if missing:
            raise AssessmentError(
                _("Masih ada indikator yang belum dijawab: %(codes)s.") % {"codes": ", ".join(i.code for i in missing)}
            )
    assessment.status = Assessment.STATUS_SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = user if user is not None and user.is_authenticated else None
    assessment.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    store_scores(assessment)
    aggregates.add(aggregates.of_assessment(assessment.pk))
    return assessment


@transaction.atomic
def verify_assessment(
    *, assessment: Assessment, user, levels: dict, notes: dict | None = None, note: str = ""
) -> Assessment:
    """Record verified levels (Indicator → level or None for NA) and store the new scores.

    The self-assessed level stays on every answer beside the verified one.
    """
    assessment = Assessment.objects.select_for_update().select_related("round__framework").get(pk=assessment.pk)
    if assessment.status == Assessment.STATUS_DRAFT:
        raise AssessmentError(_("Asesmen yang masih draf belum bisa diverifikasi."))
    aggregates.remove(aggregates.of_assessment(assessment.pk))
    notes = notes or {}
    framework_id = assessment.round.framework_id
    existing = {a.indicator_id: a for a in assessment.answers.all()}
    for indicator, level in levels.items():
        if indicator.dimension.framework_id != framework_id:
            raise AssessmentError(
                _("Indikator %(code)s bukan bagian instrumen putaran ini.") % {"code": indicator.code}
            )
        _validate_level(indicator, level)
        answer = existing.get(indicator.pk) or Answer(assessment=assessment, indicator=indicator, level=None)
        answer.is_verified = True
        answer.verified_level = level
        answer.verification_note = (notes.get(indicator) or "")[:500]
        answer.save()
    assessment.status = Assessment.STATUS_VERIFIED
    assessment.verified_at = timezone.now()
    assessment.verified_by = user
    assessment.verification_note = note
    assessment.save(update_fields=["status", "verified_at", "verified_by", "verification_note", "updated_at"])
    store_scores(assessment)
    aggregates.add(aggregates.of_assessment(assessment.pk))
    return assessment


def replace_answers_from_import(*, evaluation_round, cooperative, levels: dict, specs, dimensions, user=None):
    """Store one imported row as a submitted assessment (replacing earlier answers).

    Returns True when the assessment was created, False when an existing one was replaced.
    Callers validate first (readiness.importers) and run inside one transaction.
    """
    assessment, created = Assessment.objects.get_or_create(round=evaluation_round, cooperative=cooperative)
    if not created:
        aggregates.remove(aggregates.of_assessment(assessment.pk))
    assessment.answers.all().delete()
    Answer.objects.bulk_create(
        Answer(assessment=assessment, indicator=indicator, level=level) for indicator, level in levels.items()
    )
    assessment.status = Assessment.STATUS_SUBMITTED
    assessment.source = Assessment.SOURCE_IMPORT
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = user
    assessment.verified_at = None
    assessment.verified_by = None
    assessment.verification_note = ""
    assessment.save()
    assessment.round = evaluation_round
    store_scores(assessment, specs, dimensions)
    aggregates.add(aggregates.of_assessment(assessment.pk))
    return created

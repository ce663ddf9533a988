"""Reads for readiness: exports, round summaries and the report card.

Everything here reads the stored scores (never recomputes them) and runs a fixed number
of queries however many rounds, dimensions or cooperatives there are.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Avg, Case, CharField, Count, FilteredRelation, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat, Lower, Upper
from django.utils import timezone

from cooperatives.models import Cooperative
from courses.models import CourseDimensionTag, Enrolment

from . import scoring
from .models import Assessment, Dimension, DimensionScore, EvaluationRound, Framework

RESULT_STATUSES = (Assessment.STATUS_SUBMITTED, Assessment.STATUS_VERIFIED)
# Rows per fetch from the export's server-side cursors.
EXPORT_CHUNK_SIZE = 2000


def round_results(evaluation_round):
    """Submitted and verified assessments of a round (drafts are not results yet)."""
    return Assessment.objects.filter(round=evaluation_round, status__in=RESULT_STATUSES)


def dimension_codes(framework):
    return list(framework.dimensions.order_by("sort_order", "pk").values_list("code", flat=True))


def _scores_by_assessment(assessment_ids):
    scores = {}
    rows = DimensionScore.objects.filter(assessment_id__in=assessment_ids).values_list(
        "assessment_id", "dimension__code", "score"
    )
    for assessment_id, code, score in rows:
        scores.setdefault(assessment_id, {})[code] = score
    return scores


@dataclass
class _ExportRecord:
    """One assessed cooperative as the export streams it: stored values, unrounded."""

    nik: str
    nama: str
    jenis: str
    kecamatan: str
    status: str
    overall: float | None
    level: int | None
    scores: dict  # dimension code -> score
    has_previous: bool = False
    previous_overall: float | None = None
    previous_scores: dict = field(default_factory=dict)  # dimension code -> the compared round's score


def _export_assessments(evaluation_round, compare_round):
    """The round's results in NIK order as plain tuples, with the compared round's result beside them.

    The compared result comes from a LEFT JOIN (one row per cooperative and round at most).
    """
    fields = [
        "pk",
        "cooperative_id",
        "cooperative__nik",
        "cooperative__nama",
        "cooperative__jenis",
        "cooperative__kecamatan__name",
        "status",
        "overall",
        "level",
    ]
    queryset = round_results(evaluation_round)
    if compare_round is not None:
        queryset = queryset.annotate(
            before=FilteredRelation(
                "cooperative__assessments",
                condition=Q(
                    cooperative__assessments__round=compare_round,
                    cooperative__assessments__status__in=RESULT_STATUSES,
                ),
            )
        )
        fields += ["before__pk", "before__overall"]
    return queryset.order_by("cooperative__nik", "pk").values_list(*fields)


def _export_scores(evaluation_round):
    """The dimension scores of a round's results, in the order of ``_export_assessments``."""
    return (
        DimensionScore.objects.filter(assessment__round=evaluation_round, assessment__status__in=RESULT_STATUSES)
        .order_by("assessment__cooperative__nik", "assessment_id")
        .values_list("assessment_id", "dimension__code", "score")
    )


def _export_previous_scores(evaluation_round, compare_round):
    """The compared round's dimension scores of the cooperatives that have a result in
    ``evaluation_round``, in the order of ``_export_assessments``, keyed by cooperative and
    dimension code (the compared round may use another version of the instrument)."""
    return (
        DimensionScore.objects.filter(assessment__round=compare_round, assessment__status__in=RESULT_STATUSES)
        .filter(
            assessment__cooperative__assessments__round=evaluation_round,
            assessment__cooperative__assessments__status__in=RESULT_STATUSES,
        )
        .order_by("assessment__cooperative__nik", "assessment_id")
        .values_list("assessment__cooperative_id", "dimension__code", "score")
    )


def _take(stream, head, key):
    """Consume the rows of ``stream`` (starting at ``head``) whose first value is ``key``.

    Returns ({code: score}, the next head).
    """
    taken = {}
    while head is not None and head[0] == key:
        taken[head[1]] = head[2]
        head = next(stream, None)
    return taken, head


def _iter_export_records(evaluation_round, compare_round):
    """Stream ``_ExportRecord``s with a fixed number of queries, however many cooperatives.

    The assessments, their scores and the compared round's scores are each read through a
    server-side cursor (``iterator``) in the same order (NIK, then assessment), and the
    scores are pivoted onto their cooperative as the streams advance together: memory
    stays flat and no model instance is built.
    """
    compared = compare_round is not None
    scores = _export_scores(evaluation_round).iterator(chunk_size=EXPORT_CHUNK_SIZE)
    score = next(scores, None)
    previous = iter(())
    if compared:
        previous = _export_previous_scores(evaluation_round, compare_round).iterator(chunk_size=EXPORT_CHUNK_SIZE)
    before = next(previous, None)
    for row in _export_assessments(evaluation_round, compare_round).iterator(chunk_size=EXPORT_CHUNK_SIZE):
        own, score = _take(scores, score, row[0])
        record = _ExportRecord(*row[2:9], scores=own)
        if compared:
            # Consumed whether or not the compared assessment exists, so the stream keeps pace.
            previous_scores, before = _take(previous, before, row[1])
            if row[9] is not None:
                record.has_previous = True
                record.previous_overall = row[10]
                record.previous_scores = previous_scores
        yield record


def _change(record, codes):
    """The round-to-round change of a record (None when the cooperative has no earlier result)."""
    if not record.has_previous:
        return None
    return {
        "overall": scoring.change(record.previous_overall, record.overall),
        "dimensions": {
            code: scoring.change(record.previous_scores.get(code), record.scores.get(code)) for code in codes
        },
    }


def iter_export_rows(evaluation_round, compare_round=None, codes=None):
    """Yield one dict per assessed cooperative, unrounded, in NIK order.

    A fixed number of queries however many cooperatives (see ``_iter_export_records``).
    """
    if codes is None:
        codes = dimension_codes(evaluation_round.framework)
    for record in _iter_export_records(evaluation_round, compare_round):
        yield {
            "nik": record.nik,
            "nama": record.nama,
            "jenis": record.jenis,
            "kecamatan": record.kecamatan,
            "status": record.status,
            "overall": record.overall,
            "level": record.level,
            "dimensions": {code: record.scores.get(code) for code in codes},
            "change": _change(record, codes),
        }


def _group_summary(queryset, key):
    return {
        row[key]: {"assessed": row["assessed"], "mean_overall": scoring.round_for_export(row["mean"])}
        for row in queryset.values(key).annotate(assessed=Count("pk"), mean=Avg("overall")).order_by(key)
    }


def round_summary(evaluation_round):
    """The export's summary block, aggregated in the database."""
    results = round_results(evaluation_round)
    totals = results.aggregate(assessed=Count("pk"), mean=Avg("overall"))
    by_level = {str(level): 0 for level in range(len(evaluation_round.framework.band_list()))}
    for row in results.filter(level__isnull=False).values("level").annotate(n=Count("pk")).order_by("level"):
        by_level[str(row["level"])] = row["n"]
    by_kecamatan = {name: value for name, value in _group_summary(results, "cooperative__kecamatan__name").items()}
    by_jenis = _group_summary(results, "cooperative__jenis")
    return {
        "assessed": totals["assessed"],
        "mean_overall": scoring.round_for_export(totals["mean"]),
        "by_level": by_level,
        "by_kecamatan": by_kecamatan,
        "by_jenis": by_jenis,
    }


def rounded_row(row):
    """An export row with every value rounded to one decimal."""
    change = row["change"]
    return {
        **row,
        "overall": scoring.round_for_export(row["overall"]),
        "dimensions": {code: scoring.round_for_export(v) for code, v in row["dimensions"].items()},
        "change": None
        if change is None
        else {
            "overall": scoring.round_for_export(change["overall"]),
            "dimensions": {code: scoring.round_for_export(v) for code, v in change["dimensions"].items()},
        },
    }


def export_document(evaluation_round, compare_round=None):
    """The whole ``export_readiness --format json`` document."""
    framework = evaluation_round.framework
    return {
        "round": evaluation_round.slug,
        "compare": compare_round.slug if compare_round else None,
        "framework": {"code": framework.code, "version": framework.version},
        "cooperatives": [rounded_row(row) for row in iter_export_rows(evaluation_round, compare_round)],
        "summary": round_summary(evaluation_round),
    }


def export_header(evaluation_round):
    header = ["nik", "nama", "jenis", "kecamatan", "status", "overall", "level", "overall_change"]
    for code in dimension_codes(evaluation_round.framework):
        header += [code, f"{code}_change"]
    return header


def export_labels(evaluation_round):
    """Indonesian words for the codes of the export, for XLSX (people read it; CSV keeps codes)."""
    bands = evaluation_round.framework.band_list()
    return {
        "jenis": dict(Cooperative.JENIS_CHOICES),
        "status": dict(Assessment.STATUS_CHOICES),
        "level": {index: f"{index} {band.label}" for index, band in enumerate(bands)},
    }


def iter_export_table(evaluation_round, compare_round=None):
    """Flat rows for CSV/XLSX in the order of ``export_header``, rounded to one decimal."""
    codes = dimension_codes(evaluation_round.framework)
    rounded = scoring.round_for_export
    change = scoring.change
    for record in _iter_export_records(evaluation_round, compare_round):
        values = [record.nik, record.nama, record.jenis, record.kecamatan, record.status]
        values += [rounded(record.overall), record.level]
        own = record.scores
        if record.has_previous:
            before = record.previous_scores
            values.append(rounded(change(record.previous_overall, record.overall)))
            for code in codes:
                score = own.get(code)
                values += [rounded(score), rounded(change(before.get(code), score))]
        else:
            values.append(None)
            for code in codes:
                values += [rounded(own.get(code)), None]
        yield values


# --- report card ------------------------------------------------------------------


@dataclass
class DimensionLine:
    code: str
    name: str
    weight: float
    score: float | None
    self_score: float | None
    previous: float | None = None
    change: float | None = None
    district_mean: float | None = None
    jenis_mean: float | None = None
    priority: float | None = None
    courses: list = field(default_factory=list)


@dataclass
class ReportCard:
    assessment: Assessment
    evaluation_round: EvaluationRound
    cooperative: object
    band_label: str
    lines: list
    previous_assessment: Assessment | None
    overall_change: float | None
    district_mean: float | None
    district_count: int
    jenis_mean: float | None
    jenis_count: int
    priorities: list  # DimensionLine, highest priority first (at most three)


def previous_assessment(assessment):
    """The latest earlier round of the same framework code where this cooperative has results."""
    current = assessment.round
    return (
        round_results_for_cooperative(assessment.cooperative_id)
        .filter(round__framework__code=current.framework.code)
        .filter(Q(round__opens_on__lt=current.opens_on) | Q(round__opens_on=current.opens_on, round__pk__lt=current.pk))
        .select_related("round")
        .order_by("-round__opens_on", "-round__pk")
        .first()
    )


def round_results_for_cooperative(cooperative_id):
    return Assessment.objects.filter(cooperative_id=cooperative_id, status__in=RESULT_STATUSES)


def _dimension_means(queryset):
    return {
        row["dimension__code"]: row["mean"]
        for row in DimensionScore.objects.filter(assessment__in=queryset)
        .values("dimension__code")
        .annotate(mean=Avg("score"))
        .order_by()
    }


def recommended_courses(cooperative, codes):
    """{dimension code: [live courses tagged with it that no member of the cooperative completed]}."""
    if not codes:
        return {}
    completed = Enrolment.objects.filter(user__cooperative=cooperative, completed_at__isnull=False).values("course_id")
    tagged = (
        CourseDimensionTag.objects.annotate(code=Upper("tag__name"))
        .filter(code__in=[c.upper() for c in codes], content_object__live=True)
        .exclude(content_object_id__in=completed)
        .select_related("content_object")
        .order_by("content_object__title")
    )
    result = {code: [] for code in codes}
    upper_to_code = {c.upper(): c for c in codes}
    for item in tagged:
        result[upper_to_code[item.code]].append(item.content_object)
    return result


def report_card(assessment) -> ReportCard:
    """Everything the Rapor kesiapan koperasi shows, in a constant number of queries."""
    evaluation_round = assessment.round
    framework = evaluation_round.framework
    cooperative = assessment.cooperative
    dimensions = list(framework.dimensions.order_by("sort_order", "pk"))
    own = {s.dimension_id: s for s in DimensionScore.objects.filter(assessment=assessment)}
    previous = previous_assessment(assessment)
    previous_scores = _scores_by_assessment([previous.pk]).get(previous.pk, {}) if previous is not None else {}
    results = round_results(evaluation_round)
    same_jenis = results.filter(cooperative__jenis=cooperative.jenis)
    district = results.aggregate(mean=Avg("overall"), n=Count("pk"))
    jenis = same_jenis.aggregate(mean=Avg("overall"), n=Count("pk"))
    district_dimensions = _dimension_means(results)
    jenis_dimensions = _dimension_means(same_jenis)

    lines = []
    for dimension in dimensions:
        stored = own.get(dimension.pk)
        score = stored.score if stored else None
        previous_score = previous_scores.get(dimension.code)
        lines.append(
            DimensionLine(
                code=dimension.code,
                name=dimension.name,
                weight=dimension.weight,
                score=score,
                self_score=stored.self_score if stored else None,
                previous=previous_score,
                change=scoring.change(previous_score, score),
                district_mean=district_dimensions.get(dimension.code),
                jenis_mean=jenis_dimensions.get(dimension.code),
            )
        )
    ranked = scoring.priorities({line.code: line.score for line in lines}, {line.code: line.weight for line in lines})
    by_code = {line.code: line for line in lines}
    for code, value in ranked:
        by_code[code].priority = value
    top = [by_code[code] for code, _value in ranked[:3]]
    courses = recommended_courses(cooperative, [line.code for line in top])
    for line in top:
        line.courses = courses.get(line.code, [])
    return ReportCard(
        assessment=assessment,
        evaluation_round=evaluation_round,
        cooperative=cooperative,
        band_label=scoring.band_label(assessment.level, framework.band_list()),
        lines=lines,
        previous_assessment=previous,
        overall_change=scoring.change(previous.overall, assessment.overall) if previous else None,
        district_mean=district["mean"],
        district_count=district["n"],
        jenis_mean=jenis["mean"],
        jenis_count=jenis["n"],
        priorities=top,
    )


# --- follow-up of an open round ------------------------------------------------------------

FOLLOW_UP_NOT_STARTED = "belum_mulai"
# What the follow-up filter offers: not started, still a draft, or a result (submitted or verified).
FOLLOW_UP_FILTERS = {
    FOLLOW_UP_NOT_STARTED: [FOLLOW_UP_NOT_STARTED],
    Assessment.STATUS_DRAFT: [Assessment.STATUS_DRAFT],
    Assessment.STATUS_SUBMITTED: list(RESULT_STATUSES),
}
FOLLOW_UP_NOT_DONE = [FOLLOW_UP_NOT_STARTED, Assessment.STATUS_DRAFT]


def follow_up_cooperatives(evaluation_round, *, kecamatan_id=None, jenis=""):
    """Every active cooperative with where it stands in ``evaluation_round``, in one query.

    Each row carries ``round_status`` (``belum_mulai``, ``draft``, ``submitted`` or
    ``verified``) and the pengurus to remind: ``pengurus_phone`` and ``pengurus_name`` of
    the first active pengurus with a phone number (else the first one, with no phone).
    """
    User = get_user_model()
    status = Assessment.objects.filter(round=evaluation_round, cooperative=OuterRef("pk")).values("status")[:1]
    pengurus = (
        User.objects.filter(cooperative=OuterRef("pk"), cooperative_role=User.ROLE_PENGURUS, is_active=True)
        .annotate(no_phone=Case(When(Q(phone__isnull=True) | Q(phone=""), then=Value(1)), default=Value(0)))
        .order_by("no_phone", "pk")
    )
    full_name = Concat("first_name", Value(" "), "last_name", output_field=CharField())
    cooperatives = (
        Cooperative.objects.filter(is_active=True)
        .select_related("kecamatan")
        .only("pk", "nik", "nama", "jenis", "desa", "kecamatan__name")
        .annotate(
            round_status=Coalesce(Subquery(status), Value(FOLLOW_UP_NOT_STARTED), output_field=CharField()),
            pengurus_phone=Subquery(pengurus.values("phone")[:1]),
            pengurus_name=Subquery(pengurus.annotate(full_name=full_name).values("full_name")[:1]),
            pengurus_username=Subquery(pengurus.values("username")[:1]),
        )
        .order_by(Lower("nama"), "pk")
    )
    if kecamatan_id:
        cooperatives = cooperatives.filter(kecamatan_id=kecamatan_id)
    if jenis:
        cooperatives = cooperatives.filter(jenis=jenis)
    return cooperatives


def follow_up_counts(cooperatives):
    """{status filter: number of cooperatives} for ``follow_up_cooperatives`` rows, plus ``total``."""
    counts = dict.fromkeys(FOLLOW_UP_FILTERS, 0)
    total = 0
    for row in cooperatives.order_by().values("round_status").annotate(n=Count("pk")):
        total += row["n"]
        for name, statuses in FOLLOW_UP_FILTERS.items():
            if row["round_status"] in statuses:
                counts[name] += row["n"]
    return {**counts, "total": total}


# --- dimension names --------------------------------------------------------------------------


def dimension_names(today=None):
    """{code: name} of the dimensions of the current framework, in one query.

    The current framework is the one of the latest round that has opened (what
    cooperatives were last measured with), else the newest framework loaded.
    """
    today = today or timezone.localdate()
    latest_round = (
        EvaluationRound.objects.filter(opens_on__lte=today).order_by("-opens_on", "-pk").values("framework_id")[:1]
    )
    newest = Framework.objects.order_by("-pk").values("pk")[:1]
    rows = Dimension.objects.filter(framework_id=Coalesce(Subquery(latest_round), Subquery(newest))).values_list(
        "code", "name"
    )
    return {code.upper(): name for code, name in rows}


def dimension_label(code, name):
    """How a dimension is named to people: ``D1 · Strategi dan kepemimpinan`` (the code alone without a name)."""
    return f"{code} · {name}" if name else code

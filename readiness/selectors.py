"""Reads for readiness: exports, round summaries and the report card.

Everything here reads the stored scores (never recomputes them) and runs a fixed number
of queries however many rounds, dimensions or cooperatives there are.
"""

from dataclasses import dataclass, field
from itertools import islice

from django.db.models import Avg, Count, Q
from django.db.models.functions import Upper

from . import scoring
from .models import Assessment, DimensionScore, EvaluationRound

RESULT_STATUSES = (Assessment.STATUS_SUBMITTED, Assessment.STATUS_VERIFIED)
CHUNK_SIZE = 500


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


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def iter_export_rows(evaluation_round, compare_round=None):
    """Yield one dict per assessed cooperative, unrounded, in NIK order.

    Works in chunks (three queries per 500 cooperatives), so memory stays flat.
    """
    codes = dimension_codes(evaluation_round.framework)
    queryset = (
        round_results(evaluation_round)
        .select_related("cooperative__kecamatan")
        .order_by("cooperative__nik")
        .only(
            "pk",
            "status",
            "overall",
            "level",
            "cooperative__nik",
            "cooperative__nama",
            "cooperative__jenis",
            "cooperative__kecamatan__name",
        )
    )
    for chunk in _chunks(queryset.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        scores = _scores_by_assessment([a.pk for a in chunk])
        previous = {}
        previous_scores = {}
        if compare_round is not None:
            previous = {
                a.cooperative_id: a
                for a in round_results(compare_round)
                .filter(cooperative_id__in=[a.cooperative_id for a in chunk])
                .only("pk", "cooperative_id", "overall")
            }
            previous_scores = _scores_by_assessment([a.pk for a in previous.values()])
        for assessment in chunk:
            cooperative = assessment.cooperative
            dimension_scores = {code: scores.get(assessment.pk, {}).get(code) for code in codes}
            change = None
            before = previous.get(assessment.cooperative_id)
            if before is not None:
                before_scores = previous_scores.get(before.pk, {})
                change = {
                    "overall": scoring.change(before.overall, assessment.overall),
                    "dimensions": {
                        code: scoring.change(before_scores.get(code), dimension_scores[code]) for code in codes
                    },
                }
            yield {
                "nik": cooperative.nik,
                "nama": cooperative.nama,
                "jenis": cooperative.jenis,
                "kecamatan": cooperative.kecamatan.name,
                "status": assessment.status,
                "overall": assessment.overall,
                "level": assessment.level,
                "dimensions": dimension_scores,
                "change": change,
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


def iter_export_table(evaluation_round, compare_round=None):
    """Flat rows for CSV/XLSX in the order of ``export_header``."""
    codes = dimension_codes(evaluation_round.framework)
    for row in iter_export_rows(evaluation_round, compare_round):
        row = rounded_row(row)
        change = row["change"] or {"overall": None, "dimensions": {}}
        values = [row["nik"], row["nama"], row["jenis"], row["kecamatan"], row["status"], row["overall"], row["level"]]
        values.append(change["overall"])
        for code in codes:
            values += [row["dimensions"][code], change["dimensions"].get(code)]
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
    from courses.models import CourseDimensionTag, Enrolment

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

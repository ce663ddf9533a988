"""Reads for the district reports, aggregated in the database.

Every function here runs a fixed number of queries however many cooperatives there
are: counts and means come from ``aggregate``/``annotate``/``values`` and Python only
loops over groups (levels, dimensions, kecamatan, jenis), never over all assessments.
The dashboard of one round reads the per-round aggregates (``readiness.aggregates``:
counts and exact sums per kecamatan, jenis, level and dimension), not the results.
Values are the stored, unrounded scores (PRODUCT.md section 3); tables round to one
decimal when they are shown or downloaded.

Views call these inside ``reports.routers.report_reads()`` so that the reads may go to
a read replica.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.shortcuts import get_object_or_404

from cooperatives.models import Cooperative, Kecamatan
from courses.models import Enrolment
from quizzes.selectors import learning_gain_report
from readiness import aggregates, scoring
from readiness.models import (
    Assessment,
    DimensionAggregate,
    DimensionScore,
    EvaluationRound,
    RegistryAggregate,
    RoundAggregate,
)

from .models import ExportJob

RESULT_STATUSES = (Assessment.STATUS_SUBMITTED, Assessment.STATUS_VERIFIED)

# A change whose size is below this counts as "unchanged": it is exactly the changes
# that show as 0.0 once rounded to one decimal, as every report and export shows them.
UNCHANGED_TOLERANCE = 0.05

TOP_CHANGES = 10


@dataclass(frozen=True)
class Scope:
    """Which cooperatives a report covers: all, or one kecamatan and/or one jenis."""

    kecamatan: Kecamatan | None = None
    jenis: str = ""

    @property
    def jenis_label(self):
        return jenis_label(self.jenis) if self.jenis else ""

    def cooperatives(self):
        queryset = Cooperative.objects.all()
        if self.kecamatan is not None:
            queryset = queryset.filter(kecamatan=self.kecamatan)
        if self.jenis:
            queryset = queryset.filter(jenis=self.jenis)
        return queryset

    def results(self, evaluation_round):
        """Submitted and verified assessments of the round in scope (drafts are not results)."""
        queryset = Assessment.objects.filter(round=evaluation_round, status__in=RESULT_STATUSES)
        if self.kecamatan is not None:
            queryset = queryset.filter(cooperative__kecamatan=self.kecamatan)
        if self.jenis:
            queryset = queryset.filter(cooperative__jenis=self.jenis)
        return queryset


ALL = Scope()


# --- rounds ---------------------------------------------------------------------------


def rounds():
    """Every round, newest first, with its framework (for the round choosers)."""
    return EvaluationRound.objects.select_related("framework").order_by("-opens_on", "-pk")


def default_round():
    """The newest round that has results, else the newest round (None without rounds).

    A round that has just opened has no results yet; the dashboard starts where there is
    something to read. Read from the aggregates: a round of drafts alone has no rows there
    with results.
    """
    with_results = RoundAggregate.objects.filter(round=OuterRef("pk"), results__gt=0)
    return rounds().filter(Exists(with_results)).first() or rounds().first()


def previous_round(evaluation_round):
    """The latest earlier round of the same framework code, or None."""
    if evaluation_round is None:
        return None
    return (
        rounds()
        .filter(framework__code=evaluation_round.framework.code)
        .filter(
            Q(opens_on__lt=evaluation_round.opens_on)
            | Q(opens_on=evaluation_round.opens_on, pk__lt=evaluation_round.pk)
        )
        .first()
    )


def band_labels(framework):
    return [band.label for band in framework.band_list()]


def jenis_label(code):
    return str(dict(Cooperative.JENIS_CHOICES).get(code, code))


# --- the dashboard of one round --------------------------------------------------------


@dataclass
class Overview:
    registered: int
    assessed: int
    mean_overall: float | None

    @property
    def coverage(self):
        """Assessed cooperatives as a percentage of registered ones (None without any)."""
        return 100 * self.assessed / self.registered if self.registered else None


@dataclass
class LevelRow:
    level: int | None
    label: str
    minimum: float | None
    count: int
    percent: float | None


@dataclass
class DimensionRow:
    code: str
    name: str
    mean: float | None
    count: int


@dataclass
class GroupRow:
    key: object
    label: str
    registered: int
    assessed: int
    mean_overall: float | None

    @property
    def coverage(self):
        return 100 * self.assessed / self.registered if self.registered else None


def registered_cooperatives(evaluation_round, scope=ALL):
    """Active cooperatives in scope, plus any inactive one that has a result in the round.

    So coverage never exceeds 100 %: every assessed cooperative is also registered.
    """
    assessed = scope.results(evaluation_round).values("cooperative_id")
    return scope.cooperatives().filter(Q(is_active=True) | Q(pk__in=assessed))


def _scoped(queryset, scope):
    if scope.kecamatan is not None:
        queryset = queryset.filter(kecamatan=scope.kecamatan)
    if scope.jenis:
        queryset = queryset.filter(jenis=scope.jenis)
    return queryset


def _round_aggregates(model, evaluation_round, scope):
    return _scoped(model.objects.filter(round=evaluation_round), scope)


def _active_cooperatives(scope):
    """The registry's active cooperatives in scope, from ``RegistryAggregate`` (never counted row by row)."""
    return _scoped(RegistryAggregate.objects.all(), scope)


def _totals(queryset):
    """Sum the aggregate fields (as ints: PostgreSQL sums bigints as numeric)."""
    sums = queryset.aggregate(
        assessed=Sum("results"),
        inactive=Sum("inactive_results"),
        count=Sum("overall_count"),
        total=Sum("overall_sum"),
    )
    return {name: int(value or 0) for name, value in sums.items()}


def overview(evaluation_round, scope=ALL):
    totals = _totals(_round_aggregates(RoundAggregate, evaluation_round, scope))
    active = int(_active_cooperatives(scope).aggregate(n=Sum("active"))["n"] or 0)
    return Overview(
        registered=active + totals["inactive"],
        assessed=totals["assessed"],
        mean_overall=aggregates.mean(totals["total"], totals["count"]),
    )


def level_distribution(evaluation_round, scope=ALL):
    """One row per band of the round's framework (and one for results without an index)."""
    counts = {}
    for row in (
        _round_aggregates(RoundAggregate, evaluation_round, scope).values("level").annotate(n=Sum("results")).order_by()
    ):
        if row["n"]:
            counts[None if row["level"] == aggregates.LEVEL_NONE else row["level"]] = int(row["n"])
    total = sum(counts.values())
    rows = [
        LevelRow(
            level=level,
            label=band.label,
            minimum=band.min,
            count=counts.get(level, 0),
            percent=100 * counts.get(level, 0) / total if total else None,
        )
        for level, band in enumerate(evaluation_round.framework.band_list())
    ]
    if counts.get(None):
        rows.append(LevelRow(None, "Tanpa indeks", None, counts[None], 100 * counts[None] / total))
    return rows


def dimension_means(evaluation_round, scope=ALL):
    """Mean stored score per dimension of the round's framework, in the framework's order."""
    means = {
        row["dimension_id"]: (int(row["n"] or 0), int(row["total"] or 0))
        for row in _round_aggregates(DimensionAggregate, evaluation_round, scope)
        .values("dimension_id")
        .annotate(n=Sum("count"), total=Sum("sum"))
        .order_by()
    }
    rows = []
    for dimension in evaluation_round.framework.dimensions.order_by("sort_order", "pk"):
        count, total = means.get(dimension.pk, (0, 0))
        rows.append(
            DimensionRow(code=dimension.code, name=dimension.name, mean=aggregates.mean(total, count), count=count)
        )
    return rows


def _group_rows(evaluation_round, scope, key, label_key):
    """Rows per ``key`` (``kecamatan_id`` or ``jenis``: the same name in every aggregate):
    active cooperatives from the registry's aggregate, results from the round's."""
    active = {
        row[key]: row for row in _active_cooperatives(scope).values(key, label_key).annotate(n=Sum("active")).order_by()
    }
    assessed = {
        row[key]: row
        for row in _round_aggregates(RoundAggregate, evaluation_round, scope)
        .values(key)
        .annotate(
            n=Sum("results"), inactive=Sum("inactive_results"), count=Sum("overall_count"), total=Sum("overall_sum")
        )
        .order_by()
    }
    rows = []
    for group in set(active) | set(assessed):
        active_row = active.get(group, {})
        assessed_row = assessed.get(group, {})
        registered = int(active_row.get("n") or 0) + int(assessed_row.get("inactive") or 0)
        results = int(assessed_row.get("n") or 0)
        if not registered and not results:
            continue  # only rows of zeros left by results that were taken out
        rows.append(
            GroupRow(
                key=group,
                label=active_row.get(label_key) or group,
                registered=registered,
                assessed=results,
                mean_overall=aggregates.mean(int(assessed_row.get("total") or 0), int(assessed_row.get("count") or 0)),
            )
        )
    return rows


def by_kecamatan(evaluation_round, scope=ALL):
    """Registered, assessed and mean index per kecamatan, by name."""
    rows = _group_rows(evaluation_round, scope, "kecamatan_id", "kecamatan__name")
    missing = [row for row in rows if row.label == row.key]
    if missing:
        # An inactive cooperative's kecamatan with a result is always registered, so this
        # only happens if data changed between the two queries; name it anyway.
        names = dict(Kecamatan.objects.filter(pk__in=[row.key for row in missing]).values_list("pk", "name"))
        for row in missing:
            row.label = names.get(row.key, str(row.key))
    return sorted(rows, key=lambda row: str(row.label))


def by_jenis(evaluation_round, scope=ALL):
    """Registered, assessed and mean index per cooperative type, in the registry's order."""
    rows = _group_rows(evaluation_round, scope, "jenis", "jenis")
    order = [code for code, _label in Cooperative.JENIS_CHOICES]
    for row in rows:
        row.label = jenis_label(row.key)
    return sorted(rows, key=lambda row: order.index(row.key) if row.key in order else len(order))


def cooperative_results(evaluation_round, scope=ALL):
    """The round's results in scope with their cooperatives, by name (for the paginated list)."""
    return (
        scope.results(evaluation_round)
        .select_related("cooperative__kecamatan")
        .only(
            "pk",
            "round_id",
            "cooperative_id",
            "status",
            "overall",
            "level",
            "cooperative__nik",
            "cooperative__nama",
            "cooperative__jenis",
            "cooperative__kecamatan__name",
        )
        .order_by("cooperative__nama", "pk")
    )


# --- comparing two rounds ---------------------------------------------------------------


def comparable(round_a, round_b):
    """Rounds compare only within one framework code (PRODUCT.md section 3)."""
    return round_a.pk != round_b.pk and round_a.framework.code == round_b.framework.code


def paired_results(round_a, round_b, scope=ALL):
    """Round B's results with an index whose cooperative also has one in round A.

    Annotated with ``overall_before``, ``level_before`` and ``delta`` (R_B − R_A).
    """
    before = Assessment.objects.filter(
        round=round_a, status__in=RESULT_STATUSES, cooperative_id=OuterRef("cooperative_id")
    ).order_by()
    return (
        scope.results(round_b)
        .filter(overall__isnull=False)
        .annotate(
            overall_before=Subquery(before.values("overall")[:1]),
            level_before=Subquery(before.values("level")[:1]),
        )
        .filter(overall_before__isnull=False)
        .annotate(delta=F("overall") - F("overall_before"))
    )


@dataclass
class ChangeSummary:
    paired: int
    improved: int
    unchanged: int
    declined: int
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None


def change_summary(round_a, round_b, scope=ALL):
    totals = paired_results(round_a, round_b, scope).aggregate(
        paired=Count("pk"),
        improved=Count("pk", filter=Q(delta__gte=UNCHANGED_TOLERANCE)),
        declined=Count("pk", filter=Q(delta__lte=-UNCHANGED_TOLERANCE)),
        mean_before=Avg("overall_before"),
        mean_after=Avg("overall"),
        mean_change=Avg("delta"),
    )
    return ChangeSummary(
        paired=totals["paired"],
        improved=totals["improved"],
        unchanged=totals["paired"] - totals["improved"] - totals["declined"],
        declined=totals["declined"],
        mean_before=totals["mean_before"],
        mean_after=totals["mean_after"],
        mean_change=totals["mean_change"],
    )


def largest_changes(round_a, round_b, scope=ALL, *, limit=TOP_CHANGES):
    """(largest improvements, largest declines): at most ``limit`` assessments each."""
    paired = paired_results(round_a, round_b, scope).select_related("cooperative__kecamatan")
    improved = paired.filter(delta__gte=UNCHANGED_TOLERANCE).order_by("-delta", "cooperative__nama")[:limit]
    declined = paired.filter(delta__lte=-UNCHANGED_TOLERANCE).order_by("delta", "cooperative__nama")[:limit]
    return list(improved), list(declined)


def _before_dimension_score(round_a):
    return Subquery(
        DimensionScore.objects.filter(
            assessment__round=round_a,
            assessment__status__in=RESULT_STATUSES,
            assessment__cooperative_id=OuterRef("assessment__cooperative_id"),
            dimension__code=OuterRef("dimension__code"),
        )
        .order_by()
        .values("score")[:1]
    )


def paired_dimension_scores(round_a, round_b, scope=ALL):
    """Round B's dimension scores with the same dimension (by code) scored in round A."""
    return (
        DimensionScore.objects.filter(assessment__in=scope.results(round_b), score__isnull=False)
        .annotate(before=_before_dimension_score(round_a))
        .filter(before__isnull=False)
        .annotate(delta=F("score") - F("before"))
    )


@dataclass
class DimensionChangeRow:
    code: str
    name: str
    paired: int
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None
    improved: int
    declined: int


def dimension_changes(round_a, round_b, scope=ALL):
    """Per dimension of round B's framework: the mean change where both rounds have a score."""
    groups = {
        row["dimension__code"]: row
        for row in paired_dimension_scores(round_a, round_b, scope)
        .values("dimension__code")
        .annotate(
            n=Count("pk"),
            mean_before=Avg("before"),
            mean_after=Avg("score"),
            mean_change=Avg("delta"),
            improved=Count("pk", filter=Q(delta__gte=UNCHANGED_TOLERANCE)),
            declined=Count("pk", filter=Q(delta__lte=-UNCHANGED_TOLERANCE)),
        )
        .order_by()
    }
    rows = []
    for dimension in round_b.framework.dimensions.order_by("sort_order", "pk"):
        group = groups.get(dimension.code, {})
        rows.append(
            DimensionChangeRow(
                code=dimension.code,
                name=dimension.name,
                paired=group.get("n", 0),
                mean_before=group.get("mean_before"),
                mean_after=group.get("mean_after"),
                mean_change=group.get("mean_change"),
                improved=group.get("improved", 0),
                declined=group.get("declined", 0),
            )
        )
    return rows


@dataclass
class CrossTable:
    """Counts of cooperatives by level in round A (rows) × level in round B (columns)."""

    row_labels: list
    column_labels: list
    counts: list  # counts[level_a][level_b]
    total: int = 0

    @property
    def rows(self):
        return list(zip(self.row_labels, self.counts, strict=True))


def level_cross_table(round_a, round_b, scope=ALL):
    row_labels = band_labels(round_a.framework)
    column_labels = band_labels(round_b.framework)
    counts = [[0] * len(column_labels) for _label in row_labels]
    total = 0
    for row in (
        paired_results(round_a, round_b, scope).values("level_before", "level").annotate(n=Count("pk")).order_by()
    ):
        before, after = row["level_before"], row["level"]
        if before is None or after is None or before >= len(row_labels) or after >= len(column_labels):
            continue
        counts[before][after] += row["n"]
        total += row["n"]
    return CrossTable(row_labels=row_labels, column_labels=column_labels, counts=counts, total=total)


# --- training and readiness ------------------------------------------------------------


def course_participation(scope=ALL):
    """Per cooperative: members (Staf and Pengurus), enrolments, completed courses, learners."""
    completed = Q(members__enrolments__completed_at__isnull=False)
    return (
        scope.cooperatives()
        .select_related("kecamatan")
        .annotate(
            member_count=Count("members", distinct=True),
            staff_count=Count("members", filter=Q(members__cooperative_role="staf"), distinct=True),
            learner_count=Count("members", filter=Q(members__enrolments__isnull=False), distinct=True),
            enrolment_count=Count("members__enrolments", distinct=True),
            completion_count=Count("members__enrolments", filter=completed, distinct=True),
            completer_count=Count("members", filter=completed, distinct=True),
        )
        .order_by("nama", "pk")
    )


def learning_gain(viewer):
    """Hake gain per course with a pre-test and post-test (the quizzes app's selector)."""
    return learning_gain_report(viewer)


@dataclass
class GroupChange:
    count: int = 0
    mean_change: float | None = None


@dataclass
class AssociationRow:
    code: str
    name: str
    trained: GroupChange = field(default_factory=GroupChange)
    untrained: GroupChange = field(default_factory=GroupChange)

    @property
    def difference(self):
        if self.trained.mean_change is None or self.untrained.mean_change is None:
            return None
        return self.trained.mean_change - self.untrained.mean_change


def completed_tagged_course(round_b):
    """Exists: a member of the dimension score's cooperative completed a course tagged with
    that dimension's code, no later than round B closed (any time, while it is open)."""
    completions = Enrolment.objects.filter(
        user__cooperative_id=OuterRef("assessment__cooperative_id"),
        completed_at__isnull=False,
        course__dimension_tagged_items__tag__name__iexact=OuterRef("dimension__code"),
    )
    if round_b.closes_on is not None:
        completions = completions.filter(completed_at__date__lte=round_b.closes_on)
    return Exists(completions)


def training_association(round_a, round_b, scope=ALL):
    """Per dimension: mean change A → B for cooperatives that completed a course tagged with
    it versus those that did not. An association between two groups, not an effect."""
    groups = {}
    rows = (
        paired_dimension_scores(round_a, round_b, scope)
        .annotate(trained=completed_tagged_course(round_b))
        .values("dimension__code", "trained")
        .annotate(n=Count("pk"), mean_change=Avg("delta"))
        .order_by()
    )
    for row in rows:
        groups[(row["dimension__code"], bool(row["trained"]))] = GroupChange(row["n"], row["mean_change"])
    return [
        AssociationRow(
            code=dimension.code,
            name=dimension.name,
            trained=groups.get((dimension.code, True), GroupChange()),
            untrained=groups.get((dimension.code, False), GroupChange()),
        )
        for dimension in round_b.framework.dimensions.order_by("sort_order", "pk")
    ]


def round_scoring_label(level, framework):
    return scoring.band_label(level, framework.band_list())


def visible_export_jobs(user):
    """Report export jobs whose progress and file ``user`` may see: analysts all, others
    only their own (a requester who is no longer an analyst still gets their file).

    Jobs of ``ExportJob.PERSONAL_KINDS`` (network tables) are seen only by their requester,
    and only while an analyst: another user's job answers 404."""
    if user.has_perm("reports.view_district_reports"):
        return ExportJob.objects.filter(Q(requested_by=user) | ~Q(kind__in=ExportJob.PERSONAL_KINDS))
    if not user.is_authenticated or not user.is_active:
        return ExportJob.objects.none()
    return ExportJob.objects.filter(requested_by=user).exclude(kind__in=ExportJob.PERSONAL_KINDS)


def get_visible_export_job_or_404(user, **lookup):
    return get_object_or_404(visible_export_jobs(user), **lookup)

"""Per-round aggregates of the results, kept up to date as results change.

``RoundAggregate`` (round × kecamatan × jenis × level) and ``DimensionAggregate`` (round ×
kecamatan × jenis × dimension) hold counts and sums, and ``RegistryAggregate`` (kecamatan ×
jenis) the number of active cooperatives, so the district dashboard reads a few hundred
rows at any scale. Every write that changes a result (submit, verify, import, an
assessment deleted) or a cooperative (created, imported, moved to another kecamatan or
jenis, made (in)active, deleted) first removes the old contribution and then adds the new
one, inside the transaction of the write. ``rebuild()`` (``manage.py
rebuild_readiness_aggregates``) recomputes everything from the cooperatives and
assessments, for data written around the services (bulk loads, fixtures).

Sums are whole nano-points: ``round(value × NANO)`` per stored score, added as integers,
so adding and removing in any order gives exactly the sum a recomputation gives, and a
mean is ``sum / (count × NANO)`` (within 1e-9 of the mean of the stored floats).
"""

from collections import Counter, defaultdict

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F

from cooperatives.models import Cooperative

from .models import Assessment, DimensionAggregate, DimensionScore, RegistryAggregate, RoundAggregate

RESULT_STATUSES = (Assessment.STATUS_SUBMITTED, Assessment.STATUS_VERIFIED)
NANO = 10**9
LEVEL_NONE = -1
ROUND_FIELDS = ("results", "inactive_results", "overall_count", "overall_sum")
DIMENSION_FIELDS = ("count", "sum")
CHUNK = 5000


def nano(value):
    """A stored score in whole nano-points (the unit of the aggregates' sums)."""
    return round(value * NANO)


def mean(total, count):
    """The mean of ``count`` values whose nano-point sum is ``total`` (None without values)."""
    return total / (count * NANO) if count else None


def contributions(assessments=None):
    """({(round, kecamatan, jenis, level): [results, inactive, overall count, overall sum]},
    {(round, kecamatan, jenis, dimension): [count, sum]}) of the results among ``assessments``
    (a queryset; every assessment when None), read as the database has them now."""
    queryset = Assessment.objects.all() if assessments is None else assessments
    results = queryset.filter(status__in=RESULT_STATUSES).order_by()
    by_round = defaultdict(lambda: [0, 0, 0, 0])
    for round_id, kecamatan_id, jenis, active, level, overall in results.values_list(
        "round_id", "cooperative__kecamatan_id", "cooperative__jenis", "cooperative__is_active", "level", "overall"
    ).iterator(chunk_size=CHUNK):
        row = by_round[(round_id, kecamatan_id, jenis, LEVEL_NONE if level is None else level)]
        row[0] += 1
        if not active:
            row[1] += 1
        if overall is not None:
            row[2] += 1
            row[3] += nano(overall)
    by_dimension = defaultdict(lambda: [0, 0])
    scores = DimensionScore.objects.filter(score__isnull=False).order_by()
    if assessments is None:
        scores = scores.filter(assessment__status__in=RESULT_STATUSES)
    else:
        scores = scores.filter(assessment__in=results.values("pk"))
    for round_id, kecamatan_id, jenis, dimension_id, score in scores.values_list(
        "assessment__round_id",
        "assessment__cooperative__kecamatan_id",
        "assessment__cooperative__jenis",
        "dimension_id",
        "score",
    ).iterator(chunk_size=CHUNK):
        row = by_dimension[(round_id, kecamatan_id, jenis, dimension_id)]
        row[0] += 1
        row[1] += nano(score)
    return dict(by_round), dict(by_dimension)


def registry(cooperatives=None):
    """{(kecamatan, jenis): [active cooperatives]} among ``cooperatives`` (a queryset; every
    cooperative when None), read as the database has them now."""
    queryset = Cooperative.objects.all() if cooperatives is None else cooperatives
    rows = (
        queryset.filter(is_active=True)
        .order_by()
        .values("kecamatan_id", "jenis")
        .annotate(n=Count("pk"))
        .values_list("kecamatan_id", "jenis", "n")
    )
    return {(kecamatan_id, jenis): [n] for kecamatan_id, jenis, n in rows}


def recompute():
    """Every aggregate recomputed from the cooperatives and results: (by round, by dimension,
    registry), in the shape of ``stored()``."""
    return (*contributions(), registry())


def _bump(model, key, deltas):
    """Add ``deltas`` to the row of ``key`` (created when missing), in the database."""
    if not any(deltas.values()):
        return
    changes = {name: F(name) + value for name, value in deltas.items()}
    if model.objects.filter(**key).update(**changes):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, **deltas)
    except IntegrityError:  # created meanwhile by another transaction
        model.objects.filter(**key).update(**changes)


def _apply(found, sign):
    by_round, by_dimension = found
    for (round_id, kecamatan_id, jenis, level), values in by_round.items():
        key = {"round_id": round_id, "kecamatan_id": kecamatan_id, "jenis": jenis, "level": level}
        _bump(RoundAggregate, key, {name: sign * value for name, value in zip(ROUND_FIELDS, values, strict=True)})
    for (round_id, kecamatan_id, jenis, dimension_id), values in by_dimension.items():
        key = {"round_id": round_id, "kecamatan_id": kecamatan_id, "jenis": jenis, "dimension_id": dimension_id}
        _bump(DimensionAggregate, key, {name: sign * v for name, v in zip(DIMENSION_FIELDS, values, strict=True)})


def _apply_registry(found, sign):
    for (kecamatan_id, jenis), (active,) in found.items():
        _bump(RegistryAggregate, {"kecamatan_id": kecamatan_id, "jenis": jenis}, {"active": sign * active})


def remove(assessments):
    """Take the results among ``assessments`` (a queryset) out of the aggregates, as stored now.

    Call before changing them, inside the same transaction, then ``add`` after.
    """
    _apply(contributions(assessments), -1)


def add(assessments):
    """Put the results among ``assessments`` (a queryset) into the aggregates, as stored now."""
    _apply(contributions(assessments), 1)


def remove_cooperatives(pks):
    """Take cooperatives out of the aggregates (their registry count and their results), as
    stored now. Call before changing their kecamatan, jenis or activity (or deleting them),
    inside the same transaction, then ``add_cooperatives`` after."""
    pks = list(pks)
    if pks:
        _apply(contributions(of_cooperatives(pks)), -1)
        _apply_registry(registry(Cooperative.objects.filter(pk__in=pks)), -1)


def add_cooperatives(pks):
    """Put cooperatives (their registry count and their results) into the aggregates, as stored now."""
    pks = list(pks)
    if pks:
        _apply(contributions(of_cooperatives(pks)), 1)
        _apply_registry(registry(Cooperative.objects.filter(pk__in=pks)), 1)


def add_created_cooperatives(cooperatives):
    """Count cooperatives just created (instances, e.g. from ``bulk_create``; new ones have no results)."""
    counted = Counter((c.kecamatan_id, c.jenis) for c in cooperatives if c.is_active)
    _apply_registry({key: [n] for key, n in counted.items()}, 1)


def of_assessment(pk):
    return Assessment.objects.filter(pk=pk)


def of_cooperatives(pks):
    return Assessment.objects.filter(cooperative_id__in=list(pks))


def _rebuild_in_sql():
    """PostgreSQL: the same rows as ``contributions()`` by two INSERT … SELECT.

    ``round(x * 1e9::float8)`` is Python's ``nano``: the same IEEE product, rounded half to
    even (``rint``), so the sums are the same integers."""
    assessment, cooperative = Assessment._meta.db_table, Cooperative._meta.db_table
    score = DimensionScore._meta.db_table
    statuses = ", ".join(f"'{status}'" for status in RESULT_STATUSES)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {RoundAggregate._meta.db_table} "
            "(round_id, kecamatan_id, jenis, level, results, inactive_results, overall_count, overall_sum) "
            f"SELECT a.round_id, c.kecamatan_id, c.jenis, COALESCE(a.level, {LEVEL_NONE}), COUNT(*), "
            "SUM(CASE WHEN c.is_active THEN 0 ELSE 1 END), COUNT(a.overall), "
            f"COALESCE(SUM(round(a.overall * {NANO}::float8)::bigint), 0) "
            f"FROM {assessment} a JOIN {cooperative} c ON c.id = a.cooperative_id "
            f"WHERE a.status IN ({statuses}) GROUP BY 1, 2, 3, 4"
        )
        round_rows = cursor.rowcount
        cursor.execute(
            f"INSERT INTO {DimensionAggregate._meta.db_table} "
            '(round_id, kecamatan_id, jenis, dimension_id, count, "sum") '
            "SELECT a.round_id, c.kecamatan_id, c.jenis, s.dimension_id, COUNT(*), "
            f"SUM(round(s.score * {NANO}::float8)::bigint) "
            f"FROM {score} s JOIN {assessment} a ON a.id = s.assessment_id "
            f"JOIN {cooperative} c ON c.id = a.cooperative_id "
            f"WHERE s.score IS NOT NULL AND a.status IN ({statuses}) GROUP BY 1, 2, 3, 4"
        )
        return round_rows, cursor.rowcount


@transaction.atomic
def rebuild():
    """Recompute every aggregate from the stored cooperatives and results.

    Returns (round rows, dimension rows, registry rows)."""
    RoundAggregate.objects.all().delete()
    DimensionAggregate.objects.all().delete()
    RegistryAggregate.objects.all().delete()
    counted = registry()
    RegistryAggregate.objects.bulk_create(
        RegistryAggregate(kecamatan_id=k, jenis=j, active=n) for (k, j), (n,) in counted.items()
    )
    if connection.vendor == "postgresql":
        return (*_rebuild_in_sql(), len(counted))
    by_round, by_dimension = contributions()
    RoundAggregate.objects.bulk_create(
        (
            RoundAggregate(round_id=r, kecamatan_id=k, jenis=j, level=level, **dict(zip(ROUND_FIELDS, v, strict=True)))
            for (r, k, j, level), v in by_round.items()
        ),
        batch_size=1000,
    )
    DimensionAggregate.objects.bulk_create(
        (
            DimensionAggregate(
                round_id=r, kecamatan_id=k, jenis=j, dimension_id=d, **dict(zip(DIMENSION_FIELDS, v, strict=True))
            )
            for (r, k, j, d), v in by_dimension.items()
        ),
        batch_size=1000,
    )
    return len(by_round), len(by_dimension), len(counted)


def stored():
    """The aggregates as stored, in the shape of ``recompute()``, rows of zeros left out."""
    by_round = {
        (row[0], row[1], row[2], row[3]): list(row[4:])
        for row in RoundAggregate.objects.values_list("round_id", "kecamatan_id", "jenis", "level", *ROUND_FIELDS)
        if any(row[4:])
    }
    by_dimension = {
        (row[0], row[1], row[2], row[3]): list(row[4:])
        for row in DimensionAggregate.objects.values_list(
            "round_id", "kecamatan_id", "jenis", "dimension_id", *DIMENSION_FIELDS
        )
        if any(row[4:])
    }
    by_registry = {
        (kecamatan_id, jenis): [active]
        for kecamatan_id, jenis, active in RegistryAggregate.objects.values_list("kecamatan_id", "jenis", "active")
        if active
    }
    return by_round, by_dimension, by_registry

"""``export_readiness --format csv`` on PostgreSQL: the rows are made by the database and
streamed with ``COPY (SELECT …) TO STDOUT WITH CSV``, byte for byte what the Python path
(``selectors.iter_export_table`` through ``base.tabular.iter_csv``) writes.

How each of the Python path's rules is kept in SQL:

- Formula-like text (``base.tabular.FORMULA_STARTS``: ``= + - @``, tab, carriage return at
  the start) gets a leading ``'``, as ``safe_csv_value`` does; numbers are never touched.
- Empty text is sent as NULL, because COPY quotes an empty string (``""``) where Python's
  csv writer leaves the cell empty. Both quote a cell holding ``,`` ``"`` CR or LF and
  double the quotes inside it.
- Numbers are ``base.numbers.round_half_up(value, 1)`` written with ``repr``: the value's
  shortest decimal form (PostgreSQL's float output with ``extra_float_digits = 1`` is the
  same shortest form as Python's ``repr``) rounded half away from zero to one decimal,
  which is PostgreSQL's ``round(numeric, 1)``; a negative value that rounds to zero is
  written ``-0.0``, as Python writes the float ``-0.0``.
- A change is ``scoring.change``: the exact decimal difference of the two stored values'
  shortest forms (PostgreSQL's float output with ``extra_float_digits = 1`` is the same
  shortest form as Python's ``repr``), then the nearest double, then rounded as above.
- Rows end in CRLF like the csv module's: COPY sends one message per row ending in LF,
  which is replaced.
"""

from django.db import connection

from base.tabular import FORMULA_STARTS, iter_csv
from cooperatives.models import Cooperative, Kecamatan

from .models import Assessment, Dimension, DimensionScore
from .selectors import RESULT_STATUSES, export_header

WORK_MEM = "64MB"


def available():
    return connection.vendor == "postgresql"


def _literal(text):
    return "'" + str(text).replace("'", "''") + "'"


def _text(column):
    """A text cell as ``safe_csv_value`` writes it (NULL for empty, so COPY leaves it unquoted)."""
    escapes = {"\t": "E'\\t'", "\r": "E'\\r'"}
    starts = ", ".join(escapes.get(start) or _literal(start) for start in FORMULA_STARTS)
    return f"CASE WHEN left({column}, 1) IN ({starts}) THEN '''' || {column} ELSE NULLIF({column}, '') END"


def _change(before, after):
    """``scoring.change``: the exact difference of the shortest decimal forms, as a double."""
    return f"(({after})::text::numeric - ({before})::text::numeric)::float8"


def _pivot(round_id, dimension_id, name):
    """One pivoted score: at most one row per assessment and dimension, so MAX is that score."""
    return (
        f"MAX(rs.score) FILTER (WHERE r.round_id = {int(round_id)} AND rs.dimension_id = {int(dimension_id)}) AS {name}"
    )


def export_sql(evaluation_round, compare_round):
    """The SELECT whose rows are the CSV rows after the header (one text column per cell)."""
    assessment = Assessment._meta.db_table
    cooperative = Cooperative._meta.db_table
    kecamatan = Kecamatan._meta.db_table
    score = DimensionScore._meta.db_table
    statuses = ", ".join(_literal(status) for status in RESULT_STATUSES)
    dimensions = list(
        Dimension.objects.filter(framework=evaluation_round.framework_id)
        .order_by("sort_order", "pk")
        .values_list("code", "pk")
    )
    previous = {}
    if compare_round is not None:
        previous = dict(Dimension.objects.filter(framework=compare_round.framework_id).values_list("code", "pk"))
    compared = compare_round is not None
    # Every dimension score of both rounds in one pass, pivoted to one row per cooperative
    # (``s<i>`` this round's score of dimension i, ``ps<i>`` the compared round's score of the
    # dimension with the same code): one hash join and one aggregate, where a join per
    # dimension and round would build 2 × dimensions hash tables of the whole round.
    round_ids = [int(evaluation_round.pk)] + ([int(compare_round.pk)] if compared else [])
    pivots = []
    for index, (code, dimension_id) in enumerate(dimensions):
        pivots.append(_pivot(evaluation_round.pk, dimension_id, f"s{index}"))
        if compared and code in previous:
            pivots.append(_pivot(compare_round.pk, previous[code], f"ps{index}"))
    joins = [
        f"JOIN {cooperative} c ON c.id = a.cooperative_id",
        f"JOIN {kecamatan} k ON k.id = c.kecamatan_id",
    ]
    if compared:
        joins.append(
            f"LEFT JOIN {assessment} p ON p.cooperative_id = a.cooperative_id "
            f"AND p.round_id = {int(compare_round.pk)} AND p.status IN ({statuses})"
        )
    if pivots:
        joins.append(
            f"LEFT JOIN (SELECT r.cooperative_id, {', '.join(pivots)} "
            f"FROM {assessment} r JOIN {score} rs ON rs.assessment_id = r.id "
            f"WHERE r.round_id IN ({', '.join(str(pk) for pk in round_ids)}) AND r.status IN ({statuses}) "
            "GROUP BY r.cooperative_id) sc ON sc.cooperative_id = a.cooperative_id"
        )
    values = ["a.overall"]
    values.append(f"CASE WHEN p.id IS NOT NULL THEN {_change('p.overall', 'a.overall')} END" if compared else "NULL")
    for index, (code, _dimension_id) in enumerate(dimensions):
        values.append(f"sc.s{index}")
        if compared and code in previous:
            values.append(f"CASE WHEN p.id IS NOT NULL THEN {_change(f'sc.ps{index}', f'sc.s{index}')} END")
        else:
            values.append("NULL")
    names = [f"v{index}" for index in range(len(values))]
    texts = [_text("c.nik"), _text("c.nama"), _text("c.jenis"), _text("k.name"), _text("a.status"), "a.level::text"]
    base = (
        "SELECT c.nik AS o_nik, a.id AS o_id, "
        + ", ".join(f"{text} AS t{index}" for index, text in enumerate(texts))
        + ", "
        + ", ".join(f"({value})::float8 AS {name}" for value, name in zip(values, names, strict=True))
        + f" FROM {assessment} a "
        + " ".join(joins)
        + f" WHERE a.round_id = {int(evaluation_round.pk)} AND a.status IN ({statuses})"
    )
    kept = "o_nik, o_id, " + ", ".join(f"t{index}" for index in range(len(texts)))
    cells = [f"t{index}" for index in range(5)] + [_shown(names[0]), "t5"] + [_shown(v) for v in names[1:]]
    return _layered(base, kept, names, cells) + " ORDER BY o_nik, o_id"


def _shown(v):
    """``repr(round_half_up(x, 1))``: half away from zero on the shortest decimal form.

    Reads the columns ``_layered`` makes of the double ``v``: ``x_v`` its shortest decimal
    form, ``r_v`` that rounded; a negative value (or -0) that rounds to zero is ``-0.0``."""
    x, r = f"x_{v}", f"r_{v}"
    return f"CASE WHEN {x} IS NOT NULL THEN (CASE WHEN {r} = 0 AND left({x}, 1) = '-' THEN '-' ELSE '' END) || {r}::text END"


def _layered(base, kept, names, cells):
    """The cells of ``base`` (columns ``kept`` and the doubles ``names``), rounded in SQL.

    Each double is turned into text once and rounded once, a layer each (``OFFSET 0`` keeps
    PostgreSQL from folding the layers together, which would repeat those conversions in
    every expression that reads them): the conversions are most of the export's time.
    """
    texts = ", ".join(f"{v}::text AS x_{v}" for v in names)
    xs = ", ".join(f"x_{v}" for v in names)
    rounded = ", ".join(f"round(x_{v}::numeric, 1) AS r_{v}" for v in names)
    l1 = f"SELECT {kept}, {texts} FROM ({base} OFFSET 0) l0 OFFSET 0"
    l2 = f"SELECT {kept}, {xs}, {rounded} FROM ({l1}) l1 OFFSET 0"
    return f"SELECT {', '.join(cells)} FROM ({l2}) l2"


def rounding_sql_for_tests(count):
    """``repr(round_half_up(x, 1))`` for ``count`` doubles passed as parameters, in their order."""
    rows = ", ".join(f"({index}, %s::float8)" for index in range(count))
    base = f"SELECT ord AS o_id, x AS v0 FROM (VALUES {rows}) AS t(ord, x)"
    return _layered(base, "o_id", ["v0"], [_shown("v0")]) + " ORDER BY o_id"


def iter_csv_copy(evaluation_round, compare_round=None):
    """Yield the CSV text (no byte-order mark) as the database streams it."""
    header = export_header(evaluation_round)
    yield from iter_csv(header, (), bom=False)
    sql = export_sql(evaluation_round, compare_round)
    with connection.cursor() as cursor:
        # JIT off: the query's cost estimate is high enough for PostgreSQL to compile its
        # expressions, which took longer than the whole export (seconds, more under load).
        # work_mem: the pivot's hash and the final sort (tens of MB at 130,000 cooperatives)
        # stay in memory instead of spilling to disk in batches.
        cursor.execute(f"SET extra_float_digits = 1; SET jit = off; SET work_mem = '{WORK_MEM}'")
        try:
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as copy:
                for row in copy:
                    # One message per row: its LF becomes the csv module's CRLF.
                    yield bytes(row[:-1]).decode("utf-8") + "\r\n"
        finally:
            cursor.execute("RESET extra_float_digits; RESET jit; RESET work_mem")

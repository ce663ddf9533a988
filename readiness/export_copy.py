"""``export_readiness --format csv`` on PostgreSQL: the rows are made by the database and
streamed with ``COPY (SELECT …) TO STDOUT WITH CSV``, byte for byte what the Python path
(``selectors.iter_export_table`` through ``base.tabular.iter_csv``) writes.

How each of the Python path's rules is kept in SQL:

- Formula-like text (``base.tabular.FORMULA_STARTS``: ``= + - @``, tab, carriage return at
  the start) gets a leading ``'``, as ``safe_csv_value`` does; numbers are never touched.
- Empty text is sent as NULL, because COPY quotes an empty string (``""``) where Python's
  csv writer leaves the cell empty. Both quote a cell holding ``,`` ``"`` CR or LF and
  double the quotes inside it.
- Numbers are Python's ``round(value, 1)`` written with ``repr``: the exact binary value
  rounded half-to-even to one decimal. The database computes ``10 × value`` exactly as
  the sum of two doubles (Knuth's TwoSum of ``8x`` and ``2x``, both exact), rounds that to
  a whole number with the exact tie rule, and writes it as ``[-]N.D`` (``-0.0`` too).
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
    joins = [
        f"JOIN {cooperative} c ON c.id = a.cooperative_id",
        f"JOIN {kecamatan} k ON k.id = c.kecamatan_id",
    ]
    if compared:
        joins.append(
            f"LEFT JOIN {assessment} p ON p.cooperative_id = a.cooperative_id "
            f"AND p.round_id = {int(compare_round.pk)} AND p.status IN ({statuses})"
        )
    values = ["a.overall"]
    values.append(f"CASE WHEN p.id IS NOT NULL THEN {_change('p.overall', 'a.overall')} END" if compared else "NULL")
    for index, (code, dimension_id) in enumerate(dimensions):
        joins.append(
            f"LEFT JOIN {score} s{index} ON s{index}.assessment_id = a.id AND s{index}.dimension_id = {int(dimension_id)}"
        )
        values.append(f"s{index}.score")
        if compared and code in previous:
            joins.append(
                f"LEFT JOIN {score} ps{index} ON ps{index}.assessment_id = p.id "
                f"AND ps{index}.dimension_id = {int(previous[code])}"
            )
            values.append(f"CASE WHEN p.id IS NOT NULL THEN {_change(f'ps{index}.score', f's{index}.score')} END")
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


def _tenths(v):
    """The whole number nearest 10x, ties to even, decided exactly.

    (h − r) is exact, so the signs below are the signs of 10x − (r ± ½)."""
    above = f"((({v}_h - {v}_r) - 0.5::float8) + {v}_lo)"
    below = f"((({v}_h - {v}_r) + 0.5::float8) + {v}_lo)"
    r_even = f"(floor({v}_r / 2) * 2 = {v}_r)"
    return (
        f"{v}_r + CASE WHEN {above} > 0 THEN 1 WHEN {below} < 0 THEN -1 "
        f"WHEN {above} = 0 THEN CASE WHEN {r_even} THEN 0 ELSE 1 END "
        f"WHEN {below} = 0 THEN CASE WHEN {r_even} THEN 0 ELSE -1 END ELSE 0 END"
    )


def _shown(v):
    """``repr(round(x, 1))`` from the whole number of tenths (``-0.0`` for negative zero)."""
    negative = f"({v}_q < 0 OR ({v}_q = 0 AND ({v} < 0 OR {v}::text = '-0')))"
    return (
        f"CASE WHEN {v}_q IS NOT NULL THEN (CASE WHEN {negative} THEN '-' ELSE '' END) "
        f"|| (abs({v}_q)::bigint / 10)::text || '.' || mod(abs({v}_q)::bigint, 10)::text END"
    )


def _layered(base, kept, names, cells):
    """Wrap ``base`` (columns ``kept`` and the doubles ``names``) in the rounding layers;
    OFFSET 0 keeps each layer a subquery, so no expression is computed twice."""
    # 10x = h + lo exactly (TwoSum of 8x and 2x, both exact); r is a whole number nearest h.
    layer_1 = ", ".join(f"{v}, {v} * 8 AS {v}_a, {v} * 2 AS {v}_b, {v} * 8 + {v} * 2 AS {v}_h" for v in names)
    layer_2 = ", ".join(
        f"{v}, {v}_h, round({v}_h) AS {v}_r, ({v}_a - ({v}_h - ({v}_h - {v}_a))) + ({v}_b - ({v}_h - {v}_a)) AS {v}_lo"
        for v in names
    )
    layer_3 = ", ".join(f"{v}, {_tenths(v)} AS {v}_q" for v in names)
    return (
        f"SELECT {', '.join(cells)} FROM ("
        f"SELECT {kept}, {layer_3} FROM ("
        f"SELECT {kept}, {layer_2} FROM ("
        f"SELECT {kept}, {layer_1} FROM ({base} OFFSET 0) l0 OFFSET 0) l1 OFFSET 0) l2 OFFSET 0) l3"
    )


def rounding_sql_for_tests(count):
    """``repr(round(x, 1))`` for ``count`` doubles passed as parameters, in their order."""
    rows = ", ".join(f"({index}, %s::float8)" for index in range(count))
    base = f"SELECT ord AS o_id, x AS v0 FROM (VALUES {rows}) AS t(ord, x)"
    return _layered(base, "o_id", ["v0"], [_shown("v0")]) + " ORDER BY o_id"


def iter_csv_copy(evaluation_round, compare_round=None):
    """Yield the CSV text (no byte-order mark) as the database streams it."""
    header = export_header(evaluation_round)
    yield from iter_csv(header, (), bom=False)
    sql = export_sql(evaluation_round, compare_round)
    with connection.cursor() as cursor:
        cursor.execute("SET extra_float_digits = 1")
        with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as copy:
            for row in copy:
                # One message per row: its LF becomes the csv module's CRLF.
                yield bytes(row[:-1]).decode("utf-8") + "\r\n"

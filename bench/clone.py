"""``--clone N``: grow the generated data to N cooperatives in SQL, in seconds.

Clone ``i`` (from the number of generated cooperatives up to N − 1) copies generated
cooperative ``i mod generated``: its kecamatan, jenis and activity, and its assessments
of every round with their stored dimension scores. Users, answers and learning are not
cloned (the reports and exports read cooperatives, results and scores only). The result
aggregates are rebuilt afterwards, as after any bulk load.

PostgreSQL uses ``generate_series``; SQLite a recursive CTE (same statements otherwise).
"""

from django.db import connection, transaction

from cooperatives.models import Cooperative
from readiness import aggregates
from readiness.models import Assessment, DimensionScore

GENERATED_PREFIX = "3513"


def _series(start, stop):
    """A one-column (g) row source start..stop−1."""
    if connection.vendor == "postgresql":
        return f"(SELECT g FROM generate_series({int(start)}, {int(stop) - 1}) AS g)"
    return (
        f"(WITH RECURSIVE seq(g) AS (SELECT {int(start)} UNION ALL SELECT g + 1 FROM seq WHERE g < {int(stop) - 1}) "
        "SELECT g FROM seq)"
    )


def _padded(expression, width):
    if connection.vendor == "postgresql":
        return f"lpad(({expression})::text, {width}, '0')"
    return f"printf('%0{width}d', {expression})"


def clone(target, stdout=None):
    """Clone generated cooperatives (and their results) until there are ``target``. Returns the number added."""
    source_count = Cooperative.objects.filter(nik__startswith=GENERATED_PREFIX).count()
    if source_count == 0 or target <= source_count:
        return 0
    cooperative = Cooperative._meta.db_table
    assessment = Assessment._meta.db_table
    score = DimensionScore._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Every cloned row points at rows that exist (copied from checked ones), so the
            # deferred foreign-key checks, one trigger per row at COMMIT (minutes for millions
            # of scores), are skipped for this transaction only. The bench database's user is
            # the server's superuser.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("DROP TABLE IF EXISTS bench_clone_map")
        cursor.execute(
            "CREATE TEMP TABLE bench_clone_map AS "
            f"SELECT s.g AS g, src.id AS source_id, '{GENERATED_PREFIX}' || {_padded('s.g', 12)} AS nik "
            f"FROM {_series(source_count, target)} s "
            "JOIN (SELECT id, row_number() OVER (ORDER BY nik) - 1 AS position "
            f"FROM {cooperative} WHERE nik LIKE '{GENERATED_PREFIX}%%') src "
            f"ON src.position = s.g % {int(source_count)}"
        )
        cursor.execute(
            f"INSERT INTO {cooperative} (nik, nama, jenis, kecamatan_id, desa, jumlah_anggota, alamat, telepon, "
            "email, is_active, join_code, created_at, updated_at) "
            "SELECT m.nik, c.nama || ' salinan ' || m.g, c.jenis, c.kecamatan_id, c.desa, c.jumlah_anggota, "
            f"c.alamat, c.telepon, c.email, c.is_active, 'S' || {_padded('m.g', 11)}, c.created_at, c.updated_at "
            f"FROM bench_clone_map m JOIN {cooperative} c ON c.id = m.source_id"
        )
        cursor.execute("ALTER TABLE bench_clone_map ADD COLUMN clone_id integer")
        cursor.execute(
            f"UPDATE bench_clone_map SET clone_id = (SELECT c.id FROM {cooperative} c WHERE c.nik = bench_clone_map.nik)"
        )
        cursor.execute(
            f"INSERT INTO {assessment} (round_id, cooperative_id, status, source, overall, level, self_overall, "
            "submitted_at, verified_at, verification_note, created_at, updated_at) "
            "SELECT a.round_id, m.clone_id, a.status, a.source, a.overall, a.level, a.self_overall, "
            "a.submitted_at, a.verified_at, a.verification_note, a.created_at, a.updated_at "
            f"FROM bench_clone_map m JOIN {assessment} a ON a.cooperative_id = m.source_id"
        )
        cursor.execute(
            f"INSERT INTO {score} (assessment_id, dimension_id, score, self_score) "
            "SELECT clone.id, s.dimension_id, s.score, s.self_score FROM bench_clone_map m "
            f"JOIN {assessment} clone ON clone.cooperative_id = m.clone_id "
            f"JOIN {assessment} a ON a.cooperative_id = m.source_id AND a.round_id = clone.round_id "
            f"JOIN {score} s ON s.assessment_id = a.id"
        )
        cursor.execute("DROP TABLE bench_clone_map")
    added = target - source_count
    if stdout is not None:
        stdout.write(f"  cloned {added} koperasi (with their results) in SQL\n")
    aggregates.rebuild()
    return added

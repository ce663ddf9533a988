"""The benchmark's own database: never the developer's data.

PostgreSQL (``DATABASE_URL`` points at one): a database named ``<name>_bench`` on the same
server, dropped and created afresh each run. Otherwise a SQLite file under bench/results/.
A migrated, empty copy (``<name>_bench_tpl`` or bench/results/bench-template.sqlite3) is
kept as a template while the migrations and requirements stay the same, so a rerun does
not spend a minute migrating. Runs before Django is set up.
"""

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_RESULTS_DIR = PROJECT_DIR / "bench" / "results"
# BENCH_RESULTS_DIR moves the database, static files and JSON elsewhere (the tests use it);
# the migrated template stays in bench/results/ so every run can reuse it.
RESULTS_DIR = Path(os.environ.get("BENCH_RESULTS_DIR") or DEFAULT_RESULTS_DIR)
SQLITE_PATH = RESULTS_DIR / "bench.sqlite3"
SQLITE_TEMPLATE = DEFAULT_RESULTS_DIR / "bench-template.sqlite3"
TEMPLATE_KEYS = DEFAULT_RESULTS_DIR / "templates"


def bench_database_url(source_url):
    """The URL of the bench database derived from ``DATABASE_URL`` (or SQLite when unset)."""
    if not source_url or source_url.startswith("sqlite"):
        return f"sqlite:///{SQLITE_PATH}"
    parts = urlsplit(source_url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit(f"bench: unsupported database {parts.scheme!r}; use PostgreSQL or SQLite.")
    name = parts.path.lstrip("/") or "koperasi"
    if not name.endswith("_bench"):
        name += "_bench"
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def is_postgres(url):
    return not url.startswith("sqlite")


def schema_key():
    """Changes whenever a migration or a pinned requirement changes."""
    digest = hashlib.sha256()
    for path in sorted(PROJECT_DIR.glob("*/migrations/*.py")) + [PROJECT_DIR / "requirements.txt"]:
        digest.update(str(path.relative_to(PROJECT_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _admin_connection(url):
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(("postgresql", parts.netloc, "/postgres", parts.query, ""))
    return psycopg.connect(admin_url, autocommit=True), parts.path.lstrip("/")


def _key_file(template_name):
    return TEMPLATE_KEYS / f"{template_name}.key"


def _template_valid(template_name, key):
    path = _key_file(template_name)
    return path.exists() and path.read_text().strip() == key


def _remember_template(template_name, key):
    TEMPLATE_KEYS.mkdir(parents=True, exist_ok=True)
    _key_file(template_name).write_text(key)


def recreate(url):
    """Drop the bench database and create it empty, from the migrated template when valid.

    Returns True when it was created from the template (already migrated).
    """
    from psycopg import sql

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    DEFAULT_RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    key = schema_key()
    if not is_postgres(url):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        if _template_valid("sqlite", key) and SQLITE_TEMPLATE.exists():
            shutil.copyfile(SQLITE_TEMPLATE, SQLITE_PATH)
            return True
        # The test suite hands over the migrated database it already keeps (tests/baseline.py);
        # migrate still runs after the copy and would catch any migration it lacks.
        given = os.environ.get("BENCH_SQLITE_TEMPLATE")
        if given and Path(given).exists():
            shutil.copyfile(given, SQLITE_PATH)
            return True
        return False
    connection, name = _admin_connection(url)
    template = f"{name}_tpl"
    with connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        has_template = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
        if has_template and _template_valid(template, key):
            connection.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
            )
            return True
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return False


def save_template(url):
    """Keep the freshly migrated, still empty bench database as the template for next time."""
    from psycopg import sql

    key = schema_key()
    if not is_postgres(url):
        source = sqlite3.connect(SQLITE_PATH)
        target = sqlite3.connect(SQLITE_TEMPLATE)
        with target:
            source.backup(target)
        source.close()
        target.close()
        _remember_template("sqlite", key)
        return
    connection, name = _admin_connection(url)
    template = f"{name}_tpl"
    with connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(template)))
        # Copying needs the source without other sessions: Django's are closed by the caller.
        connection.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(template), sql.Identifier(name))
        )
    _remember_template(template, key)

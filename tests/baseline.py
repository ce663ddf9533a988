"""A fast ``serialized_rollback``: the rows the migrations leave, copied table by table.

Tests that commit (``transaction=True``, ``live_server``: the browser journeys, the
concurrency tests) empty every table afterwards, and ``serialized_rollback=True`` puts back
what the migrations made (the Wagtail root page and site, the role groups and their
permissions, the default readiness framework). Django does that by dumping every row to
JSON once and saving the rows back one model instance at a time before each such test
(0.8 s of CPU per test here). Here the same rows are copied as they are stored, without
the ORM: ``COPY … (FORMAT binary)`` on PostgreSQL, plain ``SELECT``/``INSERT`` on SQLite,
in one transaction (foreign keys are deferred, so table order does not matter), after
emptying those tables (the first such test of a run finds the rows still there; Django's
restore saves over them). Every table the flush empties is copied, so nothing the
migrations made is missed. Sequences are left as they are, as Django's restore leaves them.

Installed by tests/conftest.py; only the test database's creation object and PostgreSQL's
flush statements (below) are patched.
"""

import hashlib
import inspect
import os
import re
import sqlite3
import sys
import tempfile
from pathlib import Path

import django
from django.core import management
from django.db import DatabaseError, transaction
from django.db.backends.base.creation import BaseDatabaseCreation
from django.db.backends.postgresql.operations import DatabaseOperations as PostgreSQLOperations


class Rows:
    """The stored rows of every table, kept in the test process."""

    def __init__(self, tables):
        self.tables = tables  # {table: (columns, rows)} on SQLite, {table: bytes} on PostgreSQL


def _tables(connection):
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _dump_sqlite(connection):
    quote = connection.ops.quote_name
    tables = {}
    with connection.cursor() as cursor:
        for table in _tables(connection):
            columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
            # Unary + keeps each value as stored and hides the declared type, so the
            # connection's converters (dates, booleans) leave the values alone.
            selected = ", ".join(f"+{quote(column)}" for column in columns)
            cursor.execute(f"SELECT {selected} FROM {quote(table)}")
            rows = cursor.fetchall()
            if rows:
                tables[table] = (columns, rows)
    return Rows(tables)


def _load_sqlite(connection, data):
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for table in data.tables:  # the first such test finds the rows still there
            cursor.execute(f"DELETE FROM {quote(table)}")
        for table, (columns, rows) in data.tables.items():
            names = ", ".join(quote(column) for column in columns)
            marks = ", ".join("?" for _ in columns)
            cursor.cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)


EMPTY_BINARY_COPY = 21  # the header and trailer of a binary COPY without rows


def _dump_postgresql(connection):
    quote = connection.ops.quote_name
    tables = {}
    with connection.cursor() as cursor:
        for table in _tables(connection):
            with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT (FORMAT binary)") as copy:
                payload = b"".join(bytes(block) for block in copy)
            if len(payload) > EMPTY_BINARY_COPY:
                tables[table] = payload
    return Rows(tables)


def _load_postgresql(connection, data):
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # The first such test finds the rows still there (nothing has emptied the tables yet):
        # emptied with DELETE, not TRUNCATE (see "emptying the tables" below); every table
        # is looked at, so no row is left that points at a deleted one.
        for table in _filled_tables(cursor, quote, _tables(connection)):
            cursor.execute(f"DELETE FROM {quote(table)}")
        for table, payload in data.tables.items():
            with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN (FORMAT binary)") as copy:
                copy.write(payload)


def _filled_tables(cursor, quote, tables):
    probes = " UNION ALL ".join(f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})" for table in tables)
    cursor.execute(probes, list(tables))
    return [row[0] for row in cursor.fetchall()]


# --- emptying the tables after a test that committed (PostgreSQL) ----------------------------
#
# Django empties them with one TRUNCATE of every table: PostgreSQL makes new files for each
# table and index, about a second for this schema. A test leaves rows in a few tables only:
# those are emptied with DELETE, in one transaction (every foreign key is checked at the
# commit, deferred), which takes milliseconds. Sequences are not reset, as Django's flush
# leaves them unless asked; when asked, or when other tables may point at these (a test's
# ``available_apps``: TRUNCATE … CASCADE), Django's own statement is kept.


def _sql_flush_postgresql(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    if reset_sequences or allow_cascade or not tables:
        return _original["sql_flush"](self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
    with self.connection.cursor() as cursor:
        filled = _filled_tables(cursor, self.quote_name, tables)
    return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in filled]


_original = {
    "serialize": BaseDatabaseCreation.serialize_db_to_string,
    "deserialize": BaseDatabaseCreation.deserialize_db_from_string,
    "sql_flush": PostgreSQLOperations.sql_flush,
}


def _serialize(self):
    if self.connection.vendor == "sqlite":
        return _dump_sqlite(self.connection)
    if self.connection.vendor == "postgresql":
        return _dump_postgresql(self.connection)
    return _original["serialize"](self)


def _deserialize(self, data):
    if not isinstance(data, Rows):
        return _original["deserialize"](self, data)
    if self.connection.vendor == "sqlite":
        return _load_sqlite(self.connection, data)
    return _load_postgresql(self.connection, data)


# --- the migrated test database, made once and copied --------------------------------------
#
# Every xdist worker used to run all migrations for its own test database (half a minute
# of CPU each, and again on every run). The migrated database is now kept, named by a hash
# of every migration file of every installed app (ours, Django's, Wagtail's...) and the
# versions that run them, and each worker copies it: SQLite's backup API into the
# in-memory database, PostgreSQL's CREATE DATABASE … TEMPLATE. Any change to a migration
# changes the hash, so the next run migrates from scratch and keeps that copy instead.
# KOPERASI_TEST_DB_CACHE=0 always migrates.

CACHE_DIR = Path(tempfile.gettempdir()) / "koperasi-test-db"


def migrations_hash():
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256()
    digest.update(f"{django.get_version()} {sqlite3.sqlite_version} {sys.version}".encode())
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(loader.disk_migrations):
        digest.update(repr(key).encode())
        digest.update(Path(inspect.getfile(sys.modules[loader.disk_migrations[key].__module__])).read_bytes())
    return digest.hexdigest()[:16]


def _sqlite_in_memory(creation):
    return creation.connection.vendor == "sqlite" and creation.is_in_memory_db(creation._get_test_db_name())


def _forget_other_copies(keep):
    for other in CACHE_DIR.glob("sqlite-*.sqlite3"):
        if other != keep:
            other.unlink(missing_ok=True)


def _migrate_or_copy(connection, call_command, args, kwargs):
    if connection.vendor == "postgresql":
        return _postgresql_migrate_or_copy(connection, call_command, args, kwargs)
    cached = CACHE_DIR / f"sqlite-{migrations_hash()}.sqlite3"
    if cached.exists():
        connection.ensure_connection()
        source = sqlite3.connect(cached)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return None
    result = call_command(*args, **kwargs)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.part")
    target = sqlite3.connect(partial)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    os.replace(partial, cached)
    _forget_other_copies(cached)
    return result


def _postgresql_migrate_or_copy(connection, call_command, args, kwargs):
    name = connection.settings_dict["NAME"]
    prefix = re.sub(r"_gw\d+$", "", name)[:40] + "_tpl_"  # one copy for every xdist worker
    template = prefix + migrations_hash()
    quote = connection.ops.quote_name
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        exists = cursor.fetchone() is not None
        if exists:
            cursor.execute(f"DROP DATABASE {quote(name)}")
            cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
    if exists:
        return None
    result = call_command(*args, **kwargs)
    connection.close()
    with connection._nodb_cursor() as cursor:
        try:
            cursor.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(name)}")
        except DatabaseError:  # the other worker made it first: this one is migrated anyway
            return result
        cursor.execute("SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [prefix])
        for (old,) in cursor.fetchall():
            if old != template:
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(old)}")
    return result


_original["create_test_db"] = BaseDatabaseCreation.create_test_db


def _create_test_db(self, *args, **kwargs):
    connection = self.connection
    usable = os.environ.get("KOPERASI_TEST_DB_CACHE", "1") != "0" and (
        connection.vendor == "postgresql" or _sqlite_in_memory(self)
    )
    if not usable or kwargs.get("keepdb"):
        return _original["create_test_db"](self, *args, **kwargs)
    original_call_command = management.call_command

    def call_command(*command_args, **command_kwargs):
        if command_args and command_args[0] == "migrate":
            return _migrate_or_copy(connection, original_call_command, command_args, command_kwargs)
        return original_call_command(*command_args, **command_kwargs)

    management.call_command = call_command
    try:
        return _original["create_test_db"](self, *args, **kwargs)
    finally:
        management.call_command = original_call_command


def install():
    BaseDatabaseCreation.serialize_db_to_string = _serialize
    BaseDatabaseCreation.deserialize_db_from_string = _deserialize
    BaseDatabaseCreation.create_test_db = _create_test_db
    PostgreSQLOperations.sql_flush = _sql_flush_postgresql

"""The database refuses to switch the framework of a round that has assessments.

Their answers and dimension scores point at the old version's indicators and dimensions.
``EvaluationRound.clean`` refuses it with a message first; this trigger is the last line
for any other write (a script, a bulk update). SQLite and PostgreSQL each get their own.
"""

from django.db import migrations

TRIGGER = "readiness_round_framework_locked"
MESSAGE = "round_framework_locked: the round has assessments; its framework cannot change"

SQLITE_CREATE = f"""
CREATE TRIGGER {TRIGGER}
BEFORE UPDATE OF framework_id ON readiness_evaluationround
FOR EACH ROW
WHEN NEW.framework_id <> OLD.framework_id
     AND EXISTS (SELECT 1 FROM readiness_assessment WHERE round_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, '{MESSAGE}');
END;
"""
SQLITE_DROP = f"DROP TRIGGER IF EXISTS {TRIGGER};"

POSTGRESQL_CREATE = [
    f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger AS $$
BEGIN
    IF NEW.framework_id IS DISTINCT FROM OLD.framework_id
       AND EXISTS (SELECT 1 FROM readiness_assessment WHERE round_id = OLD.id) THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
""",
    f"""
CREATE TRIGGER {TRIGGER}
BEFORE UPDATE OF framework_id ON readiness_evaluationround
FOR EACH ROW EXECUTE FUNCTION {TRIGGER}();
""",
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON readiness_evaluationround;",
    f"DROP FUNCTION IF EXISTS {TRIGGER}();",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def create_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, [SQLITE_CREATE])
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_CREATE)


def drop_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, [SQLITE_DROP])
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("readiness", "0005_assessment_protect_cooperative"),
    ]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]

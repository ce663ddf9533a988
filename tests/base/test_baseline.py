"""tests/baseline.py: what a test that commits leaves behind is emptied, and the migrations'
rows come back for the next one."""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, Site

from courses.models import CoursePage
from tests.factories import make_course, make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def row_counts():
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def test_the_flush_after_a_committing_test_empties_every_table():
    # The migrations' rows are there, as serialized_rollback put them back.
    assert Site.objects.exists() and Page.objects.exists()
    make_course(title="Kursus yang dihapus")
    make_user(username="dihapus")
    assert CoursePage.objects.exists()
    # As Django's TransactionTestCase empties the database after the test.
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True)
    assert {table: n for table, n in row_counts().items() if n} == {}

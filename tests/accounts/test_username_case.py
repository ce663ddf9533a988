"""Usernames are unique regardless of case, in the database itself."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from tests.factories import make_user


@pytest.mark.django_db
def test_the_database_refuses_a_username_differing_only_in_case():
    make_user(username="siti")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_user(username="SITI")


@pytest.mark.django_db
def test_model_validation_says_so_in_indonesian():
    make_user(username="siti")
    user = get_user_model()(username="Siti", password="x")
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert "Nama pengguna ini sudah dipakai" in str(error.value)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_renames_existing_case_duplicates_and_keeps_every_account():
    before = [("accounts", "0002_dinas_groups")]
    after = [("accounts", "0004_username_unique_ignoring_case")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    User = old_apps.get_model("accounts", "User")
    first = User.objects.create(username="Siti", password="!")
    second = User.objects.create(username="siti", password="!")
    third = User.objects.create(username="SITI", password="!")
    other = User.objects.create(username="budi", password="!")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new_apps = executor.loader.project_state(after).apps
    User = new_apps.get_model("accounts", "User")
    usernames = dict(User.objects.values_list("pk", "username"))
    assert usernames == {
        first.pk: "Siti",
        second.pk: f"siti-{second.pk}",
        third.pk: f"SITI-{third.pk}",
        other.pk: "budi",
    }
    # Back at the latest state for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

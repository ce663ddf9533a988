"""Usernames unique regardless of case, in the database.

Accounts that already differ only in case (``Staf`` and ``staf``) would make the new
constraint fail, so they are renamed first: the oldest account keeps its username, each
later one becomes ``<username>-<id>`` (printed, so the operator can tell those people;
they can still log in with their phone number). Nothing is deleted.
"""

import django.db.models.functions.text
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Lower


def rename_case_duplicates(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    max_length = User._meta.get_field("username").max_length
    clashing = (
        User.objects.annotate(folded=Lower("username"))
        .values("folded")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("folded", flat=True)
    )
    for folded in list(clashing):
        accounts = list(User.objects.annotate(folded=Lower("username")).filter(folded=folded).order_by("pk"))
        for account in accounts[1:]:
            suffix = f"-{account.pk}"
            new_username = account.username[: max_length - len(suffix)] + suffix
            print(f"\n  accounts: username {account.username!r} (id {account.pk}) renamed to {new_username!r}")
            account.username = new_username
            account.save(update_fields=["username"])


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_constraint_messages_in_indonesian'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('cooperatives', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(rename_case_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('username'), name='user_username_unique_ignoring_case', violation_error_message='Nama pengguna ini sudah dipakai (huruf besar-kecil tidak dibedakan).'),
        ),
    ]

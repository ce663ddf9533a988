from django.db import migrations

from accounts.roles import sync_dinas_groups_migration


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("accounts", "0002_dinas_groups"),
    ]

    operations = [migrations.RunPython(sync_dinas_groups_migration, migrations.RunPython.noop)]

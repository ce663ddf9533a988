from django.db import migrations

from accounts.roles import sync_dinas_groups_migration


class Migration(migrations.Migration):
    """Analysts list and revoke certificates and edit the office's settings (name, head)."""

    dependencies = [
        ("certificates", "0001_certificate"),
        ("base", "0004_office_settings"),
        ("accounts", "0002_dinas_groups"),
    ]

    operations = [migrations.RunPython(sync_dinas_groups_migration, migrations.RunPython.noop)]

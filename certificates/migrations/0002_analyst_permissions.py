from django.db import migrations

from accounts.roles import sync_dinas_groups_migration


class Migration(migrations.Migration):
    """Analysts edit the office's settings (name, address, logo, head) printed on certificates."""

    dependencies = [
        ("certificates", "0001_certificate"),
        ("base", "0004_office_settings"),
        ("accounts", "0002_dinas_groups"),
    ]

    operations = [migrations.RunPython(sync_dinas_groups_migration, migrations.RunPython.noop)]

from django.contrib.auth.management import create_permissions
from django.db import migrations

from accounts.roles import ensure_dinas_groups


def grant_analyst_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now so the
    # "Analis Dinas" group gets the readiness ones (accounts.roles.ANALYST_PERMISSIONS).
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_dinas_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("readiness", "0002_default_framework"),
        ("accounts", "0002_dinas_groups"),
    ]

    operations = [migrations.RunPython(grant_analyst_permissions, migrations.RunPython.noop)]

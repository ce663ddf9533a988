from django.db import migrations

from accounts.roles import sync_dinas_groups_migration


class Migration(migrations.Migration):
    """Give the Dinas groups the custom permissions the site's views ask for (``has_perm``)."""

    dependencies = [
        ("accounts", "0005_user_permissions"),
        ("certificates", "0003_certificate_permissions"),
        ("cooperatives", "0003_cooperative_permissions"),
        ("courses", "0003_course_approval_workflow"),
        ("network", "0003_followup_permissions"),
        ("quizzes", "0007_attempt_permissions"),
        ("readiness", "0007_assessment_permissions"),
        ("reports", "0004_exportjob_permissions"),
    ]

    operations = [migrations.RunPython(sync_dinas_groups_migration, migrations.RunPython.noop)]

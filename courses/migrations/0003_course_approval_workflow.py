"""The moderation workflow for courses: "Persetujuan kursus", one approval task.

Approvers are a group of their own, "Penyetuju Dinas", rather than "Analis Dinas" or
"Editor Dinas": analysts read data and reports and should not gain power over content,
and editors must not approve what they wrote themselves. The Kepala Dinas (or a senior
editor) is put in this group. It may open the admin, edit and publish pages under the
catalogue: Wagtail publishes an approved revision as the approving user, so approvers
need the publish permission there.
"""

from django.db import migrations

WORKFLOW_NAME = "Persetujuan kursus"
TASK_NAME = "Persetujuan Dinas"
APPROVER_GROUP = "Penyetuju Dinas"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    CourseIndexPage = apps.get_model("courses.CourseIndexPage")

    approvers, _ = Group.objects.get_or_create(name=APPROVER_GROUP)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    approvers.permissions.add(access_admin)

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(approvers)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    page_permissions = [
        Permission.objects.get_or_create(content_type=page_type, codename=codename, defaults={"name": name})[0]
        for codename, name in (("change_page", "Can change page"), ("publish_page", "Can publish page"))
    ]
    for catalogue in CourseIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=catalogue.pk, defaults={"workflow": workflow})
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=approvers, page_id=catalogue.pk, permission=permission)


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore.Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    GroupApprovalTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_lesson_blocks_previews"),
        ("base", "0002_site_pages"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]

"""The Dinas roles, as Wagtail groups, and what each may do: the one place their names live.

Code never asks for a group by name: views, selectors, templates and admin hooks ask
``user.has_perm("app.codename")`` (or a Wagtail permission policy), and a role is only
the set of permissions below, given to its group by the migrations and ``seed_demo``.
Renaming a group under *Pengaturan → Grup* changes nothing; a permission given to one
user directly works as well as one given through a group.

Kept in one place so the data migrations and ``seed_demo`` agree. Apps that add models
Dinas roles must manage add their permission codenames here.

Per-cooperative scoping is not a permission: a pengurus (``User.is_pengurus``) sees their
own cooperative because of the cooperative on their account (``base.access``).
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

EDITOR_GROUP = "Editor Dinas"
ANALYST_GROUP = "Analis Dinas"
# Approves courses in the moderation workflow "Persetujuan kursus" (courses migration 0003
# made the group, its page permissions and the workflow; here it only opens the admin).
APPROVER_GROUP = "Penyetuju Dinas"

# (app_label, codename) pairs; the ones that do not exist yet are skipped, so later
# migrations can call ensure_dinas_groups again once their models exist.
EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("taggit", "add_tag"),
    ("taggit", "change_tag"),
    ("taggit", "view_tag"),
]
ANALYST_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("cooperatives", "add_cooperative"),
    ("cooperatives", "change_cooperative"),
    ("cooperatives", "view_cooperative"),
    ("cooperatives", "add_kecamatan"),
    ("cooperatives", "change_kecamatan"),
    ("cooperatives", "view_kecamatan"),
    ("accounts", "view_user"),
    # Readiness measurement: frameworks, rounds, assessments (import, verify).
    ("readiness", "add_framework"),
    ("readiness", "change_framework"),
    ("readiness", "view_framework"),
    ("readiness", "add_evaluationround"),
    ("readiness", "change_evaluationround"),
    ("readiness", "view_evaluationround"),
    ("readiness", "add_assessment"),
    ("readiness", "change_assessment"),
    ("readiness", "view_assessment"),
    # The office's name, address, logo and head printed on certificates and report cards.
    ("base", "change_officesettings"),
    # Business network: partners, events, agreements, follow-ups (import, verify).
    ("network", "add_partner"),
    ("network", "change_partner"),
    ("network", "view_partner"),
    ("network", "add_event"),
    ("network", "change_event"),
    ("network", "view_event"),
    ("network", "add_agreement"),
    ("network", "change_agreement"),
    ("network", "view_agreement"),
    ("network", "view_followup"),
    # What the site (not the admin) lets an analyst do: the custom permissions declared in
    # each model's Meta.permissions.
    ("cooperatives", "view_all_cooperatives"),
    ("accounts", "reset_cooperative_password"),
    ("accounts", "import_participants"),
    ("readiness", "view_all_assessments"),
    ("readiness", "verify_assessment"),
    ("quizzes", "view_all_attempts"),
    ("reports", "view_district_reports"),
    ("network", "verify_followup"),
    ("certificates", "view_certificate"),
    ("certificates", "revoke_certificate"),
]
APPROVER_PERMISSIONS = [("wagtailadmin", "access_admin")]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _permissions(Permission, pairs):
    found = []
    for app_label, codename in pairs:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            found.append(permission)
    return found


def ensure_dinas_groups(apps=None):
    """Create or complete the Dinas groups. Safe to run any number of times."""
    if apps is None:
        apps = global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    editors, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    analysts, _ = Group.objects.get_or_create(name=ANALYST_GROUP)
    editors.permissions.add(*_permissions(Permission, EDITOR_PERMISSIONS))
    analysts.permissions.add(*_permissions(Permission, ANALYST_PERMISSIONS))
    approvers, _ = Group.objects.get_or_create(name=APPROVER_GROUP)
    approvers.permissions.add(*_permissions(Permission, APPROVER_PERMISSIONS))

    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is not None:
        for permission in _permissions(Permission, [("wagtailcore", c) for c in EDITOR_PAGE_PERMISSIONS]):
            GroupPagePermission.objects.get_or_create(group=editors, page=home, permission=permission)
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for permission in _permissions(Permission, EDITOR_COLLECTION_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=root_collection, permission=permission
            )
    return editors, analysts


def sync_dinas_groups_migration(apps, schema_editor):
    """A RunPython step: create every permission known so far, then complete the groups.

    Permissions are normally created after all migrations have run; apps whose models
    the Dinas roles need call this from a migration of their own.
    """
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_dinas_groups(apps)

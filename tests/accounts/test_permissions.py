"""Authorisation is by Django permissions, never by group names.

- A matrix: each role against each protected page, the status it gets.
- A user in no group, given the permission directly, gets in (``has_perm`` decides).
- A group keeps its power when renamed, and a group called like a Dinas role but
  without the permissions gets nothing.
- Every permission the code asks for exists and some role holds it (a typo would
  silently shut everyone but superusers out).
- No code outside ``accounts/roles.py`` names a Dinas group.
"""

import ast
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.roles import (
    ANALYST_GROUP,
    ANALYST_PERMISSIONS,
    APPROVER_GROUP,
    APPROVER_PERMISSIONS,
    EDITOR_GROUP,
    EDITOR_PERMISSIONS,
)
from tests.factories import make_analyst, make_cooperative, make_editor, make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "base", "certificates", "cooperatives", "courses", "lms", "network", "offline"]
APPS += ["quizzes", "readiness", "reports"]
ROLES = ["staf", "pengurus", "editor", "analyst", "approver", "superuser"]

# (url name, args from the world) -> status per role. 404: a site page refuses without
# telling; 302: the Wagtail admin sends those who may not open it elsewhere.
MATRIX = {
    ("reports:dashboard", None): dict(staf=404, pengurus=404, editor=404, analyst=200, approver=404, superuser=200),
    ("reports:comparison", None): dict(staf=404, pengurus=404, editor=404, analyst=200, approver=404, superuser=200),
    ("reports:training", None): dict(staf=404, pengurus=404, editor=404, analyst=200, approver=404, superuser=200),
    ("quizzes:results_index", None): dict(staf=404, pengurus=200, editor=404, analyst=200, approver=404, superuser=200),
    ("courses:cooperative_progress", None): dict(
        staf=404, pengurus=404, editor=404, analyst=200, approver=404, superuser=200
    ),
    ("courses:follow_up", None): dict(staf=404, pengurus=200, editor=404, analyst=200, approver=404, superuser=200),
    ("readiness:index", None): dict(staf=404, pengurus=200, editor=404, analyst=200, approver=404, superuser=200),
    ("certificates:list", None): dict(staf=404, pengurus=404, editor=404, analyst=200, approver=404, superuser=200),
    ("network:event_create", None): dict(staf=404, pengurus=404, editor=404, analyst=200, approver=404, superuser=200),
    ("cooperatives:detail", "own"): dict(staf=404, pengurus=200, editor=404, analyst=200, approver=404, superuser=200),
    ("cooperatives:detail", "other"): dict(
        staf=404, pengurus=404, editor=404, analyst=200, approver=404, superuser=200
    ),
    # The Wagtail admin.
    ("wagtailadmin_home", None): dict(staf=302, pengurus=302, editor=200, analyst=200, approver=200, superuser=200),
    ("accounts_import_participants", None): dict(
        staf=302, pengurus=302, editor=404, analyst=200, approver=404, superuser=200
    ),
    ("koperasi:import", None): dict(staf=302, pengurus=302, editor=404, analyst=200, approver=404, superuser=200),
    ("quizzes_gift_import", None): dict(staf=302, pengurus=302, editor=200, analyst=404, approver=404, superuser=200),
    # A model viewset: Wagtail's permission policy decides (no permission: back to the dashboard).
    ("koperasi:index", None): dict(staf=302, pengurus=302, editor=302, analyst=200, approver=302, superuser=200),
    ("asesmen:index", None): dict(staf=302, pengurus=302, editor=302, analyst=200, approver=302, superuser=200),
}


def make_role(role, cooperative):
    if role == "staf":
        return make_user(cooperative=cooperative)
    if role == "pengurus":
        return make_user(cooperative=cooperative, role="pengurus")
    if role == "editor":
        return make_editor()
    if role == "analyst":
        return make_analyst()
    if role == "approver":
        return make_user(groups=[APPROVER_GROUP])
    return make_user(is_superuser=True, is_staff=True)


def url_for(name, arg, world):
    if arg is None:
        return reverse(name)
    return reverse(name, args=[world[arg].pk])


def statuses(client, world, urls):
    return {(name, arg): client.get(url_for(name, arg, world)).status_code for name, arg in urls}


@pytest.fixture
def world():
    return {"own": make_cooperative(), "other": make_cooperative()}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role):
    client.force_login(make_role(role, world["own"]))
    expected = {key: row[role] for key, row in MATRIX.items()}
    assert statuses(client, world, MATRIX) == expected


def test_anonymous_is_sent_to_log_in(client, world):
    for name, arg in MATRIX:
        response = client.get(url_for(name, arg, world))
        assert response.status_code == 302, name
        assert response.url.startswith((reverse("accounts:login"), reverse("wagtailadmin_login"))), name


# --- has_perm decides, not the group -----------------------------------------------------


def _grant(user, *permissions):
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


def test_a_permission_given_directly_opens_the_page(client, world):
    user = make_user()
    assert not user.groups.exists()
    client.force_login(user)
    assert client.get(reverse("reports:dashboard")).status_code == 404
    assert client.get(reverse("courses:cooperative_progress")).status_code == 404

    _grant(user, "reports.view_district_reports", "cooperatives.view_all_cooperatives")
    assert client.get(reverse("reports:dashboard")).status_code == 200
    assert client.get(reverse("courses:cooperative_progress")).status_code == 200
    assert client.get(reverse("cooperatives:detail", args=[world["other"].pk])).status_code == 200
    # Only what was given: the certificates and the events stay closed.
    assert client.get(reverse("certificates:list")).status_code == 404
    assert client.get(reverse("network:event_create")).status_code == 404
    header = client.get(reverse("accounts:profile")).content.decode().split("</header>", 1)[0]
    assert reverse("reports:dashboard") in header and reverse("wagtailadmin_home") not in header


def test_an_admin_import_given_directly_opens_with_its_menu_item(client):
    user = _grant(make_user(), "wagtailadmin.access_admin")
    client.force_login(user)
    url = reverse("accounts_import_participants")
    assert client.get(url).status_code == 404
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()

    _grant(user, "accounts.import_participants")
    assert client.get(url).status_code == 200
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_renamed_group_keeps_its_power(client):
    analyst = make_analyst()
    Group.objects.filter(name=ANALYST_GROUP).update(name="Analis Kabupaten")
    client.force_login(analyst)
    assert client.get(reverse("reports:dashboard")).status_code == 200
    assert client.get(reverse("quizzes:results_index")).status_code == 200


def test_a_group_called_like_a_role_without_its_permissions_gets_nothing(client, world):
    Group.objects.get(name=ANALYST_GROUP).permissions.clear()
    user = make_analyst()
    assert user.groups.filter(name=ANALYST_GROUP).exists()
    client.force_login(user)
    for name in ("reports:dashboard", "quizzes:results_index", "courses:cooperative_progress", "certificates:list"):
        assert client.get(reverse(name)).status_code == 404, name
    assert client.get(reverse("cooperatives:detail", args=[world["own"].pk])).status_code == 404
    header = client.get(reverse("accounts:profile")).content.decode().split("</header>", 1)[0]
    assert reverse("reports:dashboard") not in header


def test_permissions_are_read_in_one_query_and_agree_with_django(django_assert_num_queries):
    User = get_user_model()
    # Held twice (group and directly): counted once.
    user = _grant(make_analyst(), "accounts.import_participants")
    user = User.objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        assert user.has_perm("reports.view_district_reports") and user.has_perm("accounts.import_participants")
        assert not user.has_perm("wagtailimages.add_image")
    assert user.get_all_permissions() == ModelBackend().get_all_permissions(User.objects.get(pk=user.pk))
    assert user.get_all_permissions() == {f"{app}.{codename}" for app, codename in ANALYST_PERMISSIONS}
    inactive = make_analyst(is_active=False)
    assert not inactive.has_perm("reports.view_district_reports")


# --- the permissions the code asks for -----------------------------------------------------

_ASKED_IN_PYTHON = re.compile(
    r"""(?:has_perm\(|require_perm\([^,]+,\s*|permission_required\s*=\s*)["']([a-z_]+\.[a-z_]+)["']"""
)
_ASKED_IN_TEMPLATES = re.compile(r"\bperms\.([a-z_]+)\.([a-z_]+)")


def _app_files(*suffixes):
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*")):
            if path.suffix in suffixes and "migrations" not in path.parts and path.is_file():
                yield path


def asked_permissions():
    asked = set()
    for path in _app_files(".py"):
        asked |= set(_ASKED_IN_PYTHON.findall(path.read_text(encoding="utf-8")))
    for path in _app_files(".html"):
        asked |= {f"{app}.{codename}" for app, codename in _ASKED_IN_TEMPLATES.findall(path.read_text("utf-8"))}
    return asked - {"app.codename"}  # the placeholder in docstrings


def test_every_permission_the_code_asks_for_exists_and_a_role_holds_it():
    asked = asked_permissions()
    # The scan sees the checks this module is about (so it cannot pass by finding nothing).
    assert {"reports.view_district_reports", "cooperatives.view_all_cooperatives", "quizzes.view_all_attempts"} <= asked
    assert len(asked) >= 15
    existing = {
        f"{app}.{codename}" for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
    assert asked - existing == set()
    held = {
        f"{app}.{codename}"
        for app, codename in Group.objects.values_list("permissions__content_type__app_label", "permissions__codename")
    }
    assert asked - held == set()


@pytest.mark.parametrize(
    ("group", "pairs"),
    [(EDITOR_GROUP, EDITOR_PERMISSIONS), (ANALYST_GROUP, ANALYST_PERMISSIONS), (APPROVER_GROUP, APPROVER_PERMISSIONS)],
)
def test_each_group_holds_every_permission_of_its_role(group, pairs):
    """``ensure_dinas_groups`` skips a permission that does not exist: none may be missing."""
    held = set(Group.objects.get(name=group).permissions.values_list("content_type__app_label", "codename"))
    assert set(pairs) - held == set()


# --- the names live in one place -------------------------------------------------------------

GROUP_NAMES = {EDITOR_GROUP, ANALYST_GROUP, APPROVER_GROUP}
_GROUP_LOOKUP = re.compile(r"groups__name|groups\.(?:filter|get|exclude)\(\s*name")


def test_no_code_outside_roles_names_a_group():
    """Role names are data in ``accounts/roles.py``; code asks for permissions.

    Migrations are history (they keep the names they were written with), and tests build
    users in groups through the factories.
    """
    offenders = []
    scanned = 0
    for path in _app_files(".py"):
        if path == ROOT / "accounts" / "roles.py":
            continue
        scanned += 1
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip() in GROUP_NAMES:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
        if _GROUP_LOOKUP.search(source):
            offenders.append(f"{path.relative_to(ROOT)}: looks a group up by name")
    for path in _app_files(".html"):
        scanned += 1
        for tag in re.findall(r"{%.*?%}|{{.*?}}", path.read_text(encoding="utf-8"), flags=re.S):
            if tag.lstrip("{% ").startswith(("translate", "blocktranslate", "trans ", "blocktrans")):
                continue  # prose for people ("… oleh Analis Dinas") decides nothing
            if re.search(r"\bgroups\b", tag) or any(name in tag for name in GROUP_NAMES):
                offenders.append(f"{path.relative_to(ROOT)}: {tag}")
    assert scanned > 100
    assert offenders == []


def test_the_static_check_would_catch_a_group_name():
    """The scan above is able to fail: the same walk finds a name planted in code."""
    planted = f'if user.groups.filter(name="{ANALYST_GROUP}").exists():\n    pass\n'
    found = [
        node.value
        for node in ast.walk(ast.parse(planted))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in GROUP_NAMES
    ]
    assert found == [ANALYST_GROUP] and _GROUP_LOOKUP.search(planted)

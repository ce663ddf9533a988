"""Who may reset whose password to a temporary one."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.roles import APPROVER_GROUP
from tests.factories import DEFAULT_PASSWORD, make_analyst, make_cooperative, make_editor, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _approver_group():
    Group.objects.get_or_create(name=APPROVER_GROUP)


def reset_url(user):
    return reverse("accounts:manager_password_reset", args=[user.pk])


@pytest.fixture
def world():
    own, other = make_cooperative(), make_cooperative()
    return {
        "own": own,
        "pengurus": make_user(cooperative=own, role="pengurus"),
        "co_pengurus": make_user(cooperative=own, role="pengurus"),
        "staff": make_user(cooperative=own, phone="081277776666"),
        "colleague": make_user(cooperative=own),
        "other_staff": make_user(cooperative=other),
        "other_pengurus": make_user(cooperative=other, role="pengurus"),
        "loner": make_user(),
    }


def test_pengurus_resets_own_staff_password_shown_once(client, world):
    client.force_login(world["pengurus"])
    page = client.get(reset_url(world["staff"]))
    assert page.status_code == 200 and "Buat kata sandi sementara" in page.content.decode()

    response = client.post(reset_url(world["staff"]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["temporary_password"]
    assert len(password) == 10 and password in response.content.decode()
    world["staff"].refresh_from_db()
    assert world["staff"].check_password(password)
    assert not world["staff"].check_password(DEFAULT_PASSWORD)
    assert world["own"].get_absolute_url() in response.content.decode()


@pytest.mark.parametrize("target", ["other_staff", "other_pengurus", "co_pengurus", "loner", "pengurus"])
def test_pengurus_cannot_reset_anyone_else(client, world, target):
    client.force_login(world["pengurus"])
    assert client.get(reset_url(world[target])).status_code == 404
    assert client.post(reset_url(world[target])).status_code == 404
    world[target].refresh_from_db()
    assert world[target].check_password(DEFAULT_PASSWORD)


@pytest.mark.parametrize("actor", ["staff", "loner"])
def test_staff_and_outsiders_cannot_reset(client, world, actor):
    client.force_login(world[actor])
    assert client.post(reset_url(world["colleague"])).status_code == 404
    world["colleague"].refresh_from_db()
    assert world["colleague"].check_password(DEFAULT_PASSWORD)


def test_editor_cannot_reset(client, world):
    client.force_login(make_editor())
    assert client.post(reset_url(world["staff"])).status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    response = client.post(reset_url(world["staff"]))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("target", ["other_staff", "other_pengurus", "staff", "co_pengurus"])
def test_analyst_resets_any_cooperative_user(client, world, target):
    client.force_login(make_analyst())
    response = client.post(reset_url(world[target]))
    assert response.status_code == 200
    world[target].refresh_from_db()
    assert world[target].check_password(response.context["temporary_password"])


def test_analyst_cannot_reset_a_superuser(client):
    admin = make_user(is_superuser=True, is_staff=True)
    client.force_login(make_analyst())
    assert client.post(reset_url(admin)).status_code == 404
    admin.refresh_from_db()
    assert admin.check_password(DEFAULT_PASSWORD)


@pytest.mark.parametrize(
    "make_target",
    [
        pytest.param(lambda world: make_editor(), id="editor"),
        pytest.param(lambda world: make_analyst(), id="analyst"),
        pytest.param(lambda world: make_user(groups=[APPROVER_GROUP]), id="approver"),
        pytest.param(lambda world: make_user(is_superuser=True, is_staff=True), id="superuser"),
        pytest.param(lambda world: make_user(is_staff=True), id="staff-flag"),
        pytest.param(lambda world: world["loner"], id="no-cooperative"),
        # A cooperative account that also holds a Dinas role or a permission of its own.
        pytest.param(lambda world: make_editor(cooperative=world["own"], role="staf"), id="staf-and-editor"),
        pytest.param(lambda world: make_analyst(cooperative=world["own"], role="pengurus"), id="pengurus-and-analyst"),
        pytest.param(lambda world: _with_permission(make_user(cooperative=world["own"])), id="staf-with-permission"),
    ],
)
@pytest.mark.parametrize("actor", ["analyst", "pengurus"])
def test_only_cooperative_accounts_can_be_reset(client, world, make_target, actor):
    target = make_target(world)
    client.force_login(make_analyst() if actor == "analyst" else world["pengurus"])
    assert client.get(reset_url(target)).status_code == 404
    assert client.post(reset_url(target)).status_code == 404
    target.refresh_from_db()
    assert target.check_password(DEFAULT_PASSWORD)
    # Nor does the cooperative page offer it.
    if target.cooperative_id:
        html = client.get(target.cooperative.get_absolute_url()).content.decode()
        assert reset_url(target) not in html


def _with_permission(user):
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_reset_lifts_the_lockout_and_ends_other_sessions(client, world):
    from django.test import Client

    staff = world["staff"]
    staff_client = Client()
    staff_client.force_login(staff)
    for identifier in (staff.username, staff.phone):
        for _ in range(5):
            Client().post(reverse("accounts:login"), {"username": identifier, "password": "salah-sekali"})
    # One account, however it was typed: one record.
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [staff.username]

    client.force_login(world["pengurus"])
    password = client.post(reset_url(staff)).context["temporary_password"]
    assert AccessAttempt.objects.count() == 0
    # The old session of the staff member no longer works.
    assert staff_client.get(reverse("accounts:profile")).status_code == 302

    fresh = Client()
    response = fresh.post(reverse("accounts:login"), {"username": staff.phone, "password": password})
    assert response.status_code == 302 and fresh.session["_auth_user_id"] == str(staff.pk)

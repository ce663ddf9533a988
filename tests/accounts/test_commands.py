from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts import demo as accounts_demo
from accounts.roles import ANALYST_GROUP, ANALYST_PERMISSIONS, EDITOR_GROUP
from cooperatives import demo as cooperatives_demo

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def seeded():
    cooperatives_demo.seed(StringIO())
    accounts_demo.seed(StringIO())


def test_demo_users_have_their_roles(seeded):
    staf, pengurus, pengurus2 = (User.objects.get(username=u) for u in ("staf", "pengurus", "pengurus2"))
    assert staf.is_staf and pengurus.is_pengurus and pengurus2.is_pengurus
    assert staf.cooperative == pengurus.cooperative != pengurus2.cooperative
    assert staf.cooperative.members.filter(cooperative_role="staf").count() >= 3
    editor, analis, admin = (User.objects.get(username=u) for u in ("editor", "analis", "admin"))
    assert editor.groups.filter(name=EDITOR_GROUP).exists()
    assert analis.groups.filter(name=ANALYST_GROUP).exists()
    # The demo accounts carry their role's permissions (the site asks has_perm, not group names).
    assert editor.has_perm("wagtailadmin.access_admin") and editor.has_perm("wagtailimages.add_image")
    assert not editor.has_perm("reports.view_district_reports")
    assert all(analis.has_perm(f"{app}.{codename}") for app, codename in ANALYST_PERMISSIONS)
    assert analis.has_perm("reports.view_district_reports") and analis.has_perm("cooperatives.view_all_cooperatives")
    assert admin.is_superuser
    assert not editor.is_staff and not analis.is_staff


def test_every_demo_login_works(seeded):
    for username, password, _role in accounts_demo.DEMO_USERS:
        client = Client()
        response = client.post(reverse("accounts:login"), {"username": username, "password": password})
        assert response.status_code == 302, username
        assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)


def test_editor_and_analyst_reach_the_wagtail_admin(seeded):
    for username in ("editor", "analis"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        assert client.get("/admin/").status_code == 200, username


def test_seed_twice_creates_nothing_and_keeps_changed_passwords(seeded):
    count = User.objects.count()
    staf = User.objects.get(username="staf")
    staf.set_password("sudah-diganti-1")
    staf.save()
    out = StringIO()
    accounts_demo.seed(out)
    assert User.objects.count() == count
    assert "+0 baru" in out.getvalue()
    staf.refresh_from_db()
    assert staf.check_password("sudah-diganti-1")


def test_demo_logins_prints_a_table(seeded):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    for username, password, role in accounts_demo.DEMO_USERS:
        line = next(line for line in text.splitlines() if line.strip().startswith(username + " "))
        assert password in line and role in line
    assert "belum dibuat" not in text


def test_demo_logins_says_when_accounts_are_missing():
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "belum dibuat, jalankan seed_demo" in out.getvalue()

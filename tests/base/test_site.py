import pytest
from django.contrib.auth.models import Group

from accounts.roles import ANALYST_GROUP, EDITOR_GROUP

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_indonesian(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Masuk" in html and "Kursus" in html


def test_dinas_groups_exist_with_admin_access():
    for name in (EDITOR_GROUP, ANALYST_GROUP):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()

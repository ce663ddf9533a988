"""The page with the join code and the registry's admin export are never cached."""

import pytest
from django.urls import reverse

from tests.factories import make_analyst, make_cooperative, make_user

pytestmark = pytest.mark.django_db


def test_cooperative_page_with_join_code_is_no_store(client):
    cooperative = make_cooperative()
    client.force_login(make_user(cooperative=cooperative, role="pengurus"))
    response = client.get(reverse("cooperatives:detail", args=[cooperative.pk]))
    assert response.status_code == 200
    assert cooperative.join_code in response.content.decode()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_registry_export_in_the_admin_is_no_store(client, fmt):
    make_cooperative()
    client.force_login(make_analyst())
    response = client.get(reverse("koperasi:index"), {"export": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]

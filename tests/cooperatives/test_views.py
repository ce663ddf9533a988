"""The cooperative page for its pengurus and Dinas analysts; join code regeneration."""

import pytest
from django.urls import reverse

from cooperatives.models import Cooperative
from tests.factories import make_analyst, make_cooperative, make_editor, make_user

pytestmark = pytest.mark.django_db


def detail_url(cooperative):
    return reverse("cooperatives:detail", args=[cooperative.pk])


def regenerate_url(cooperative):
    return reverse("cooperatives:regenerate_join_code", args=[cooperative.pk])


@pytest.fixture
def own():
    return make_cooperative(nama="Koperasi Sumber Rejeki")


@pytest.fixture
def pengurus(own):
    return make_user(cooperative=own, role="pengurus", first_name="Abdul")


def test_pengurus_sees_join_code_link_and_staff_with_reset_actions(client, own, pengurus):
    staff = make_user(cooperative=own, first_name="Siti", phone="081234567890")
    client.force_login(pengurus)
    response = client.get(detail_url(own))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Koperasi Sumber Rejeki" in html and own.join_code in html
    assert f"http://testserver/akun/daftar/?kode={own.join_code}" in html
    assert "Siti" in html and "081234567890" in html
    assert reverse("accounts:manager_password_reset", args=[staff.pk]) in html
    # No reset action for the pengurus themselves.
    assert reverse("accounts:manager_password_reset", args=[pengurus.pk]) not in html


def test_detail_query_count_does_not_grow_with_staff(client, own, pengurus, django_assert_max_num_queries):
    client.force_login(pengurus)
    make_user(cooperative=own)
    client.get(detail_url(own))
    with django_assert_max_num_queries(20) as captured:
        client.get(detail_url(own))
    for _ in range(10):
        make_user(cooperative=own)
    with django_assert_max_num_queries(len(captured.captured_queries)):
        client.get(detail_url(own))


def test_other_cooperative_is_404_for_pengurus(client, pengurus):
    other = make_cooperative()
    client.force_login(pengurus)
    assert client.get(detail_url(other)).status_code == 404
    code = other.join_code
    assert client.post(regenerate_url(other)).status_code == 404
    other.refresh_from_db()
    assert other.join_code == code


@pytest.mark.parametrize("role", ["staf", "editor", "none"])
def test_staff_editors_and_outsiders_get_404(client, own, role):
    user = {"staf": lambda: make_user(cooperative=own), "editor": make_editor, "none": make_user}[role]()
    client.force_login(user)
    assert client.get(detail_url(own)).status_code == 404
    assert client.post(regenerate_url(own)).status_code == 404


def test_anonymous_is_sent_to_login(client, own):
    response = client.get(detail_url(own))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_unknown_id_is_404(client, pengurus):
    client.force_login(make_analyst())
    assert client.get(reverse("cooperatives:detail", args=[999999])).status_code == 404


def test_pengurus_regenerates_join_code_by_post_only(client, own, pengurus):
    old = own.join_code
    client.force_login(pengurus)
    assert client.get(regenerate_url(own)).status_code == 405
    response = client.post(regenerate_url(own), follow=True)
    own.refresh_from_db()
    assert own.join_code != old and len(own.join_code) == 8
    html = response.content.decode()
    assert own.join_code in html and "Kode lama tidak berlaku lagi" in html

    # The old code no longer registers anyone; the new one does.
    client.logout()
    data = {
        "full_name": "Staf Baru",
        "username": "stafbaru",
        "phone": "",
        "email": "",
        "password1": "kopi-tubruk-77",
        "password2": "kopi-tubruk-77",
    }
    response = client.post(reverse("accounts:register"), {**data, "join_code": old})
    assert "join_code" in response.context["form"].errors
    response = client.post(reverse("accounts:register"), {**data, "join_code": own.join_code})
    assert response.status_code == 302


def test_regenerate_requires_csrf(own, pengurus):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(pengurus)
    old = own.join_code
    assert client.post(regenerate_url(own)).status_code == 403
    own.refresh_from_db()
    assert own.join_code == old


def test_analyst_sees_and_regenerates_any_join_code(client, own):
    client.force_login(make_analyst())
    assert own.join_code in client.get(detail_url(own)).content.decode()
    old = own.join_code
    client.post(regenerate_url(own))
    assert Cooperative.objects.get(pk=own.pk).join_code != old

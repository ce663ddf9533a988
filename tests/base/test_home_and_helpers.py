import pytest
from django.test import RequestFactory

from base.access import can_learn
from base.pagination import paginate
from tests.factories import make_analyst, make_cooperative, make_course, make_editor, make_user
from tests.html_checks import check_semantics

pytestmark = pytest.mark.django_db


def test_home_explains_the_platform_and_features_courses(client):
    for number in range(4):
        make_course(title=f"Kursus pilihan {number}", summary=f"Ringkasan pilihan {number}")
    html = client.get("/").content.decode()
    assert "Apa ini?" in html and "Cara mulai" in html and "Kode bergabung".lower() in html.lower()
    assert "Kursus pilihan 0" in html and "Kursus pilihan 2" in html
    assert "Kursus pilihan 3" not in html  # three featured, in tree order
    assert check_semantics(html) == []


def test_home_without_courses_still_renders(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Kursus pilihan" not in response.content.decode()


def test_paginate_keeps_other_parameters_and_survives_bad_numbers():
    request = RequestFactory().get("/kursus/", {"q": "kas", "halaman": "2"})
    page = paginate(request, list(range(45)), per_page=20)
    assert list(page.object_list) == list(range(20, 40))
    assert page.previous_url == "?q=kas"
    assert page.next_url == "?q=kas&halaman=3"
    for bad in ("abc", "-1", "999"):
        page = paginate(RequestFactory().get("/x/", {"halaman": bad}), list(range(45)), per_page=20)
        assert page.number in (1, 3)
    page = paginate(RequestFactory().get("/x/", {"halaman": "2"}), list(range(45)), per_page=20)
    assert page.previous_url == "/x/"


def test_who_may_learn():
    from django.contrib.auth.models import AnonymousUser

    assert not can_learn(AnonymousUser())
    assert not can_learn(make_user())
    assert can_learn(make_user(cooperative=make_cooperative()))
    assert can_learn(make_user(cooperative=make_cooperative(), role="pengurus"))
    assert can_learn(make_editor()) and can_learn(make_analyst())
    inactive = make_user(cooperative=make_cooperative(), is_active=False)
    assert not can_learn(inactive)

"""Each role reaches its pages from the header, without typing a URL."""

import pytest
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, make_analyst, make_cooperative, make_editor, make_user

pytestmark = pytest.mark.django_db


def header_links(client):
    html = client.get(reverse("accounts:profile")).content.decode()
    return html.split("<header", 1)[1].split("</header>", 1)[0]


@pytest.mark.parametrize(
    ("who", "expected", "absent"),
    [
        ("staf", ["courses:my_courses", "accounts:profile"], ["wagtailadmin_home", "readiness:index"]),
        ("pengurus", ["courses:my_courses", "readiness:index"], ["wagtailadmin_home", "reports:dashboard"]),
        ("editor", ["courses:my_courses", "wagtailadmin_home"], ["reports:dashboard", "readiness:index"]),
        (
            "analis",
            ["readiness:index", "reports:dashboard", "quizzes:results_index", "wagtailadmin_home"],
            [],
        ),
        ("admin", ["reports:dashboard", "wagtailadmin_home"], []),
    ],
)
def test_header_links_per_role(client, who, expected, absent):
    cooperative = make_cooperative()
    users = {
        "staf": lambda: make_user(cooperative=cooperative),
        "pengurus": lambda: make_user(cooperative=cooperative, role="pengurus"),
        "editor": make_editor,
        "analis": make_analyst,
        "admin": lambda: make_user(is_superuser=True, is_staff=True),
    }
    client.force_login(users[who]())
    header = header_links(client)
    for name in expected:
        assert f'href="{reverse(name)}"' in header, name
    for name in absent:
        assert f'href="{reverse(name)}"' not in header, name
    if who == "pengurus":
        assert f'href="{reverse("cooperatives:detail", args=[cooperative.pk])}"' in header


@pytest.mark.parametrize(
    ("who", "landing"),
    [("staf", "courses:my_courses"), ("analis", "reports:dashboard"), ("editor", "wagtailadmin_home")],
)
def test_login_lands_where_each_role_works(client, who, landing):
    makers = {"staf": lambda: make_user(cooperative=make_cooperative()), "analis": make_analyst, "editor": make_editor}
    user = makers[who]()
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302 and response.url == reverse(landing)


def test_login_next_still_wins_for_analysts(client):
    analyst = make_analyst()
    next_url = reverse("quizzes:results_index")
    response = client.post(
        f"{reverse('accounts:login')}?next={next_url}", {"username": analyst.username, "password": DEFAULT_PASSWORD}
    )
    assert response.url == next_url

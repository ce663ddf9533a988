"""Lock-out counts per account however it is typed, and per real client address."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from accounts.lockout import client_ip
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"
CASE_VARIANTS = [
    "sitiaminah",
    "SITIAMINAH",
    "Sitiaminah",
    "sitiAminah",
    "SitiAminah",
    "sItiaminah",
    "siTiaminah",
    "sitIaminah",
    "sitiaMinah",
    "sitiamInah",
    "sitiamiNah",
    "sitiaminaH",
]
PHONE_FORMATS = [
    "081234567890",
    "+6281234567890",
    "6281234567890",
    "0812 3456 7890",
    "0812-3456-7890",
    "+62 812-3456-7890",
    "81234567890",
]


@pytest.fixture
def siti():
    return make_user(username="SitiAminah", phone="081234567890")


def wrong(client, identifier):
    return client.post(LOGIN, {"username": identifier, "password": "salah-sekali"})


def right(client, identifier):
    return client.post(LOGIN, {"username": identifier, "password": DEFAULT_PASSWORD})


def test_every_spelling_counts_against_one_account(client, siti):
    for identifier in CASE_VARIANTS + PHONE_FORMATS:
        wrong(client, identifier)
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["SitiAminah"]
    for identifier in CASE_VARIANTS + PHONE_FORMATS:
        response = right(client, identifier)
        assert response.status_code == 429, identifier
        assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("identifier", CASE_VARIANTS + PHONE_FORMATS)
def test_five_mixed_spellings_lock_the_account(client, siti, identifier):
    # Two case variants and three phone formats: five failures, whatever comes next.
    for typed in ["sitiaminah", "SITIAMINAH", "+6281234567890", "0812-3456-7890"]:
        assert wrong(client, typed).status_code == 200
    assert wrong(client, "6281234567890").status_code == 429  # the fifth failure locks
    response = right(client, identifier)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_identifiers_fold_the_same_way(client):
    for typed in ["Tidakada", "TIDAKADA", "tidakada", "tidakADA", "TidakAda"]:
        wrong(client, typed)
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [("tidakada", 5)]


def test_reset_by_a_manager_lifts_the_lock_for_every_spelling(client, siti):
    from accounts.services import reset_password_to_temporary

    for typed in PHONE_FORMATS[:5]:
        wrong(client, typed)
    password = reset_password_to_temporary(user=siti)
    assert not AccessAttempt.objects.exists()
    assert client.post(LOGIN, {"username": "SITIAMINAH", "password": password}).status_code == 302


def test_without_a_trusted_header_the_forwarded_address_is_ignored(client, siti, settings):
    settings.CLIENT_IP_HEADER = ""
    # An attacker sending X-Forwarded-For from the same address gains nothing.
    for number in range(5):
        client.post(
            LOGIN,
            {"username": "sitiaminah", "password": "salah"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )
    assert right(client, "sitiaminah").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_behind_a_proxy_one_client_cannot_lock_out_another(siti, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    attacker, owner = Client(), Client()
    # Every request arrives from the proxy (127.0.0.1); the proxy appends the client.
    for _ in range(6):
        attacker.post(
            LOGIN, {"username": "sitiaminah", "password": "salah"}, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9"
        )
    locked = attacker.post(
        LOGIN, {"username": "sitiaminah", "password": DEFAULT_PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert locked.status_code == 429
    response = owner.post(
        LOGIN, {"username": "sitiaminah", "password": DEFAULT_PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert response.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


@pytest.mark.parametrize(
    "header, meta, expected",
    [
        ("", {"REMOTE_ADDR": "10.1.1.1", "HTTP_X_REAL_IP": "9.9.9.9"}, "10.1.1.1"),
        ("X-Real-IP", {"REMOTE_ADDR": "10.1.1.1", "HTTP_X_REAL_IP": "9.9.9.9"}, "9.9.9.9"),
        ("X-Forwarded-For", {"REMOTE_ADDR": "10.1.1.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 9.9.9.9"}, "9.9.9.9"),
        ("X-Real-IP", {"REMOTE_ADDR": "10.1.1.1"}, "10.1.1.1"),
    ],
)
def test_client_ip(rf, settings, header, meta, expected):
    settings.CLIENT_IP_HEADER = header
    request = rf.get("/", **meta)
    request.META.update(meta)
    assert client_ip(request) == expected

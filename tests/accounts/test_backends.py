import pytest

from accounts.backends import UsernameOrPhoneBackend
from accounts.phone import normalize_phone
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db
backend = UsernameOrPhoneBackend()


def test_username_is_case_insensitive_and_phone_any_format():
    user = make_user(username="Siti", phone="081234567890")
    for identifier in ("siti", " SITI ", "081234567890", "+62 812 3456 7890", "812-3456-7890"):
        assert backend.authenticate(None, username=identifier, password=DEFAULT_PASSWORD) == user


def test_wrong_password_unknown_user_and_inactive_user_fail():
    make_user(username="siti", phone="081234567890")
    make_user(username="budi", is_active=False)
    assert backend.authenticate(None, username="siti", password="salah") is None
    assert backend.authenticate(None, username="tidakada", password=DEFAULT_PASSWORD) is None
    assert backend.authenticate(None, username="089999999999", password=DEFAULT_PASSWORD) is None
    assert backend.authenticate(None, username="budi", password=DEFAULT_PASSWORD) is None
    assert backend.authenticate(None, username="", password=DEFAULT_PASSWORD) is None
    assert backend.authenticate(None, username="siti", password=None) is None


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("+62 812-3456-789", "0812345678" + "9"),
        ("62812345678", "0812345678"),
        ("0812 345 678", "0812345678"),
        ("812345678", "0812345678"),
        ("021345678", ""),
        ("12ab", ""),
        ("", ""),
        ("08123", ""),
    ],
)
def test_normalize_phone(raw, expected):
    assert normalize_phone(raw) == expected

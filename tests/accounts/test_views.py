"""Logging in and out, lock-out, registration with a join code, password change and reset."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, make_cooperative, make_user

pytestmark = pytest.mark.django_db
User = get_user_model()

LOGIN = "/akun/masuk/"


def session_user_id(client):
    return client.session.get("_auth_user_id")


# --- login / logout -------------------------------------------------------------------


def test_login_page_is_indonesian_and_axes_compatible(client):
    html = client.get(LOGIN).content.decode()
    assert "Nama pengguna atau nomor HP" in html and "Kata sandi" in html and "Lupa kata sandi?" in html
    # django-axes reads the identifier from the field named in AXES_USERNAME_FORM_FIELD.
    assert 'name="username"' in html and 'name="password"' in html


@pytest.mark.parametrize("identifier", ["Siti", "siti", "081234567890", "+62 812-3456-7890", "6281234567890"])
def test_login_by_username_or_phone(client, identifier):
    user = make_user(username="siti", phone="081234567890")
    response = client.post(LOGIN, {"username": identifier, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert session_user_id(client) == str(user.pk)


def test_wrong_password_shows_indonesian_error_and_keeps_username(client):
    make_user(username="siti")
    response = client.post(LOGIN, {"username": "siti", "password": "salah-sekali"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nama pengguna/nomor HP atau kata sandi salah" in html
    assert 'value="siti"' in html
    assert session_user_id(client) is None


def test_inactive_user_cannot_log_in(client):
    make_user(username="siti", is_active=False)
    client.post(LOGIN, {"username": "siti", "password": DEFAULT_PASSWORD})
    assert session_user_id(client) is None


def test_sixth_attempt_is_locked_out_even_with_the_right_password(client):
    make_user(username="siti")
    for _ in range(5):
        response = client.post(LOGIN, {"username": "siti", "password": "salah-sekali"})
    response = client.post(LOGIN, {"username": "siti", "password": DEFAULT_PASSWORD})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.content.decode()
    assert session_user_id(client) is None


def test_lockout_is_per_username(client):
    make_user(username="siti")
    make_user(username="budi")
    for _ in range(5):
        client.post(LOGIN, {"username": "siti", "password": "salah-sekali"})
    response = client.post(LOGIN, {"username": "budi", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302


def test_session_key_rotates_at_login(client):
    make_user(username="siti")
    client.get(LOGIN)
    session = client.session
    session["penanda"] = "x"
    session.save()
    before = session.session_key
    client.post(LOGIN, {"username": "siti", "password": DEFAULT_PASSWORD})
    assert client.session.session_key != before


def test_logout_needs_post_and_ends_the_session(client):
    user = make_user()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert session_user_id(client) == str(user.pk)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert session_user_id(client) is None
    assert client.get(reverse("accounts:profile")).status_code == 302


# --- registration ---------------------------------------------------------------------


def registration_data(cooperative, **overrides):
    data = {
        "join_code": cooperative.join_code.lower(),
        "full_name": "Siti Aminah",
        "username": "siti",
        "phone": "0812 3456 7890",
        "email": "siti@example.com",
        "password1": "kopi-tubruk-77",
        "password2": "kopi-tubruk-77",
    }
    data.update(overrides)
    return data


def test_registration_with_join_code_creates_staff_and_logs_in(client):
    cooperative = make_cooperative()
    response = client.post(reverse("accounts:register"), registration_data(cooperative))
    assert response.status_code == 302
    user = User.objects.get(username="siti")
    assert (user.cooperative, user.cooperative_role, user.phone) == (cooperative, "staf", "081234567890")
    assert (user.first_name, user.last_name) == ("Siti", "Aminah")
    assert session_user_id(client) == str(user.pk)


def test_registration_link_prefills_the_join_code(client):
    html = client.get(reverse("accounts:register"), {"kode": "ABCD2345"}).content.decode()
    assert 'value="ABCD2345"' in html


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"join_code": "ZZZZ9999"}, "join_code", "Kode bergabung tidak dikenal"),
        ({"username": "SUDAHADA"}, "username", "Nama pengguna ini sudah dipakai"),
        ({"phone": "+62 811 0000 0001"}, "phone", "Nomor HP ini sudah terdaftar"),
        ({"phone": "12345"}, "phone", "Nomor HP tidak valid"),
        ({"username": "081299998888"}, "username", "Nama pengguna tidak boleh berupa nomor HP"),
        ({"password2": "lain-lagi-99"}, "password2", "Kedua kata sandi tidak sama"),
        ({"password1": "12345678", "password2": "12345678"}, "password1", "kata sandi"),
    ],
)
def test_registration_errors_write_nothing_and_keep_typed_values(client, overrides, field, message):
    cooperative = make_cooperative()
    make_user(username="sudahada", phone="081100000001")
    count = User.objects.count()
    data = registration_data(cooperative, **overrides)
    response = client.post(reverse("accounts:register"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message.lower() in " ".join(form.errors[field]).lower()
    html = response.content.decode()
    assert message.split()[0] in html
    assert f'value="{data["full_name"]}"' in html and f'value="{data["email"]}"' in html
    assert "kopi-tubruk-77" not in html, "passwords are never echoed back"
    assert User.objects.count() == count
    assert session_user_id(client) is None


def test_inactive_cooperative_join_code_is_refused(client):
    cooperative = make_cooperative(is_active=False)
    response = client.post(reverse("accounts:register"), registration_data(cooperative))
    assert "join_code" in response.context["form"].errors
    assert not User.objects.filter(username="siti").exists()


def test_registration_redirects_a_logged_in_user(client):
    client.force_login(make_user())
    assert client.get(reverse("accounts:register")).status_code == 302


# --- password change ------------------------------------------------------------------


def test_password_change_keeps_the_session_and_the_new_password_works(client):
    user = make_user(username="siti")
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": "teh-manis-88", "new_password2": "teh-manis-88"},
    )
    assert response.status_code == 302 and response.url == reverse("accounts:profile")
    assert session_user_id(client) == str(user.pk)
    user.refresh_from_db()
    assert user.check_password("teh-manis-88")


def test_password_change_with_wrong_old_password_changes_nothing(client):
    user = make_user(username="siti")
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "bukan-ini", "new_password1": "teh-manis-88", "new_password2": "teh-manis-88"},
    )
    assert response.status_code == 200 and "old_password" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


def test_password_change_needs_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)


# --- password reset by email ----------------------------------------------------------


def test_password_reset_by_email_end_to_end(client):
    user = make_user(username="siti", email="siti@example.com", first_name="Siti")
    response = client.post(reverse("accounts:password_reset"), {"email": "SITI@example.com"})
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["siti@example.com"]
    assert message.subject == "Atur ulang kata sandi Koperasi Siap Digital"
    assert "Halo Siti" in message.body and "Nama pengguna Anda: siti" in message.body

    link = re.search(r"http://testserver(/akun/atur-ulang/\S+/)", message.body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "teh-manis-88", "new_password2": "teh-manis-88"})
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("teh-manis-88")

    # The link works once.
    html = client.get(link, follow=True).content.decode()
    assert "Tautan ini tidak berlaku lagi" in html


def test_password_reset_does_not_reveal_whether_an_account_exists(client):
    make_user(username="siti", email="siti@example.com")
    known = client.post(reverse("accounts:password_reset"), {"email": "siti@example.com"})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "tidak.ada@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert len(mail.outbox) == 1
    done = client.get(reverse("accounts:password_reset_done")).content.decode()
    assert "Jika alamat itu tercatat" in done


def test_password_reset_page_is_indonesian(client):
    html = client.get(reverse("accounts:password_reset")).content.decode()
    assert "Lupa kata sandi" in html and "Kirim tautan" in html

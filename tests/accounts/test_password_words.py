"""Password forms speak the site's words ("Kata sandi"), not Django's stock "Sandi"."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def labels(html):
    return re.findall(r"<label[^>]*>([^<]+)</label>", html)


def test_password_change_form_words_and_errors(client):
    client.force_login(make_user(username="siti"))
    html = client.get(reverse("accounts:password_change")).content.decode()
    assert [label.rstrip(":") for label in labels(html)][:3] == [
        "Kata sandi lama",
        "Kata sandi baru",
        "Ulangi kata sandi baru",
    ]
    assert "Sandi" not in html and "sandi umum" not in html
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "bukan-ini", "new_password1": "teh-manis-88", "new_password2": "teh-manis-89"},
    )
    html = response.content.decode()
    assert "Kata sandi lama salah." in html
    assert "Kedua kata sandi tidak sama." in html
    assert "Sandi" not in html


def test_password_reset_link_form_words(client):
    make_user(username="siti", email="siti@example.com")
    client.post(reverse("accounts:password_reset"), {"email": "siti@example.com"})
    link = re.search(r"http://testserver(/akun/atur-ulang/\S+/)", mail.outbox[0].body).group(1)
    html = client.get(link, follow=True).content.decode()
    assert [label.rstrip(":") for label in labels(html)][:2] == ["Kata sandi baru", "Ulangi kata sandi baru"]
    assert "Sandi" not in html

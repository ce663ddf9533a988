"""Readable temporary passwords, for imports and password resets by a manager."""

import secrets

# No 0/o, 1/l/i: these passwords are read aloud and typed on small phones.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_LENGTH = 10


def generate_password(length=PASSWORD_LENGTH):
    """A random password of unambiguous lowercase letters and digits, with both kinds."""
    while True:
        password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password

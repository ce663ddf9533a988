"""Writes to accounts."""

from axes.utils import reset as reset_axes_lockout
from django.contrib.auth import get_user_model
from django.db import transaction

from .passwords import generate_password


def split_full_name(full_name):
    parts = full_name.strip().split(" ", 1)
    return parts[0], (parts[1] if len(parts) > 1 else "")


@transaction.atomic
def register_learner(*, cooperative, full_name, username, password, phone=None, email=""):
    """Create a staff account in ``cooperative`` (self-registration with a join code)."""
    User = get_user_model()
    first_name, last_name = split_full_name(full_name)
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        phone=phone or None,
        email=email or "",
        cooperative=cooperative,
        cooperative_role=User.ROLE_STAF,
    )
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def reset_password_to_temporary(*, user):
    """Give ``user`` a new generated password and lift any login lock-out.

    Returns the password so the person resetting can pass it on; it is not stored in
    clear anywhere. The user's other sessions end (Django ties them to the password).
    """
    password = generate_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    # Lock-outs are counted per account, under its username (accounts.lockout).
    reset_axes_lockout(username=user.username)
    return password

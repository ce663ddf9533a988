"""Reads of accounts."""

from django.contrib.auth import get_user_model

from .phone import normalize_phone


def find_account(identifier):
    """The account a login identifier names: a username in any case, or a phone number
    in any format (``0812…``, ``+62 812…``, ``62812…``, with spaces or dashes). ``None``
    if there is none."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    User = get_user_model()
    user = User.objects.filter(username__iexact=identifier).first()
    if user is None:
        phone = normalize_phone(identifier)
        if phone:
            user = User.objects.filter(phone=phone).first()
    return user

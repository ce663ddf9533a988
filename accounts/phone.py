"""Indonesian mobile numbers, written many ways, stored one way."""

import re
from urllib.parse import quote, urlencode

_NON_DIGITS = re.compile(r"[^\d+]")


def normalize_phone(raw):
    """Return the number as ``08…`` digits, or "" if it does not look like a phone number.

    ``+62 812-3456-789``, ``62812345678``, ``0812 345 678`` and ``812345678`` all become
    ``0812…``.
    """
    if not raw:
        return ""
    digits = _NON_DIGITS.sub("", str(raw).strip())
    if digits.startswith("+"):
        digits = digits[1:]
    if not digits.isdigit():
        return ""
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    elif digits.startswith("8"):
        digits = "0" + digits
    if not digits.startswith("08") or not 9 <= len(digits) <= 14:
        return ""
    return digits


def international_phone(raw):
    """The number as WhatsApp wants it (``62812…``, no plus), or "" if it is not a phone number."""
    local = normalize_phone(raw)
    return "62" + local[1:] if local else ""


def whatsapp_url(raw, message):
    """A one-tap ``https://wa.me/62…?text=…`` link with ``message`` prepared, or "" without a number."""
    number = international_phone(raw)
    if not number:
        return ""
    return f"https://wa.me/{number}?{urlencode({'text': message}, quote_via=quote)}"

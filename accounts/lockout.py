"""What django-axes counts failed logins against: the account, and the real client.

Wired in settings as ``AXES_USERNAME_CALLABLE`` and ``AXES_CLIENT_IP_CALLABLE``.

- Failures count per account however it is typed: ``Siti``, ``SITI`` and the phone
  number in any format are one account, so varying the spelling buys no extra guesses.
- The client address is ``REMOTE_ADDR`` unless ``CLIENT_IP_HEADER`` names a header that
  a trusted reverse proxy sets (off by default: a header the client may send itself
  must never decide who gets locked out). Behind a proxy without it, every visitor
  would share the proxy's address and one person could lock everyone out.
"""

from django.conf import settings

from .phone import normalize_phone
from .selectors import find_account


def lockout_username(request, credentials=None):
    """The key failures are counted under: the account's own username, or for an
    identifier that names no account, the identifier folded the same way."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        typed = credentials.get(field)
    else:
        typed = getattr(request, "data", getattr(request, "POST", {})).get(field)
    typed = (typed or "").strip()
    if not typed:
        return typed
    cache = getattr(request, "_lockout_keys", None) if request is not None else None
    if cache is not None and typed in cache:
        return cache[typed]
    account = find_account(typed)
    key = account.username if account is not None else (normalize_phone(typed) or typed.lower())
    if request is not None:
        if cache is None:
            cache = request._lockout_keys = {}
        cache[typed] = key
    return key


def client_ip(request):
    """The client's address: from the trusted proxy's header when one is configured."""
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        # X-Forwarded-For lists every hop; the right-most one is what our proxy saw
        # (anything to its left came from the client and can be forged).
        addresses = [part.strip() for part in value.split(",") if part.strip()]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR")

"""Reads from the cooperative registry."""

from django.contrib.auth import get_user_model


def cooperative_members(cooperative):
    """The accounts of a cooperative, pengurus first, then by name."""
    User = get_user_model()
    return (
        User.objects.filter(cooperative=cooperative)
        .only(
            "pk", "username", "first_name", "last_name", "phone", "email", "cooperative_role", "last_login", "is_active"
        )
        # "pengurus" sorts before "staf".
        .order_by("cooperative_role", "first_name", "last_name", "username")
    )

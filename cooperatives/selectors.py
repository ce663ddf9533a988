"""Reads from the cooperative registry."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import get_object_or_404

from .models import Cooperative


def visible_cooperatives(user):
    """The cooperatives whose data ``user`` may read, as a queryset (PRODUCT.md section 2)."""
    if user.has_perm("cooperatives.view_all_cooperatives"):
        return Cooperative.objects.all()
    if user.is_authenticated and getattr(user, "is_pengurus", False):
        return Cooperative.objects.filter(pk=user.cooperative_id)
    return Cooperative.objects.none()


def get_visible_cooperative_or_404(user, **lookup):
    return get_object_or_404(visible_cooperatives(user), **lookup)


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


PICKER_LIMIT = 20


def search_cooperatives(cooperatives, term, *, limit=PICKER_LIMIT):
    """At most ``limit`` of ``cooperatives`` whose name, NIK or kecamatan matches ``term``.

    For pickers over hundreds of cooperatives: the server searches, the page shows a few.
    A term of digits also matches the start of a NIK; words must all appear (in any field).
    """
    queryset = cooperatives.select_related("kecamatan").only("pk", "nik", "nama", "kecamatan__name")
    words = term.split()[:5]
    if not words:
        return []
    for word in words:
        queryset = queryset.filter(
            Q(nama__icontains=word) | Q(nik__startswith=word) | Q(kecamatan__name__icontains=word)
        )
    return list(queryset.order_by("nama", "pk")[:limit])

"""Who may see what. Every view and export asks here, never on its own.

Rules (PRODUCT.md section 2):
- staff see only their own learning;
- pengurus also see their own cooperative's data, never another's;
- Dinas analysts (the ``Analis Dinas`` group) and superusers see every cooperative;
- Dinas editors manage content only.
Anything a user may not see is answered with 404, so guessing ids reveals nothing.

The roles are decided here; the querysets of what a role sees live with the model they
read (``cooperatives.selectors.visible_cooperatives``, ``reports.selectors.visible_export_jobs``),
so ``base`` imports no app of the project.
"""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404

EDITOR_GROUP = "Editor Dinas"
ANALYST_GROUP = "Analis Dinas"
APPROVER_GROUP = "Penyetuju Dinas"


def _group_names(user):
    # Cached on the user object: one query per request however often it is asked.
    if not hasattr(user, "_group_names_cache"):
        user._group_names_cache = frozenset(user.groups.values_list("name", flat=True))
    return user._group_names_cache


def group_names(user):
    """The names of ``user``'s groups, cached on the user (one query per request)."""
    return _group_names(user)


def is_analyst(user):
    """Dinas analysts (and superusers) see every cooperative and the district reports."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or ANALYST_GROUP in _group_names(user)


def is_editor(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or EDITOR_GROUP in _group_names(user)


def is_dinas(user):
    return is_analyst(user) or is_editor(user)


def may_use_admin(user):
    """Dinas staff who work in the Wagtail admin (and so see its user bar on pages).

    Decided from the groups already read for the header, so a learner's page pays no
    permission queries for a bar they would never see.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(_group_names(user) & {EDITOR_GROUP, ANALYST_GROUP, APPROVER_GROUP})


def can_learn(user):
    """May take courses: staff or pengurus of any cooperative, and Dinas."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(getattr(user, "cooperative_id", None)) or is_dinas(user)


def can_manage_cooperative(user, cooperative):
    """May see its join code, its staff's progress, reset its staff's passwords."""
    if is_analyst(user):
        return True
    return bool(getattr(user, "is_pengurus", False) and user.cooperative_id == cooperative.pk)


def visible_learners(user):
    """The users whose learning progress ``user`` may read."""
    User = get_user_model()
    if is_analyst(user):
        return User.objects.all()
    if not user.is_authenticated:
        return User.objects.none()
    if getattr(user, "is_pengurus", False):
        return User.objects.filter(cooperative_id=user.cooperative_id)
    return User.objects.filter(pk=user.pk)


def get_visible_learner_or_404(user, **lookup):
    return get_object_or_404(visible_learners(user), **lookup)


def require_analyst(user):
    if not is_analyst(user):
        raise Http404


def password_resettable_users(user):
    """The accounts whose password ``user`` may reset to a temporary one.

    Only cooperative accounts (staf, pengurus) are ever reset here, and only ones that
    hold no power beyond their cooperative: no superuser, no Dinas group, no permission
    of their own. Otherwise an analyst could take over an editor's or another analyst's
    account. A pengurus: the staff (not other pengurus) of their own cooperative. An
    analyst: the staff and pengurus of any cooperative. Nobody resets their own password
    here (they use "Ganti kata sandi").
    """
    User = get_user_model()
    if not user.is_authenticated:
        return User.objects.none()
    cooperative_accounts = (
        User.objects.filter(cooperative__isnull=False, is_superuser=False, is_staff=False)
        .exclude(groups__isnull=False)
        .exclude(user_permissions__isnull=False)
    )
    if is_analyst(user):
        queryset = cooperative_accounts
    elif getattr(user, "is_pengurus", False):
        queryset = cooperative_accounts.filter(cooperative_id=user.cooperative_id, cooperative_role=User.ROLE_STAF)
    else:
        return User.objects.none()
    return queryset.exclude(pk=user.pk)


def get_password_resettable_user_or_404(user, **lookup):
    return get_object_or_404(password_resettable_users(user), **lookup)

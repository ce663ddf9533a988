"""Who may see what. Every view and export asks here or ``user.has_perm``, never on its own.

Rules (PRODUCT.md section 2):
- staff see only their own learning;
- pengurus also see their own cooperative's data, never another's: a data rule, read
  from the cooperative on their account, not a permission;
- whoever holds ``cooperatives.view_all_cooperatives`` (the Dinas analysts' group, and
  superusers) sees every cooperative;
- what else a Dinas role may do is a Django permission (``"app.codename"``) asked with
  ``user.has_perm``; which group holds which permission is written once, in
  ``accounts.roles``. No code asks for a group by its name.
Anything a user may not see is answered with 404, so guessing ids reveals nothing.

The querysets of what a user sees live with the model they read
(``cooperatives.selectors.visible_cooperatives``, ``reports.selectors.visible_export_jobs``),
so ``base`` imports no app of the project.
"""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404

# Every cooperative, its members and their learning (analysts).
VIEW_ALL_COOPERATIVES = "cooperatives.view_all_cooperatives"
# Opening the Wagtail admin: every Dinas role (editors, analysts, approvers).
ACCESS_ADMIN = "wagtailadmin.access_admin"


def group_names(user):
    """The names of ``user``'s groups, cached on the user (one query per request).

    Only for Wagtail's page view restrictions, which name the groups an editor picked;
    never for deciding a role.
    """
    if not hasattr(user, "_group_names_cache"):
        user._group_names_cache = frozenset(user.groups.values_list("name", flat=True))
    return user._group_names_cache


def require_perm(user, permission):
    """404 unless ``user`` holds ``permission`` (``"app.codename"``), through a group or directly."""
    if not user.has_perm(permission):
        raise Http404


def may_use_admin(user):
    """Dinas staff who work in the Wagtail admin (and so see its user bar on pages)."""
    return user.has_perm(ACCESS_ADMIN)


def can_learn(user):
    """May take courses: staff or pengurus of any cooperative, and Dinas."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(getattr(user, "cooperative_id", None)) or may_use_admin(user)


def can_manage_cooperative(user, cooperative):
    """May see its join code, its staff's progress, reset its staff's passwords."""
    if user.has_perm(VIEW_ALL_COOPERATIVES):
        return True
    return bool(getattr(user, "is_pengurus", False) and user.cooperative_id == cooperative.pk)


def visible_learners(user):
    """The users whose learning progress ``user`` may read."""
    User = get_user_model()
    if user.has_perm(VIEW_ALL_COOPERATIVES):
        return User.objects.all()
    if not user.is_authenticated:
        return User.objects.none()
    if getattr(user, "is_pengurus", False):
        return User.objects.filter(cooperative_id=user.cooperative_id)
    return User.objects.filter(pk=user.pk)


def get_visible_learner_or_404(user, **lookup):
    return get_object_or_404(visible_learners(user), **lookup)


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
    if user.has_perm("accounts.reset_cooperative_password"):
        queryset = cooperative_accounts
    elif getattr(user, "is_pengurus", False):
        queryset = cooperative_accounts.filter(cooperative_id=user.cooperative_id, cooperative_role=User.ROLE_STAF)
    else:
        return User.objects.none()
    return queryset.exclude(pk=user.pk)


def get_password_resettable_user_or_404(user, **lookup):
    return get_object_or_404(password_resettable_users(user), **lookup)

"""Template context every page gets."""

from django.utils.functional import SimpleLazyObject

from .pagecache import navigation_flags


def navigation(request):
    """``nav``: the header's permission flags for the request's user (cached; see base.pagecache)."""
    return {"nav": SimpleLazyObject(lambda: navigation_flags(request.user))}

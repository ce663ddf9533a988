"""Caches of what the site shows the same way to many visitors, retired all at once.

What is cached here (in Django's default cache):

- the Wagtail site of each host and port (``cached_site``);
- the routing result of each path of a page type that opts in with ``cache_route = True``
  (``base.views.serve``, which replaces Wagtail's page view);
- the view restrictions of each page (``cached_view_restrictions``);
- the header's permission flags of each user (``navigation_flags``);
- whole pages for anonymous visitors (``AnonymousPageCacheMiddleware`` in
  ``base.middleware``), for page types with ``cache_anonymous = True``;
- each learner's own view of a page (``base.views.serve``), for page types with
  ``cache_learner = True``: the lesson, course, catalogue and quiz pages.

Every key carries a *cache stamp*, a number that every process of the site reads
without a database query: the ``content`` stamp changes whenever a page is saved,
published, unpublished, moved or deleted, or a view restriction, a site or an image
changes; the ``roles`` stamp when a group's or a user's groups or permissions change
(``base.receivers``). A new stamp retires every entry keyed by it in every process at
once. With a process-local cache (``LocMemCache``, the default) a stamp is the
modification time of a file in ``CACHE_STAMP_DIR``, which every web server process and
worker on the machine sees; with a shared cache (Redis, required for several machines)
it is a key in that cache.

A learner's own page also carries the learner's *progress version*
(``User.progress_version``), which the database raises in the same transaction as any
change to what their pages show (an enrolment, a lesson done, a quiz attempt started or
graded: ``learner_changed``). It comes with the user, whom every request loads from the
database anyway, so the learner sees their own progress at once, on any machine. The
session and the user themselves are never cached: a deactivated user or a changed
password logs out at the next request.
"""

import logging
import os
import re
import time
import zlib
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db.models import F
from django.http import HttpResponse
from django.middleware.csrf import get_token
from wagtail.models import PageViewRestriction, Site

# Entries also expire on their own, which bounds anything the stamp cannot see
# (a quiz opening at its time, a row changed by a bulk update or by hand).
CACHE_SECONDS = 300
CONTENT = "content"
ROLES = "roles"

logger = logging.getLogger(__name__)


def _stamp_file(name):
    return Path(settings.CACHE_STAMP_DIR) / name


def _cache_is_shared():
    return not isinstance(cache, LocMemCache)


def cache_stamp(request=None, name=CONTENT):
    """The current stamp ``name`` (read once per request when ``request`` is given)."""
    remembered = getattr(request, "_cache_stamps", None)
    if remembered is not None and name in remembered:
        return remembered[name]
    if _cache_is_shared():
        stamp = cache.get(f"cache-stamp:{name}") or 0
    else:
        try:
            stamp = os.stat(_stamp_file(name)).st_mtime_ns
        except FileNotFoundError:
            stamp = 0
    if request is not None:
        if remembered is None:
            remembered = request._cache_stamps = {}
        remembered[name] = stamp
    return stamp


def bump_cache_stamp(name=CONTENT):
    """Retire every entry keyed by stamp ``name`` in every process (cheap; safe to call often)."""
    if _cache_is_shared():
        if not cache.add(f"cache-stamp:{name}", time.time_ns(), timeout=None):
            cache.incr(f"cache-stamp:{name}")
        return
    path = _stamp_file(name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            previous = os.stat(path).st_mtime_ns
        except FileNotFoundError:
            path.touch()
            previous = 0
        # Set explicitly (not "now" from the file system's coarse clock) so that two
        # changes in the same millisecond still give two stamps.
        stamp = max(time.time_ns(), previous + 1)
        os.utime(path, ns=(stamp, stamp))
    except OSError:
        # The change itself (a publication) must not fail for this: cached entries then
        # live out their CACHE_SECONDS. The log says which folder must be made writable.
        logger.exception("Cannot write the cache stamp %s (CACHE_STAMP_DIR)", path)


# --- sites and routing ----------------------------------------------------------------------


def cached_site(request):
    """``Site.find_for_request`` without a query per request: remembered per host and port."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = f"site:{cache_stamp(request)}:{request._get_raw_host()}:{request.get_port()}"
    found = cache.get(key)
    if found is None:
        site = Site.find_for_request(request)
        if site is not None:
            # Routing starts at the root page's own type: fetched once, kept with the site.
            site.root_page = site.root_page.localized.specific
        cache.set(key, (site,), CACHE_SECONDS)
    else:
        (site,) = found
    request._wagtail_site = site
    return site


def remembered(name, load):
    """``load()`` (content: pages, restrictions, sites) remembered until the content changes."""
    key = f"{name}:{cache_stamp()}"
    found = cache.get(key)
    if found is None:
        found = (load(),)
        cache.set(key, found, CACHE_SECONDS)
    return found[0]


def cached_view_restrictions(page, load):
    """``page``'s view restrictions (its own and its ancestors'), remembered per page path."""
    return remembered(f"restrictions:{page.path}", lambda: list(load()))


# --- the header -----------------------------------------------------------------------------

NAVIGATION_PERMISSIONS = {
    "view_all_assessments": "readiness.view_all_assessments",
    "view_event": "network.view_event",
    "view_district_reports": "reports.view_district_reports",
    "view_all_attempts": "quizzes.view_all_attempts",
    "view_all_cooperatives": "cooperatives.view_all_cooperatives",
    "access_admin": "wagtailadmin.access_admin",
}


def navigation_flags(user):
    """Which of the header's permission-gated links ``user`` gets, remembered per user.

    The key holds what the request's (freshly loaded) user says about itself, so making
    a user a superuser or moving them to another cooperative shows at once; group and
    permission changes retire the entry through the stamp.
    """
    if not user.is_authenticated:
        return dict.fromkeys(NAVIGATION_PERMISSIONS, False)
    key = (
        f"nav:{cache_stamp(name=ROLES)}:{user.pk}:{int(user.is_active)}:{int(user.is_superuser)}:"
        f"{user.cooperative_id}:{user.cooperative_role}"
    )
    flags = cache.get(key)
    if flags is None:
        flags = {name: user.has_perm(permission) for name, permission in NAVIGATION_PERMISSIONS.items()}
        cache.set(key, flags, CACHE_SECONDS)
    return flags


class CachedPageMixin:
    """For page types whose routing and view restrictions may be remembered (see above).

    ``cache_anonymous = True`` also lets whole responses to anonymous visitors be cached:
    only for pages that show every anonymous visitor the same thing. ``cache_learner =
    True`` lets each logged-in learner's own view be cached: only for pages that show a
    learner nothing but the content and the learner's own records (see ``learner_changed``).
    """

    cache_route = True
    cache_anonymous = False
    cache_learner = False

    def get_view_restrictions(self):
        """A queryset, as Wagtail's callers expect (the admin's privacy view orders it):
        iterating it reads the remembered rows without a query; anything else queries."""
        restrictions = cached_view_restrictions(self, super().get_view_restrictions)
        queryset = PageViewRestriction.objects.filter(pk__in=[restriction.pk for restriction in restrictions])
        queryset._result_cache = restrictions
        return queryset


# --- whole pages for anonymous visitors -----------------------------------------------------

CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_INPUT_TEXT = re.compile(CSRF_INPUT.pattern.decode())
CSRF_PLACEHOLDER = b"\x00csrf\x00"
# Headers the outer middleware sets on every response again (CSP, language, Vary, frame
# options, cookies) are not stored.
STORED_HEADERS = ("Content-Type",)


def anonymous_page_key(request):
    """The cache key of an anonymous GET of a page, or None when the request may not use the cache.

    Only plain visits qualify: no query string, no session (anyone logged in or with a
    passed password form has one), no pending messages; the language and the "hemat
    data" choice are part of the key.
    """
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    return (
        f"anonpage:{cache_stamp(request)}:{request._get_raw_host()}:{request.path}:"
        f"{getattr(request, 'LANGUAGE_CODE', '')}:{cookies.get('hemat_data') == '1'}"
    )


def cached_response(request, key):
    """The stored response for ``key`` with this visitor's own CSRF token, or None."""
    found = cache.get(key)
    if found is None:
        return None
    compressed, headers = found
    content = zlib.decompress(compressed)
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, headers=headers)
    response["X-Page-Cache"] = "hit"
    return response


def _store(request, key, response, seconds=CACHE_SECONDS):
    """Keep ``response`` under ``key`` with a placeholder for the CSRF token, compressed
    (a page is a fifth of its size: thousands of them fit in a small server's memory)."""
    content = response.content
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        # The page asked for a CSRF token: each visitor gets their own in its place.
        content, replaced = CSRF_INPUT.subn(rb"\g<1>" + CSRF_PLACEHOLDER + rb"\g<2>", content)
        if not replaced:
            return
    headers = {name: response[name] for name in STORED_HEADERS if name in response}
    cache.set(key, (zlib.compress(content, 1), headers), seconds)


def store_anonymous_response(request, key, response):
    """Keep ``response`` for the next anonymous visitor when it is the same for all of them."""
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or not getattr(request, "_cache_anonymous_page", False)
        or request.user.is_authenticated
        or getattr(request, "session", None) is not None
        and request.session.modified
        or "private" in response.get("Cache-Control", "")
        or "no-store" in response.get("Cache-Control", "")
    ):
        return
    _store(request, key, response)


# --- a learner's own pages ------------------------------------------------------------------


def learner_changed(user_ids):
    """Retire the cached pages of the learners ``user_ids`` (one id or several): something
    their pages show changed. Call it inside the transaction that makes the change."""
    if isinstance(user_ids, int):
        user_ids = [user_ids]
    user_ids = [pk for pk in user_ids if pk is not None]
    if user_ids:
        get_user_model().objects.filter(pk__in=user_ids).update(progress_version=F("progress_version") + 1)


def learner_page_key(request):
    """The cache key of a logged-in learner's GET of a page, or None when it may not be cached.

    Only plain visits qualify (no query string, no pending messages), and not editors
    (their pages carry Wagtail's user bar). The key holds the content and roles stamps,
    the learner's progress version and what the header shows of them, the language and
    the "hemat data" choice.
    """
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return None
    user = request.user
    version = getattr(user, "progress_version", None)
    if not user.is_authenticated or version is None or request.COOKIES.get("messages"):
        return None
    if request.session.get("_messages") or navigation_flags(user)["access_admin"]:
        return None
    return (
        f"learnerpage:{cache_stamp(request)}:{cache_stamp(request, ROLES)}:{request._get_raw_host()}:"
        f"{request.path}:{getattr(request, 'LANGUAGE_CODE', '')}:{request.COOKIES.get('hemat_data') == '1'}:"
        f"{user.pk}:{version}:{int(user.is_superuser)}:{user.cooperative_id}:{user.cooperative_role}"
    )


def store_learner_response(request, key, page, response):
    """Keep a learner's page for their next visit, once rendered, when nothing but the page
    and their own records decided it: a plain 200, no cookie or session change, no view
    restriction (a password once entered would change the answer). A page may shorten
    the time with ``request.page_cache_seconds`` (a quiz that opens or closes soon)."""

    def store(response):
        seconds = min(CACHE_SECONDS, getattr(request, "page_cache_seconds", CACHE_SECONDS))
        if (
            seconds <= 0
            or response.status_code != 200
            or response.streaming
            or response.cookies
            or request.session.modified
            or "no-store" in response.get("Cache-Control", "")
            or list(page.get_view_restrictions())
        ):
            return
        _store(request, key, response, seconds)

    if getattr(response, "is_rendered", True):
        store(response)
    else:
        response.add_post_render_callback(store)

"""Site-wide views that belong to no area of their own."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.views.static import serve as static_serve
from wagtail.models import Page
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from .pagecache import (
    CACHE_SECONDS,
    cache_stamp,
    cached_response,
    cached_site,
    learner_page_key,
    store_learner_response,
)

# Renditions never change under their name (another size, crop or a replaced file is
# another file name), so browsers keep them a year; originals a day.
RENDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"
ORIGINAL_IMAGE_CACHE_CONTROL = "public, max-age=86400"


def media_image(request, path):
    """An image under ``MEDIA_ROOT`` (``images/`` renditions, ``original_images/``) with cache headers.

    Only when media are on the local disk and nothing in front serves ``/media/`` (the
    reverse proxy should, with the same headers; see the README). Other media files
    (exports) are never served here.
    """
    response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = RENDITION_CACHE_CONTROL if path.startswith("images/") else ORIGINAL_IMAGE_CACHE_CONTROL
    return response


def csrf_failure(request, reason=""):
    """A form sent from an expired or foreign page: say so in the site's words and layout.

    Django's own page is English and technical; the usual cause here is a phone that
    kept an old page open, or cookies turned off. ``reason`` is for logs, not people.
    """
    return render(request, "403_csrf.html", status=403)


def serve(request, path):
    """Wagtail's page view, with the routing of opted-in page types remembered per path.

    A page type with ``cache_route = True`` is found again without walking the tree (the
    page as routed, its parents as its ``route`` remembered them); any other page type is
    routed by Wagtail as usual on every request. Wagtail's own ``serve`` then does the
    rest (view restrictions, ``before_serve_page`` hooks, ``page.serve``).

    A page type with ``cache_learner = True`` answers a logged-in learner's plain visit
    from their own cached copy when one is current (``base.pagecache``); such a copy is
    kept only of pages without view restrictions, so skipping Wagtail's checks on a hit
    skips nothing that applies.
    """
    site = cached_site(request)
    key = f"route:{cache_stamp(request)}:{site.pk if site else 0}:{path}"
    found = cache.get(key)
    if found is not None:
        page, args, kwargs = found
        request._wagtail_route_for_request = RouteResult(page, args, kwargs)
    else:
        route = Page.route_for_request(request, path)
        if route is not None and getattr(route[0], "cache_route", False):
            cache.set(key, tuple(route), CACHE_SECONDS)
        if route is None:
            raise Http404
        page = route[0]
    request._cache_anonymous_page = getattr(page, "cache_anonymous", False)
    key = learner_page_key(request) if getattr(page, "cache_learner", False) else None
    if key is not None:
        response = cached_response(request, key)
        if response is not None:
            return response
    response = wagtail_serve(request, path)
    if key is not None:
        store_learner_response(request, key, page, response)
    return response

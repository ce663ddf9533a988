"""Site-wide middleware: language choice, uncached downloads, the Content-Security-Policy,
the page cache for anonymous visitors."""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from .pagecache import anonymous_page_key, cached_response, store_anonymous_response


class ChosenLanguageMiddleware:
    """Like Django's LocaleMiddleware, but ignores the browser's Accept-Language.

    Many phones in Probolinggo are set to English while their owners read Indonesian
    best, so the site speaks Indonesian until someone picks another language with the
    switch in the footer (stored in the language cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class NoStoreDownloadsMiddleware:
    """Every download (a response sent as an attachment) is ``Cache-Control: no-store``.

    Exports, report cards and password lists hold people's records: a shared phone's
    browser cache or a proxy must not keep a copy. Published documents served by Wagtail
    (``/documents/``) are content, not records, and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        disposition = response.headers.get("Content-Disposition", "")
        if (
            disposition.lower().startswith("attachment")
            and "no-store" not in response.get("Cache-Control", "")
            and not _is_published_document(request)
        ):
            add_never_cache_headers(response)
        return response


def _is_published_document(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "wagtaildocs_serve"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with two policies: the strict site policy (``CONTENT_SECURITY_POLICY``)
    everywhere, and ``ADMIN_CONTENT_SECURITY_POLICY`` under the Wagtail admin, whose
    own widgets (date pickers, inline panels) still use inline scripts."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None)
        if not report_only and admin_policy and parts.config is None and _is_admin(request):
            parts.config = default_config(admin_policy["DIRECTIVES"])
        return parts


def _is_admin(request):
    return request.path_info.startswith(settings.ADMIN_URL_PREFIX)


class AnonymousPageCacheMiddleware:
    """Answers anonymous visits to public pages (home, catalogue, course) from the cache.

    A hit costs no database query and no routing: it sits inside the session, CSRF and
    language middleware (so the visitor's own CSRF token goes into any form, and the
    cookie is set), and returns before the view. Which pages are stored, and when they
    are retired, is decided in ``base.pagecache``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = anonymous_page_key(request)
        if key is not None:
            response = cached_response(request, key)
            if response is not None:
                return response
        response = self.get_response(request)
        if key is not None and request.method == "GET":
            store_anonymous_response(request, key, response)
        return response

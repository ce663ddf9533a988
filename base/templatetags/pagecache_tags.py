"""``{% cached_include %}``: the site's chrome (header, footer) rendered once, not per request."""

import hashlib

from django import template
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from base.pagecache import CACHE_SECONDS, CONTENT, CSRF_INPUT_TEXT, CSRF_PLACEHOLDER, ROLES, cache_stamp

register = template.Library()


@register.simple_tag(takes_context=True)
def cached_include(context, template_name, *key_parts):
    """Include ``template_name``, rendered once per ``key_parts`` and language.

    ``key_parts`` must name everything the template shows that differs between requests
    (who is logged in and their role, the path); entries are retired with the content and
    roles stamps (``base.pagecache``). CSRF tokens in its forms are this request's own.
    """
    request = context.get("request")
    parts = hashlib.sha256(repr(key_parts).encode()).hexdigest()[:32]
    key = f"include:{template_name}:{cache_stamp(request, CONTENT)}:{cache_stamp(request, ROLES)}:{get_language()}:{parts}"
    html = cache.get(key)
    if html is None:
        html = context.template.engine.get_template(template_name).render(context)
        html = CSRF_INPUT_TEXT.sub(lambda match: match.group(1) + CSRF_PLACEHOLDER.decode() + match.group(2), html)
        cache.set(key, html, CACHE_SECONDS)
    if CSRF_PLACEHOLDER.decode() in html and request is not None:
        html = html.replace(CSRF_PLACEHOLDER.decode(), get_token(request))
    return mark_safe(html)  # our own template's output

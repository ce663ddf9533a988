"""Download sizes in learners' pages: ``{% course_size course %}``, ``{% lesson_size lesson %}``."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from offline import selectors

register = template.Library()


@register.filter
def download_size(size):
    """``± 180 KB`` or ``± 1,2 MB`` (rounded: it is an estimate)."""
    if not size:
        return ""
    kilobytes = size / 1024
    if kilobytes < 1000:
        return _("± %(size)s KB") % {"size": number_format(max(1, round(kilobytes)))}
    return _("± %(size)s MB") % {"size": number_format(kilobytes / 1024, decimal_pos=1)}


@register.simple_tag
def course_size(course):
    return download_size(selectors.course_download_bytes(course))


@register.simple_tag
def lesson_size(lesson):
    return download_size(selectors.lesson_download_bytes(lesson))


@register.filter
def hemat_data(request):
    """Whether this phone asked to show images only when tapped."""
    return getattr(request, "COOKIES", {}).get("hemat_data") == "1"

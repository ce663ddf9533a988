"""Template filters about the signed-in account (asking ``base.access``, never deciding)."""

from django import template

from base import access

register = template.Library()


@register.filter
def is_dinas(user):
    """Dinas editors and analysts (and superusers): they also work in the admin."""
    return access.is_dinas(user)

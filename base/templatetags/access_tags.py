"""Template filters that ask ``base.access`` (templates never decide access on their own)."""

from django import template

from base import access

register = template.Library()


@register.filter
def is_analyst(user):
    return access.is_analyst(user)


@register.filter
def may_use_admin(user):
    return access.may_use_admin(user)

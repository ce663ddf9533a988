"""Admin-wide tweaks that belong to no single app."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.models import Page

from .records_admin import blocked_page, blocked_user, records_protected_response


@hooks.register("construct_wagtail_userbar")
def keep_content_checks_in_the_preview(request, items, page):
    """The accessibility checker helps editors in the preview panel; on the live site it
    loads a large script for every Dinas user on every page and reports to the console."""
    if not getattr(request, "in_preview_panel", False):
        items[:] = [item for item in items if not isinstance(item, ContentCheckerItem)]


@hooks.register("before_delete_page")
def refuse_deleting_pages_with_records(request, page):
    """A page that people's records point at (or with such a page below it) is never
    deleted: the editor is told why and offered to unpublish it instead."""
    blocked = blocked_page(request, page)
    if blocked is not None:
        parent = page.get_parent()
        return records_protected_response(
            request, [blocked], back_url=reverse("wagtailadmin_explore", args=[parent.pk]) if parent else ""
        )
    return None


@hooks.register("before_delete_user")
def refuse_deleting_accounts_with_records(request, user):
    """An account with attempts, enrolments or completions is never deleted (they would go
    with it): the admin says why and offers to deactivate it instead."""
    blocked = blocked_user(user)
    if blocked is not None:
        return records_protected_response(request, [blocked], back_url=reverse("wagtailusers_users:index"))
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_what_records_point_at(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not objects:
        return None
    if isinstance(objects[0], Page):
        found = (blocked_page(request, page) for page in objects)
    elif isinstance(objects[0], get_user_model()):
        found = (blocked_user(user) for user in objects)
    else:
        return None
    blocked = [item for item in found if item is not None]
    if blocked:
        return records_protected_response(request, blocked, back_url=action_class_instance.next_url)
    return None

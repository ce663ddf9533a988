"""Admin-wide tweaks that belong to no single app."""

from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem


@hooks.register("construct_wagtail_userbar")
def keep_content_checks_in_the_preview(request, items, page):
    """The accessibility checker helps editors in the preview panel; on the live site it
    loads a large script for every Dinas user on every page and reports to the console."""
    if not getattr(request, "in_preview_panel", False):
        items[:] = [item for item in items if not isinstance(item, ContentCheckerItem)]

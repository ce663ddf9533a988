"""The admin side of kept records: refusing to delete what people's records point at, with the reason."""

from django.shortcuts import render
from django.urls import reverse
from wagtail.admin.views import generic

from .records import page_records_blocking_deletion, records_blocking_deletion

RECORDS_PROTECTED_TEMPLATE = "base/admin/records_protected.html"


def records_protected_response(request, blocked, *, back_url=""):
    """The page that says why nothing was deleted. ``blocked``: dicts with ``title``,
    ``records`` (``RecordCount`` list) and, for pages, ``unpublish_url`` (or "")."""
    return render(
        request,
        RECORDS_PROTECTED_TEMPLATE,
        {
            "blocked": blocked,
            "offer_unpublish": any(item.get("unpublish_url") for item in blocked),
            "offer_deactivate": any(item.get("deactivate_url") for item in blocked),
            "back_url": back_url,
        },
    )


def blocked_page(request, page):
    """What keeps ``page`` (or a page below it) from being deleted, or None if nothing does."""
    records = page_records_blocking_deletion(page)
    if not records:
        return None
    may_unpublish = page.live and page.permissions_for_user(request.user).can_unpublish()
    return {
        "title": page.get_admin_display_title(),
        "records": records,
        "unpublish_url": reverse("wagtailadmin_pages:unpublish", args=[page.pk]) if may_unpublish else "",
    }


def blocked_user(user):
    """What keeps an account from being deleted (its attempts, enrolments, completions…),
    or None. Such an account is deactivated instead: it cannot log in, its records stay."""
    records = records_blocking_deletion([user])
    if not records:
        return None
    return {
        "title": user.get_full_name() or user.get_username(),
        "records": records,
        "unpublish_url": "",
        "deactivate_url": reverse("wagtailusers_users:edit", args=[user.pk]) if user.is_active else "",
    }


class RecordsProtectedDeleteView(generic.DeleteView):
    """A viewset's delete view that explains, instead of failing, when records point at the object."""

    def refusal(self):
        records = records_blocking_deletion([self.object])
        if not records:
            return None
        back_url = reverse(self.edit_url_name, args=[self.object.pk]) if self.edit_url_name else ""
        return records_protected_response(
            self.request, [{"title": str(self.object), "records": records, "unpublish_url": ""}], back_url=back_url
        )

    # After the permission check (in ``dispatch``), before the confirmation or the deletion.
    def get(self, request, *args, **kwargs):
        return self.refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refusal() or super().post(request, *args, **kwargs)

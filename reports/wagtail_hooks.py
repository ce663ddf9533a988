"""A "Laporan" item in the Wagtail admin menu for Dinas analysts (the reports live on the site)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("reports.view_district_reports")


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(_("Laporan kabupaten"), reverse("reports:dashboard"), icon_name="table", order=900)

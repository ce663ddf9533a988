from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import ParticipantImportView


@hooks.register("register_admin_urls")
def register_participant_import_url():
    return [path("peserta/impor/", ParticipantImportView.as_view(), name="accounts_import_participants")]


class ParticipantImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(ParticipantImportView.permission_required)


@hooks.register("register_admin_menu_item")
def register_participant_import_menu_item():
    return ParticipantImportMenuItem(
        _("Impor peserta"), reverse("accounts_import_participants"), icon_name="user", order=260
    )

"""The business network in the Wagtail admin (Dinas analysts): partners, events,
agreements and follow-ups, with their spreadsheet imports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from base.records_admin import RecordsProtectedDeleteView
from cooperatives.wagtail_hooks import ImportButtonMixin

from .admin_views import (
    AgreementImportView,
    CommitmentImportView,
    EvaluationImportView,
    ParticipantImportView,
    PartnerImportView,
)
from .models import Agreement, Event, FollowUp, Partner


class PartnerIndexView(ImportButtonMixin, generic.IndexView):
    import_url_name = "mitra:import"


class PartnerViewSet(ModelViewSet):
    model = Partner
    # Whatever people's records point at is refused with the reason, also for a superuser and
    # before Wagtail's reference index has caught up (it would otherwise end in a 500).
    delete_view_class = RecordsProtectedDeleteView
    name = "mitra"
    icon = "group"
    menu_label = _("Mitra")
    index_view_class = PartnerIndexView
    list_display = ["name", "code", "jenis", "provinsi", "kabupaten", "phone"]
    list_filter = ["jenis", "provinsi"]
    search_fields = ["name", "code", "provinsi", "kabupaten"]
    search_backend_name = None
    form_fields = ["code", "name", "jenis", "provinsi", "kabupaten", "contact", "phone"]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("impor/", PartnerImportView.as_view(), name="import")]


class EventIndexView(generic.IndexView):
    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        buttons.insert(0, ListingButton(_("Halaman"), url=instance.get_absolute_url(), icon_name="view"))
        buttons.insert(
            1,
            ListingButton(
                _("Impor peserta"), url=reverse("kegiatan:import_participants", args=[instance.pk]), icon_name="upload"
            ),
        )
        if instance.is_evaluation:
            buttons.insert(
                2,
                ListingButton(
                    _("Impor tindak lanjut"),
                    url=reverse("kegiatan:import_evaluation", args=[instance.pk]),
                    icon_name="upload",
                ),
            )
        else:
            buttons.insert(
                2,
                ListingButton(
                    _("Impor kerja sama"),
                    url=reverse("kegiatan:import_agreements", args=[instance.pk]),
                    icon_name="upload",
                ),
            )
        return buttons


class EventViewSet(ModelViewSet):
    model = Event
    delete_view_class = RecordsProtectedDeleteView
    name = "kegiatan"
    icon = "date"
    menu_label = _("Kegiatan")
    index_view_class = EventIndexView
    list_display = ["name", "slug", "kind", "starts_on", "place"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "place"]
    search_backend_name = None
    form_fields = [
        "name",
        "slug",
        "kind",
        "starts_on",
        "ends_on",
        "place",
        "organiser",
        "speakers",
        "description",
        "follows",
        "courses",
        "pre_test",
        "post_test",
        "follow_up_opens_on",
        "follow_up_closes_on",
    ]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/impor-peserta/", ParticipantImportView.as_view(), name="import_participants"),
            path("<int:pk>/impor-kerja-sama/", AgreementImportView.as_view(), name="import_agreements"),
            path("<int:pk>/impor-tindak-lanjut/", EvaluationImportView.as_view(), name="import_evaluation"),
        ]


class AgreementIndexView(ImportButtonMixin, generic.IndexView):
    import_url_name = "kerja_sama:import_commitments"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "cooperative", "partner")


class AgreementViewSet(ModelViewSet):
    model = Agreement
    delete_view_class = RecordsProtectedDeleteView
    name = "kerja_sama"
    icon = "link"
    menu_label = _("Kerja sama")
    index_view_class = AgreementIndexView
    list_display = ["code", "cooperative", "partner", "field", "potential_value", "event"]
    list_filter = ["event", "field"]
    search_fields = ["code", "cooperative__nama", "partner__name"]
    search_backend_name = None
    form_fields = ["code", "event", "cooperative", "partner", "field", "description", "signed_on", "potential_value"]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("impor-komitmen/", CommitmentImportView.as_view(), name="import_commitments"),
        ]


class FollowUpPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds a follow-up in the admin, superusers included: a follow-up is a
    cooperative's answer to an evaluation (filled on the web or imported), and the admin's
    form has only the verification note. Viewing, the note and deleting follow the
    model's permissions."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action != "add"])


# Registered before any view asks for the model's policy (Wagtail then makes a default one).
register_permission_policy(FollowUp, FollowUpPermissionPolicy(FollowUp))


class FollowUpIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("agreement", "evaluation")


class FollowUpViewSet(ModelViewSet):
    """Listing only; pengurus fill and analysts verify on the web pages."""

    model = FollowUp
    name = "tindak_lanjut"
    icon = "form"
    menu_label = _("Tindak lanjut")
    index_view_class = FollowUpIndexView
    list_display = ["agreement", "evaluation", "state", "status", "realised_value", "source"]
    list_filter = ["evaluation", "state", "status"]
    search_fields = ["agreement__code"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["verification_note"]


class NetworkViewSetGroup(ModelViewSetGroup):
    menu_label = _("Jejaring usaha")
    menu_icon = "link"
    menu_order = 270
    items = (EventViewSet, PartnerViewSet, AgreementViewSet, FollowUpViewSet)


@hooks.register("register_admin_viewset")
def register_network_viewsets():
    return NetworkViewSetGroup()

"""Readiness in the Wagtail admin: frameworks (with dimensions and indicators inline),
evaluation rounds (with result import) and assessments. Shown to Dinas analysts."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from base.numbers import format_decimal
from base.records_admin import RecordsProtectedDeleteView

from .admin_views import AssessmentImportView, FrameworkEditView, FrameworkNewVersionView
from .models import Assessment, EvaluationRound, Framework


class FrameworkViewSet(ModelViewSet):
    model = Framework
    name = "instrumen"
    icon = "list-ol"
    menu_label = _("Instrumen")
    edit_view_class = FrameworkEditView
    # A version that rounds use is kept (their assessments answered its indicators).
    delete_view_class = RecordsProtectedDeleteView
    list_display = ["name", "code", "version", "created_at"]
    list_filter = ["code"]
    search_fields = ["name", "code"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/versi-baru/", FrameworkNewVersionView.as_view(), name="new_version"),
        ]


class RoundIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("framework")

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        buttons.insert(
            0,
            ListingButton(_("Impor hasil"), url=reverse("putaran:import", args=[instance.pk]), icon_name="upload"),
        )
        buttons.insert(
            1,
            ListingButton(_("Hasil"), url=reverse("readiness:round_detail", args=[instance.slug]), icon_name="view"),
        )
        return buttons


class EvaluationRoundViewSet(ModelViewSet):
    model = EvaluationRound
    name = "putaran"
    icon = "date"
    menu_label = _("Putaran evaluasi")
    index_view_class = RoundIndexView
    delete_view_class = RecordsProtectedDeleteView
    list_display = ["name", "slug", "framework", "opens_on", "closes_on"]
    search_fields = ["name", "slug"]
    search_backend_name = None
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/impor/", AssessmentImportView.as_view(), name="import")]


class AssessmentIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("round", "cooperative")

    def get_list_buttons(self, instance):
        """Verifikasi and Rapor beside each submitted assessment (the pages analysts work on)."""
        buttons = super().get_list_buttons(instance)
        if not instance.is_draft:
            args = [instance.round.slug, instance.cooperative_id]
            buttons.insert(
                0, ListingButton(_("Verifikasi"), url=reverse("readiness:verify", args=args), icon_name="tasks")
            )
            buttons.insert(
                1, ListingButton(_("Rapor"), url=reverse("readiness:report_card", args=args), icon_name="view")
            )
        return buttons


class AssessmentViewSet(ModelViewSet):
    """Listing and inspection; verification happens on the Dinas web page (Verifikasi)."""

    model = Assessment
    name = "asesmen"
    icon = "form"
    menu_label = _("Asesmen")
    index_view_class = AssessmentIndexView
    list_display = [
        "cooperative",
        "round",
        "status",
        Column("overall", label=_("Indeks"), accessor=lambda a: format_decimal(a.overall)),
        "level",
        "source",
    ]
    list_filter = ["round", "status", "source"]
    search_fields = ["cooperative__nama", "cooperative__nik"]
    search_backend_name = None
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["verification_note"]


class VerifierMenuItem(MenuItem):
    def is_shown(self, request):
        return ModelPermissionPolicy(Assessment).user_has_permission(request.user, "verify")


class VerificationViewSet(ViewSet):
    """The menu entry "Verifikasi" beside "Asesmen": submitted assessments waiting for an analyst."""

    name = "verifikasi"
    icon = "tasks"
    menu_label = _("Verifikasi")
    menu_item_class = VerifierMenuItem

    @cached_property
    def menu_url(self):
        return reverse("asesmen:index") + f"?status={Assessment.STATUS_SUBMITTED}"

    def get_urlpatterns(self):
        return []


class ReadinessViewSetGroup(ModelViewSetGroup):
    menu_label = _("Kesiapan digital")
    menu_icon = "list-ol"
    menu_order = 260
    items = (FrameworkViewSet, EvaluationRoundViewSet, AssessmentViewSet, VerificationViewSet)


@hooks.register("register_admin_viewset")
def register_readiness_viewsets():
    return ReadinessViewSetGroup()

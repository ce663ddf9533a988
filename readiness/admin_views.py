"""Admin views: freezing framework versions, making a new version, importing results."""

from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from base.access import require_perm
from base.admin_views import ImportView

from .importers import AssessmentImporter
from .models import EvaluationRound, Framework
from .services import create_framework_version

FROZEN_MESSAGE = gettext_lazy(
    "Versi ini sudah dipakai asesmen sehingga dibekukan: skor lama tidak boleh berubah. "
    "Klik “Buat versi baru” untuk menyalinnya menjadi versi berikutnya, lalu ubah salinannya."
)


class FrameworkEditView(generic.EditView):
    """Refuses to save a version that assessments use, and offers "Buat versi baru"."""

    def get(self, request, *args, **kwargs):
        if self.get_object().is_frozen:
            messages.warning(request, FROZEN_MESSAGE)
        return super().get(request, *args, **kwargs)

    def is_valid(self, form):
        if self.object.is_frozen:
            self.produced_error_code = "frozen"
            self.produced_error_message = FROZEN_MESSAGE
            form.is_valid()
            form.add_error(None, FROZEN_MESSAGE)
            return False
        return super().is_valid(form)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(
            HeaderButton(
                _("Buat versi baru"),
                url=reverse("instrumen:new_version", args=[self.object.pk]),
                icon_name="copy",
                priority=15,
            )
        )
        return buttons


class FrameworkNewVersionView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then copy a framework version into the next version of its code."""

    template_name = "readiness/admin/new_version.html"
    page_title = gettext_lazy("Buat versi baru")
    header_icon = "copy"

    def dispatch(self, request, *args, **kwargs):
        require_perm(request.user, "readiness.add_framework")
        self.framework = get_object_or_404(Framework, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["framework"] = self.framework
        context["edit_url"] = reverse("instrumen:edit", args=[self.framework.pk])
        return context

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            new = create_framework_version(self.framework)
        messages.success(
            request,
            _("Versi %(version)s dibuat dari versi %(old)s.") % {"version": new.version, "old": self.framework.version},
        )
        return redirect("instrumen:edit", new.pk)


class AssessmentImportView(ImportView):
    """Upload → preview → confirm for paper/Excel results of one round."""

    page_title = gettext_lazy("Impor hasil asesmen")
    index_label = gettext_lazy("Putaran evaluasi")
    index_url_name = "putaran:index"
    permission_required = "readiness.add_assessment"

    def dispatch(self, request, *args, **kwargs):
        self.check_access(request)
        self.evaluation_round = get_object_or_404(EvaluationRound.objects.select_related("framework"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.evaluation_round.name

    def get_importer(self):
        return AssessmentImporter(evaluation_round=self.evaluation_round, user=self.request.user)

"""The network imports in the Wagtail admin: upload → preview of errors → confirm.

Each is ``base.admin_views.ImportView`` with one of ``network.importers``, so the admin
and the commands share one importer each.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from base.admin_views import ImportView

from . import importers
from .models import Event


class PartnerImportView(ImportView):
    importer_class = importers.PartnerImporter
    page_title = gettext_lazy("Impor mitra")
    index_label = gettext_lazy("Mitra")
    index_url_name = "mitra:index"
    permission_required = "network.add_partner"


class CommitmentImportView(ImportView):
    importer_class = importers.CommitmentImporter
    page_title = gettext_lazy("Impor komitmen")
    index_label = gettext_lazy("Kerja sama")
    note = gettext_lazy("Baris satu kerja sama menjadi komitmen ke-1, ke-2, … menurut urutan di berkas.")
    index_url_name = "kerja_sama:index"
    permission_required = "network.change_agreement"


class EventImportView(ImportView):
    """An import into one event (participants, agreements, follow-ups)."""

    index_label = gettext_lazy("Kegiatan")
    index_url_name = "kegiatan:index"
    event_kind = None

    def dispatch(self, request, *args, **kwargs):
        self.check_access(request)
        events = Event.objects.all()
        if self.event_kind:
            events = events.filter(kind=self.event_kind)
        self.event = get_object_or_404(events, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.event.name

    def get_importer(self):
        return self.importer_class(event=self.event, user=self.request.user)


class ParticipantImportView(EventImportView):
    importer_class = importers.EventParticipantImporter
    page_title = gettext_lazy("Impor peserta")
    permission_required = "network.change_event"
    note = gettext_lazy(
        "Isi nik (koperasi) atau mitra (kode mitra); hadir: ya/tidak; pre_test/post_test: nilai kertas 0–100."
    )


class AgreementImportView(EventImportView):
    importer_class = importers.AgreementImporter
    page_title = gettext_lazy("Impor kerja sama")
    permission_required = "network.add_agreement"
    note = gettext_lazy("Rupiah boleh ditulis 120000000, 120.000.000 atau Rp 120.000.000.")


class EvaluationImportView(EventImportView):
    importer_class = importers.NetworkEvaluationImporter
    event_kind = Event.KIND_EVALUASI
    page_title = gettext_lazy("Impor tindak lanjut")
    permission_required = "network.verify_followup"
    note = gettext_lazy("kendala dipisah titik koma (;); komitmen_N: ya, sebagian atau tidak, menurut urutan komitmen.")

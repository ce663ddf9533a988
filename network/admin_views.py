"""The network imports in the Wagtail admin: upload → preview of errors → confirm.

Built on the registry's upload/preview/confirm view (signed, user-bound staging) so the
admin and the commands share one importer each.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from base.access import require_analyst
from cooperatives.admin_views import SpreadsheetImportView

from . import importers
from .models import Event


class PartnerImportView(SpreadsheetImportView):
    kind = "network-partners"
    importer = staticmethod(importers.import_partners)
    page_title = gettext_lazy("Impor mitra")
    index_label = gettext_lazy("Mitra")
    columns = "kode, nama, jenis, provinsi, kabupaten, kontak, telepon"
    index_url_name = "mitra:index"


class CommitmentImportView(SpreadsheetImportView):
    kind = "network-commitments"
    importer = staticmethod(importers.import_commitments)
    page_title = gettext_lazy("Impor komitmen")
    index_label = gettext_lazy("Kerja sama")
    columns = "kerja_sama, pihak, uraian, batas_waktu"
    note = gettext_lazy("Baris satu kerja sama menjadi komitmen ke-1, ke-2, … menurut urutan di berkas.")
    index_url_name = "kerja_sama:index"


class EventImportView(SpreadsheetImportView):
    """An import into one event (participants, agreements, follow-ups)."""

    index_label = gettext_lazy("Kegiatan")
    index_url_name = "kegiatan:index"
    event_kind = None
    event_importer = None
    kind_prefix = ""

    def dispatch(self, request, *args, **kwargs):
        require_analyst(request.user)
        events = Event.objects.all()
        if self.event_kind:
            events = events.filter(kind=self.event_kind)
        self.event = get_object_or_404(events, pk=kwargs["pk"])
        self.kind = f"{self.kind_prefix}-{self.event.pk}"
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.event.name

    def run_importer(self, path, name, *, dry_run):
        return type(self).event_importer(path, event=self.event, name=name, dry_run=dry_run)


class ParticipantImportView(EventImportView):
    kind_prefix = "network-participants"
    event_importer = staticmethod(importers.import_event_participants)
    page_title = gettext_lazy("Impor peserta")
    columns = "nama, telepon, nik, mitra, hadir, pre_test, post_test"
    note = gettext_lazy(
        "Isi nik (koperasi) atau mitra (kode mitra); hadir: ya/tidak; pre_test/post_test: nilai kertas 0–100."
    )


class AgreementImportView(EventImportView):
    kind_prefix = "network-agreements"
    event_importer = staticmethod(importers.import_agreements)
    page_title = gettext_lazy("Impor kerja sama")
    columns = "kode, nik, mitra, bidang, uraian, nilai_potensi, tanggal"
    note = gettext_lazy("Rupiah boleh ditulis 120000000, 120.000.000 atau Rp 120.000.000.")


class EvaluationImportView(EventImportView):
    kind_prefix = "network-evaluation"
    event_kind = Event.KIND_EVALUASI
    event_importer = staticmethod(importers.import_network_evaluation)
    page_title = gettext_lazy("Impor tindak lanjut")
    columns = "kode, status, nilai_realisasi, kendala, lanjut, catatan, komitmen_1, komitmen_2, …"
    note = gettext_lazy("kendala dipisah titik koma (;); komitmen_N: ya, sebagian atau tidak, menurut urutan komitmen.")

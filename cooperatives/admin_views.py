"""The registry imports in the Wagtail admin: upload → preview → confirm (``base.admin_views``)."""

from django.utils.translation import gettext_lazy

from base.admin_views import ImportView

from .importers import CooperativeImporter, KecamatanImporter


class CooperativeImportView(ImportView):
    importer_class = CooperativeImporter
    page_title = gettext_lazy("Impor koperasi")
    index_label = gettext_lazy("Koperasi")
    index_url_name = "koperasi:index"
    permission_required = "cooperatives.add_cooperative"


class KecamatanImportView(ImportView):
    importer_class = KecamatanImporter
    page_title = gettext_lazy("Impor kecamatan")
    index_label = gettext_lazy("Kecamatan")
    index_url_name = "kecamatan:index"
    permission_required = "cooperatives.add_kecamatan"

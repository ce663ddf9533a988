"""The cooperative registry in the Wagtail admin (for Dinas analysts).

Menu items appear only for users with a permission on the model, so analysts see
"Koperasi" and "Kecamatan" and editors (content only) do not.
"""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from base.records_admin import RecordsProtectedDeleteView
from base.tabular import download_response

from .admin_views import CooperativeImportView, KecamatanImportView
from .models import Cooperative, Kecamatan


class ImportButtonMixin:
    """Adds an "Impor" button to the listing header for those who may add the viewset's model."""

    import_url_name = ""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(HeaderButton(_("Impor"), url=reverse(self.import_url_name), icon_name="upload", priority=20))
        return buttons


class YesNoColumn(Column):
    """ "Ya"/"Tidak" instead of Python's True/False (also the title of Wagtail's tick icon)."""

    def get_value(self, instance):
        return _("Ya") if super().get_value(instance) else _("Tidak")


class CooperativeIndexView(ImportButtonMixin, generic.IndexView):
    import_url_name = "koperasi:import"
    export_filename = "koperasi"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("kecamatan")

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Wagtail's CSV/XLSX export, written by the site's one safe writer (no live formulas)."""
        headings = {field: self.get_heading(queryset, field) for field in self.list_export}
        rows = (
            [
                self.preprocess_field_value(field, value, spreadsheet_format)
                for field, value in self.to_row_dict(item).items()
            ]
            for item in queryset.iterator(chunk_size=500)
        )
        labels = {
            headings["jenis"]: dict(Cooperative.JENIS_CHOICES),
            headings["is_active"]: {True: _("Ya"), False: _("Tidak")},
        }
        return download_response(
            spreadsheet_format,
            list(headings.values()),
            rows,
            filename=self.get_filename(),
            title=_("Koperasi"),
            labels=labels,
        )


class KecamatanIndexView(ImportButtonMixin, generic.IndexView):
    import_url_name = "kecamatan:import"


class CooperativeViewSet(ModelViewSet):
    model = Cooperative
    name = "koperasi"
    icon = "group"
    menu_label = _("Koperasi")
    index_view_class = CooperativeIndexView
    # Members and assessments keep a cooperative: deleting it is refused with the reason.
    delete_view_class = RecordsProtectedDeleteView
    list_display = [
        "nama",
        "nik",
        "jenis",
        "kecamatan",
        "desa",
        "jumlah_anggota",
        "join_code",
        YesNoColumn("is_active", label=_("Aktif")),
    ]
    list_filter = ["kecamatan", "jenis", "is_active"]
    list_export = ["nik", "nama", "jenis", "kecamatan", "desa", "jumlah_anggota", "join_code", "is_active"]
    search_fields = ["nama", "nik", "desa", "join_code"]
    search_backend_name = None
    ordering = ["nama"]
    form_fields = [
        "nik",
        "nama",
        "jenis",
        "kecamatan",
        "desa",
        "jumlah_anggota",
        "alamat",
        "telepon",
        "email",
        "is_active",
    ]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("impor/", CooperativeImportView.as_view(), name="import")]


class KecamatanViewSet(ModelViewSet):
    model = Kecamatan
    name = "kecamatan"
    icon = "site"
    menu_label = _("Kecamatan")
    index_view_class = KecamatanIndexView
    delete_view_class = RecordsProtectedDeleteView
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    search_backend_name = None
    form_fields = ["name", "code"]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("impor/", KecamatanImportView.as_view(), name="import")]


class RegistryViewSetGroup(ModelViewSetGroup):
    menu_label = _("Registri koperasi")
    menu_icon = "group"
    menu_order = 250
    items = (CooperativeViewSet, KecamatanViewSet)


@hooks.register("register_admin_viewset")
def register_registry_viewsets():
    return RegistryViewSetGroup()

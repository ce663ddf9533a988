"""Spreadsheet import in the Wagtail admin: upload → preview → confirm.

The uploaded file is kept in a private staging folder (never under MEDIA_ROOT) and
the confirm step names it only through a signed, expiring token bound to the user who
uploaded it, so the file cannot be swapped or replayed by someone else. The confirm
step validates the file again before writing: the registry may have changed since the
preview. A confirmed file is deleted, so a repeated confirm writes nothing twice (and
the importers upsert anyway).
"""

import tempfile
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.core import signing
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from base.access import require_analyst

from .importers import import_cooperatives, import_kecamatan

ALLOWED_SUFFIXES = (".csv", ".xlsx")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
TOKEN_MAX_AGE = 60 * 60  # seconds between preview and confirm
TOKEN_SALT = "cooperatives.admin-import"


def staging_dir():
    directory = Path(getattr(settings, "IMPORT_STAGING_DIR", "") or Path(tempfile.gettempdir()) / "ksd-imports")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def stage_upload(upload, *, user, kind):
    """Store an uploaded file privately; return the signed token that names it."""
    suffix = Path(upload.name).suffix.lower()
    stored_name = f"{uuid.uuid4().hex}{suffix}"
    with open(staging_dir() / stored_name, "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return signing.dumps({"file": stored_name, "name": upload.name, "user": user.pk, "kind": kind}, salt=TOKEN_SALT)


def load_staged(token, *, user, kind):
    """Return (path, original name) for a token of this user and import kind, or None."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("user") != user.pk or data.get("kind") != kind:
        return None
    path = staging_dir() / Path(data["file"]).name
    if not path.is_file():
        return None
    return path, data["name"]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas CSV atau XLSX"),
        help_text=gettext_lazy("Baris 1 berisi judul kolom. Paling besar 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(_("Gunakan berkas .csv atau .xlsx."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar (paling besar 5 MB)."))
        return upload


class SpreadsheetImportView(WagtailAdminTemplateMixin, TemplateView):
    """Upload, preview and confirm one kind of import. Subclasses set the importer."""

    template_name = "cooperatives/admin/import.html"
    header_icon = "upload"
    index_label = ""
    note = ""
    kind = ""
    importer = None
    columns = ""
    index_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        require_analyst(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": self.get_page_title()},
        ]

    def run_importer(self, path, name, *, dry_run):
        return self.importer(path, name=name, dry_run=dry_run)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=UploadForm()))

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm(request)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        token = stage_upload(upload, user=request.user, kind=self.kind)
        path, name = load_staged(token, user=request.user, kind=self.kind)
        report = self.run_importer(path, name, dry_run=True)
        if not report.ok:
            path.unlink(missing_ok=True)
            token = ""
        return self.render_to_response(
            self.get_context_data(form=UploadForm(), report=report, token=token, file_name=name)
        )

    def confirm(self, request):
        staged = load_staged(request.POST.get("token", ""), user=request.user, kind=self.kind)
        if staged is None:
            messages.error(request, _("Berkas pratinjau sudah kedaluwarsa atau sudah diproses. Unggah lagi."))
            return redirect(request.path)
        path, name = staged
        report = self.run_importer(path, name, dry_run=False)
        if not report.ok:
            # The registry changed since the preview; show what is wrong now.
            path.unlink(missing_ok=True)
            return self.render_to_response(self.get_context_data(form=UploadForm(), report=report, file_name=name))
        path.unlink(missing_ok=True)
        return self.import_done(request, report, name)

    def import_done(self, request, report, name):
        """The response after a confirmed import; override to hand back a file."""
        messages.success(
            request,
            _("Impor %(name)s selesai: %(created)d dibuat, %(updated)d diperbarui, %(unchanged)d tidak berubah.")
            % {"name": name, "created": report.created, "updated": report.updated, "unchanged": report.unchanged},
        )
        return redirect(self.index_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = self.columns
        context["note"] = self.note
        context["index_url"] = reverse(self.index_url_name)
        return context


class CooperativeImportView(SpreadsheetImportView):
    kind = "cooperatives"
    importer = staticmethod(import_cooperatives)
    page_title = gettext_lazy("Impor koperasi")
    index_label = gettext_lazy("Koperasi")
    columns = "nik, nama, jenis, kecamatan, desa, jumlah_anggota"
    index_url_name = "koperasi:index"


class KecamatanImportView(SpreadsheetImportView):
    kind = "kecamatan"
    importer = staticmethod(import_kecamatan)
    page_title = gettext_lazy("Impor kecamatan")
    index_label = gettext_lazy("Kecamatan")
    columns = "nama, kode"
    index_url_name = "kecamatan:index"

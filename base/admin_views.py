"""The one admin import page: upload → preview → confirm, for any ``base.importing.Importer``.

The uploaded file is checked at once (a dry run) and, when every row is valid, kept in
the database (``StagedImport``) so any web server can confirm it; the confirm form names
it only by an unguessable token bound to the user and the kind of import. Confirming
claims the staged file and imports it in one transaction: a double-clicked or repeated
confirm finds nothing to import and says so (never a second import, never a 500). The
file is validated again on confirm, since the registry may have changed meanwhile.
Staged files expire after ``IMPORT_STAGING_MAX_AGE`` seconds and are cleared on the
next upload.

A subclass sets ``importer_class`` (or overrides ``get_importer``), ``page_title``,
``index_label`` and ``index_url_name``; ``import_done`` may answer with a file.
"""

import datetime
import io
import secrets
from pathlib import Path

from django import forms
from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .access import require_perm
from .models import StagedImport
from .tabular import limit

ALLOWED_SUFFIXES = (".csv", ".xlsx")
IMPORT_STAGING_MAX_AGE = 60 * 60  # seconds between preview and confirm


def staging_max_age():
    return getattr(settings, "IMPORT_STAGING_MAX_AGE", IMPORT_STAGING_MAX_AGE)


def stage_upload(*, content, file_name, user, kind):
    """Keep an uploaded file for its confirmation; return the token that names it."""
    now = timezone.now()
    StagedImport.objects.filter(expires_at__lte=now).delete()
    token = secrets.token_urlsafe(32)
    StagedImport.objects.create(
        token=token,
        kind=kind,
        user=user,
        file_name=file_name[:255],
        content=content,
        expires_at=now + datetime.timedelta(seconds=staging_max_age()),
    )
    return token


def claim_staged(token, *, user, kind):
    """Take the staged file named by ``token`` for this user and kind: (content, name) or None.

    Call inside a transaction: the row is deleted, and only the request whose delete
    removed it gets the file, so two confirms never import the same file twice.
    """
    if not token:
        return None
    staged = (
        StagedImport.objects.filter(token=token, user=user, kind=kind, expires_at__gt=timezone.now())
        .only("pk", "file_name", "content")
        .first()
    )
    if staged is None:
        return None
    deleted, _detail = StagedImport.objects.filter(pk=staged.pk).delete()
    if not deleted:
        return None
    return bytes(staged.content), staged.file_name


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Berkas CSV atau XLSX"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Baris 1 berisi judul kolom. Paling besar %(max)d MB.") % {
            "max": limit("IMPORT_MAX_UPLOAD_BYTES") // 2**20
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(_("Gunakan berkas .csv atau .xlsx."))
        if upload.size > limit("IMPORT_MAX_UPLOAD_BYTES"):
            raise forms.ValidationError(
                _("Berkas terlalu besar (paling besar %(max)d MB).")
                % {"max": limit("IMPORT_MAX_UPLOAD_BYTES") // 2**20}
            )
        return upload


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    """Upload, preview and confirm one kind of import.

    Each import declares ``permission_required`` (``"app.codename"``); a user without it
    gets 404, and so does one of an import that declares none.
    """

    template_name = "base/admin/import.html"
    header_icon = "upload"
    importer_class = None
    index_label = ""
    index_url_name = ""
    note = ""
    permission_required = ""

    def dispatch(self, request, *args, **kwargs):
        self.check_access(request)
        return super().dispatch(request, *args, **kwargs)

    def check_access(self, request):
        if not self.permission_required:
            raise Http404
        require_perm(request.user, self.permission_required)

    def get_importer(self):
        return self.importer_class()

    @property
    def importer(self):
        if not hasattr(self, "_importer"):
            self._importer = self.get_importer()
        return self._importer

    @property
    def staging_kind(self):
        return getattr(self.importer, "staging_kind", self.importer.kind)

    def run_importer(self, content, name, *, dry_run):
        return self.importer.run(io.BytesIO(content), name=name, dry_run=dry_run)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        if request.GET.get("templat") == "xlsx":
            return self.importer.template_response()
        return self.render_to_response(self.get_context_data(form=UploadForm()))

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm(request)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        content = upload.read(limit("IMPORT_MAX_UPLOAD_BYTES") + 1)
        report = self.run_importer(content, upload.name, dry_run=True)
        token = ""
        if report.ok:
            token = stage_upload(content=content, file_name=upload.name, user=request.user, kind=self.staging_kind)
        return self.render_to_response(
            self.get_context_data(form=UploadForm(), report=report, token=token, file_name=upload.name)
        )

    def confirm(self, request):
        with transaction.atomic():
            staged = claim_staged(request.POST.get("token", ""), user=request.user, kind=self.staging_kind)
            if staged is not None:
                content, name = staged
                report = self.run_importer(content, name, dry_run=False)
        if staged is None:
            messages.error(request, _("Berkas pratinjau sudah kedaluwarsa atau sudah diproses. Unggah lagi."))
            return redirect(request.path)
        if not report.ok:
            # The registry changed since the preview; show what is wrong now.
            return self.render_to_response(self.get_context_data(form=UploadForm(), report=report, file_name=name))
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
        importer = self.importer
        context["columns"] = ", ".join(importer.template_columns())
        context["note"] = self.note
        context["index_url"] = reverse(self.index_url_name)
        context["template_url"] = f"{self.request.path}?templat=xlsx"
        return context

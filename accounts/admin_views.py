"""Importing participants in the Wagtail admin (analysts only).

Same upload → preview → confirm as the registry imports. Generated passwords exist only
in the CSV file returned by the confirm step (never in a page, a log or the database).
"""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy

from base.tabular import write_csv
from cooperatives.admin_views import SpreadsheetImportView

from .importers import PASSWORDS_OUT_HEADER, import_participants


class ParticipantImportView(SpreadsheetImportView):
    kind = "participants"
    page_title = gettext_lazy("Impor peserta")
    index_label = gettext_lazy("Koperasi")
    index_url_name = "koperasi:index"
    columns = "nama, username, telepon, email, nik, peran (+ password)"
    note = gettext_lazy(
        "Akun yang sudah ada (sama nama pengguna) diperbarui dan kata sandinya tetap, kecuali kolom password diisi."
    )

    def run_importer(self, path, name, *, dry_run):
        self.generated_passwords = []
        return import_participants(path, name=name, dry_run=dry_run, password_sink=self.generated_passwords.extend)

    def import_done(self, request, report, name):
        if not self.generated_passwords:
            return super().import_done(request, report, name)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="kata-sandi-peserta.csv"'
        response["Cache-Control"] = "no-store"
        write_csv(response, PASSWORDS_OUT_HEADER, self.generated_passwords)
        return response

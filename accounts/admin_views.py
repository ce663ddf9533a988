"""Importing participants in the Wagtail admin (analysts only).

The same upload → preview → confirm as every import (``base.admin_views``). Generated
passwords exist only in the CSV file returned by the confirm step (never in a page, a
log or the database).
"""

from django.utils.translation import gettext_lazy

from base.admin_views import ImportView
from base.tabular import CSV_CONTENT_TYPE, attachment_response, iter_csv

from .importers import PASSWORDS_OUT_HEADER, ParticipantImporter


class ParticipantImportView(ImportView):
    page_title = gettext_lazy("Impor peserta")
    index_label = gettext_lazy("Koperasi")
    index_url_name = "koperasi:index"
    permission_required = "accounts.import_participants"
    note = gettext_lazy(
        "Akun yang sudah ada (sama nama pengguna) diperbarui dan kata sandinya tetap, kecuali kolom password diisi."
    )

    def get_importer(self):
        self.generated_passwords = []
        return ParticipantImporter(password_sink=self.generated_passwords.extend)

    def import_done(self, request, report, name):
        if not self.generated_passwords:
            return super().import_done(request, report, name)
        # A short list, sent whole (not streamed) once the import has been written.
        content = "".join(iter_csv(PASSWORDS_OUT_HEADER, self.generated_passwords))
        return attachment_response(content, content_type=CSV_CONTENT_TYPE, filename="kata-sandi-peserta.csv")

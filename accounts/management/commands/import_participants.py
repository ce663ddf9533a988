import os
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from accounts.importers import PASSWORDS_OUT_HEADER, ParticipantImporter, PasswordsOutputRequired
from base.importing import ImportCommand
from base.tabular import write_csv


class Command(ImportCommand):
    help = (
        "Impor akun staf/pengurus dari CSV/XLSX dengan kolom nama,username,telepon,email,nik,peran (+ password). "
        "Kata sandi yang dibuat otomatis hanya ditulis ke berkas --passwords-out."
    )
    importer_class = ParticipantImporter

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--passwords-out",
            metavar="FILE",
            help="Berkas CSV (username,nama,telepon,password) untuk kata sandi yang dibuat otomatis.",
        )

    def get_importer(self, **options):
        out_path = Path(options["passwords_out"]) if options["passwords_out"] else None
        if out_path is not None and not out_path.parent.is_dir():
            raise CommandError(_("Folder untuk --passwords-out tidak ada: %(path)s") % {"path": out_path.parent})
        self.out_path = out_path

        def write_passwords(rows):
            # Readable by the operator only; written inside the import's transaction.
            descriptor = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with open(descriptor, "w", newline="", encoding="utf-8") as handle:
                write_csv(handle, PASSWORDS_OUT_HEADER, rows)

        return ParticipantImporter(password_sink=write_passwords if out_path is not None else None)

    def run_import(self, importer, **options):
        try:
            return super().run_import(importer, **options)
        except PasswordsOutputRequired as exc:
            raise CommandError(
                _(
                    "%(count)d akun baru tidak punya kata sandi di berkas dan perlu kata sandi buatan. "
                    "Jalankan lagi dengan --passwords-out FILE (kata sandi tidak pernah ditampilkan di layar). "
                    "Tidak ada data yang disimpan."
                )
                % {"count": exc.count}
            ) from exc

    def handle(self, *args, **options):
        super().handle(*args, **options)
        generated = self.report.generated_passwords
        if generated and not options["dry_run"]:
            self.stdout.write(
                _("%(count)d kata sandi buatan ditulis ke %(path)s") % {"count": generated, "path": self.out_path}
            )
        elif generated:
            self.stdout.write(_("%(count)d akun baru akan mendapat kata sandi buatan.") % {"count": generated})

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.importers import PASSWORDS_OUT_HEADER, PasswordsOutputRequired, import_participants
from base.tabular import write_csv
from cooperatives.importers import finish_import_command


class Command(BaseCommand):
    help = (
        "Impor akun staf/pengurus dari CSV/XLSX dengan kolom nama,username,telepon,email,nik,peran (+ password). "
        "Kata sandi yang dibuat otomatis hanya ditulis ke berkas --passwords-out."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas .csv atau .xlsx")
        parser.add_argument(
            "--passwords-out",
            metavar="FILE",
            help="Berkas CSV (username,nama,telepon,password) untuk kata sandi yang dibuat otomatis.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Periksa saja, jangan simpan.")

    def handle(self, *args, **options):
        out_path = Path(options["passwords_out"]) if options["passwords_out"] else None
        if out_path is not None and not out_path.parent.is_dir():
            raise CommandError(_("Folder untuk --passwords-out tidak ada: %(path)s") % {"path": out_path.parent})

        def write_passwords(rows):
            # Readable by the operator only; written inside the import's transaction.
            descriptor = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with open(descriptor, "w", newline="", encoding="utf-8") as handle:
                write_csv(handle, PASSWORDS_OUT_HEADER, rows)

        try:
            report = import_participants(
                options["file"],
                dry_run=options["dry_run"],
                password_sink=write_passwords if out_path is not None else None,
            )
        except PasswordsOutputRequired as exc:
            raise CommandError(
                _(
                    "%(count)d akun baru tidak punya kata sandi di berkas dan perlu kata sandi buatan. "
                    "Jalankan lagi dengan --passwords-out FILE (kata sandi tidak pernah ditampilkan di layar). "
                    "Tidak ada data yang disimpan."
                )
                % {"count": exc.count}
            ) from exc
        finish_import_command(self, report, dry_run=options["dry_run"])
        if report.generated_passwords and not options["dry_run"]:
            self.stdout.write(
                _("%(count)d kata sandi buatan ditulis ke %(path)s")
                % {"count": report.generated_passwords, "path": out_path}
            )
        elif report.generated_passwords:
            self.stdout.write(
                _("%(count)d akun baru akan mendapat kata sandi buatan.") % {"count": report.generated_passwords}
            )

from django.core.management.base import BaseCommand

from cooperatives.importers import finish_import_command, import_kecamatan


class Command(BaseCommand):
    help = "Impor daftar kecamatan dari CSV/XLSX dengan kolom nama[,kode] (nama yang sudah ada diperbarui)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas .csv atau .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="Periksa saja, jangan simpan.")

    def handle(self, *args, **options):
        report = import_kecamatan(options["file"], dry_run=options["dry_run"])
        finish_import_command(self, report, dry_run=options["dry_run"])

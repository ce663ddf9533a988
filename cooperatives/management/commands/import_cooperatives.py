from django.core.management.base import BaseCommand

from cooperatives.importers import finish_import_command, import_cooperatives


class Command(BaseCommand):
    help = (
        "Impor koperasi dari CSV/XLSX dengan kolom nik,nama,jenis,kecamatan,desa,jumlah_anggota "
        "(NIK yang sudah ada diperbarui). Seluruh berkas diperiksa dulu; ada kesalahan berarti tidak ada yang disimpan."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas .csv atau .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="Periksa saja, jangan simpan.")

    def handle(self, *args, **options):
        report = import_cooperatives(options["file"], dry_run=options["dry_run"])
        finish_import_command(self, report, dry_run=options["dry_run"])

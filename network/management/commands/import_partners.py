from django.core.management.base import BaseCommand

from network.importers import import_partners

from ._importing import add_file_arguments, run


class Command(BaseCommand):
    help = (
        "Impor mitra dari CSV/XLSX dengan kolom kode,nama,jenis,provinsi,kabupaten,kontak,telepon "
        "(kode yang sudah ada diperbarui). Ada kesalahan berarti tidak ada yang disimpan."
    )

    def add_arguments(self, parser):
        add_file_arguments(parser)

    def handle(self, *args, **options):
        run(self, import_partners, options)

from django.core.management.base import BaseCommand

from network.importers import import_agreements

from ._importing import add_file_arguments, event_for_import, run


class Command(BaseCommand):
    help = (
        "Impor kerja sama satu kegiatan dari CSV/XLSX dengan kolom kode,nik,mitra,bidang,uraian,nilai_potensi,tanggal "
        "(kode yang sudah ada diperbarui; Rupiah boleh ditulis 120000000, 120.000.000 atau Rp 120.000.000)."
    )

    def add_arguments(self, parser):
        add_file_arguments(parser)
        parser.add_argument("--event", required=True, help="Slug kegiatan tempat kerja sama dibuat.")

    def handle(self, *args, **options):
        run(self, import_agreements, options, event=event_for_import(options["event"]))

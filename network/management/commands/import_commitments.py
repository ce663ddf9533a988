from django.core.management.base import BaseCommand

from network.importers import import_commitments

from ._importing import add_file_arguments, run


class Command(BaseCommand):
    help = (
        "Impor komitmen dari CSV/XLSX dengan kolom kerja_sama,pihak,uraian,batas_waktu; baris satu kerja sama "
        "menjadi komitmen ke-1, ke-2, ... menurut urutan di berkas."
    )

    def add_arguments(self, parser):
        add_file_arguments(parser)

    def handle(self, *args, **options):
        run(self, import_commitments, options)

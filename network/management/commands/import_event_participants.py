from django.core.management.base import BaseCommand

from network.importers import import_event_participants

from ._importing import add_file_arguments, event_for_import, run


class Command(BaseCommand):
    help = (
        "Impor peserta kegiatan dari CSV/XLSX dengan kolom nama,telepon,nik,mitra,hadir "
        "(opsional pre_test,post_test: nilai kertas 0-100)."
    )

    def add_arguments(self, parser):
        add_file_arguments(parser)
        parser.add_argument("--event", required=True, help="Slug kegiatan.")

    def handle(self, *args, **options):
        run(self, import_event_participants, options, event=event_for_import(options["event"]))

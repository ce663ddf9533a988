from django.core.management.base import BaseCommand

from network.importers import import_network_evaluation
from network.models import Event

from ._importing import add_file_arguments, event_for_import, run


class Command(BaseCommand):
    help = (
        "Impor tindak lanjut kerja sama pada kegiatan evaluasi dari CSV/XLSX dengan kolom "
        "kode,status,nilai_realisasi,kendala,lanjut,catatan,komitmen_1,komitmen_2,... "
        "(kendala dipisah ';'; komitmen: ya, sebagian atau tidak)."
    )

    def add_arguments(self, parser):
        add_file_arguments(parser)
        parser.add_argument("--event", required=True, help="Slug kegiatan evaluasi.")

    def handle(self, *args, **options):
        event = event_for_import(options["event"], kind=Event.KIND_EVALUASI)
        run(self, import_network_evaluation, options, event=event)

from network.importers import NetworkEvaluationImporter
from network.models import Event

from ._importing import EventImportCommand


class Command(EventImportCommand):
    help = (
        "Impor tindak lanjut kerja sama pada kegiatan evaluasi dari CSV/XLSX dengan kolom "
        "kode,status,nilai_realisasi,kendala,lanjut,catatan,komitmen_1,komitmen_2,... "
        "(kendala dipisah ';'; komitmen: ya, sebagian atau tidak)."
    )
    importer_class = NetworkEvaluationImporter
    event_kind = Event.KIND_EVALUASI
    event_help = "Slug kegiatan evaluasi."

from network.importers import EventParticipantImporter

from ._importing import EventImportCommand


class Command(EventImportCommand):
    help = (
        "Impor peserta kegiatan dari CSV/XLSX dengan kolom nama,telepon,nik,mitra,hadir "
        "(opsional pre_test,post_test: nilai kertas 0-100)."
    )
    importer_class = EventParticipantImporter

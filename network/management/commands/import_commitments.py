from base.importing import ImportCommand
from network.importers import CommitmentImporter


class Command(ImportCommand):
    help = (
        "Impor komitmen dari CSV/XLSX dengan kolom kerja_sama,pihak,uraian,batas_waktu; baris satu kerja sama "
        "menjadi komitmen ke-1, ke-2, ... menurut urutan di berkas."
    )
    importer_class = CommitmentImporter

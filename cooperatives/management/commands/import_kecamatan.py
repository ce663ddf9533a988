from base.importing import ImportCommand
from cooperatives.importers import KecamatanImporter


class Command(ImportCommand):
    help = "Impor daftar kecamatan dari CSV/XLSX dengan kolom nama[,kode] (nama yang sudah ada diperbarui)."
    importer_class = KecamatanImporter

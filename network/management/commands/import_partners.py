from base.importing import ImportCommand
from network.importers import PartnerImporter


class Command(ImportCommand):
    help = (
        "Impor mitra dari CSV/XLSX dengan kolom kode,nama,jenis,provinsi,kabupaten,kontak,telepon "
        "(kode yang sudah ada diperbarui). Ada kesalahan berarti tidak ada yang disimpan."
    )
    importer_class = PartnerImporter

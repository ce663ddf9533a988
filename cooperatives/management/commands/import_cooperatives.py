from base.importing import ImportCommand
from cooperatives.importers import CooperativeImporter


class Command(ImportCommand):
    help = (
        "Impor koperasi dari CSV/XLSX dengan kolom nik,nama,jenis,kecamatan,desa,jumlah_anggota "
        "(NIK yang sudah ada diperbarui). Seluruh berkas diperiksa dulu; ada kesalahan berarti tidak ada yang disimpan."
    )
    importer_class = CooperativeImporter

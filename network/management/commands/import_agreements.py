from network.importers import AgreementImporter

from ._importing import EventImportCommand


class Command(EventImportCommand):
    help = (
        "Impor kerja sama satu kegiatan dari CSV/XLSX dengan kolom kode,nik,mitra,bidang,uraian,nilai_potensi,tanggal "
        "(kode yang sudah ada diperbarui; Rupiah boleh ditulis 120000000, 120.000.000 atau Rp 120.000.000)."
    )
    importer_class = AgreementImporter
    event_help = "Slug kegiatan tempat kerja sama dibuat."

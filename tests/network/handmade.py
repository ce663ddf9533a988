"""Rows of ``selectors.network_rows`` made by hand (no database), for the pure functions that
read them: the group tables, the network picture, the PDFs and the downloads.

Four agreements between two cooperatives and two partners, at their chosen follow-ups:

| kode | koperasi (kecamatan) | mitra (provinsi) | bidang | potensi | status | realisasi | kendala | komitmen (kredit) |
|---|---|---|---|---|---|---|---|---|
| KS-1 | Koperasi Bawang (Dringu) | Zeta Mart (DI Yogyakarta) | pasokan | 100 | berjalan | 40 | harga, modal | 2 (1.5) |
| KS-2 | Koperasi Bawang (Dringu) | Alfa Niaga (Bali) | pemasaran | 300 | selesai | 300 | – | 1 (1.0) |
| KS-3 | Koperasi Apel (Tongas) | Zeta Mart (DI Yogyakarta) | lainnya | 0 | belum dievaluasi | 0 | – | 0 |
| KS-4 | Koperasi Apel (Tongas) | Alfa Niaga (Bali) | pasokan | 200 | batal | 0 | modal | 2 (0.0) |
"""

from network import figures
from network.selectors import AgreementRef, AgreementRow, CooperativeRef, PartnerRef

BAWANG = CooperativeRef(1, "3513010000000001", "Koperasi Bawang", "Dringu")
APEL = CooperativeRef(2, "3513010000000002", "Koperasi Apel", "Tongas")
ZETA = PartnerRef(11, "M-01", "Zeta Mart", "DI Yogyakarta")
ALFA = PartnerRef(12, "M-02", "Alfa Niaga", "Bali")

STATUS_LABELS = {
    "berjalan": "Berjalan",
    "selesai": "Selesai",
    "batal": "Batal",
    "belum_berjalan": "Belum berjalan",
    "belum_dievaluasi": "Belum dievaluasi",
}


def row(pk, code, cooperative, partner, field, potential, status, realised, obstacles=(), commitments=0, credit=0.0):
    agreement = AgreementRef(pk, code, field, potential, cooperative, partner, f"/jejaring/kerja-sama/{pk}/")
    item = figures.AgreementFigures(
        potential=potential,
        status=status,
        realised=realised,
        obstacles=tuple(obstacles),
        commitments=commitments,
        commitment_credit=credit,
    )
    evaluated = status != figures.STATUS_NOT_EVALUATED
    return AgreementRow(
        agreement=agreement,
        figures=item,
        follow_up_id=pk * 10 if evaluated else None,
        evaluation_id=99 if evaluated else None,
    )


def four_rows():
    return [
        row(101, "KS-1", BAWANG, ZETA, "pasokan", 100, "berjalan", 40, ("harga", "modal"), 2, 1.5),
        row(102, "KS-2", BAWANG, ALFA, "pemasaran", 300, "selesai", 300, (), 1, 1.0),
        row(103, "KS-3", APEL, ZETA, "lainnya", 0, "belum_dievaluasi", 0),
        row(104, "KS-4", APEL, ALFA, "pasokan", 200, "batal", 0, ("modal",), 2, 0.0),
    ]

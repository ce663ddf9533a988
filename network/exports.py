"""``export_network``: the JSON contract of PRODUCT.md section 7 and its flat CSV/XLSX twin.

Both are built from ``selectors.network_rows`` (two queries), so the command, the
downloads and the report pages agree. Rupiah are integers, percentages one decimal.

A large event's flat table is written in the background as a ``reports.ExportJob`` of
kind ``network`` (``write_export_job``, registered in ``NetworkConfig.ready``), through
the same safe writer (``base.tabular``) as the direct download.
"""

import io

from base.tabular import write_csv, write_xlsx
from reports.jobs import counting, set_progress

from . import figures, selectors
from .models import Event

EXPORT_HEADER = [
    "kode",
    "nik",
    "koperasi",
    "mitra",
    "mitra_nama",
    "provinsi",
    "bidang",
    "nilai_potensi",
    "status",
    "nilai_realisasi",
    "kendala",
    "komitmen_jumlah",
    "komitmen_terlaksana",
]


def agreement_item(row):
    agreement = row.agreement
    return {
        "kode": agreement.code,
        "nik": agreement.cooperative.nik,
        "koperasi": agreement.cooperative.nama,
        "mitra": agreement.partner.code,
        "mitra_nama": agreement.partner.name,
        "provinsi": agreement.partner.provinsi,
        "bidang": agreement.field,
        "nilai_potensi": agreement.potential_value,
        "status": row.figures.status,
        "nilai_realisasi": row.figures.realised,
        "kendala": list(row.figures.obstacles),
        "komitmen": {"jumlah": row.figures.commitments, "terlaksana": row.figures.commitment_credit},
    }


def _money_group(totals):
    return {"agreements": totals.agreements, "nilai_potensi": totals.potential, "nilai_realisasi": totals.realised}


def summary_document(rows):
    totals = selectors.summary(rows)
    return {
        "agreements": totals.agreements,
        "cooperatives": totals.cooperatives,
        "mitra": totals.partners,
        "nilai_potensi": totals.potential,
        "nilai_realisasi": totals.realised,
        "realisasi_persen": figures.percent_for_export(totals.realisasi_persen),
        "aktif_persen": figures.percent_for_export(totals.aktif_persen),
        "komitmen_persen": figures.percent_for_export(totals.komitmen_persen),
        "by_status": selectors.by_status(rows),
        "by_bidang": {key: _money_group(value) for key, value in selectors.by_field(rows).items()},
        "by_provinsi": {key: _money_group(value) for key, value in selectors.by_province(rows).items()},
        "by_kendala": selectors.by_obstacle(rows),
    }


def export_document(event, evaluation=None):
    rows = selectors.network_rows(event, evaluation)
    return {
        "event": event.slug,
        "evaluation": evaluation.slug if evaluation is not None else None,
        "agreements": [agreement_item(row) for row in rows],
        "summary": summary_document(rows),
    }


def table_rows(rows):
    """The flat rows (``EXPORT_HEADER``) for ``selectors.network_rows`` output."""
    for item in map(agreement_item, rows):
        yield [
            item["kode"],
            item["nik"],
            item["koperasi"],
            item["mitra"],
            item["mitra_nama"],
            item["provinsi"],
            item["bidang"],
            item["nilai_potensi"],
            item["status"],
            item["nilai_realisasi"],
            ";".join(item["kendala"]),
            item["komitmen"]["jumlah"],
            item["komitmen"]["terlaksana"],
        ]


def export_table(event, evaluation=None):
    """(header, rows) of the flat export: one row per agreement, kendala joined by ``;``."""
    return EXPORT_HEADER, table_rows(selectors.network_rows(event, evaluation))


def export_filename(event, evaluation=None):
    return f"jejaring-{event.slug}" + (f"-{evaluation.slug}" if evaluation else "")


def write_export_job(job, stream):
    """Write the flat table of ``job.parameters`` (event, evaluation, format) into ``stream``."""
    parameters = job.parameters
    event = Event.objects.get(slug=parameters["event"])
    evaluation = Event.objects.get(slug=parameters["evaluation"]) if parameters.get("evaluation") else None
    fmt = parameters["format"]
    rows = selectors.network_rows(event, evaluation)
    set_progress(job, 0, len(rows))
    lines = table_rows(counting(rows, job, len(rows)))
    if fmt == "csv":
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        write_csv(text, EXPORT_HEADER, lines)
        text.flush()
        text.detach()
    elif fmt == "xlsx":
        write_xlsx(stream, EXPORT_HEADER, lines, title=event.slug)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return f"{export_filename(event, evaluation)}.{fmt}"

"""Every table of the network report as (header, rows), for the page and its CSV/XLSX download.

Built from the same ``selectors`` as the page so a download always agrees with it.
Rupiah are integers, percentages one decimal.
"""

from django.http import Http404

from . import exports, figures, selectors

TABLE_NAMES = ("kerja-sama", "koperasi", "mitra", "provinsi", "bidang", "kendala", "status", "kesiapan", "perubahan")

_FIGURE_COLUMNS = [
    "kerja_sama",
    "nilai_potensi",
    "nilai_realisasi",
    "realisasi_persen",
    "aktif_persen",
    "komitmen_persen",
]


def _figure_cells(totals):
    return [
        totals.agreements,
        totals.potential,
        totals.realised,
        figures.percent_for_export(totals.realisasi_persen),
        figures.percent_for_export(totals.aktif_persen),
        figures.percent_for_export(totals.komitmen_persen),
    ]


def build(name, event, evaluation, rows, *, compare=None):
    """The named table; 404 for an unknown name (or ``perubahan`` without a comparison)."""
    if name == "kerja-sama":
        return exports.EXPORT_HEADER, list(exports.table_rows(rows))
    if name == "koperasi":
        return ["nik", "koperasi", "kecamatan", *_FIGURE_COLUMNS], [
            [c.nik, c.nama, c.kecamatan_name, *_figure_cells(t)] for c, t in selectors.by_cooperative(rows)
        ]
    if name == "mitra":
        return ["kode", "mitra", "provinsi", *_FIGURE_COLUMNS], [
            [p.code, p.name, p.provinsi, *_figure_cells(t)] for p, t in selectors.by_partner(rows)
        ]
    if name == "provinsi":
        return ["provinsi", *_FIGURE_COLUMNS], [[k, *_figure_cells(t)] for k, t in selectors.by_province(rows).items()]
    if name == "bidang":
        return ["bidang", *_FIGURE_COLUMNS], [[k, *_figure_cells(t)] for k, t in selectors.by_field(rows).items()]
    if name == "kendala":
        return ["kendala", *_FIGURE_COLUMNS], [
            [k, *_figure_cells(t)] for k, t in selectors.obstacle_totals(rows).items()
        ]
    if name == "status":
        return ["status", "kerja_sama"], [[k, v] for k, v in selectors.by_status(rows).items()]
    if name == "kesiapan":
        evaluation_round, groups = selectors.readiness_association(rows)
        header = ["putaran", "tingkat", "label", "koperasi", *_FIGURE_COLUMNS]
        slug = evaluation_round.slug if evaluation_round else ""
        return header, [[slug, g.level, g.label, g.cooperatives, *_figure_cells(g.totals)] for g in groups]
    if name == "perubahan" and compare is not None:
        change, _moves = selectors.change_between(event, compare, evaluation)
        header = ["ukuran", compare.slug, evaluation.slug if evaluation else "terakhir", "perubahan"]
        lines = []
        for label, attribute in (
            ("kerja_sama_aktif", "active"),
            ("nilai_realisasi", "realised"),
            ("realisasi_persen", "realisasi_persen"),
            ("aktif_persen", "aktif_persen"),
            ("komitmen_persen", "komitmen_persen"),
        ):
            before, after, delta = (
                getattr(change.before, attribute),
                getattr(change.after, attribute),
                change.delta(attribute),
            )
            if attribute.endswith("persen"):
                before, after, delta = map(figures.percent_for_export, (before, after, delta))
            lines.append([label, before, after, delta])
        return header, lines
    raise Http404

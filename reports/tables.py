"""Every table the report pages show, as (header, rows) for CSV and XLSX downloads.

A table is built from the same selectors as the page, so a download always agrees
with what the analyst sees. Values are rounded to one decimal, like every export.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import Http404

from base.numbers import round_half_up
from readiness.scoring import round_for_export

from . import selectors


@dataclass
class ReportParams:
    """What a report page or download was asked for (validated by ``forms.ReportForm``)."""

    evaluation_round: object
    compare_round: object | None
    scope: selectors.Scope
    viewer: object

    @property
    def comparable(self):
        return self.compare_round is not None and selectors.comparable(self.compare_round, self.evaluation_round)


@dataclass
class Table:
    name: str
    header: list
    rows: Iterable


@dataclass(frozen=True)
class TableSpec:
    build: Callable
    needs_comparison: bool = False


TABLES: dict[str, TableSpec] = {}


def table(name, *, needs_comparison=False):
    def register(function):
        TABLES[name] = TableSpec(function, needs_comparison)
        return function

    return register


def build_table(name, params: ReportParams) -> Table:
    """The named table for ``params``; 404 for an unknown name or a missing comparison."""
    spec = TABLES.get(name)
    if spec is None or (spec.needs_comparison and not params.comparable):
        raise Http404
    header, rows = spec.build(params)
    return Table(name=name, header=header, rows=rows)


def _r(value):
    return round_for_export(value)


def _percent(value):
    return round_half_up(value, 1)


# --- dashboard --------------------------------------------------------------------------


def _group_table(first_column, rows):
    header = [first_column, "terdaftar", "dinilai", "cakupan_persen", "rata_rata_indeks"]
    return header, [[r.label, r.registered, r.assessed, _percent(r.coverage), _r(r.mean_overall)] for r in rows]


@table("kecamatan")
def kecamatan_table(params):
    return _group_table("kecamatan", selectors.by_kecamatan(params.evaluation_round, params.scope))


@table("jenis")
def jenis_table(params):
    return _group_table("jenis", selectors.by_jenis(params.evaluation_round, params.scope))


@table("tingkat")
def level_table(params):
    rows = selectors.level_distribution(params.evaluation_round, params.scope)
    header = ["tingkat", "label", "batas_bawah", "jumlah", "persen"]
    return header, [[r.level, r.label, r.minimum, r.count, _percent(r.percent)] for r in rows]


@table("dimensi")
def dimension_table(params):
    rows = selectors.dimension_means(params.evaluation_round, params.scope)
    header = ["kode", "dimensi", "rata_rata_skor", "jumlah_dinilai"]
    return header, [[r.code, r.name, _r(r.mean), r.count] for r in rows]


@table("koperasi")
def cooperative_table(params):
    labels = selectors.band_labels(params.evaluation_round.framework)
    header = ["nik", "nama", "jenis", "kecamatan", "status", "indeks", "tingkat", "label_tingkat"]

    def rows():
        results = selectors.cooperative_results(params.evaluation_round, params.scope)
        for assessment in results.iterator(chunk_size=500):
            cooperative = assessment.cooperative
            level = assessment.level
            yield [
                cooperative.nik,
                cooperative.nama,
                cooperative.jenis,
                cooperative.kecamatan.name,
                assessment.status,
                _r(assessment.overall),
                level,
                labels[level] if level is not None and level < len(labels) else "",
            ]

    return header, rows()


# --- comparison ---------------------------------------------------------------------------


@table("perubahan", needs_comparison=True)
def change_table(params):
    summary = selectors.change_summary(params.compare_round, params.evaluation_round, params.scope)
    header = [
        "putaran_a",
        "putaran_b",
        "dinilai_keduanya",
        "naik",
        "tetap",
        "turun",
        "rata_rata_a",
        "rata_rata_b",
        "rata_rata_perubahan",
    ]
    row = [
        params.compare_round.slug,
        params.evaluation_round.slug,
        summary.paired,
        summary.improved,
        summary.unchanged,
        summary.declined,
        _r(summary.mean_before),
        _r(summary.mean_after),
        _r(summary.mean_change),
    ]
    return header, [row]


@table("perubahan-terbesar", needs_comparison=True)
def largest_changes_table(params):
    improved, declined = selectors.largest_changes(params.compare_round, params.evaluation_round, params.scope)
    header = ["arah", "nik", "nama", "kecamatan", "jenis", "indeks_a", "indeks_b", "perubahan"]
    rows = []
    for direction, assessments in (("naik", improved), ("turun", declined)):
        for a in assessments:
            cooperative = a.cooperative
            rows.append(
                [
                    direction,
                    cooperative.nik,
                    cooperative.nama,
                    cooperative.kecamatan.name,
                    cooperative.jenis,
                    _r(a.overall_before),
                    _r(a.overall),
                    _r(a.delta),
                ]
            )
    return header, rows


@table("perubahan-dimensi", needs_comparison=True)
def dimension_change_table(params):
    rows = selectors.dimension_changes(params.compare_round, params.evaluation_round, params.scope)
    header = [
        "kode",
        "dimensi",
        "dinilai_keduanya",
        "rata_rata_a",
        "rata_rata_b",
        "rata_rata_perubahan",
        "naik",
        "turun",
    ]
    return header, [
        [r.code, r.name, r.paired, _r(r.mean_before), _r(r.mean_after), _r(r.mean_change), r.improved, r.declined]
        for r in rows
    ]


@table("silang-tingkat", needs_comparison=True)
def cross_table(params):
    cross = selectors.level_cross_table(params.compare_round, params.evaluation_round, params.scope)
    header = ["tingkat_a \\ tingkat_b"] + cross.column_labels
    return header, [[label] + counts for label, counts in cross.rows]


# --- training and readiness -------------------------------------------------------------------


@table("partisipasi")
def participation_table(params):
    header = [
        "nik",
        "nama",
        "kecamatan",
        "jenis",
        "anggota",
        "staf",
        "peserta_kursus",
        "pendaftaran",
        "kursus_selesai",
        "anggota_menyelesaikan",
    ]

    def rows():
        for c in selectors.course_participation(params.scope).iterator(chunk_size=500):
            yield [
                c.nik,
                c.nama,
                c.kecamatan.name,
                c.jenis,
                c.member_count,
                c.staff_count,
                c.learner_count,
                c.enrolment_count,
                c.completion_count,
                c.completer_count,
            ]

    return header, rows()


@table("gain")
def gain_table(params):
    header = ["kursus", "peserta", "rata_rata_pre_test", "rata_rata_post_test", "gain"]
    return header, [
        [
            row["course"].title,
            row["learners"],
            _r(row["mean_pre"]),
            _r(row["mean_post"]),
            round_half_up(row["gain"], 2),
        ]
        for row in selectors.learning_gain(params.viewer)
    ]


@table("asosiasi", needs_comparison=True)
def association_table(params):
    rows = selectors.training_association(params.compare_round, params.evaluation_round, params.scope)
    header = [
        "kode",
        "dimensi",
        "koperasi_dengan_pelatihan",
        "perubahan_dengan_pelatihan",
        "koperasi_tanpa_pelatihan",
        "perubahan_tanpa_pelatihan",
        "selisih",
    ]
    return header, [
        [
            r.code,
            r.name,
            r.trained.count,
            _r(r.trained.mean_change),
            r.untrained.count,
            _r(r.untrained.mean_change),
            _r(r.difference),
        ]
        for r in rows
    ]

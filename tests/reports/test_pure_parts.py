"""The parts of the reports that need no database: the figures' dataclasses, which tables
need a comparison, the round labels in the choosers, the codes XLSX turns into words, and
the replica router's answers."""

import io

import pytest
from django.http import Http404
from openpyxl import load_workbook

from cooperatives.models import Cooperative
from readiness.models import EvaluationRound, Framework
from reports import selectors, tables
from reports.downloads import CODE_LABELS, FORMATS, table_response
from reports.forms import ExportRequestForm, RoundChoiceField
from reports.models import ExportJob
from reports.routers import ReportReplicaRouter
from reports.selectors import (
    AssociationRow,
    CrossTable,
    GroupChange,
    GroupRow,
    Overview,
    Scope,
    comparable,
    jenis_label,
)
from reports.tables import ReportParams, Table, build_table


def framework(pk, code="uji", version=1):
    return Framework(pk=pk, code=code, version=version, name=f"Instrumen {code}")


def evaluation_round(pk, slug, framework_):
    return EvaluationRound(pk=pk, slug=slug, name=f"Putaran {slug}", framework=framework_)


UJI = framework(1)
A, B = evaluation_round(1, "2024", UJI), evaluation_round(2, "2025", UJI)
OTHER = evaluation_round(3, "lain-2025", framework(2, code="lain"))


# --- dataclasses ---------------------------------------------------------------------------------


@pytest.mark.parametrize("registered, assessed, coverage", [(6, 4, 400 / 6), (3, 3, 100.0), (0, 0, None)])
def test_coverage_is_assessed_over_registered(registered, assessed, coverage):
    assert Overview(registered, assessed, None).coverage == coverage
    assert GroupRow("k", "Kraksaan", registered, assessed, None).coverage == coverage


def test_cross_table_rows_pair_labels_with_counts():
    table = CrossTable(row_labels=["Rendah", "Tinggi"], column_labels=["Rendah", "Tinggi"], counts=[[1, 2], [0, 3]])
    assert table.rows == [("Rendah", [1, 2]), ("Tinggi", [0, 3])]
    with pytest.raises(ValueError):
        CrossTable(row_labels=["Rendah"], column_labels=[], counts=[]).rows  # noqa: B018


@pytest.mark.parametrize(
    "trained, untrained, difference",
    [
        (GroupChange(2, 12.5), GroupChange(3, -2.5), 15.0),
        (GroupChange(2, 12.5), GroupChange(), None),
        (GroupChange(), GroupChange(3, 1.0), None),
        (GroupChange(1, 0.0), GroupChange(1, 0.0), 0.0),
    ],
)
def test_association_difference_needs_both_groups(trained, untrained, difference):
    assert AssociationRow("D1", "Dimensi 1", trained, untrained).difference == difference


def test_an_empty_association_row_has_empty_groups():
    row = AssociationRow("D1", "Dimensi 1")
    assert (row.trained.count, row.untrained.count, row.difference) == (0, 0, None)


def test_jenis_labels_come_from_the_registry():
    assert jenis_label("simpan_pinjam") == dict(Cooperative.JENIS_CHOICES)["simpan_pinjam"]
    assert jenis_label("lama") == "lama"
    assert Scope(jenis="konsumen").jenis_label == "Konsumen"
    assert Scope().jenis_label == ""
    assert selectors.ALL == Scope()


# --- comparison ---------------------------------------------------------------------------------


def test_rounds_compare_within_a_framework_code_never_with_themselves():
    assert comparable(A, B) and comparable(B, A)
    assert not comparable(A, A)
    assert not comparable(A, OTHER)
    assert comparable(A, evaluation_round(4, "2026", framework(5, code="uji", version=2)))  # a new version


def test_report_params_are_comparable_only_with_a_comparable_round():
    assert ReportParams(B, A, Scope(), None).comparable
    assert not ReportParams(B, None, Scope(), None).comparable
    assert not ReportParams(B, OTHER, Scope(), None).comparable


COMPARISON_TABLES = {"perubahan", "perubahan-terbesar", "perubahan-dimensi", "silang-tingkat", "asosiasi"}


def test_which_tables_need_a_comparison():
    assert {name for name, spec in tables.TABLES.items() if spec.needs_comparison} == COMPARISON_TABLES
    assert set(tables.TABLES) - COMPARISON_TABLES == {
        "kecamatan",
        "jenis",
        "tingkat",
        "dimensi",
        "koperasi",
        "partisipasi",
        "gain",
    }


@pytest.mark.parametrize("name", sorted(COMPARISON_TABLES) + ["rahasia"])
def test_a_comparison_table_without_a_comparable_round_or_an_unknown_table_is_404(name):
    with pytest.raises(Http404):
        build_table(name, ReportParams(B, OTHER, Scope(), None))


# --- forms and downloads -----------------------------------------------------------------------------


def test_round_choosers_name_the_framework_and_version():
    field = RoundChoiceField(queryset=EvaluationRound.objects.none())
    assert field.label_from_instance(B) == "Putaran 2025 (uji v1)"
    assert ExportRequestForm().fields["kind"].choices == ExportJob.KIND_CHOICES


def test_xlsx_turns_codes_into_words_and_other_formats_are_404():
    assert CODE_LABELS["jenis"]["simpan_pinjam"] == dict(Cooperative.JENIS_CHOICES)["simpan_pinjam"]
    assert set(CODE_LABELS["status"]) == {"draft", "submitted", "verified"}
    assert FORMATS == ("csv", "xlsx")
    with pytest.raises(Http404):
        table_response(Table("kecamatan", ["kecamatan"], []), "pdf", "kecamatan-2025")


def test_an_xlsx_table_shows_labels_a_csv_keeps_codes():
    table = Table("jenis", ["jenis", "status"], [["simpan_pinjam", "submitted"]])
    csv_body = b"".join(table_response(table, "csv", "jenis-2025").streaming_content).decode("utf-8-sig")
    assert csv_body.splitlines() == ["jenis,status", "simpan_pinjam,submitted"]
    response = table_response(Table("jenis", ["jenis", "status"], [["simpan_pinjam", "submitted"]]), "xlsx", "x")
    assert response["Content-Disposition"] == 'attachment; filename="x.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]] == [
        CODE_LABELS["jenis"]["simpan_pinjam"],
        CODE_LABELS["status"]["submitted"],
    ]
    assert sheet.title == "jenis"


# --- the replica router ----------------------------------------------------------------------------


def test_the_router_writes_and_migrates_on_default_only_and_relates_anything():
    router = ReportReplicaRouter()
    assert router.db_for_write(Cooperative) == "default"
    assert router.allow_relation(A, B) is True
    assert router.allow_migrate("default", "reports", model_name="exportjob") is True
    assert router.allow_migrate("replica", "reports", model_name="exportjob") is False

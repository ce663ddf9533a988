"""The operator commands of PRODUCT.md section 4, as other programs call them."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from readiness.models import Answer, Assessment, DimensionScore, EvaluationRound, Framework
from readiness.services import DEFAULT_FRAMEWORK_PATH
from tests.factories import make_cooperative, make_kecamatan

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db

CODES = [f"D{d}.{i}" for d in range(1, 7) for i in range(1, 5)]


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args):
    err = io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command(*args, stdout=io.StringIO(), stderr=err)
    return err.getvalue(), str(excinfo.value)


def write_csv(tmp_path, header, rows, name="hasil.csv"):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# --- frameworks -------------------------------------------------------------------


def test_default_framework_is_shipped_by_migration():
    framework = Framework.objects.get(code="ikdk", version=1)
    assert framework.name == "Indeks Kesiapan Digital Koperasi"
    assert [d.code for d in framework.dimensions.all()] == ["D1", "D2", "D3", "D4", "D5", "D6"]
    for dimension in framework.dimensions.all():
        assert 3 <= dimension.indicators.count() <= 5
        assert dimension.weight == 1
    assert framework.band_list()[2].label == "Kesiapan sedang"


def test_export_framework_round_trips_the_shipped_json(ikdk):
    out, _ = run("export_framework", "ikdk")
    exported = json.loads(out)
    shipped = json.loads(DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8"))
    assert exported["code"] == "ikdk" and exported["version"] == 1
    assert exported["bands"] == shipped["bands"]
    for got, want in zip(exported["dimensions"], shipped["dimensions"], strict=True):
        assert got["code"] == want["code"] and got["weight"] == 1 and got["name"] == want["name"]
        assert [i["code"] for i in got["indicators"]] == [i["code"] for i in want["indicators"]]
        assert got["indicators"][0]["levels"] == want["indicators"][0]["levels"]
        assert len(got["indicators"][0]["levels"]) == 5


def test_import_framework_existing_code_makes_new_version(tmp_path, ikdk):
    data = json.loads(DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8"))
    data["name"] = "IKDK revisi"
    path = tmp_path / "fw.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out, _ = run("import_framework", str(path))
    assert "versi 2" in out
    assert Framework.objects.get(code="ikdk", version=2).name == "IKDK revisi"
    assert Framework.objects.get(code="ikdk", version=1).name == "Indeks Kesiapan Digital Koperasi"
    assert (
        json.loads(run("export_framework", "ikdk", "--version", "1")[0])["name"] == "Indeks Kesiapan Digital Koperasi"
    )
    assert json.loads(run("export_framework", "ikdk")[0])["version"] == 2


def test_import_framework_new_code_without_bands_gets_default_bands(tmp_path):
    data = {
        "code": "mini",
        "version": 3,
        "name": "Mini",
        "dimensions": [
            {
                "code": "A",
                "name": "A",
                "weight": 2.5,
                "description": "",
                "indicators": [{"code": "A.1", "text": "t", "levels": ["0", "1", "2", "3", "4"]}],
            }
        ],
    }
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(data))
    run("import_framework", str(path))
    framework = Framework.objects.get(code="mini")
    assert framework.version == 3
    assert [b["label"] for b in framework.bands][0] == "Belum siap" and len(framework.bands) == 5
    assert json.loads(run("export_framework", "mini")[0])["dimensions"][0]["weight"] == 2.5


def test_import_framework_reports_every_problem_and_writes_nothing(tmp_path):
    data = {
        "code": "rusak",
        "name": "Rusak",
        "dimensions": [
            {"code": "A", "name": "A", "weight": 0, "indicators": [{"code": "A.1", "text": "t", "levels": ["a"]}]},
            {"code": "A", "name": "", "indicators": [{"code": "A.1", "text": "t", "levels": list("abcde")}]},
        ],
    }
    path = tmp_path / "rusak.json"
    path.write_text(json.dumps(data))
    err, message = fails("import_framework", str(path))
    assert "A.weight" in err and "A.1.levels" in err and "dipakai dua kali" in err
    assert not Framework.objects.filter(code="rusak").exists()
    path.write_text("{not json")
    err, _ = fails("import_framework", str(path))
    assert "JSON tidak valid" in err


def test_export_framework_unknown_code_fails():
    _, message = fails("export_framework", "tidakada")
    assert "tidakada" in message


# --- rounds -----------------------------------------------------------------------


def test_create_round(ikdk):
    out, _ = run(
        "create_round",
        "nov-2018",
        "--name",
        "Evaluasi November 2018",
        "--framework",
        "ikdk",
        "--opens",
        "2018-11-01",
        "--closes",
        "2018-11-30",
    )
    evaluation_round = EvaluationRound.objects.get(slug="nov-2018")
    assert evaluation_round.name == "Evaluasi November 2018"
    assert evaluation_round.framework == ikdk
    assert str(evaluation_round.opens_on) == "2018-11-01" and str(evaluation_round.closes_on) == "2018-11-30"
    assert "nov-2018" in out


def test_create_round_errors(ikdk):
    fails("create_round", "x", "--name", "X", "--framework", "nope")
    fails("create_round", "x", "--name", "X", "--framework", "ikdk", "--version", "9")
    fails("create_round", "x", "--name", "X", "--framework", "ikdk", "--opens", "2018-13-01")
    fails("create_round", "x", "--name", "X", "--framework", "ikdk", "--opens", "2018-11-02", "--closes", "2018-11-01")
    run("create_round", "x", "--name", "X", "--framework", "ikdk")
    fails("create_round", "x", "--name", "X again", "--framework", "ikdk")
    assert EvaluationRound.objects.count() == 1


# --- import_assessments ---------------------------------------------------------------


@pytest.fixture
def setting(ikdk):
    kraksaan = make_kecamatan("Kraksaan")
    paiton = make_kecamatan("Paiton")
    coops = [
        make_cooperative(nik="3579000000000001", nama="KSU Sumber Rejeki", jenis="konsumen", kecamatan=kraksaan),
        make_cooperative(nik="3579000000000002", nama="KSP Makmur", jenis="simpan_pinjam", kecamatan=paiton),
        make_cooperative(nik="3579000000000003", nama="Koperasi Tani", jenis="konsumen", kecamatan=paiton),
    ]
    return make_round(ikdk, "nov-2018"), coops


def test_import_assessments_csv_stores_submitted_with_scores(tmp_path, setting):
    evaluation_round, coops = setting
    header = ["NIK", "nama"] + CODES
    row1 = ["3579000000000001", "KSU"] + ["4"] * 4 + ["2"] * 4 + ["NA", "0", "", "4"] + [""] * 12
    row2 = ["3579000000000002", "KSP"] + ["1"] * 24
    path = write_csv(tmp_path, header, [row1, row2])
    out, err = run("import_assessments", str(path), "--round", "nov-2018")
    # The same summary as every import command.
    assert "dibuat: 2, diperbarui: 0, tidak berubah: 0" in out and err == ""
    first = Assessment.objects.get(cooperative=coops[0])
    assert first.status == "submitted" and first.source == "import"
    scores = dict(DimensionScore.objects.filter(assessment=first).values_list("dimension__code", "score"))
    assert scores == {"D1": 100.0, "D2": 50.0, "D3": 50.0, "D4": None, "D5": None, "D6": None}
    assert first.overall == pytest.approx(200 / 3)
    assert first.level == 3
    assert Answer.objects.filter(assessment=first, indicator__code="D3.1", level__isnull=True).exists()
    assert not Answer.objects.filter(assessment=first, indicator__code="D3.3").exists()
    assert Assessment.objects.get(cooperative=coops[1]).overall == 25.0
    # Importing again replaces rather than duplicates.
    path = write_csv(tmp_path, ["nik"] + CODES, [["3579000000000002"] + ["3"] * 24])
    out, _ = run("import_assessments", str(path), "--round", "nov-2018")
    assert "dibuat: 0, diperbarui: 1" in out
    assert Assessment.objects.count() == 2
    assert Assessment.objects.get(cooperative=coops[1]).overall == 75.0


def test_import_assessments_dry_run_says_what_would_happen_and_writes_nothing(tmp_path, setting):
    evaluation_round, coops = setting
    answer_all(evaluation_round, coops[1], 2)
    path = write_csv(tmp_path, ["nik"] + CODES, [["3579000000000001"] + ["4"] * 24, ["3579000000000002"] + ["1"] * 24])
    out, err = run("import_assessments", str(path), "--round", "nov-2018", "--dry-run")
    assert "Uji coba (tidak disimpan): dibuat: 1, diperbarui: 1, tidak berubah: 0" in out and err == ""
    assert Assessment.objects.count() == 1
    assert Assessment.objects.get().overall == 50.0


def test_import_assessments_xlsx(tmp_path, setting):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["nik"] + CODES)
    sheet.append(["3579000000000003"] + [2] * 24)
    path = tmp_path / "hasil.xlsx"
    workbook.save(path)
    run("import_assessments", str(path), "--round", "nov-2018")
    assessment = Assessment.objects.get(cooperative__nik="3579000000000003")
    assert assessment.overall == 50.0 and assessment.level == 2


def test_import_assessments_bad_rows_all_named_nothing_written(tmp_path, setting):
    header = ["nik"] + CODES
    rows = [
        ["3579000000000001"] + ["4"] * 24,
        ["9999999999999999"] + ["1"] * 24,  # row 3: unknown NIK
        ["3579000000000002", "5"] + ["1"] * 23,  # row 4: level out of range
        ["3579000000000003", "x"] + ["1"] * 23,  # row 5: not a level
        ["", "1"] + ["1"] * 23,  # row 6: nik empty
        ["3579000000000001"] + ["1"] * 24,  # row 7: duplicate NIK
        ["12345"] + ["1"] * 24,  # row 8: malformed NIK
    ]
    path = write_csv(tmp_path, header, rows)
    err, message = fails("import_assessments", str(path), "--round", "nov-2018")
    lines = err.strip().splitlines()
    assert lines[0].startswith("baris 3: nik: ") and "9999999999999999" in lines[0]
    assert lines[1].startswith("baris 4: D1.1: ") and "'5'" in lines[1]
    assert lines[2].startswith("baris 5: D1.1: ")
    assert lines[3] == "baris 6: nik: wajib diisi"
    assert lines[4].startswith("baris 7: nik: ") and "baris 2" in lines[4]
    assert lines[5].startswith("baris 8: nik: ")
    assert len(lines) == 6
    assert "6 kesalahan" in message
    assert Assessment.objects.count() == 0 and Answer.objects.count() == 0


def test_import_assessments_unknown_indicator_code(tmp_path, setting):
    path = write_csv(tmp_path, ["nik", "D1.1", "D9.9", "catatan"], [["3579000000000001", "2", "3", "bagus"]])
    err, _ = fails("import_assessments", str(path), "--round", "nov-2018")
    assert (
        err.strip()
        == "baris 1: D9.9: kode indikator tidak dikenal dalam instrumen Indeks Kesiapan Digital Koperasi (ikdk v1)"
    )
    assert Assessment.objects.count() == 0


def test_import_assessments_missing_nik_column_and_unknown_round(tmp_path, setting):
    path = write_csv(tmp_path, ["kode", "D1.1"], [["1", "2"]])
    err, _ = fails("import_assessments", str(path), "--round", "nov-2018")
    assert "baris 1: nik:" in err
    _, message = fails("import_assessments", str(path), "--round", "tidak-ada")
    assert "tidak-ada" in message


def test_import_assessments_works_for_a_closed_round(tmp_path, ikdk):
    import datetime

    make_round(ikdk, "mei-2018", opens=datetime.date(2018, 5, 1), closes=datetime.date(2018, 5, 31))
    make_cooperative(nik="3579000000000009")
    path = write_csv(tmp_path, ["nik", "D1.1"], [["3579000000000009", "3"]])
    run("import_assessments", str(path), "--round", "mei-2018")
    assert Assessment.objects.get().overall == 75.0


def test_import_does_not_overwrite_verified(tmp_path, setting):
    from readiness.services import verify_assessment

    evaluation_round, coops = setting
    assessment = answer_all(evaluation_round, coops[0], 2)
    verify_assessment(assessment=assessment, user=None, levels={})
    path = write_csv(tmp_path, ["nik", "D1.1"], [["3579000000000001", "4"]])
    err, _ = fails("import_assessments", str(path), "--round", "nov-2018")
    assert err.startswith("baris 2: nik: ")
    assert Assessment.objects.get().status == "verified"


def test_na_not_allowed_is_an_error(tmp_path, setting):
    from readiness.models import Indicator

    Indicator.objects.filter(code="D1.1", dimension__framework__code="ikdk").update(allow_na=False)
    path = write_csv(tmp_path, ["nik", "D1.1", "D1.2"], [["3579000000000001", "NA", "na"]])
    err, _ = fails("import_assessments", str(path), "--round", "nov-2018")
    assert err.strip().splitlines() == ["baris 2: D1.1: NA (tidak berlaku) tidak diizinkan untuk indikator ini"]


# --- export_readiness -------------------------------------------------------------------


@pytest.fixture
def two_rounds(setting, ikdk):
    import datetime

    nov, coops = setting
    mei = make_round(ikdk, "mei-2018", opens=datetime.date(2018, 5, 1), closes=datetime.date(2018, 5, 31))
    nov.opens_on = datetime.date(2018, 11, 1)
    nov.save()
    answer_all(mei, coops[0], 1)  # 25.0
    answer_all(mei, coops[1], {"D1.1": 2})  # D1 only: 50.0
    answer_all(nov, coops[0], {c: (3 if c.startswith("D1") else 2) for c in CODES})  # D1 75, rest 50
    answer_all(nov, coops[1], {"D2.1": 4})  # D2 only: 100
    answer_all(nov, coops[2], {c: 0 for c in CODES})  # 0.0, not in mei
    return mei, nov, coops


def test_export_json_contract(two_rounds):
    out, _ = run("export_readiness", "--round", "nov-2018", "--compare", "mei-2018")
    document = json.loads(out)
    assert document["round"] == "nov-2018" and document["compare"] == "mei-2018"
    assert document["framework"] == {"code": "ikdk", "version": 1}
    rows = {row["nik"]: row for row in document["cooperatives"]}
    assert list(rows) == ["3579000000000001", "3579000000000002", "3579000000000003"]
    first = rows["3579000000000001"]
    assert first["nama"] == "KSU Sumber Rejeki" and first["jenis"] == "konsumen" and first["kecamatan"] == "Kraksaan"
    assert first["status"] == "submitted"
    assert first["overall"] == pytest.approx(round((75 + 5 * 50) / 6, 1))
    assert first["level"] == 2
    assert first["dimensions"] == {"D1": 75.0, "D2": 50.0, "D3": 50.0, "D4": 50.0, "D5": 50.0, "D6": 50.0}
    assert first["change"]["overall"] == round((75 + 5 * 50) / 6 - 25, 1)
    assert first["change"]["dimensions"]["D1"] == 50.0
    second = rows["3579000000000002"]
    assert second["dimensions"]["D1"] is None and second["dimensions"]["D2"] == 100.0
    assert second["change"] == {
        "overall": 50.0,
        "dimensions": {"D1": None, "D2": None, "D3": None, "D4": None, "D5": None, "D6": None},
    }
    assert rows["3579000000000003"]["change"] is None
    summary = document["summary"]
    assert summary["assessed"] == 3
    assert summary["mean_overall"] == round(((75 + 250) / 6 + 100 + 0) / 3, 1)
    assert summary["by_level"] == {"0": 1, "1": 0, "2": 1, "3": 0, "4": 1}
    assert summary["by_kecamatan"] == {
        "Kraksaan": {"assessed": 1, "mean_overall": round((75 + 250) / 6, 1)},
        "Paiton": {"assessed": 2, "mean_overall": 50.0},
    }
    assert summary["by_jenis"] == {
        "konsumen": {"assessed": 2, "mean_overall": round(((75 + 250) / 6) / 2, 1)},
        "simpan_pinjam": {"assessed": 1, "mean_overall": 100.0},
    }


def test_export_without_compare_has_null_change(two_rounds):
    document = json.loads(run("export_readiness", "--round", "nov-2018")[0])
    assert document["compare"] is None
    assert all(row["change"] is None for row in document["cooperatives"])


def test_export_lists_only_assessed_and_not_drafts(two_rounds):
    mei, nov, coops = two_rounds
    extra = make_cooperative(nik="3579000000000077")
    answer_all(mei, extra, 3, submit=False)
    document = json.loads(run("export_readiness", "--round", "mei-2018")[0])
    assert [row["nik"] for row in document["cooperatives"]] == ["3579000000000001", "3579000000000002"]
    assert document["summary"]["assessed"] == 2


def test_export_csv_flattened(two_rounds, tmp_path):
    out, _ = run("export_readiness", "--round", "nov-2018", "--compare", "mei-2018", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:8] == ["nik", "nama", "jenis", "kecamatan", "status", "overall", "level", "overall_change"]
    assert "D1" in rows[0] and "D1_change" in rows[0] and "D6_change" in rows[0]
    first = rows[0]
    assert first["nik"] == "3579000000000001" and first["D1"] == "75.0" and first["D1_change"] == "50.0"
    assert rows[2]["overall_change"] == "" and rows[2]["D1_change"] == ""
    target = tmp_path / "out.csv"
    run("export_readiness", "--round", "nov-2018", "--format", "csv", "--output", str(target))
    assert list(csv.DictReader(target.open(encoding="utf-8")))[1]["D2"] == "100.0"


def test_export_xlsx_to_file(two_rounds, tmp_path):
    target = tmp_path / "out.xlsx"
    run("export_readiness", "--round", "nov-2018", "--compare", "mei-2018", "--format", "xlsx", "--output", str(target))
    sheet = load_workbook(target).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "nik" and len(values) == 4
    assert values[1][values[0].index("D1_change")] == 50.0


def test_export_json_to_output_file(two_rounds, tmp_path):
    target = tmp_path / "out.json"
    out, _ = run("export_readiness", "--round", "mei-2018", "--output", str(target))
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["assessed"] == 2


def test_export_errors(two_rounds, tmp_path):
    fails("export_readiness", "--round", "nope")
    fails("export_readiness", "--round", "nov-2018", "--compare", "nope")
    data = json.loads(DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8"))
    data["code"] = "lain"
    path = tmp_path / "lain.json"
    path.write_text(json.dumps(data))
    run("import_framework", str(path))
    make_round(Framework.objects.get(code="lain"), "lain-2018")
    _, message = fails("export_readiness", "--round", "nov-2018", "--compare", "lain-2018")
    assert "instrumen" in message

"""The NIK rule lives in ``cooperatives.nik``; the model, the cooperatives import and the
assessment import all give the same answer for the same value."""

import pytest
from django.core.exceptions import ValidationError

from cooperatives.importers import import_cooperatives
from cooperatives.models import Cooperative
from cooperatives.nik import is_valid_nik, nik_format_error, nik_validator
from readiness.importers import AssessmentImporter
from readiness.services import ensure_default_framework
from tests.cooperatives.files import write_table
from tests.factories import make_cooperative, make_kecamatan
from tests.readiness.conftest import make_round

RULE = [
    ("3513000000000101", True),
    ("0000000000000000", True),
    ("351300000000010", False),  # 15 digits
    ("35130000000001011", False),  # 17 digits
    ("3513-00000000010", False),
    ("3513 000000000101", False),
    ("351300000000010a", False),
    ("3513000000000101\n", False),  # "$" would let this through
    ("٣٥١٣٠٠٠٠٠٠٠٠٠١٠١", False),  # Arabic-Indic digits: "\d" would let these through
    ("", False),
    (None, False),
    (3513000000000101, False),  # a number, not text (XLSX cells are read as text first)
]


@pytest.mark.parametrize("value, valid", RULE)
def test_rule_table(value, valid):
    assert is_valid_nik(value) is valid
    assert (nik_format_error(value) is None) is valid


@pytest.mark.parametrize("value, valid", [(value, valid) for value, valid in RULE if isinstance(value, str) and value])
def test_model_field_follows_the_rule(value, valid):
    field = Cooperative._meta.get_field("nik")
    assert nik_validator in field.validators
    if valid:
        field.run_validators(value)
    else:
        with pytest.raises(ValidationError) as excinfo:
            field.run_validators(value)
        assert "NIK koperasi harus 16 digit angka." in excinfo.value.messages


def test_error_wording_for_import_reports():
    assert nik_format_error("12345") == "harus 16 digit angka (tertulis 12345)"


@pytest.mark.django_db
def test_cooperative_import_uses_the_rule(tmp_path):
    make_kecamatan("Kraksaan")
    header = ["nik", "nama", "jenis", "kecamatan", "desa", "jumlah_anggota"]
    path = write_table(tmp_path, "csv", [header, ["٣٥١٣٠٠٠٠٠٠٠٠٠١٠١", "KSU Arab", "konsumen", "Kraksaan", "", ""]])
    report = import_cooperatives(path)
    assert report.error_lines() == ["baris 2: nik: harus 16 digit angka (tertulis ٣٥١٣٠٠٠٠٠٠٠٠٠١٠١)"]
    assert not Cooperative.objects.exists()


@pytest.mark.django_db
def test_assessment_import_uses_the_rule(tmp_path):
    framework = ensure_default_framework()
    evaluation_round = make_round(framework, "nov-2018")
    make_cooperative(nik="3579000000000001", kecamatan=make_kecamatan("Paiton"))
    path = write_table(tmp_path, "csv", [["nik", "D1.1"], ["12345", "2"], ["3579000000000001", "2"]])
    report = AssessmentImporter(evaluation_round=evaluation_round).run(path, dry_run=True)
    assert report.error_lines() == ["baris 2: nik: harus 16 digit angka (tertulis 12345)"]

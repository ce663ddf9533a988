"""``export_network`` on a small event whose section 7 figures are worked out by hand:
the chosen evaluation decides each agreement's state, the JSON summary, CSV and XLSX agree,
and names that look like formulas never become live formulas."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from network.exports import export_filename
from network.models import Event
from tests.factories import make_cooperative

from .factories import evaluate, make_agreement, make_evaluation, make_event, make_partner

# Three agreements of one temu usaha, evaluated in November (EV1) and March (EV2):
#   KS-A  potential 100  EV1 berjalan 30, commitments ya/sebagian   EV2 selesai 100, ya/ya
#   KS-B  potential 300  EV1 batal 0 (modal, harga), commitment tidak   (not in EV2)
#   KS-C  potential 0    never evaluated, 1 commitment
# At EV1:  realised 30/400 = 7.5 %, active 1/3 = 33.3 %, commitments (1+0.5+0+0)/4 = 37.5 %
# At EV2 (latest; KS-B keeps its EV1 state): realised 100/400 = 25 %, active 1/3, (1+1+0+0)/4 = 50 %


def build_world():
    dringu = make_cooperative(nik="3513010000000301", nama='=HYPERLINK("http://x")')
    leces = make_cooperative(nik="3513010000000302", nama="Koperasi Mangga Leces")
    sleman = make_partner(code="M-01", name="+SUM(A1:A9)", provinsi="DI Yogyakarta")
    bantul = make_partner(code="M-02", name="CV Bakpia", provinsi="Jawa Tengah")
    event = make_event(slug="temu-angka")
    ev1 = make_evaluation(follows=event, slug="ev-nov", starts_on=datetime.date(2018, 11, 20))
    ev2 = make_evaluation(follows=event, slug="ev-mar", starts_on=datetime.date(2019, 3, 1))
    a = make_agreement(event=event, code="KS-A", cooperative=dringu, partner=sleman, potential=100, commitments=2)
    b = make_agreement(
        event=event, code="KS-B", cooperative=leces, partner=bantul, potential=300, field="pasokan", commitments=1
    )
    make_agreement(event=event, code="KS-C", cooperative=leces, partner=sleman, potential=0, commitments=1)
    evaluate(a, ev1, status="berjalan", realised=30, results=["ya", "sebagian"])
    evaluate(a, ev2, status="selesai", realised=100, results=["ya", "ya"])
    evaluate(b, ev1, status="batal", realised=0, obstacles=["modal", "harga"], results=["tidak"])
    return True


@pytest.fixture(scope="module")
def _shared_world(module_db):
    return module_db.build("world", build_world)


@pytest.fixture
def world(_shared_world, db):
    if _shared_world is None:
        build_world()
    return Event.objects.get(slug="temu-angka")


def export(*args):
    out = io.StringIO()
    call_command("export_network", "--event", "temu-angka", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    "evaluation, realised, realisasi, komitmen, status_of_a",
    [
        ("ev-nov", 30, 7.5, 37.5, "berjalan"),
        ("ev-mar", 100, 25.0, 50.0, "selesai"),
        (None, 100, 25.0, 50.0, "selesai"),
    ],
)
def test_summary_figures_at_each_evaluation(world, evaluation, realised, realisasi, komitmen, status_of_a):
    document = json.loads(export(*(["--evaluation", evaluation] if evaluation else [])))
    summary = document["summary"]
    assert document["evaluation"] == evaluation
    assert (summary["agreements"], summary["cooperatives"], summary["mitra"]) == (3, 2, 2)
    assert (summary["nilai_potensi"], summary["nilai_realisasi"]) == (400, realised)
    assert (summary["realisasi_persen"], summary["aktif_persen"], summary["komitmen_persen"]) == (
        realisasi,
        33.3,
        komitmen,
    )
    items = {item["kode"]: item for item in document["agreements"]}
    assert items["KS-A"]["status"] == status_of_a
    assert items["KS-B"]["status"] == "batal" and items["KS-B"]["kendala"] == ["modal", "harga"]
    assert (items["KS-C"]["status"], items["KS-C"]["nilai_realisasi"], items["KS-C"]["kendala"]) == (
        "belum_dievaluasi",
        0,
        [],
    )
    assert items["KS-C"]["komitmen"] == {"jumlah": 1, "terlaksana": 0.0}
    assert summary["by_status"]["belum_dievaluasi"] == 1
    assert summary["by_kendala"] == {"modal": 1, "harga": 1}
    assert summary["by_provinsi"]["Jawa Tengah"] == {"agreements": 1, "nilai_potensi": 300, "nilai_realisasi": 0}
    assert summary["by_bidang"]["pemasaran"] == {"agreements": 2, "nilai_potensi": 100, "nilai_realisasi": realised}


def test_csv_rows_match_and_formula_like_names_are_quoted(world):
    rows = list(csv.reader(io.StringIO(export("--format", "csv", "--evaluation", "ev-nov"))))
    assert rows[0][:3] == ["kode", "nik", "koperasi"]
    by_code = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_code["KS-A"]["koperasi"] == '\'=HYPERLINK("http://x")'
    assert by_code["KS-A"]["mitra_nama"] == "'+SUM(A1:A9)"
    assert (by_code["KS-A"]["nilai_realisasi"], by_code["KS-A"]["komitmen_terlaksana"]) == ("30", "1.5")
    assert by_code["KS-B"]["kendala"] == "modal;harga"
    assert by_code["KS-C"]["status"] == "belum_dievaluasi"


def test_xlsx_keeps_numbers_as_numbers_and_formulas_as_text(world, tmp_path):
    target = tmp_path / "jejaring.xlsx"
    call_command("export_network", "--event", "temu-angka", "--format", "xlsx", "--output", str(target))
    sheet = load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    rows = {row[0].value: {h: c for h, c in zip(header, row, strict=True)} for row in sheet.iter_rows(min_row=2)}
    cooperative = rows["KS-A"]["koperasi"]
    assert cooperative.value == '=HYPERLINK("http://x")' and cooperative.data_type == "s"
    assert rows["KS-A"]["mitra_nama"].data_type == "s"
    assert rows["KS-A"]["nilai_potensi"].value == 100 and rows["KS-A"]["nilai_realisasi"].value == 100
    assert sheet.title == "temu-angka"


def test_csv_written_to_a_file_has_no_byte_order_mark_and_same_rows(world, tmp_path):
    target = tmp_path / "jejaring.csv"
    call_command("export_network", "--event", "temu-angka", "--format", "csv", "--output", str(target))
    text = target.read_bytes().decode("utf-8")
    assert not text.startswith("\ufeff")
    assert text == export("--format", "csv")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--event", "tidak-ada"], "Kegiatan tidak-ada tidak ada."),
        (["--event", "temu-angka", "--evaluation", "temu-angka"], "Kegiatan temu-angka bukan kegiatan evaluasi."),
        (["--event", "temu-angka", "--evaluation", "ev-lain"], "Kegiatan ev-lain tidak ada."),
        (
            ["--event", "temu-angka", "--format", "xlsx"],
            "XLSX ke layar tidak didukung di sini: gunakan --output BERKAS.",
        ),
    ],
)
def test_export_command_refusals(world, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_network", *args, stdout=io.StringIO())


def test_export_filename_names_the_evaluation(world):
    assert export_filename(world) == "jejaring-temu-angka"
    assert export_filename(world, Event.objects.get(slug="ev-mar")) == "jejaring-temu-angka-ev-mar"

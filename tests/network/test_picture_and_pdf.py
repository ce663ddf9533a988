"""The network picture (SVG geometry), the Rupiah and percent filters, and the two PDFs,
drawn from hand-made rows and unsaved events and participants: no database."""

import datetime

import pytest
from django.utils import timezone

from cooperatives.models import Cooperative
from network import charts, selectors
from network.charts import MAX_NODES, STATUS_COLOURS, network_picture
from network.models import Event, Participant, Partner
from network.pdf import DEFAULT_OFFICE, attendance_list_pdf, event_report_pdf, office_name
from network.templatetags.network_tags import persen, rupiah
from tests.pdf_text import pdf_text

from .handmade import APEL, STATUS_LABELS, ZETA, four_rows, row

# --- the picture ---------------------------------------------------------------------------


def test_two_cooperatives_and_two_partners_are_placed_in_rows():
    picture = network_picture(four_rows(), STATUS_LABELS)
    assert (picture.width, picture.height) == (360, 26 + 2 * 22 + 8)
    assert [(node.label, node.y) for node in picture.cooperatives] == [("Apel", 37.0), ("Bawang", 59.0)]
    assert [(node.label, node.y) for node in picture.partners] == [("Alfa Niaga", 37.0), ("Zeta Mart", 59.0)]
    assert picture.hidden_agreements == 0


def test_lines_are_coloured_by_status_and_as_wide_as_the_realised_value_allows():
    picture = network_picture(four_rows(), STATUS_LABELS)
    lines = {line.title.split(":")[0]: line for line in picture.lines}
    assert lines["KS-2"].width == 6.0  # the largest realised value: 1 + 5
    assert lines["KS-1"].width == round(1 + 5 * (40 / 300) ** 0.5, 2) == 2.83
    assert lines["KS-3"].width == lines["KS-4"].width == 1.0
    assert lines["KS-1"].colour == STATUS_COLOURS["berjalan"] and lines["KS-4"].colour == STATUS_COLOURS["batal"]
    assert lines["KS-3"].colour == STATUS_COLOURS["belum_dievaluasi"]
    assert lines["KS-1"].title == "KS-1: Berjalan, Rp 40"
    assert (lines["KS-1"].left.label, lines["KS-1"].right.label) == ("Bawang", "Zeta Mart")


def test_nothing_realised_gives_thin_lines_and_an_unknown_status_is_grey():
    rows = [row(1, "KS-A", APEL, ZETA, "pasokan", 10, "macet", 0)]
    (line,) = network_picture(rows, STATUS_LABELS).lines
    assert (line.width, line.colour, line.title) == (1.0, "#8a949c", "KS-A: macet, Rp 0")


def test_an_empty_network_still_has_its_legend():
    picture = network_picture([], STATUS_LABELS)
    assert (picture.cooperatives, picture.partners, picture.lines) == ([], [], [])
    assert picture.height == 26 + 22 + 8
    assert picture.legend == [
        ("Berjalan", "#1b7f3b"),
        ("Selesai", "#1456a0"),
        ("Belum berjalan", "#c07c00"),
        ("Batal", "#b3261e"),
        ("Belum dievaluasi", "#8a949c"),
    ]


def test_a_large_network_keeps_the_cooperatives_with_most_realised_and_counts_the_rest():
    rows = []
    for number in range(MAX_NODES + 2):
        cooperative = selectors.CooperativeRef(number + 1, f"35130100000{number:05d}", f"Koperasi {number:02d}", "")
        rows.append(row(number + 1, f"KS-{number:02d}", cooperative, ZETA, "pasokan", 10, "berjalan", number * 10))
    picture = network_picture(rows, STATUS_LABELS)
    assert len(picture.cooperatives) == MAX_NODES and len(picture.partners) == 1
    assert picture.hidden_agreements == 2 and len(picture.lines) == MAX_NODES
    assert {node.label for node in picture.cooperatives} == {f"{n:02d}" for n in range(2, MAX_NODES + 2)}
    assert picture.height == 26 + MAX_NODES * 22 + 8


@pytest.mark.parametrize(
    "name, label",
    [
        ("Koperasi Simpan Pinjam Sejahtera Bersama Makmur", "Sejahtera Bersam…"),
        ("KSP Maju", "Maju"),
        ("koperasi konsumen Sumber Rejeki", "Sumber Rejeki"),
        ("Koperasi", "Koperasi"),
        ("Koperasi Jasa", "Jasa"),
        ("CV Bakpia Jaya Abadi Sentosa", "CV Bakpia Jaya A…"),
        ("Pasar Tani", "Pasar Tani"),
    ],
)
def test_labels_drop_the_words_every_cooperative_starts_with(name, label):
    assert charts._short(name) == label
    assert len(charts._short(name)) <= charts.LABEL_CHARS


# --- filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, text", [(None, "–"), (0, "Rp 0"), (1500, "Rp 1.500"), (120_000_000, "Rp 120.000.000"), (7.9, "Rp 7")]
)
def test_rupiah_filter(value, text):
    assert rupiah(value) == text


@pytest.mark.parametrize(
    "value, text", [(None, "–"), (0, "0,0%"), (12.345, "12,3%"), (56.25, "56,3%"), (0.05, "0,1%"), (100, "100,0%")]
)
def test_percent_filter_rounds_half_up_with_a_comma(value, text):
    assert persen(value) == text


# --- PDFs -----------------------------------------------------------------------------------------


def temu_usaha(**fields):
    values = {
        "slug": "temu-usaha-diy-2018",
        "name": "Temu Usaha DIY 2018",
        "kind": Event.KIND_TEMU_USAHA,
        "starts_on": datetime.date(2018, 5, 16),
        "ends_on": datetime.date(2018, 5, 17),
        "place": "Yogyakarta",
        "organiser": "Dinas Koperasi",
    }
    return Event(**(values | fields))


def people():
    cooperative = Cooperative(pk=7, nama="Koperasi Bawang Dringu")
    partner = Partner(pk=8, code="M-01", name="CV Bakpia Jaya")
    arrived = timezone.make_aware(datetime.datetime(2018, 5, 16, 8, 45))
    return [
        Participant(
            pk=1, name="Siti Aminah", phone="081234500001", cooperative=cooperative, present=True, checked_in_at=arrived
        ),  # fmt: skip
        Participant(pk=2, name="Pak Harjo", partner=partner, present=True),
        Participant(pk=3, name="Budi " + "Santoso" * 12, phone="081234500003"),
    ]


def test_attendance_list_names_everyone_with_origin_time_and_count(settings):
    settings.OFFICE_NAME = "Dinas Koperasi Kabupaten Uji"
    text = pdf_text(attendance_list_pdf(temu_usaha(), people()))
    assert "DINAS KOPERASI KABUPATEN UJI" in text and "DAFTAR HADIR" in text
    assert "16-05-2018 s.d. 17-05-2018 - Yogyakarta" in text
    assert "Siti Aminah" in text and "Koperasi Bawang Dringu" in text and "08:45" in text
    assert "CV Bakpia Jaya" in text and "\nya\n" in text  # present without a recorded time
    assert "Budi Santoso" in text and "Budi " + "Santoso" * 12 not in text  # cut to its column
    assert "Jumlah peserta: 3" in text


def test_a_long_attendance_list_repeats_its_heading_on_every_page():
    many = [Participant(pk=n, name=f"Peserta {n:03d}") for n in range(1, 61)]
    content = attendance_list_pdf(temu_usaha(ends_on=None, place=""), many)
    text = pdf_text(content)
    pages = text.count("Daftar hadir - dicetak")  # the footer of each page
    assert pages >= 3 and text.count("Tanda tangan") == pages and text.count("DAFTAR HADIR") == 1
    assert "Peserta 001" in text and "Peserta 060" in text and "Jumlah peserta: 60" in text
    assert "16-05-2018\n" in text and " s.d. " not in text


def test_office_name_defaults_to_probolinggo(settings):
    settings.OFFICE_NAME = ""
    assert office_name() == DEFAULT_OFFICE


def event_pdf_text(rows, evaluation=None, **event_fields):
    event = temu_usaha(**event_fields)
    labels = {status: str(selectors.status_label(status)) for status in STATUS_LABELS}
    totals = selectors.summary(rows)
    return pdf_text(event_report_pdf(event, evaluation, rows, totals, {"total": 45, "present": 40}, labels))


def test_event_report_states_the_figures_with_commas_and_lists_every_agreement():
    text = event_pdf_text(four_rows(), speakers="Ibu Kepala Dinas\n\nDinas Koperasi DIY")
    assert "Laporan kegiatan: Temu Usaha DIY 2018" in text
    assert "Jenis: Temu usaha - tanggal: 16-05-2018 s.d. 17-05-2018" in text
    assert "Narasumber: Ibu Kepala Dinas; Dinas Koperasi DIY" in text
    assert "Peserta terdaftar: 45 - hadir: 40" in text
    assert "Evaluasi: evaluasi terakhir tiap kerja sama" in text
    assert "Rp 600" in text and "Rp 340" in text and "56,7%" in text and "50,0%" in text
    assert "Kendala yang paling sering" in text and "modal" in text
    for code in ("KS-1", "KS-2", "KS-3", "KS-4"):
        assert code in text
    assert "Belum dievaluasi" in text and "Zeta Mart (DI Yogyakarta)" in text


def test_event_report_without_agreements_or_obstacles_names_the_chosen_evaluation():
    evaluation = Event(slug="evaluasi-nov-2018", name="Evaluasi Nov 2018", kind=Event.KIND_EVALUASI)
    text = event_pdf_text([], evaluation, place="", organiser="")
    assert "Evaluasi: Evaluasi Nov 2018" in text
    assert "Tempat: - - penyelenggara: -" in text
    assert "Kendala yang paling sering" not in text and "Narasumber" not in text
    assert text.count("\n-\n") >= 3  # the three percentages without agreements

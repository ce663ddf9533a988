"""The report card as a one-page A4 PDF (fpdf2, core fonts only).

The office header and the signature are the ones every signed PDF shares (``base.pdf``);
text goes through ``latin1`` there (Helvetica draws Latin-1 only).
"""

from django.utils import timezone
from fpdf import FPDF

from base.models import OfficeSettings
from base.numbers import format_decimal
from base.pdf import latin1, office_header, signature_block

from .scoring import round_for_export

__all__ = ["latin1", "report_card_pdf"]


def _number(value):
    return format_decimal(value, 1, none="-")


def _change(value):
    value = round_for_export(value)
    if value is None:
        return "-"
    arrow = "naik" if value > 0 else "turun" if value < 0 else "tetap"
    return f"{format_decimal(value, 1, sign=True)} ({arrow})"


class _ReportPDF(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=7)
        self.set_text_color(90, 102, 112)
        self.cell(0, 5, latin1(f"Koperasi Siap Digital - dicetak {timezone.localdate():%d-%m-%Y}"), align="C")


def report_card_pdf(card, office=None) -> bytes:
    """Render a ``selectors.ReportCard`` to PDF bytes (A4), under the office header, signed."""
    office = office or OfficeSettings.current()
    pdf = _ReportPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(15, 12, 15)
    pdf.add_page()
    office_header(pdf, name=office.office_name, address=office.address, logo=office.logo)
    cooperative = card.cooperative
    assessment = card.assessment

    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 9, latin1("Rapor kesiapan koperasi"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 5, latin1(f"{cooperative.nama} - NIK {cooperative.nik}"), new_x="LMARGIN", new_y="NEXT")
    pdf.cell(
        0,
        5,
        latin1(f"Kecamatan {cooperative.kecamatan.name} - jenis {cooperative.get_jenis_display()}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.cell(
        0,
        5,
        latin1(
            f"Putaran evaluasi: {card.evaluation_round.name} ({card.evaluation_round.status_label}) - "
            f"status {assessment.get_status_display()}"
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)

    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(
        0,
        7,
        latin1(f"Indeks kesiapan digital: {_number(assessment.overall)} / 100"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    level = "-" if assessment.level is None else f"{assessment.level} - {card.band_label}"
    pdf.cell(0, 7, latin1(f"Tingkat kesiapan: {level}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    if card.previous_assessment is not None:
        pdf.cell(
            0,
            5,
            latin1(
                f"Perubahan sejak putaran sebelumnya ({card.previous_assessment.round.name}): "
                f"{_change(card.overall_change)}"
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.cell(
        0,
        5,
        latin1(
            f"Rata-rata kabupaten: {_number(card.district_mean)} ({card.district_count} koperasi) - "
            f"rata-rata jenis yang sama: {_number(card.jenis_mean)} ({card.jenis_count} koperasi)"
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)

    # Table with a bar per dimension.
    widths = [12, 62, 16, 40, 22, 14, 14]
    headers = ["Kode", "Dimensi", "Skor", "", "Perubahan", "Kab.", "Jenis"]
    pdf.set_font("Helvetica", "B", 9)
    pdf.set_fill_color(243, 246, 244)
    for width, title in zip(widths, headers, strict=True):
        pdf.cell(width, 6, latin1(title), border="B", fill=True)
    pdf.ln()
    pdf.set_font("Helvetica", size=9)
    for line in card.lines:
        y = pdf.get_y()
        pdf.cell(widths[0], 7, latin1(line.code))
        pdf.cell(widths[1], 7, latin1(line.name[:38]))
        pdf.cell(widths[2], 7, _number(line.score))
        x = pdf.get_x()
        pdf.set_fill_color(243, 246, 244)
        pdf.rect(x, y + 1.5, widths[3] - 2, 4, style="F")
        if line.score is not None:
            pdf.set_fill_color(11, 110, 79)
            pdf.rect(x, y + 1.5, (widths[3] - 2) * line.score / 100, 4, style="F")
        if line.district_mean is not None:
            pdf.set_draw_color(192, 57, 43)
            mark = x + (widths[3] - 2) * line.district_mean / 100
            pdf.line(mark, y + 0.5, mark, y + 6.5)
        pdf.set_x(x + widths[3])
        pdf.cell(widths[4], 7, latin1(_change(line.change)))
        pdf.cell(widths[5], 7, _number(line.district_mean))
        pdf.cell(widths[6], 7, _number(line.jenis_mean), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=7)
    pdf.set_text_color(90, 102, 112)
    pdf.cell(
        0, 5, latin1("Garis merah pada batang: rata-rata kabupaten di putaran ini."), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_text_color(0, 0, 0)
    pdf.ln(3)

    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 7, latin1("Prioritas dan kursus yang disarankan"), new_x="LMARGIN", new_y="NEXT")
    for number, line in enumerate(card.priorities, start=1):
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(
            0,
            6,
            latin1(
                f"{number}. {line.code} {line.name} - skor {_number(line.score)}, prioritas {_number(line.priority)}"
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font("Helvetica", size=9)
        if line.courses:
            for course in line.courses[:4]:
                pdf.cell(6)
                pdf.cell(0, 5, latin1(f"- {course.title}"), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.cell(6)
            pdf.cell(0, 5, latin1("Belum ada kursus baru untuk dimensi ini."), new_x="LMARGIN", new_y="NEXT")
    if assessment.verification_note:
        pdf.ln(2)
        pdf.set_font("Helvetica", "I", 9)
        pdf.multi_cell(0, 5, latin1(f"Catatan verifikasi Dinas: {assessment.verification_note[:400]}"))
    pdf.ln(4)
    if pdf.get_y() > pdf.h - 50:
        pdf.add_page()
    signature_block(pdf, signer_title=office.head_title, signer_name=office.head_name, date=timezone.localdate())
    return bytes(pdf.output())

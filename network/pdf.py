"""Printable PDFs (fpdf2, core fonts, as the report card): the daftar hadir with a
signature column, and the event report for the head of the office.

The office's name comes from ``settings.OFFICE_NAME`` (default: Probolinggo's Dinas).
"""

from django.conf import settings
from django.utils import timezone
from fpdf import FPDF

from readiness.pdf import latin1

from . import figures

DEFAULT_OFFICE = "Dinas Koperasi dan Usaha Mikro Kabupaten Probolinggo"


def office_name():
    return getattr(settings, "OFFICE_NAME", "") or DEFAULT_OFFICE


def _date(value):
    return value.strftime("%d-%m-%Y") if value else "-"


def _event_dates(event):
    if event.ends_on and event.ends_on != event.starts_on:
        return f"{_date(event.starts_on)} s.d. {_date(event.ends_on)}"
    return _date(event.starts_on)


class _OfficePDF(FPDF):
    """A4 with the office's header on every page and the print date in the footer."""

    title_text = ""

    def header(self):
        self.set_font("Helvetica", "B", 11)
        self.cell(0, 6, latin1(office_name().upper()), align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", size=8)
        self.cell(0, 4, latin1("Koperasi Siap Digital"), align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_line_width(0.6)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.set_line_width(0.2)
        self.ln(4)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=7)
        self.set_text_color(90, 102, 112)
        self.cell(
            0,
            5,
            latin1(f"{self.title_text} - dicetak {timezone.localdate():%d-%m-%Y} - halaman {self.page_no()}"),
            align="C",
        )
        self.set_text_color(0, 0, 0)


def _new_pdf(title):
    pdf = _OfficePDF(format="A4")
    pdf.title_text = title
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(15, 12, 15)
    return pdf


def attendance_list_pdf(event, participants) -> bytes:
    """The daftar hadir: number, name, origin, phone, check-in time and a signature column."""
    pdf = _new_pdf("Daftar hadir")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, latin1("DAFTAR HADIR"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 5, latin1(event.name), align="C", new_x="LMARGIN", new_y="NEXT")
    place = f" - {event.place}" if event.place else ""
    pdf.cell(0, 5, latin1(f"{_event_dates(event)}{place}"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    widths = (9, 52, 50, 28, 14, 27)
    headings = ("No", "Nama", "Asal", "Telepon", "Hadir", "Tanda tangan")

    def heading_row():
        pdf.set_font("Helvetica", "B", 9)
        pdf.set_fill_color(230, 236, 240)
        for width, text in zip(widths, headings, strict=True):
            pdf.cell(width, 7, latin1(text), border=1, align="C", fill=True)
        pdf.ln()
        pdf.set_font("Helvetica", size=9)

    heading_row()
    for number, participant in enumerate(participants, start=1):
        if pdf.will_page_break(11):
            pdf.add_page()
            heading_row()
        origin = participant.cooperative.nama if participant.cooperative_id else ""
        if participant.partner_id:
            origin = participant.partner.name
        time = timezone.localtime(participant.checked_in_at).strftime("%H:%M") if participant.checked_in_at else ""
        present = time or ("ya" if participant.present else "")
        cells = (str(number), participant.name, origin, participant.phone, present, "")
        for width, text, align in zip(widths, cells, ("C", "L", "L", "L", "C", "L"), strict=True):
            value = latin1(text)
            while value and pdf.get_string_width(value) > width - 2:
                value = value[:-1]
            pdf.cell(width, 11, value, border=1, align=align)
        pdf.ln()
    pdf.ln(8)
    pdf.set_font("Helvetica", size=9)
    pdf.cell(0, 5, latin1(f"Jumlah peserta: {len(participants)}"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _money(value):
    return latin1(figures.format_rupiah(value))


def _percent(value):
    value = figures.percent_for_export(value)
    return "-" if value is None else f"{value:.1f}%".replace(".", ",")


def event_report_pdf(event, evaluation, rows, totals, attendance, status_labels) -> bytes:
    """One A4 page with the event and its figures, then the agreements table."""
    pdf = _new_pdf(f"Laporan kegiatan {event.slug}")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 7, latin1(f"Laporan kegiatan: {event.name}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    lines = [
        f"Jenis: {event.get_kind_display()} - tanggal: {_event_dates(event)}",
        f"Tempat: {event.place or '-'} - penyelenggara: {event.organiser or '-'}",
        f"Peserta terdaftar: {attendance['total']} - hadir: {attendance['present']}",
        f"Evaluasi: {evaluation.name if evaluation else 'evaluasi terakhir tiap kerja sama'}",
    ]
    if event.speaker_list:
        lines.insert(2, "Narasumber: " + "; ".join(event.speaker_list))
    for line in lines:
        pdf.multi_cell(0, 5, latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 7, latin1("Ringkasan jejaring kerja sama"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    summary = [
        ("Kerja sama", str(totals.agreements)),
        ("Koperasi / mitra", f"{totals.cooperatives} / {totals.partners}"),
        ("Nilai potensi", _money(totals.potential)),
        ("Nilai realisasi", _money(totals.realised)),
        ("Realisasi", _percent(totals.realisasi_persen)),
        ("Kerja sama aktif (berjalan atau selesai)", _percent(totals.aktif_persen)),
        ("Komitmen terlaksana", _percent(totals.komitmen_persen)),
    ]
    for label, value in summary:
        pdf.cell(90, 6, latin1(label), border="B")
        pdf.cell(0, 6, value, border="B", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, latin1("Status kerja sama"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    for status, count in totals.by_status.items():
        pdf.cell(90, 5, latin1(str(status_labels.get(status, status))))
        pdf.cell(0, 5, str(count), align="R", new_x="LMARGIN", new_y="NEXT")
    if totals.by_obstacle:
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 6, latin1("Kendala yang paling sering"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for obstacle, count in totals.by_obstacle.most_common(5):
            pdf.cell(90, 5, latin1(obstacle))
            pdf.cell(0, 5, str(count), align="R", new_x="LMARGIN", new_y="NEXT")

    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 7, latin1("Daftar kerja sama"), new_x="LMARGIN", new_y="NEXT")
    widths = (20, 48, 42, 20, 24, 26)
    headings = ("Kode", "Koperasi", "Mitra", "Status", "Potensi", "Realisasi")

    def heading_row():
        pdf.set_font("Helvetica", "B", 8)
        pdf.set_fill_color(230, 236, 240)
        for width, text in zip(widths, headings, strict=True):
            pdf.cell(width, 6, latin1(text), border=1, fill=True)
        pdf.ln()
        pdf.set_font("Helvetica", size=8)

    heading_row()
    for row in rows:
        if pdf.will_page_break(6):
            pdf.add_page()
            heading_row()
        agreement = row.agreement
        cells = (
            agreement.code,
            agreement.cooperative.nama,
            f"{agreement.partner.name} ({agreement.partner.provinsi})",
            str(status_labels.get(row.figures.status, row.figures.status)),
            figures.format_rupiah(agreement.potential_value),
            figures.format_rupiah(row.figures.realised),
        )
        for width, text, align in zip(widths, cells, ("L", "L", "L", "L", "R", "R"), strict=True):
            value = latin1(text)
            while value and pdf.get_string_width(value) > width - 2:
                value = value[:-1]
            pdf.cell(width, 6, value, border=1, align=align)
        pdf.ln()
    return bytes(pdf.output())

"""The certificate as one A4 landscape page (fpdf2, core fonts), with a QR code of its
public verification address."""

import io

import segno
from fpdf import FPDF

from base.pdf import GREEN, GREY, indonesian_date, latin1, office_header, signature_block

from .models import Certificate

LINES = {
    Certificate.KIND_COURSE: "telah menyelesaikan kursus",
    Certificate.KIND_ATTENDANCE: "telah mengikuti kegiatan",
}


def qr_png(url):
    """The QR code of ``url`` as PNG bytes (segno writes PNG without Pillow)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=2)
    buffer.seek(0)
    return buffer


def certificate_pdf(certificate, *, verify_url, office) -> bytes:
    """Render ``certificate``; ``verify_url`` is the absolute address its QR code points to.

    The office header (logo, address) comes from ``office`` as it is now; the issuer's name
    and the signer are the ones copied onto the certificate when it was issued (the
    current settings fill in what was still empty then).
    """
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(18, 14, 18)
    pdf.add_page()
    pdf.set_title(latin1(f"Sertifikat {certificate.code}"))
    # A double frame.
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, pdf.w - 16, pdf.h - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, pdf.w - 22, pdf.h - 22)
    pdf.set_draw_color(0, 0, 0)

    pdf.set_y(16)
    office_header(pdf, name=certificate.issuer_name or office.office_name, address=office.address, logo=office.logo)

    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.ln(14)
    pdf.set_font("Helvetica", "B", 30)
    pdf.set_text_color(*GREEN)
    pdf.cell(width, 14, "SERTIFIKAT", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", size=12)
    pdf.cell(width, 8, latin1("diberikan kepada"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 24)
    pdf.cell(width, 14, latin1(certificate.recipient_name), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=12)
    pdf.cell(width, 8, latin1(LINES.get(certificate.kind, "")), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(width, 8, latin1(certificate.title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=12)
    pdf.cell(
        width,
        8,
        latin1(f"pada tanggal {indonesian_date(certificate.awarded_on)}"),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )

    # Bottom: QR and code on the left, the signature on the right.
    bottom = pdf.h - 58
    pdf.image(qr_png(verify_url), x=pdf.l_margin + 2, y=bottom, w=36, h=36)
    pdf.set_xy(pdf.l_margin + 42, bottom + 8)
    pdf.set_font("Helvetica", size=9)
    pdf.set_text_color(*GREY)
    pdf.cell(90, 5, latin1("Kode sertifikat"), new_x="LEFT", new_y="NEXT")
    pdf.set_font("Courier", "B", 14)
    pdf.set_text_color(0, 0, 0)
    pdf.cell(90, 7, latin1(certificate.code), new_x="LEFT", new_y="NEXT")
    pdf.set_font("Helvetica", size=8)
    pdf.set_text_color(*GREY)
    pdf.cell(90, 5, latin1("Periksa keasliannya di:"), new_x="LEFT", new_y="NEXT")
    pdf.cell(90, 5, latin1(verify_url), new_x="LEFT", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(bottom - 2)
    signature_block(
        pdf,
        signer_title=certificate.signer_title or office.head_title,
        signer_name=certificate.signer_name or office.head_name,
        date=certificate.awarded_on,
        width=90,
    )
    return bytes(pdf.output())

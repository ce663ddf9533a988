"""What every PDF the office signs shares: safe text, the office header, the signature.

fpdf2 with its core fonts only (no TTF ships in a PyPI package we use): Helvetica draws
Latin-1, so text goes through ``latin1`` first. The report card and the certificate both
draw their header with ``office_header`` and sign with ``signature_block``.
"""

import io
import unicodedata

from django.utils import dateformat, translation

_REPLACEMENTS = {
    "–": "-",
    "—": "-",
    "−": "-",
    "→": "->",
    "↑": "+",
    "↓": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "≥": ">=",
    "≤": "<=",
    "·": "-",
    "•": "-",
    "×": "x",
    "Σ": "S",
}

GREY = (90, 102, 112)
GREEN = (11, 110, 79)


def latin1(text):
    """Text Helvetica can draw: Latin-1 as is, known symbols replaced, the rest approximated."""
    text = "".join(_REPLACEMENTS.get(char, char) for char in str(text))
    try:
        text.encode("latin-1")
        return text
    except UnicodeEncodeError:
        pass
    result = []
    for char in text:
        try:
            char.encode("latin-1")
            result.append(char)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
            result.append(base or "?")
    return "".join(result)


def indonesian_date(value, *, short=False):
    """``29 November 2026`` (or ``1 Des 2026``), in Indonesian whatever the page's language."""
    with translation.override("id"):
        return dateformat.format(value, "j M Y" if short else "j F Y")


def _logo_bytes(logo):
    """The logo image's file as bytes, or None (no logo, or the file is gone)."""
    if logo is None:
        return None
    try:
        with logo.file.open("rb") as handle:
            return io.BytesIO(handle.read())
    except (OSError, ValueError):
        return None


def office_header(pdf, *, name, address="", logo=None):
    """The office's logo, name and address across the top of the page, then a rule.

    From ``base.models.OfficeSettings`` (``logo`` is a Wagtail image or None). Leaves the
    cursor under the rule.
    """
    left, top = pdf.l_margin, pdf.get_y()
    text_x = left
    logo = _logo_bytes(logo)
    if logo is not None:
        try:
            pdf.image(logo, x=left, y=top, h=16)
            text_x = left + 20
        except Exception:  # an image format fpdf2 cannot draw: the header goes on without it
            text_x = left
    pdf.set_xy(text_x, top + 1)
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 7, latin1(name), new_x="LMARGIN", new_y="NEXT")
    if address:
        pdf.set_x(text_x)
        pdf.set_font("Helvetica", size=9)
        pdf.set_text_color(*GREY)
        pdf.cell(0, 5, latin1(address), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    bottom = max(pdf.get_y(), top + (17 if logo is not None else 0)) + 2
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(0.6)
    pdf.line(left, bottom, pdf.w - pdf.r_margin, bottom)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_xy(left, bottom + 3)


def signature_block(pdf, *, signer_title, signer_name, date=None, x=None, width=70):
    """Date, the signer's title, room to sign, the signer's name: a block at ``x`` (right by default)."""
    x = pdf.w - pdf.r_margin - width if x is None else x
    pdf.set_font("Helvetica", size=10)
    if date is not None:
        pdf.set_x(x)
        pdf.cell(width, 5, latin1(indonesian_date(date)), align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_x(x)
    pdf.cell(width, 5, latin1(signer_title or ""), align="C", new_x="LEFT", new_y="NEXT")
    pdf.ln(16)
    pdf.set_x(x)
    pdf.set_font("Helvetica", "BU", 10)
    pdf.cell(width, 5, latin1(signer_name or "........................................"), align="C")
    pdf.set_font("Helvetica", size=10)
    pdf.ln(6)

"""Reading and writing the spreadsheets Dinas officers use (CSV and XLSX).

One reader and one writer for every import and export, so row numbers, header
matching and error messages behave the same everywhere.

Row numbers are the ones a spreadsheet shows: the header is row 1, the first data
row is row 2. Errors read ``baris N: kolom: alasan`` (PRODUCT.md section 4).
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _


class TabularFileError(Exception):
    """The file as a whole cannot be read (wrong type, no header, broken)."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self):
        return f"baris {self.row}: {self.column}: {self.reason}"


@dataclass
class Row:
    number: int
    values: dict

    def get(self, column, default=""):
        value = self.values.get(column, default)
        return default if value is None else value


@dataclass
class ImportReport:
    """What an import found and did. Nothing is written unless ``errors`` is empty."""

    errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    messages: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def add_error(self, row, column, reason):
        self.errors.append(RowError(row, column, str(reason)))

    def error_lines(self):
        return [str(error) for error in sorted(self.errors, key=lambda e: (e.row, e.column))]


def _cell_to_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel stores 3 as 3.0 and a NIK typed as a number as a float.
        return str(int(value))
    return str(value).strip()


def _decode(raw):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TabularFileError(_("Berkas CSV tidak bisa dibaca: simpan sebagai UTF-8."))


def _read_csv(raw):
    text = _decode(raw)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _read_xlsx(raw):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise TabularFileError(_("Berkas XLSX tidak bisa dibaca: %(error)s") % {"error": exc}) from exc
    sheet = workbook.worksheets[0]
    rows = [[_cell_to_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def read_table(source, *, name=None, required=(), optional=()):
    """Read a CSV or XLSX file into (header, rows).

    ``source`` is a path or a file object (an upload); ``name`` decides the format when
    ``source`` has no name of its own. Header names are matched case-insensitively and
    stripped; columns not in ``required`` or ``optional`` are ignored (when either is
    given). Wholly empty rows are skipped but keep their numbers for later rows.

    Raises TabularFileError if the file cannot be read or lacks a required column.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        raw = path.read_bytes()
    else:
        name = name or getattr(source, "name", "") or ""
        raw = source.read()
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx" or raw[:2] == b"PK":
        table = _read_xlsx(raw)
    elif suffix in (".csv", ".txt", ""):
        table = _read_csv(raw)
    else:
        raise TabularFileError(_("Jenis berkas tidak dikenal: gunakan CSV atau XLSX."))

    if not table or not any(_cell_to_text(c) for c in table[0]):
        raise TabularFileError(_("Berkas kosong: baris 1 harus berisi judul kolom."))
    header = [_cell_to_text(c).lower() for c in table[0]]
    missing = [column for column in required if column not in header]
    if missing:
        raise TabularFileError(_("baris 1: kolom wajib tidak ada: %(columns)s") % {"columns": ", ".join(missing)})
    wanted = set(required) | set(optional)
    rows = []
    for index, cells in enumerate(table[1:], start=2):
        texts = [_cell_to_text(c) for c in cells]
        if not any(texts):
            continue
        values = {}
        for column, text in zip(header, texts, strict=False):
            if not column or (wanted and column not in wanted) or column in values:
                continue
            values[column] = text
        rows.append(Row(index, values))
    return header, rows


# --- writing -------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write returns the value, for streaming CSV."""

    def write(self, value):
        return value


def iter_csv(header, rows):
    """Yield CSV text line by line: streams, so memory stays flat for any size."""
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so Excel opens UTF-8 with the right characters
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(["" if value is None else value for value in row])


def write_csv(stream, header, rows):
    for chunk in iter_csv(header, rows):
        stream.write(chunk)


def write_xlsx(stream, header, rows, *, title="Data"):
    """Write an XLSX workbook in write-only mode (rows are not kept in memory)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    bold = Font(bold=True)
    header_cells = []
    for value in header:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append(list(row))
    workbook.save(stream)

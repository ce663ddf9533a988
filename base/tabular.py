"""Reading and writing the spreadsheets Dinas officers use (CSV and XLSX).

One reader and one writer for every import and export, so row numbers, header
matching, error messages and cell safety behave the same everywhere.

Reading (``read_table``): every cell is read as text. Row numbers are the ones a
spreadsheet shows: the header is row 1, the first data row is row 2. A cell that
cannot be read as the text the person typed (a 16-digit NIK in a numeric cell, a
formula Excel never calculated) is not guessed: it is reported on its row as a
``Row.problems`` entry, which the importer turns into ``baris N: kolom: alasan``
(PRODUCT.md section 4). A file that cannot be read at all raises
``TabularFileError`` with an Indonesian reason; size, row and unpacked-size limits
are checked before the heavy work.

Writing (``iter_csv``, ``write_csv``, ``write_xlsx``, ``download_response``): a string
cell starting with ``= + - @``, tab or carriage return is written as text, never as
a formula (XLSX: a text cell; CSV: prefixed with ``'``), numbers stay numbers
(PRODUCT.md section 9). XLSX files are for people: a frozen bold header, column
widths, number formats, a safe sheet title and, where given, Indonesian labels for
codes. CSV stays the stable machine format (codes, the exact header).
"""

import csv
import datetime
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
PDF_CONTENT_TYPE = "application/pdf"

# Limits for files people upload; each can be set in the settings under the same name.
IMPORT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024
IMPORT_MAX_ROWS = 50_000
IMPORT_MAX_UNPACKED_BYTES = 60 * 1024 * 1024

# A number cell holds a double: above 2**53 not every whole number exists, so a long
# identifier typed there (a 16-digit NIK such as 9900000000000111) comes back as a
# neighbour (9900000000000112). Such a cell is a row error, never a rounded identifier.
LARGEST_EXACT_NUMBER = 2**53


def limit(name):
    """The upload limit ``name`` (one of the ``IMPORT_MAX_…`` constants), from settings if set."""
    return getattr(settings, name, globals()[name])


class TabularFileError(Exception):
    """The file as a whole cannot be read (wrong type, no header, broken, too big)."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self):
        return f"baris {self.row}: {self.column}: {self.reason}"


@dataclass
class Row:
    """One data row: ``values`` by lower-case column name, all text.

    ``problems`` holds the columns whose cell could not be read as text, with the
    reason; their value is "" (the importer reports the problem instead of any other
    complaint about that cell).
    """

    number: int
    values: dict
    problems: dict = field(default_factory=dict)

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

    @property
    def total(self):
        return self.created + self.updated + self.unchanged

    def add_error(self, row, column, reason):
        self.errors.append(RowError(row, column, str(reason)))

    def error_lines(self):
        return [str(error) for error in sorted(self.errors, key=lambda e: (e.row, e.column))]


# --- reading ---------------------------------------------------------------------------


class _Uncalculated:
    """A formula cell saved without its result (written by a program, never opened in Excel)."""


UNCALCULATED = _Uncalculated()


def _number_text(value):
    """Text for a number cell, or raise ValueError if it cannot be the number typed."""
    if isinstance(value, float) and not value.is_integer():
        if abs(value) < LARGEST_EXACT_NUMBER:
            return repr(value)
        value = round(value)
    value = int(value)
    if abs(value) > LARGEST_EXACT_NUMBER:
        raise ValueError(
            _(
                "angka %(value)s terlalu panjang untuk sel angka: digit terakhirnya sudah berubah; "
                "ketik sebagai teks (format sel Teks, atau awali dengan tanda ')"
            )
            % {"value": value}
        )
    return str(value)


def _xlsx_cell_text(value):
    """(text, problem) for one XLSX cell value as openpyxl reads it."""
    if value is None:
        return "", None
    if value is UNCALCULATED:
        return "", _("rumus tanpa hasil tersimpan: buka berkas di Excel lalu simpan lagi, atau ketik nilainya")
    if isinstance(value, bool):
        return ("1" if value else "0"), None
    if isinstance(value, (int, float)):
        try:
            return _number_text(value), None
        except ValueError as exc:
            return "", str(exc)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat(), None
        return value.isoformat(sep=" ", timespec="minutes"), None
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat(), None
    return str(value).strip(), None


class _ValueParser(WorkSheetParser):
    """openpyxl's sheet parser, telling a formula without a stored result from an empty cell."""

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["value"] = UNCALCULATED
        return cell


def _decode(raw):
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # Excel's "Unicode text" and some phones save UTF-16.
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TabularFileError(_("Berkas CSV tidak bisa dibaca: simpan sebagai CSV UTF-8."))


def _csv_rows(raw):
    """Yield (row number, [text]) from CSV bytes."""
    text = _decode(raw)
    if "\x00" in text:
        raise TabularFileError(
            _(
                "berkas CSV berisi karakter NUL, jadi bukan teks biasa (mungkin berkas lain yang diganti namanya): "
                "buka di Excel lalu simpan sebagai CSV UTF-8"
            )
        )
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        for cells in reader:
            yield reader.line_num, [cell.strip() for cell in cells]
    except csv.Error as exc:
        raise TabularFileError(
            _("baris %(row)d tidak bisa dibaca sebagai CSV: periksa tanda kutip di baris itu")
            % {"row": reader.line_num}
        ) from exc


def _open_xlsx(raw):
    """The workbook, after checking the file is an XLSX whose unpacked size is within the limit."""
    if raw[:2] != b"PK":
        if raw[:4] == b"\xd0\xcf\x11\xe0":
            raise TabularFileError(
                _("berkas ini format Excel lama (.xls): buka di Excel lalu simpan sebagai .xlsx atau CSV")
            )
        raise TabularFileError(
            _(
                "berkas ini bukan XLSX (mungkin berkas lain yang diganti namanya menjadi .xlsx): "
                "buka di Excel lalu simpan sebagai .xlsx atau CSV"
            )
        )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TabularFileError(
            _("berkas XLSX rusak (arsip tidak utuh): buka di Excel lalu simpan lagi sebagai .xlsx atau CSV")
        ) from exc
    if unpacked > limit("IMPORT_MAX_UNPACKED_BYTES"):
        raise TabularFileError(
            _(
                "isi berkas XLSX terlalu besar setelah dibuka (%(size)d MB, paling besar %(max)d MB): bagi menjadi beberapa berkas"
            )
            % {"size": unpacked // 2**20, "max": limit("IMPORT_MAX_UNPACKED_BYTES") // 2**20}
        )
    try:
        return load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl and defusedxml raise many kinds for a broken or hostile file
        raise TabularFileError(
            _("berkas XLSX rusak atau tidak didukung: buka di Excel lalu simpan lagi sebagai .xlsx atau CSV")
        ) from exc


def _xlsx_rows(raw):
    """Yield (row number, [value]) from the first sheet, values as openpyxl reads them."""
    workbook = _open_xlsx(raw)
    try:
        if not workbook.worksheets:
            raise TabularFileError(_("berkas XLSX tidak punya lembar kerja"))
        sheet = workbook.worksheets[0]
        # The sheet's own parser, so a formula without a stored result is told apart
        # from an empty cell (openpyxl's read-only rows cannot say which it was).
        with workbook._archive.open(sheet._worksheet_path) as source:
            parser = _ValueParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            try:
                for number, cells in parser.parse():
                    if not cells:
                        yield number, []
                        continue
                    values = [None] * max(cell["column"] for cell in cells)
                    for cell in cells:
                        values[cell["column"] - 1] = cell["value"]
                    yield number, values
            except TabularFileError:
                raise
            except Exception as exc:
                raise TabularFileError(
                    _("berkas XLSX rusak: buka di Excel lalu simpan lagi sebagai .xlsx atau CSV")
                ) from exc
    finally:
        workbook.close()


def _read_source(source, name):
    if isinstance(source, (str, Path)):
        path = Path(source)
        size = path.stat().st_size
        if size > limit("IMPORT_MAX_UPLOAD_BYTES"):
            raise _too_big(size)
        return path.read_bytes(), name or path.name
    name = name or getattr(source, "name", "") or ""
    size = getattr(source, "size", None)
    if size is not None and size > limit("IMPORT_MAX_UPLOAD_BYTES"):
        raise _too_big(size)
    raw = source.read(limit("IMPORT_MAX_UPLOAD_BYTES") + 1)
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > limit("IMPORT_MAX_UPLOAD_BYTES"):
        raise _too_big(len(raw))
    return raw, name


def _too_big(size):
    return TabularFileError(
        _("berkas terlalu besar (%(size).1f MB, paling besar %(max)d MB): bagi menjadi beberapa berkas")
        % {"size": size / 2**20, "max": limit("IMPORT_MAX_UPLOAD_BYTES") // 2**20}
    )


def read_table(source, *, name=None, required=(), optional=()):
    """Read a CSV or XLSX file into (header, rows), every cell as text.

    ``source`` is a path or a file object (an upload); ``name`` decides the format when
    ``source`` has no name of its own. Header names are matched case-insensitively and
    stripped; columns not in ``required`` or ``optional`` are ignored (when either is
    given). Wholly empty rows are skipped but keep their numbers for later rows.

    Raises TabularFileError if the file cannot be read, is over a limit, lacks a
    required column or has no data row. Raises OSError if a path cannot be opened.
    """
    raw, name = _read_source(source, name)
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm") or raw[:2] == b"PK":
        table, as_text = _xlsx_rows(raw), _xlsx_cell_text
    elif suffix in (".csv", ".txt", ""):
        table, as_text = _csv_rows(raw), _csv_cell_text
    else:
        raise TabularFileError(_("jenis berkas tidak dikenal: gunakan CSV atau XLSX"))

    first = next(table, None)
    header = [as_text(cell)[0].lower() for cell in first[1]] if first and first[0] == 1 else []
    if not any(header):
        # Row 1 is the header: a file starting with a blank row has none.
        header = None
    if header is None:
        raise TabularFileError(_("berkas kosong: baris 1 harus berisi judul kolom"))
    missing = [column for column in required if column not in header]
    if missing:
        raise TabularFileError(_("baris 1: kolom wajib tidak ada: %(columns)s") % {"columns": ", ".join(missing)})

    wanted = set(required) | set(optional)
    positions = []
    seen = set()
    for position, column in enumerate(header):
        if not column or (wanted and column not in wanted) or column in seen:
            continue
        seen.add(column)
        positions.append((position, column))

    max_rows = limit("IMPORT_MAX_ROWS")
    rows = []
    for number, cells in table:
        values, problems = {}, {}
        filled = False
        for position, column in positions:
            if position >= len(cells):
                values[column] = ""
                continue
            text, problem = as_text(cells[position])
            values[column] = text
            if problem:
                problems[column] = problem
            if text or problem:
                filled = True
        if not filled and not any(as_text(cell)[0] for cell in cells):
            continue  # wholly empty: skipped, but later rows keep their numbers
        if len(rows) >= max_rows:
            raise TabularFileError(
                _("terlalu banyak baris (lebih dari %(max)d baris data): bagi menjadi beberapa berkas")
                % {"max": max_rows}
            )
        rows.append(Row(number, values, problems))
    if not rows:
        raise TabularFileError(_("berkas hanya berisi judul kolom; tidak ada baris data"))
    return header, rows


def _csv_cell_text(value):
    return value, None


# --- writing ---------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_MAX = 31


def is_formula_like(value):
    """A string a spreadsheet program could run as a formula (PRODUCT.md section 9)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_csv_value(value):
    """A CSV cell: formula-like strings get a leading ``'``; numbers stay numbers."""
    if value is None:
        return ""
    if is_formula_like(value):
        return "'" + value
    return value


def sheet_title(title):
    """A worksheet title Excel accepts: no ``[ ] : * ? / \\``, no edge apostrophes, 31 characters."""
    text = _SHEET_TITLE_FORBIDDEN.sub(" ", str(title or ""))
    text = " ".join(text.split()).strip("'")[:SHEET_TITLE_MAX].strip()
    return text or "Data"


class _Echo:
    """A file-like object whose write returns the value, for streaming CSV."""

    def write(self, value):
        return value


def iter_csv(header, rows, *, bom=True):
    """Yield CSV text line by line: streams, so memory stays flat for any size.

    ``bom`` starts the text with a byte-order mark so Excel opens UTF-8 with the right
    characters (downloads); programs reading a command's output want it off.
    """
    writer = csv.writer(_Echo())
    if bom:
        yield "\ufeff"
    yield writer.writerow([safe_csv_value(value) for value in header])
    for row in rows:
        yield writer.writerow([safe_csv_value(value) for value in row])


def write_csv(stream, header, rows, *, bom=True):
    for chunk in iter_csv(header, rows, bom=bom):
        stream.write(chunk)


_WIDTH_SAMPLE_ROWS = 200
_MIN_WIDTH, _MAX_WIDTH = 6, 60
_NUMBER_FORMATS = {int: "0", float: "0.0", Decimal: "0.0"}
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_DATE_FORMAT = "yyyy-mm-dd"


def _xlsx_value(value, labels):
    if labels is not None and value is not None and not isinstance(value, (list, dict, set)):
        label = labels(value) if callable(labels) else labels.get(value)
        if label is not None:
            value = str(label)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.make_naive(value)
    return value


def _text_width(value):
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:.1f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _xlsx_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        if cell.data_type == "f" or is_formula_like(value):
            # Text, never a formula; quotePrefix keeps it text when someone edits the cell.
            cell.data_type = "s"
            cell.quotePrefix = True
    elif isinstance(value, bool):
        pass
    elif isinstance(value, datetime.datetime):
        cell.number_format = _DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = _DATE_FORMAT
    elif type(value) in _NUMBER_FORMATS:
        cell.number_format = _NUMBER_FORMATS[type(value)]
    return cell


def write_xlsx(stream, header, rows, *, title="Data", labels=None, number_formats=None):
    """Write an XLSX workbook in write-only mode (rows are not kept in memory).

    ``labels`` maps a column name to a dict (or function) turning a stored code into the
    Indonesian word people read (``{"jenis": dict(Cooperative.JENIS_CHOICES)}``); CSV keeps
    the codes. ``number_formats`` maps a column name to an Excel number format for that
    column (default: ``0`` for whole numbers, ``0.0`` for decimals).
    """
    labels = labels or {}
    number_formats = number_formats or {}
    header = list(header)
    column_labels = [labels.get(column) for column in header]
    column_formats = [number_formats.get(column) for column in header]

    def for_people(row):
        return [
            _xlsx_value(value, column_labels[index] if index < len(column_labels) else None)
            for index, value in enumerate(row)
        ]

    rows = iter(rows)
    sample = []
    for row in rows:
        sample.append(for_people(row))
        if len(sample) >= _WIDTH_SAMPLE_ROWS:
            break

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(header):
        width = max([_text_width(column)] + [_text_width(row[index]) for row in sample if index < len(row)])
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
    bold = Font(bold=True)
    header_cells = []
    for value in header:
        cell = _xlsx_cell(sheet, value)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)

    def cells(values):
        result = []
        for index, value in enumerate(values):
            cell = _xlsx_cell(sheet, value)
            if index < len(column_formats) and column_formats[index] and not isinstance(value, str):
                cell.number_format = column_formats[index]
            result.append(cell)
        return result

    for values in sample:
        sheet.append(cells(values))
    for row in rows:
        sheet.append(cells(for_people(row)))
    workbook.save(stream)


def download_response(fmt, header, rows, *, filename, title="Data", labels=None, number_formats=None):
    """The attachment response for a table as ``fmt`` (``csv`` streams, ``xlsx`` is built in memory).

    ``filename`` has no extension. Every CSV/XLSX download of the site answers through
    here, so every one is formula-safe and never cached. Raises ValueError for another format.
    """
    if fmt == "csv":
        return attachment_response(iter_csv(header, rows), content_type=CSV_CONTENT_TYPE, filename=f"{filename}.csv")
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(buffer, header, rows, title=title, labels=labels, number_formats=number_formats)
        return attachment_response(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE, filename=f"{filename}.xlsx")
    raise ValueError(fmt)


def json_download_response(document, *, filename):
    """``document`` as an indented UTF-8 JSON attachment (``filename`` without extension)."""
    content = json.dumps(document, ensure_ascii=False, indent=2)
    return attachment_response(content, content_type=JSON_CONTENT_TYPE, filename=f"{filename}.json")


def attachment_response(content, *, content_type, filename):
    """A file to save, never cached: every download of the site (CSV, XLSX, JSON, PDF, GIFT)
    answers through here. ``content`` is bytes or text, or an iterator of chunks (streamed)."""
    if isinstance(content, bytes | str):
        response = HttpResponse(content, content_type=content_type)
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response

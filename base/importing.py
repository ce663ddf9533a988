"""The one importer contract for every spreadsheet import (CSV or XLSX).

Every import of the site behaves the same (PRODUCT.md section 4): the whole file is
read and validated first; every bad row is listed as ``baris N: kolom: alasan`` (the
header is row 1); a file that cannot be read at all is ``baris 1: berkas: …`` (a
missing column ``baris 1: judul kolom: …``); nothing is written unless every row is
valid; ``dry_run`` says what *would* be created, updated or left unchanged; commands
and the admin print the same summary.

Declaring a new importer
------------------------
Subclass ``Importer`` in your app's ``importers.py``, declare the columns and write two
methods; the reading, limits, cell problems, transaction, summary, command, admin
upload → preview → confirm and the XLSX template all come from here::

    class ActivityImporter(Importer):
        kind = "kegiatan"                      # unique key: staging, template file name
        label = gettext_lazy("kegiatan")
        required_columns = ("kode", "nama", "tanggal")
        optional_columns = ("tempat",)
        text_columns = ("kode",)               # identifiers: a text column in the template
        example_row = {"kode": "KG-01", "nama": "Pelatihan digital", "tanggal": "2026-12-01"}

        def validate(self, rows, report):
            # Every row: report.add_error(row.number, "kolom", _("alasan")). Set
            # report.created / updated / unchanged to what writing would do. Return a plan.
            ...

        def write(self, plan, report):
            # Only when every row is valid and not a dry run, inside transaction.atomic.
            ...

    report = ActivityImporter().run(path_or_upload, dry_run=True)

Options an import needs (a round, the user) are constructor keywords kept on the
instance (``AssessmentImporter(evaluation_round=r, user=u)``). ``check_header`` checks
columns that are not fixed; ``template_columns`` names them for the template.

The command is ``class Command(ImportCommand): importer_class = ActivityImporter`` (it
takes ``FILE`` and ``--dry-run``); the admin view is ``base.admin_views.ImportView`` with
``importer_class``, a ``page_title`` and an ``index_url_name``, registered as a URL in
the app's ``wagtail_hooks.py``. Its page links the template (``?templat=xlsx``).
"""

import io

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .tabular import XLSX_CONTENT_TYPE, ImportReport, RowError, TabularFileError, read_table

__all__ = ["ImportCommand", "ImportReport", "Importer", "finish_import_command", "summary_line"]


def file_error(report, message):
    """Record a whole-file problem as ``baris 1: berkas: …`` (``judul kolom`` for the header)."""
    message = str(message)
    if message.startswith("baris 1: "):
        report.add_error(1, _("judul kolom"), message[len("baris 1: ") :])
    else:
        report.add_error(1, _("berkas"), message)


class Importer:
    """Validate a whole table, then write it in one transaction. See the module docstring."""

    kind = ""
    label = ""
    required_columns = ()
    optional_columns = ()
    text_columns = ("nik",)
    example_row = {}
    report_class = ImportReport

    def __init__(self, **options):
        for key, value in options.items():
            setattr(self, key, value)

    # --- what a subclass declares --------------------------------------------------------

    def check_header(self, header, report):
        """Check columns that are not fixed (called with the lower-case header). Optional."""

    def validate(self, rows, report):
        """Check every row, set the counts, return the plan for ``write``."""
        raise NotImplementedError

    def write(self, plan, report):
        """Store the plan (inside a transaction; only when every row is valid)."""
        raise NotImplementedError

    def template_columns(self):
        """The columns of the downloadable template, in order."""
        return [*self.required_columns, *self.optional_columns]

    # --- the contract -------------------------------------------------------------------

    def read(self, source, *, name=None):
        """(rows, report): the rows of ``source``, or None and a report holding the file error."""
        report = self.report_class()
        try:
            header, rows = read_table(source, name=name, required=self.required_columns, optional=self.optional_columns)
        except TabularFileError as exc:
            file_error(report, exc)
            return None, report
        except OSError as exc:
            report.add_error(1, _("berkas"), _("tidak bisa dibuka: %(error)s") % {"error": exc.strerror or exc})
            return None, report
        self.check_header(header, report)
        return (rows if report.ok else None), report

    def run(self, source, *, name=None, dry_run=False):
        """Read ``source`` (a path or an uploaded file), validate it all, write unless ``dry_run``."""
        rows, report = self.read(source, name=name)
        if rows is None:
            return report
        plan = self.validate(rows, report)
        problems = {(row.number, column): reason for row in rows for column, reason in row.problems.items()}
        if problems:
            # A cell that could not be read says why; other complaints about it would mislead.
            others = [e for e in report.errors if (e.row, str(e.column).lower()) not in problems]
            report.errors = [RowError(row, column, reason) for (row, column), reason in problems.items()] + others
        if not report.ok or dry_run:
            return report
        with transaction.atomic():
            self.write(plan, report)
        return report

    # --- the template -------------------------------------------------------------------

    def template_filename(self):
        return f"templat-impor-{self.kind}.xlsx"

    def template_xlsx(self):
        """An XLSX with the header and one example row; identifier columns formatted as text."""
        columns = list(self.template_columns())
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Impor"
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.append([str(self.example_row.get(column, "")) for column in columns])
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            example = str(self.example_row.get(column, ""))
            sheet.column_dimensions[letter].width = min(max(len(column), len(example)) + 4, 50)
            if column in self.text_columns:
                # Text format on the column, so a NIK typed later keeps all 16 digits.
                sheet.column_dimensions[letter].number_format = "@"
                sheet.cell(row=2, column=index).number_format = "@"
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def template_response(self):
        response = HttpResponse(self.template_xlsx(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.template_filename()}"'
        return response


# --- new, changed or unchanged ----------------------------------------------------------


def apply_changes(instance, values):
    """Set ``values`` (field name → value) on ``instance``; True if any of them differed,
    i.e. the row is an update to write rather than an unchanged one."""
    changed = False
    for field_name, value in values.items():
        if getattr(instance, field_name) != value:
            setattr(instance, field_name, value)
            changed = True
    return changed


def split_by_key(planned, existing, build, report):
    """Sort validated rows into objects to create and to update, counting the rest unchanged.

    ``planned``: ``(key, values)`` pairs; ``existing``: the stored objects by key;
    ``build(key, values)``: a new unsaved object. Sets the report's created/updated counts.
    """
    to_create, to_update = [], []
    for key, values in planned:
        current = existing.get(key)
        if current is None:
            to_create.append(build(key, values))
        elif apply_changes(current, values):
            to_update.append(current)
        else:
            report.unchanged += 1
    report.created, report.updated = len(to_create), len(to_update)
    return to_create, to_update


# --- the same summary everywhere ---------------------------------------------------------


def summary_line(report, *, dry_run=False):
    """``dibuat: 2, diperbarui: 1, tidak berubah: 0`` (``Uji coba (tidak disimpan): …`` for a dry run)."""
    summary = _("dibuat: %(created)d, diperbarui: %(updated)d, tidak berubah: %(unchanged)d") % {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
    }
    if dry_run:
        summary = _("Uji coba (tidak disimpan): %(summary)s") % {"summary": summary}
    return summary


def finish_import_command(command, report, *, dry_run=False):
    """Print a report the way every import command does; raise CommandError on errors.

    Every error is printed (``baris N: kolom: alasan``) before the command fails, so an
    operator can fix the whole file in one go.
    """
    if not report.ok:
        for line in report.error_lines():
            command.stderr.write(line)
        raise CommandError(
            _("%(count)d kesalahan ditemukan; tidak ada data yang disimpan.") % {"count": len(report.errors)}
        )
    command.stdout.write(command.style.SUCCESS(summary_line(report, dry_run=dry_run)))
    for message in report.messages:
        command.stdout.write(message)


class ImportCommand(BaseCommand):
    """``manage.py import_… FILE [--dry-run]`` for one importer.

    Set ``importer_class``; override ``get_importer`` when the importer needs options
    (add them in ``add_arguments`` after calling super).
    """

    importer_class = None

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("Berkas .csv atau .xlsx"))
        parser.add_argument("--dry-run", action="store_true", help=_("Periksa saja, jangan simpan."))

    def get_importer(self, **options):
        return self.importer_class()

    def run_import(self, importer, **options):
        return importer.run(options["file"], dry_run=options["dry_run"])

    def handle(self, *args, **options):
        importer = self.get_importer(**options)
        self.report = self.run_import(importer, **options)
        finish_import_command(self, self.report, dry_run=options["dry_run"])

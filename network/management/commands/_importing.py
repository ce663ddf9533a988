"""What the network import commands share: finding the event, printing the report."""

from django.core.management.base import CommandError

from cooperatives.importers import finish_import_command
from network.importers import ImportSetupError, event_or_error


def event_for_import(slug, *, kind=None):
    try:
        return event_or_error(slug, kind=kind)
    except ImportSetupError as exc:
        raise CommandError(str(exc)) from exc


def run(command, importer, options, **arguments):
    report = importer(options["file"], dry_run=options["dry_run"], **arguments)
    finish_import_command(command, report, dry_run=options["dry_run"])


def add_file_arguments(parser):
    parser.add_argument("file", help="Berkas .csv atau .xlsx")
    parser.add_argument("--dry-run", action="store_true", help="Periksa saja, jangan simpan.")

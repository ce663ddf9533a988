"""What the network import commands share: finding the event an import goes into."""

from django.core.management.base import CommandError

from base.importing import ImportCommand
from network.importers import ImportSetupError, event_or_error


class EventImportCommand(ImportCommand):
    """``import_… FILE --event SLUG [--dry-run]`` for an importer that writes into one event."""

    event_kind = None
    event_help = "Slug kegiatan."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--event", required=True, help=self.event_help)

    def get_importer(self, **options):
        try:
            event = event_or_error(options["event"], kind=self.event_kind)
        except ImportSetupError as exc:
            raise CommandError(str(exc)) from exc
        return self.importer_class(event=event)

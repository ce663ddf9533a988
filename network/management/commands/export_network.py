import json

from django.core.management.base import BaseCommand, CommandError

from base.tabular import iter_csv, write_xlsx
from network.exports import export_document, export_table
from network.models import Event


class Command(BaseCommand):
    help = "Ekspor kerja sama satu kegiatan dengan status tindak lanjutnya (JSON, CSV atau XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("--event", required=True, help="Slug kegiatan tempat kerja sama dibuat.")
        parser.add_argument("--evaluation", help="Slug kegiatan evaluasi (default: evaluasi terakhir tiap kerja sama).")
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output", help="Tulis ke berkas ini, bukan ke layar.")

    def _event(self, slug, kind=None):
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            raise CommandError(f"Kegiatan {slug} tidak ada.")
        if kind is not None and event.kind != kind:
            raise CommandError(f"Kegiatan {slug} bukan kegiatan {kind}.")
        return event

    def handle(self, *args, **options):
        event = self._event(options["event"])
        evaluation = self._event(options["evaluation"], Event.KIND_EVALUASI) if options["evaluation"] else None
        output_format = options["format"]
        if output_format == "xlsx":
            header, rows = export_table(event, evaluation)
            if options["output"]:
                with open(options["output"], "wb") as stream:
                    write_xlsx(stream, header, rows, title=event.slug)
                return
            buffer = getattr(self.stdout._out, "buffer", None)
            if buffer is None:
                raise CommandError("XLSX ke layar tidak didukung di sini: gunakan --output BERKAS.")
            self.stdout.flush()
            write_xlsx(buffer, header, rows, title=event.slug)
            buffer.flush()
            return
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as stream:
                self._text(stream.write, output_format, event, evaluation)
        else:
            self._text(lambda text: self.stdout.write(text, ending=""), output_format, event, evaluation)

    def _text(self, write, output_format, event, evaluation):
        if output_format == "json":
            write(json.dumps(export_document(event, evaluation), ensure_ascii=False, indent=2))
            write("\n")
            return
        header, rows = export_table(event, evaluation)
        for chunk in iter_csv(header, rows):
            if chunk != "\ufeff":  # programs reading the command's output get plain UTF-8
                write(chunk)

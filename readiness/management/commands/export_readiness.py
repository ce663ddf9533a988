import json

from django.core.management.base import BaseCommand, CommandError

from base.tabular import iter_csv, write_xlsx
from readiness import export_copy
from readiness.models import EvaluationRound
from readiness.selectors import export_document, export_header, export_labels, iter_export_table


class Command(BaseCommand):
    help = "Ekspor skor kesiapan per koperasi untuk satu putaran (JSON, CSV atau XLSX)."
    # A read-only export, like Django's dumpdata: the system checks (which load every URL
    # pattern, view and template tag, about 0.8 s of CPU) guard nothing it does.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--round", required=True, dest="round_slug", help="Slug putaran evaluasi.")
        parser.add_argument("--compare", dest="compare_slug", help="Slug putaran pembanding (perubahan).")
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output", help="Tulis ke berkas ini, bukan ke layar.")

    def _round(self, slug):
        evaluation_round = EvaluationRound.objects.select_related("framework").filter(slug=slug).first()
        if evaluation_round is None:
            raise CommandError(f"Putaran {slug} tidak ada.")
        return evaluation_round

    def handle(self, *args, **options):
        evaluation_round = self._round(options["round_slug"])
        compare_round = self._round(options["compare_slug"]) if options["compare_slug"] else None
        if compare_round is not None and compare_round.framework.code != evaluation_round.framework.code:
            raise CommandError("Putaran hanya bisa dibandingkan dalam instrumen (kode) yang sama.")
        output_format = options["format"]
        if output_format == "xlsx":
            if options["output"]:
                with open(options["output"], "wb") as stream:
                    self._xlsx(stream, evaluation_round, compare_round)
            else:
                buffer = getattr(self.stdout._out, "buffer", None)
                if buffer is None:
                    raise CommandError("XLSX ke layar tidak didukung di sini: gunakan --output BERKAS.")
                self.stdout.flush()
                self._xlsx(buffer, evaluation_round, compare_round)
                buffer.flush()
            return
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as stream:
                self._text(stream.write, output_format, evaluation_round, compare_round)
        else:
            self._text(lambda text: self.stdout.write(text, ending=""), output_format, evaluation_round, compare_round)

    def _text(self, write, output_format, evaluation_round, compare_round):
        if output_format == "json":
            document = export_document(evaluation_round, compare_round)
            write(json.dumps(document, ensure_ascii=False, indent=2))
            write("\n")
            return
        if export_copy.available():
            # PostgreSQL makes the rows and streams them (COPY), with the same bytes.
            for chunk in export_copy.iter_csv_copy(evaluation_round, compare_round):
                write(chunk)
            return
        header = export_header(evaluation_round)
        # The byte-order mark helps Excel with downloads; programs reading the
        # command's output get plain UTF-8.
        for chunk in iter_csv(header, iter_export_table(evaluation_round, compare_round), bom=False):
            write(chunk)

    def _xlsx(self, stream, evaluation_round, compare_round):
        header = export_header(evaluation_round)
        write_xlsx(
            stream,
            header,
            iter_export_table(evaluation_round, compare_round),
            title=evaluation_round.slug,
            labels=export_labels(evaluation_round),
        )

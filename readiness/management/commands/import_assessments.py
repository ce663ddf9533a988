from django.core.management.base import BaseCommand, CommandError

from readiness.importers import import_assessments
from readiness.models import EvaluationRound


class Command(BaseCommand):
    help = "Impor hasil asesmen (CSV atau XLSX): kolom nik lalu satu kolom per kode indikator."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas CSV atau XLSX.")
        parser.add_argument("--round", required=True, dest="round_slug", help="Slug putaran evaluasi.")

    def handle(self, *args, **options):
        evaluation_round = (
            EvaluationRound.objects.select_related("framework").filter(slug=options["round_slug"]).first()
        )
        if evaluation_round is None:
            raise CommandError(f"Putaran {options['round_slug']} tidak ada.")
        try:
            report = import_assessments(options["file"], evaluation_round=evaluation_round)
        except OSError as exc:
            raise CommandError(f"Berkas tidak bisa dibaca: {exc}") from exc
        if not report.ok:
            for line in report.error_lines():
                self.stderr.write(line)
            raise CommandError(f"Tidak ada yang disimpan: {len(report.errors)} kesalahan.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Asesmen diimpor ke {evaluation_round.slug}: {report.created} baru, {report.updated} diperbarui."
            )
        )

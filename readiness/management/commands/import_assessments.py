from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from base.importing import ImportCommand
from readiness.importers import AssessmentImporter
from readiness.models import EvaluationRound


class Command(ImportCommand):
    help = "Impor hasil asesmen (CSV atau XLSX): kolom nik lalu satu kolom per kode indikator."
    importer_class = AssessmentImporter

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--round", required=True, dest="round_slug", help="Slug putaran evaluasi.")

    def get_importer(self, **options):
        evaluation_round = (
            EvaluationRound.objects.select_related("framework").filter(slug=options["round_slug"]).first()
        )
        if evaluation_round is None:
            raise CommandError(_("Putaran %(slug)s tidak ada.") % {"slug": options["round_slug"]})
        return AssessmentImporter(evaluation_round=evaluation_round)

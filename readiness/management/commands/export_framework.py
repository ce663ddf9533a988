import json

from django.core.management.base import BaseCommand, CommandError

from readiness.models import Framework
from readiness.services import export_framework


class Command(BaseCommand):
    help = "Cetak instrumen kesiapan sebagai JSON (versi terbaru bila --version tidak diberikan)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # PRODUCT.md's --version N is the framework version; it replaces Django's own
        # --version (the program's version), which these commands do not need.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kode instrumen, misalnya ikdk.")
        parser.add_argument("--version", dest="framework_version", type=int, help="Nomor versi.")

    def handle(self, *args, **options):
        frameworks = Framework.objects.filter(code=options["code"])
        if options["framework_version"] is not None:
            frameworks = frameworks.filter(version=options["framework_version"])
        framework = frameworks.order_by("-version").first()
        if framework is None:
            raise CommandError(
                f"Instrumen {options['code']} (versi {options['framework_version'] or 'terbaru'}) tidak ada."
            )
        self.stdout.write(json.dumps(export_framework(framework), ensure_ascii=False, indent=2))

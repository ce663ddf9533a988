import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from readiness.models import Framework
from readiness.services import create_round


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Tanggal '{value}' tidak valid: gunakan YYYY-MM-DD.") from exc


class Command(BaseCommand):
    help = "Buat putaran evaluasi pada satu versi instrumen."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # PRODUCT.md's --version N is the framework version; it replaces Django's own
        # --version (the program's version), which these commands do not need.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Slug putaran, misalnya nov-2018.")
        parser.add_argument("--name", required=True, help="Nama putaran.")
        parser.add_argument("--framework", required=True, help="Kode instrumen, misalnya ikdk.")
        parser.add_argument("--version", dest="framework_version", type=int, help="Versi instrumen (default terbaru).")
        parser.add_argument("--opens", help="Tanggal buka YYYY-MM-DD (default hari ini).")
        parser.add_argument("--closes", help="Tanggal tutup YYYY-MM-DD.")

    def handle(self, *args, **options):
        frameworks = Framework.objects.filter(code=options["framework"])
        if options["framework_version"] is not None:
            frameworks = frameworks.filter(version=options["framework_version"])
        framework = frameworks.order_by("-version").first()
        if framework is None:
            raise CommandError(f"Instrumen {options['framework']} tidak ada.")
        opens = _date(options["opens"]) if options["opens"] else None
        closes = _date(options["closes"]) if options["closes"] else None
        try:
            evaluation_round = create_round(
                slug=options["slug"], name=options["name"], framework=framework, opens_on=opens, closes_on=closes
            )
        except ValidationError as exc:
            messages = [f"{field}: {'; '.join(errors)}" for field, errors in exc.message_dict.items()]
            raise CommandError("Putaran tidak dibuat: " + " | ".join(messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Putaran {evaluation_round.slug} dibuat: {evaluation_round.name} "
                f"({framework.code} v{framework.version}, {evaluation_round.opens_on}"
                f" s.d. {evaluation_round.closes_on or '-'})."
            )
        )

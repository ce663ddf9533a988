from django.core.management.base import BaseCommand, CommandError

from readiness.services import FrameworkDataError, import_framework_file


class Command(BaseCommand):
    help = "Impor instrumen kesiapan dari berkas JSON (versi baru bila kodenya sudah ada)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas JSON instrumen (format PRODUCT.md bagian 4).")

    def handle(self, *args, **options):
        try:
            framework = import_framework_file(options["file"])
        except FrameworkDataError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(f"Instrumen tidak diimpor: {len(exc.errors)} kesalahan.") from exc
        self.stdout.write(
            self.style.SUCCESS(f"Instrumen {framework.code} versi {framework.version} diimpor: {framework.name}.")
        )

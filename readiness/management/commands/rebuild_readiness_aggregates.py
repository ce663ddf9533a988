import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from readiness import aggregates


class Command(BaseCommand):
    help = "Hitung ulang agregat hasil per putaran (dasbor laporan) dari semua asesmen yang tersimpan."

    def handle(self, *args, **options):
        started = time.perf_counter()
        round_rows, dimension_rows, registry_rows = aggregates.rebuild()
        self.stdout.write(
            _(
                "Agregat dihitung ulang: %(rounds)d baris putaran, %(dimensions)d baris dimensi, "
                "%(registry)d baris koperasi aktif (%(seconds).1f detik)."
            )
            % {
                "rounds": round_rows,
                "dimensions": dimension_rows,
                "registry": registry_rows,
                "seconds": time.perf_counter() - started,
            }
        )

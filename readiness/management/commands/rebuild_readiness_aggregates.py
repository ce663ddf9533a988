import time

from django.core.management.base import BaseCommand

from readiness import aggregates


class Command(BaseCommand):
    help = "Hitung ulang agregat hasil per putaran (dasbor laporan) dari semua asesmen yang tersimpan."

    def handle(self, *args, **options):
        started = time.perf_counter()
        round_rows, dimension_rows, registry_rows = aggregates.rebuild()
        self.stdout.write(
            f"Agregat dihitung ulang: {round_rows} baris putaran, {dimension_rows} baris dimensi, "
            f"{registry_rows} baris koperasi aktif "
            f"({time.perf_counter() - started:.1f} detik)."
        )

"""Load the demo content. Safe to run again: nothing is duplicated.

Each app that has demo content provides ``<app>/demo.py`` with ``seed(stdout)``;
they run in the order below because later ones build on earlier ones (courses need the
catalogue, quizzes need courses, assessments need cooperatives).
"""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_MODULES = [
    "cooperatives.demo",
    "accounts.demo",
    "courses.demo",
    "quizzes.demo",
    "readiness.demo",
    "reports.demo",
    "network.demo",
]


class Command(BaseCommand):
    help = "Muat konten demo (kecamatan, koperasi, pengguna, kursus, kuis, asesmen). Aman dijalankan berulang."

    def handle(self, *args, **options):
        for module_name in DEMO_MODULES:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name == module_name:
                    continue
                raise
            with transaction.atomic():
                module.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Konten demo siap."))

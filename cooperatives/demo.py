"""Demo registry: Probolinggo's 24 kecamatan and about twenty cooperatives.

Both come from CSV files under ``cooperatives/data/`` and go through the same importer
operators use, so the demo also proves the import works. Safe to run again.
"""

from pathlib import Path

from django.core.management.base import CommandError

from .importers import import_cooperatives, import_kecamatan

DATA_DIR = Path(__file__).resolve().parent / "data"
KECAMATAN_FILE = DATA_DIR / "kecamatan_probolinggo.csv"
COOPERATIVES_FILE = DATA_DIR / "demo_cooperatives.csv"

# The cooperative the demo users belong to, and a second one to show access control.
DEMO_COOPERATIVE_NIK = "3513010000000001"
OTHER_COOPERATIVE_NIK = "3513010000000002"


def _load(importer, path, label, stdout):
    report = importer(path)
    if not report.ok:
        raise CommandError("\n".join(report.error_lines()))
    stdout.write(f"{label}: +{report.created} baru, {report.updated} diperbarui, {report.unchanged} tetap")


def seed(stdout):
    _load(import_kecamatan, KECAMATAN_FILE, "Kecamatan", stdout)
    _load(import_cooperatives, COOPERATIVES_FILE, "Koperasi", stdout)

"""The office's own 2018 story as demo data: a temu usaha with Yogyakarta in May 2018, its
evaluation with 45 participants in November 2018, and an evaluation open today for the
demo pengurus to try. Needs ``cooperatives.demo`` and ``accounts.demo`` first.

Everything goes through the same importers operators use (CSV files under
``network/data/``), so it is idempotent: a second run changes nothing.
"""

import datetime
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from .importers import (
    AgreementImporter,
    CommitmentImporter,
    EventParticipantImporter,
    NetworkEvaluationImporter,
    PartnerImporter,
)
from .models import Event, FollowUp

DATA_DIR = Path(__file__).resolve().parent / "data"

TEMU_USAHA = {
    "slug": "temu-usaha-diy-2018",
    "name": "Temu Usaha Koperasi Probolinggo - DI Yogyakarta 2018",
    "kind": Event.KIND_TEMU_USAHA,
    "starts_on": datetime.date(2018, 5, 16),
    "ends_on": datetime.date(2018, 5, 17),
    "place": "Yogyakarta",
    "organiser": "Dinas Koperasi dan Usaha Mikro Kabupaten Probolinggo",
    "speakers": "Kepala Dinas Koperasi dan Usaha Mikro Kabupaten Probolinggo\nDinas Koperasi dan UKM DIY",
    "description": "Mempertemukan koperasi Kabupaten Probolinggo dengan koperasi dan pelaku usaha DI Yogyakarta.",
}
EVALUASI_2018 = {
    "slug": "evaluasi-nov-2018",
    "name": "Evaluasi Jaringan Temu Usaha Kerja Sama Koperasi 2018",
    "kind": Event.KIND_EVALUASI,
    "starts_on": datetime.date(2018, 11, 20),
    "place": "Aula Dinas Koperasi dan Usaha Mikro, Kraksaan",
    "organiser": "Dinas Koperasi dan Usaha Mikro Kabupaten Probolinggo",
    "description": "Siapa berbuat apa: kerja sama yang berjalan, yang sudah terealisasi, dan kendalanya.",
    "follow_up_opens_on": datetime.date(2018, 11, 1),
    "follow_up_closes_on": datetime.date(2018, 11, 30),
}
EVALUASI_LANJUTAN = {
    "slug": "evaluasi-lanjutan-temu-usaha-diy",
    "name": "Evaluasi Lanjutan Kerja Sama Temu Usaha DIY",
    "kind": Event.KIND_EVALUASI,
    "place": "Aula Dinas Koperasi dan Usaha Mikro, Kraksaan",
    "description": "Terbuka untuk pengurus: isi tindak lanjut kerja sama koperasi Anda.",
}


def _event(values, *, follows=None):
    values = dict(values)
    slug = values.pop("slug")
    if follows is not None:
        values["follows"] = follows
    event, _created = Event.objects.get_or_create(slug=slug, defaults=values)
    return event


def _load(importer, filename, label, stdout):
    report = importer.run(DATA_DIR / filename)
    if not report.ok:
        raise CommandError("\n".join(report.error_lines()))
    stdout.write(f"{label}: +{report.created} baru, {report.updated} diperbarui, {report.unchanged} tetap")


def seed(stdout):
    temu_usaha = _event(TEMU_USAHA)
    evaluation = _event(EVALUASI_2018, follows=temu_usaha)
    today = timezone.localdate()
    _event(
        {
            **EVALUASI_LANJUTAN,
            "starts_on": today,
            "follow_up_opens_on": today - datetime.timedelta(days=1),
            "follow_up_closes_on": today + datetime.timedelta(days=60),
        },
        follows=temu_usaha,
    )
    _load(PartnerImporter(), "mitra_diy_2018.csv", "Mitra", stdout)
    _load(AgreementImporter(event=temu_usaha), "kerja_sama_diy_2018.csv", "Kerja sama", stdout)
    _load(CommitmentImporter(), "komitmen_diy_2018.csv", "Komitmen", stdout)
    _load(EventParticipantImporter(event=temu_usaha), "peserta_temu_usaha_2018.csv", "Peserta temu usaha", stdout)
    _load(EventParticipantImporter(event=evaluation), "peserta_evaluasi_nov_2018.csv", "Peserta evaluasi", stdout)
    if not FollowUp.objects.filter(evaluation=evaluation).exists():
        # Imported once: a second run must not overwrite what an analyst verified since.
        _load(NetworkEvaluationImporter(event=evaluation), "evaluasi_nov_2018.csv", "Tindak lanjut", stdout)

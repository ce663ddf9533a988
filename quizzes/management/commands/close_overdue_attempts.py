"""``python manage.py close_overdue_attempts [--schedule]``: grade attempts whose time ran out."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from quizzes.services import close_overdue_attempts
from quizzes.tasks import OVERDUE_SWEEP_EVERY, schedule_overdue_sweep


class Command(BaseCommand):
    help = (
        "Tutup dan nilai percobaan kuis yang melewati batas waktu atau waktu kuis ditutup tetapi tidak "
        "dibuka lagi oleh pesertanya. Dengan --schedule: juga antrekan tugas berkala untuk db_worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help=(
                f"antrekan tugas yang menutup percobaan kedaluwarsa setiap "
                f"{int(OVERDUE_SWEEP_EVERY.total_seconds())} detik (tidak dobel bila sudah terantre)"
            ),
        )

    def handle(self, *args, **options):
        closed = close_overdue_attempts()
        self.stdout.write(_("%(count)d percobaan yang waktunya habis ditutup dan dinilai.") % {"count": closed})
        if options["schedule"]:
            queued = schedule_overdue_sweep(delay=OVERDUE_SWEEP_EVERY)
            if queued is None:
                self.stdout.write(_("Tugas berkala sudah terantre (atau tugas dijalankan langsung)."))
            else:
                self.stdout.write(_("Tugas berkala diantrekan untuk db_worker."))

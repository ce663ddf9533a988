from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from certificates.services import issue_course_certificate
from courses.models import Enrolment


class Command(BaseCommand):
    help = "Terbitkan sertifikat untuk setiap kursus yang sudah selesai (aman diulang: yang sudah ada tidak diterbitkan lagi)."

    def handle(self, *args, **options):
        created = existing = 0
        enrolments = (
            Enrolment.objects.filter(completed_at__isnull=False).select_related("user", "course").order_by("pk")
        )
        for enrolment in enrolments.iterator(chunk_size=500):
            _certificate, new = issue_course_certificate(enrolment=enrolment)
            if new:
                created += 1
            else:
                existing += 1
        self.stdout.write(
            _("%(created)d sertifikat baru, %(existing)d sudah ada.") % {"created": created, "existing": existing}
        )

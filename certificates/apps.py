from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from courses.signals import course_completed


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Sertifikat")

    def ready(self):
        from .services import issue_on_course_completion  # local import: uses models, which load after apps.py

        # A learner who completes a course gets a certificate, once.
        course_completed.connect(issue_on_course_completion, dispatch_uid="certificates.course_completed")

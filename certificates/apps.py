from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Sertifikat")

    def ready(self):
        from courses.signals import course_completed

        from .services import issue_on_course_completion

        # A learner who completes a course gets a certificate, once.
        course_completed.connect(issue_on_course_completion, dispatch_uid="certificates.course_completed")

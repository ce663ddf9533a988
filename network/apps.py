from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Jejaring usaha")

    def ready(self):
        # reports runs the job; network tells it how (reports never imports network).
        from reports.models import ExportJob
        from reports.services import register_exporter

        from .exports import write_export_job

        register_exporter(ExportJob.KIND_NETWORK, write_export_job)

        # quizzes announces a passed attempt; network (which imports quizzes) listens.
        from quizzes.signals import attempt_passed

        from .receivers import post_test_receiver

        attempt_passed.connect(post_test_receiver, dispatch_uid="network.post_test_passed")

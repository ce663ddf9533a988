from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from quizzes.signals import attempt_passed


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Jejaring usaha")

    def ready(self):
        # reports runs the job; network tells it how (reports never imports network). By
        # dotted path: importing the exporter (and reports.jobs, with the PDF and spreadsheet
        # libraries) at every process's start-up would cost more than a second of CPU.
        from reports.exporters import register_exporter  # local import: uses models, which load after apps.py
        from reports.models import ExportJob  # local import: models load after apps.py (app registry)

        from .receivers import post_test_receiver  # local import: uses models, which load after apps.py

        register_exporter(ExportJob.KIND_NETWORK, "network.exports.write_export_job")

        # quizzes announces a passed attempt; network (which imports quizzes) listens.
        attempt_passed.connect(post_test_receiver, dispatch_uid="network.post_test_passed")

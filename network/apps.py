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

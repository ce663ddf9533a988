from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "readiness"
    verbose_name = _("Kesiapan digital")

    def ready(self):
        # local import: signal receivers need the app registry ready (models loaded)
        from . import signals  # noqa: F401  (connects the aggregate receivers)

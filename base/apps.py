from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    name = "base"
    verbose_name = _("Dasar situs")

    def ready(self):
        from . import receivers  # local import: models are ready only now

        receivers.connect()

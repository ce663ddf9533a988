from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.search import apps as wagtail_search_apps


class BaseConfig(AppConfig):
    name = "base"
    verbose_name = _("Dasar situs")

    def ready(self):
        from . import receivers  # local import: models are ready only now

        receivers.connect()


class SearchConfig(wagtail_search_apps.WagtailSearchAppConfig):
    """Wagtail's search app (INSTALLED_APPS names it in place of ``wagtail.search``), with the
    index updated in one transaction per save (``base.search``)."""

    default = False  # ``base`` itself is BaseConfig

    def ready(self):
        super().ready()
        from . import search  # local import: models are ready only now

        search.connect()

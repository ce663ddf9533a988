from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished


class OfflineConfig(AppConfig):
    name = "offline"
    verbose_name = _("Belajar tanpa koneksi")

    def ready(self):
        from . import signals  # local import: uses models, which load after apps.py

        # Download sizes are computed when content is published, so pages never pay for them.
        page_published.connect(signals.refresh_download_sizes, dispatch_uid="offline_sizes_published")
        page_unpublished.connect(signals.refresh_download_sizes, dispatch_uid="offline_sizes_unpublished")

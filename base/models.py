"""Pages and settings every area of the site shares."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from .pagecache import CachedPageMixin


class HomePage(CachedPageMixin, Page):
    """The site's front page: what the platform is and where to start."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])
    call_to_action = models.CharField(
        _("ajakan"),
        max_length=120,
        blank=True,
        help_text=_("Teks tombol menuju katalog kursus."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("call_to_action")]

    cache_anonymous = True
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage"]

    class Meta:
        verbose_name = _("beranda")
        verbose_name_plural = _("beranda")

    def get_context(self, request, *args, **kwargs):
        """Apps add what the front page shows through the ``construct_home_page_context`` hook
        (``courses`` adds the catalogue and its first courses), so ``base`` imports no app."""
        context = super().get_context(request, *args, **kwargs)
        for add_to_context in hooks.get_hooks("construct_home_page_context"):
            add_to_context(request, self, context)
        return context


@register_setting(icon="site")
class OfficeSettings(BaseSiteSetting):
    """The office that issues certificates and report cards: printed on every PDF it signs."""

    office_name = models.CharField(
        _("nama kantor"),
        max_length=200,
        default="Dinas Koperasi dan Usaha Mikro Kabupaten Probolinggo",
        help_text=_("Tercetak di kop sertifikat dan rapor."),
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("PNG atau JPEG, untuk kop sertifikat dan rapor."),
    )
    head_name = models.CharField(_("nama kepala dinas"), max_length=200, blank=True)
    head_title = models.CharField(
        _("jabatan penanda tangan"), max_length=200, default="Kepala Dinas", help_text=_("Misalnya: Kepala Dinas.")
    )

    panels = [
        FieldPanel("office_name"),
        FieldPanel("address"),
        FieldPanel("logo"),
        FieldPanel("head_name"),
        FieldPanel("head_title"),
    ]

    class Meta:
        verbose_name = _("kantor dinas")
        verbose_name_plural = _("kantor dinas")

    def __str__(self):
        return self.office_name

    @classmethod
    def current(cls):
        """The settings of the default site (PDFs are also made by the task worker, without a request)."""
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        if site is None:
            return cls()
        return cls.for_site(site)


class SubmittedAndVerified(models.Model):
    """Who sent a record in and who at the office checked it, with when and a note.

    Shared by what cooperatives report and analysts verify (readiness assessments,
    business-network follow-ups); the states themselves stay with each model.
    """

    submitted_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikirim oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verification_note = models.TextField(_("catatan verifikasi"), blank=True)

    class Meta:
        abstract = True


class StagedImport(models.Model):
    """An uploaded spreadsheet between its preview and its confirmation.

    Kept in the database so that every web server sees it (a preview on one server is
    confirmed on another), bound to the user and the kind of import, named only by an
    unguessable token, and deleted when confirmed (so a repeated confirm finds nothing)
    or once expired.
    """

    token = models.CharField(_("token"), max_length=64, unique=True)
    kind = models.CharField(_("jenis impor"), max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(_("nama berkas"), max_length=255)
    content = models.BinaryField(_("isi berkas"))
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    expires_at = models.DateTimeField(_("kedaluwarsa"), db_index=True)

    class Meta:
        verbose_name = _("berkas impor yang menunggu")
        verbose_name_plural = _("berkas impor yang menunggu")

    def __str__(self):
        return self.file_name

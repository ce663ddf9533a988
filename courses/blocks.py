"""StreamField blocks for lesson bodies. Pages import them; none are defined inline.

Every block has a template in ``lms/templates/blocks/``, a preview value and a
description for Wagtail's block picker. Choosers fetch what they need in bulk (images
together with their renditions, embeds by hash), so a lesson with fifty images costs
the same number of queries as one with five.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
PREVIEW_TEMPLATE = "blocks/block_preview.html"

# Image widths for phones first (360 CSS px at 1x, 2x, 3x); webp with a jpeg fallback.
# Templates use the same specs, so prefetched renditions are the ones rendered.
IMAGE_WIDTHS = (360, 720, 1080)
IMAGE_FORMATS = ("webp", "jpeg")
IMAGE_FILTER_SPECS = [f"format-{fmt}|width-{width}" for fmt in IMAGE_FORMATS for width in IMAGE_WIDTHS]
# Course cards show the cover small (a phone's width at most): 240 and 480 pixels wide,
# so a catalogue page of 12 courses stays within its first-visit budget.
CARD_COVER_WIDTHS = (240, 480)
CARD_COVER_FILTER_SPECS = [f"format-{fmt}|width-{width}" for fmt in IMAGE_FORMATS for width in CARD_COVER_WIDTHS]


def _first_image():
    return get_image_model().objects.order_by("pk").first()


def _first_document():
    return get_document_model().objects.order_by("pk").first()


class PhoneImageChooserBlock(ImageChooserBlock):
    """An image chooser that loads every image of a body with its renditions at once."""

    def bulk_to_python(self, values):
        objects = self.model_class.objects.prefetch_renditions(*IMAGE_FILTER_SPECS).in_bulk(
            [value for value in values if value is not None]
        )
        return [objects.get(value) for value in values]


class PrefetchedEmbedBlock(EmbedBlock):
    """An embed block that reads every stored embed of a body in one query.

    Embeds already stored (``wagtailembeds.Embed``) are rendered from that row; a URL
    never seen before is fetched by Wagtail's finders as usual, on first render.
    """

    def bulk_to_python(self, values):
        max_width = getattr(self.meta, "max_width", None)
        max_height = getattr(self.meta, "max_height", None)
        result = [self.to_python(value) for value in values]
        hashes = {}
        for value in result:
            if value is not None:
                hashes.setdefault(get_embed_hash(value.url, max_width, max_height), []).append(value)
        if not hashes:
            return result
        # The same expiry rule as wagtail.embeds.embeds.get_embed.
        for embed in Embed.objects.filter(hash__in=hashes.keys()).exclude(cache_until__lte=now()):
            # EmbedValue.html is a cached_property: filling it skips the per-block lookup.
            html = _frontend_html(embed)
            for value in hashes[embed.hash]:
                value.__dict__["html"] = html
        return result


def _frontend_html(embed):
    html = render_to_string("wagtailembeds/embed_frontend.html", {"embed": embed})
    # Metered data: the player loads only when the learner scrolls to it.
    return mark_safe(html.replace("<iframe ", '<iframe loading="lazy" ', 1))  # noqa: S308 - Wagtail's own embed HTML


class ImageBlock(blocks.StructBlock):
    image = PhoneImageChooserBlock(label=_("gambar"))
    alt_text = blocks.CharBlock(
        label=_("teks alternatif"),
        required=False,
        help_text=_("Apa yang terlihat di gambar, untuk pembaca layar. Kosong = judul gambar."),
    )
    caption = blocks.CharBlock(label=_("keterangan"), required=False)

    class Meta:
        icon = "image"
        label = _("Gambar")
        template = "blocks/image_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("Gambar yang menyesuaikan ukuran layar HP, dengan teks alternatif dan keterangan.")

    def get_preview_value(self):
        return self.normalize(
            {"image": _first_image(), "alt_text": "Contoh gambar", "caption": "Keterangan singkat di bawah gambar."}
        )


class VideoBlock(blocks.StructBlock):
    video = PrefetchedEmbedBlock(label=_("tautan video"), help_text=_("Tautan YouTube atau Vimeo."))
    caption = blocks.CharBlock(label=_("keterangan"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "video": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "caption": "Video pendek; peserta dapat melewatinya bila kuota terbatas.",
        }
        description = _("Video YouTube atau Vimeo. Hemat kuota: pemutar baru dimuat saat digulir ke layar.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("dokumen"))
    title = blocks.CharBlock(label=_("judul tautan"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Dokumen")
        template = "blocks/document_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("Tautan unduhan untuk formulir, contoh atau panduan (PDF, Excel, Word).")

    def get_preview_value(self):
        return self.normalize({"document": _first_document(), "title": "Contoh formulir pembukuan"})


class CalloutBlock(blocks.StructBlock):
    KIND_TIP = "tip"
    KIND_INFO = "info"
    KIND_WARNING = "warning"
    KIND_CHOICES = [
        (KIND_TIP, _("Tips")),
        (KIND_INFO, _("Info")),
        (KIND_WARNING, _("Perhatian")),
    ]
    kind = blocks.ChoiceBlock(label=_("jenis"), choices=KIND_CHOICES, default=KIND_TIP)
    title = blocks.CharBlock(label=_("judul"), required=False)
    text = blocks.RichTextBlock(label=_("isi"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("Kotak penting")
        template = "blocks/callout_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "kind": "tip",
            "title": "Tips",
            "text": "<p>Simpan kata sandi di tempat aman dan jangan berikan kepada siapa pun.</p>",
        }
        description = _("Kotak berwarna untuk tips, info atau peringatan yang tidak boleh terlewat.")


class TextBlock(blocks.RichTextBlock):
    class Meta:
        template = "blocks/text_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = (
            "<h2>Judul bagian</h2><p>Paragraf pendek dengan kalimat sederhana. "
            "Gunakan <b>huruf tebal</b> untuk kata penting.</p><ul><li>poin pertama</li><li>poin kedua</li></ul>"
        )
        description = _("Paragraf, subjudul, daftar dan tautan.")


class LessonTableBlock(TableBlock):
    class Meta:
        template = "blocks/table_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "data": [
                ["Tanggal", "Uraian", "Masuk (Rp)", "Keluar (Rp)"],
                ["2 Jan", "Simpanan wajib anggota", "500.000", ""],
                ["3 Jan", "Beli alat tulis", "", "45.000"],
            ],
        }
        description = _("Tabel kecil, misalnya contoh buku kas atau perbandingan.")


class LessonBodyBlock(blocks.StreamBlock):
    text = TextBlock(label=_("Teks"), features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    table = LessonTableBlock(label=_("Tabel"))

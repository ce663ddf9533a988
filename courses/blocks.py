"""StreamField blocks for lesson bodies. Pages import them; none are defined inline."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("gambar"))
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


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("tautan video"), help_text=_("Tautan YouTube atau Vimeo."))
    caption = blocks.CharBlock(label=_("keterangan"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("dokumen"))
    title = blocks.CharBlock(label=_("judul tautan"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Dokumen")
        template = "blocks/document_block.html"


class CalloutBlock(blocks.StructBlock):
    KIND_CHOICES = [
        ("tip", _("Tips")),
        ("info", _("Info")),
        ("warning", _("Perhatian")),
    ]
    kind = blocks.ChoiceBlock(label=_("jenis"), choices=KIND_CHOICES, default="tip")
    title = blocks.CharBlock(label=_("judul"), required=False)
    text = blocks.RichTextBlock(label=_("isi"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("Kotak penting")
        template = "blocks/callout_block.html"


class LessonBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Teks"), features=RICH_TEXT_FEATURES, template="blocks/text_block.html")
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    table = TableBlock(label=_("Tabel"), template="blocks/table_block.html")

"""Lesson content for tests: real images (Pillow), documents and stored embeds, no network."""

import io
import itertools

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model

_counter = itertools.count(1)

VIDEO_URL = "https://www.youtube.com/watch?v=uji-video"


def make_image(title=None, size=(1200, 800), colour=(11, 110, 79)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    number = next(_counter)
    return get_image_model().objects.create(
        title=title or f"Gambar uji {number}", file=ImageFile(buffer, name=f"uji-{number}.png")
    )


def make_document(title="Formulir buku kas"):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"tanggal,uraian,masuk,keluar\n", name=f"buku-kas-{next(_counter)}.csv")
    )


def make_embed(url=VIDEO_URL):
    """A stored embed, so rendering a video block needs no network."""
    embed, _ = Embed.objects.update_or_create(
        hash=get_embed_hash(url),
        defaults={
            "url": url,
            "type": "video",
            "html": '<iframe src="https://www.youtube-nocookie.com/embed/uji" title="Video uji"></iframe>',
            "title": "Video uji",
            "provider_name": "YouTube",
            "width": 480,
            "height": 270,
            "thumbnail_url": "",
        },
    )
    return embed


def table_value():
    return {
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "data": [["Tanggal", "Uraian", "Jumlah"], ["2 Jan", "Simpanan wajib", "500.000"]],
    }


def full_body(*, image, document, video_url=VIDEO_URL, repeat=1):
    """A body with every block type, ``repeat`` times over (to grow blocks 10×)."""
    body = []
    for number in range(repeat):
        body += [
            ("text", f"<h2>Bagian {number}</h2><p>Paragraf materi {number}.</p>"),
            ("image", {"image": image, "alt_text": f"Contoh gambar {number}", "caption": "Keterangan"}),
            ("video", {"video": video_url, "caption": "Video"}),
            ("document", {"document": document, "title": "Unduh formulir"}),
            ("callout", {"kind": "tip", "title": "Tips", "text": "<p>Simpan bukti transaksi.</p>"}),
            ("table", table_value()),
        ]
    return body

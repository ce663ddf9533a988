"""What each lesson block puts on the page (lms/templates/blocks/), rendered as a learner's
phone gets it: callout titles by kind, table headers, pictures sized for phones and held back
in data-saving mode, downloads named with their type and size, video links."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import RequestFactory
from django.utils import translation
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model

from courses.blocks import IMAGE_FILTER_SPECS, LessonBodyBlock

BODY = LessonBodyBlock()


def render(block_type, value, *, cookies=None):
    block = BODY.child_blocks[block_type]
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    with translation.override("id"):
        return block.render(block.to_python(value), context={"request": request})


def squash(html):
    return " ".join(html.split())


@pytest.mark.parametrize(("kind", "title"), [("tip", "Tips"), ("info", "Info"), ("warning", "Perhatian")])
def test_a_callout_without_a_title_is_named_by_its_kind(kind, title):
    html = squash(render("callout", {"kind": kind, "title": "", "text": "<p>Simpan kata sandi.</p>"}))
    assert f'<aside class="callout callout-{kind}">' in html
    assert f'<p class="callout-title"><strong>{title}</strong></p>' in html
    assert "<p>Simpan kata sandi.</p>" in html


def test_a_callouts_own_title_wins():
    html = squash(render("callout", {"kind": "warning", "title": "Awas penipuan", "text": "<p>x</p>"}))
    assert "<strong>Awas penipuan</strong>" in html and "Perhatian" not in html


def test_text_is_wrapped_and_tables_scroll_with_a_header_row():
    assert squash(render("text", "<h2>Buku kas</h2><p>Catat setiap hari.</p>")) == (
        '<div class="block-text"><h2>Buku kas</h2><p>Catat setiap hari.</p></div>'
    )
    table = squash(
        render(
            "table",
            {
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "data": [["Tanggal", "Uraian"], ["2 Jan", "Simpanan <wajib>"]],
            },
        )
    )
    assert table.startswith('<div class="table-wrap" tabindex="0">')
    assert "<th" in table and "Tanggal" in table
    assert "Simpanan &lt;wajib&gt;" in table  # cells are text, never markup


def test_a_video_links_out_too_with_or_without_a_caption(db):
    url = "https://www.youtube.com/watch?v=contoh"
    Embed.objects.create(
        url=url, max_width=None, hash=get_embed_hash(url, None, None), type="video", html="<iframe></iframe>"
    )
    with_caption = squash(render("video", {"video": url, "caption": "Video pendek"}))
    assert '<figure class="block-video">' in with_caption
    assert f'Video pendek · <a href="{url}" rel="noopener">Buka video di tab baru</a>' in with_caption
    without = squash(render("video", {"video": url, "caption": ""}))
    assert f'<figcaption><a href="{url}" rel="noopener">Buka video di tab baru</a></figcaption>' in without
    assert render("video", {"video": None, "caption": "x"}).strip() == ""


def make_image(title="Alur transaksi"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 600), (11, 110, 79)).save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="alur.png"))


def test_an_image_is_offered_in_phone_widths_with_its_alt_text(db):
    image = make_image()
    html = squash(render("image", {"image": image.pk, "alt_text": "", "caption": "Dari transaksi ke laporan"}))
    assert 'alt="Alur transaksi"' in html  # the image's title when no alt text is written
    assert 'loading="lazy"' in html and "<details" not in html
    for width in (360, 720, 1080):
        assert f" {width}w" in html
    assert "image/webp" in html
    assert "<figcaption>Dari transaksi ke laporan</figcaption>" in html
    # The renditions were made for exactly the specs the block prefetches.
    specs = set(image.renditions.values_list("filter_spec", flat=True))
    assert specs == set(IMAGE_FILTER_SPECS)


def test_in_data_saving_mode_the_image_waits_for_a_tap(db):
    image = make_image()
    html = squash(
        render("image", {"image": image.pk, "alt_text": "Bagan alur", "caption": ""}, cookies={"hemat_data": "1"})
    )
    assert '<details class="image-on-tap"><summary>Tampilkan gambar: Bagan alur</summary>' in html
    assert "<figcaption>" not in html
    assert render("image", {"image": None, "alt_text": "", "caption": ""}).strip() == ""


def test_a_download_names_its_type_and_size(db):
    content = b"%PDF-1.4 contoh" * 100
    # The admin's upload form stores the size; a document without one is named by its type only.
    document = get_document_model().objects.create(
        title="Formulir buku kas", file=ContentFile(content, name="formulir.pdf"), file_size=len(content)
    )
    html = squash(render("document", {"document": document.pk, "title": ""}))
    assert f'href="{document.url}" download' in html
    assert "Unduh: Formulir buku kas (PDF, 1,5 KB)" in html
    titled = squash(render("document", {"document": document.pk, "title": "Contoh formulir"}))
    assert "Unduh: Contoh formulir (PDF" in titled
    get_document_model().objects.filter(pk=document.pk).update(file_size=None)
    untold = squash(render("document", {"document": document.pk, "title": ""}))
    assert "Unduh: Formulir buku kas (PDF)</a>" in untold

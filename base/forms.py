"""Forms that replace Wagtail's defaults site-wide."""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Wagtail's image form (upload, multiple upload, chooser) with our own words for
    files that are not accepted as images (``WAGTAILIMAGES_IMAGE_FORM_BASE``).

    SVG is not among ``WAGTAILIMAGES_EXTENSIONS``: an SVG file can carry scripts that
    run when it is opened from /media/. Editors save drawings as PNG instead.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            field.error_messages["invalid_image_extension"] = _(
                "Berkas ini tidak diterima sebagai gambar. Gunakan JPG, PNG, GIF atau WEBP. "
                "SVG tidak diterima karena bisa berisi skrip; simpan gambarnya sebagai PNG."
            )
            field.error_messages["invalid_image_known_format"] = _(
                "Isi berkas ini tidak cocok dengan akhiran .%(extension)s (isinya %(image_format)s). "
                "Gunakan gambar JPG, PNG, GIF atau WEBP yang sebenarnya."
            )
            field.error_messages["invalid_image"] = _(
                "Berkas ini bukan gambar yang bisa dibaca. Gunakan JPG, PNG, GIF atau WEBP."
            )

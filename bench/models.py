"""The benchmark's own page type: the plain Wagtail page the learner pages are compared with.

Installed only by ``bench.settings`` (never in the product). One StreamField of rich text
and images, a template that renders it and nothing else, and Wagtail's own routing,
view restrictions and serving: what Wagtail 8 costs for a page before any of our code.
"""

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page


class MinimalPage(Page):
    body = StreamField([("text", blocks.RichTextBlock()), ("image", ImageChooserBlock())], blank=True)

    template = "bench/minimal_page.html"

    class Meta:
        verbose_name = "halaman Wagtail polos (bench)"

    def __str__(self):
        return self.title

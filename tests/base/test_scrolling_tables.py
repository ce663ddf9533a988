"""A table wider than a phone scrolls sideways inside ``.table-wrap`` (site.css). Such a
region must take the keyboard's focus (``tabindex="0"``), or someone without a touch screen
or mouse cannot read its hidden columns (axe: scrollable-region-focusable). The browser walk
(tests/e2e/test_accessibility.py) sees only the pages and data it opens; this holds for every
template."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "lms" / "templates"
WRAPPER = re.compile(r"<[a-z]+\b[^>]*\bclass=\"(?:[^\"]*\s)?table-wrap(?:\s[^\"]*)?\"[^>]*>")


def unfocusable_wrappers(text):
    return [tag for tag in WRAPPER.findall(text) if 'tabindex="0"' not in tag]


def test_every_scrolling_table_can_be_reached_with_the_keyboard():
    found = {
        str(path.relative_to(TEMPLATES)): tags
        for path in sorted(TEMPLATES.rglob("*.html"))
        if (tags := unfocusable_wrappers(path.read_text(encoding="utf-8")))
    }
    assert found == {}
    assert sum(path.read_text(encoding="utf-8").count("table-wrap") for path in TEMPLATES.rglob("*.html")) > 30


def test_the_check_sees_a_wrapper_without_focus():
    assert unfocusable_wrappers('<div class="table-wrap"><table>') == ['<div class="table-wrap">']
    assert unfocusable_wrappers('<div class="note table-wrap wide">') == ['<div class="note table-wrap wide">']
    assert unfocusable_wrappers('<div class="table-wrap" tabindex="0"><table>') == []
    assert unfocusable_wrappers('<div class="table-wrapper">') == []

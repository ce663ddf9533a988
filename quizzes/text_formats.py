"""Text formats of imported questions: Moodle's ``[html]``, ``[moodle]``, ``[plain]`` and
``[markdown]``, turned into HTML that is safe to show learners.

HTML is cleaned to the tags lessons allow (paragraphs, line breaks, headings h2/h3,
bold, italic, lists and links with a safe address); anything else is unwrapped to its
text, and scripts, styles and embedded objects are dropped with their content. Plain and
Moodle's auto-format text are escaped with their line breaks kept; markdown is converted
first and then cleaned like HTML. Pure functions: no database.
"""

import html as html_module
import re

import markdown as markdown_module
from bs4 import BeautifulSoup, NavigableString
from django.utils.html import escape, linebreaks
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

FORMAT_HTML = "html"
FORMAT_MOODLE = "moodle"
FORMAT_PLAIN = "plain"
FORMAT_MARKDOWN = "markdown"
FORMATS = (FORMAT_HTML, FORMAT_MOODLE, FORMAT_PLAIN, FORMAT_MARKDOWN)
# Formats whose text is markup (shown as HTML); the others are text shown as written.
MARKUP_FORMATS = (FORMAT_HTML, FORMAT_MARKDOWN)

_MARKER = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
# Elements dropped together with everything inside them (never shown as text either).
_DROPPED = ("script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "head", "title")


class LessonHtmlWhitelister(Whitelister):
    """Wagtail's whitelisting engine with the tags a lesson's rich text allows."""

    element_rules = {
        "[document]": allow_without_attributes,
        "p": allow_without_attributes,
        "br": allow_without_attributes,
        "h2": allow_without_attributes,
        "h3": allow_without_attributes,
        "b": allow_without_attributes,
        "strong": allow_without_attributes,
        "i": allow_without_attributes,
        "em": allow_without_attributes,
        "ul": allow_without_attributes,
        "ol": allow_without_attributes,
        "li": allow_without_attributes,
        "a": attribute_rule({"href": check_url}),
    }

    def clean_tag_node(self, doc, tag):
        if tag.name in _DROPPED:
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)


def split_marker(text, default=FORMAT_MOODLE):
    """``(format, text without its marker)``; ``default`` when the text carries none."""
    match = _MARKER.match(text or "")
    if not match:
        return default, text or ""
    return match.group(1).lower(), text[match.end() :]


def sanitize_html(value):
    """HTML reduced to the tags lessons allow; never a script, handler or style."""
    return LessonHtmlWhitelister().clean(value or "").strip()


def text_paragraphs(text):
    """Plain text as escaped paragraphs, in the form Wagtail stores rich text (``<br/>``:
    its editor's converter reads no unclosed ``<br>``)."""
    return linebreaks(escape(text.strip())).replace("<br>", "<br/>") if text.strip() else ""


def text_inline(text):
    """Plain text as escaped inline HTML with its line breaks."""
    return str(escape(text)).replace("\n", "<br/>")


def to_html(text, fmt):
    """Block-level HTML (paragraphs) for a question text in ``fmt``."""
    text = (text or "").strip()
    if fmt == FORMAT_HTML:
        return sanitize_html(text)
    if fmt == FORMAT_MARKDOWN:
        return sanitize_html(markdown_module.markdown(text))
    return text_paragraphs(text)


def to_inline_html(text, fmt):
    """Inline HTML for a choice or a feedback: no wrapping paragraph, breaks kept."""
    text = (text or "").strip()
    if fmt in MARKUP_FORMATS:
        return inline(to_html(text, fmt))
    return text_inline(text)


def inline(value):
    """Sanitised HTML with its outer paragraphs unwrapped (paragraphs become line breaks).

    A one-line Moodle answer such as ``<p>QRIS</p>`` reads ``QRIS`` inside a choice's label.
    Lists stay lists.
    """
    soup = BeautifulSoup(sanitize_html(value), "html.parser")
    paragraphs = [node for node in soup.contents if getattr(node, "name", None) in ("p", "div")]
    for index, node in enumerate(paragraphs):
        if index:
            node.insert_before(soup.new_tag("br"))
        node.unwrap()
    for node in list(soup.contents):
        if isinstance(node, NavigableString) and not node.strip():
            node.extract()
    return soup.decode(formatter=escape).strip()


def html_to_text(value):
    """The text of some HTML: paragraphs separated by a blank line, breaks kept."""
    value = re.sub(r"<br\s*/?>", "\n", value or "", flags=re.IGNORECASE)
    value = re.sub(r"</(p|div|h2|h3|li)>\s*", "\n\n", value, flags=re.IGNORECASE)
    value = re.sub(r"<[^>]*>", "", value)
    value = html_module.unescape(value)
    lines = [" ".join(line.split()) for line in value.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def plain_to_text(text, fmt):
    """Text that must stay text (a short answer to match): markup reduced to its words."""
    text = (text or "").strip()
    if fmt in MARKUP_FORMATS:
        return html_to_text(to_html(text, fmt))
    return text


def is_plain_paragraphs(value):
    """True when ``value`` is exactly what plain text becomes (no formatting to keep)."""
    text = html_to_text(value)
    return bool(text) and text_paragraphs(text) == (value or "").strip()


def is_plain_inline(value):
    """True when inline HTML ``value`` is escaped text (with line breaks) and nothing else."""
    text = html_to_text(value)
    return text_inline(text) == (value or "").strip()

"""Text formats of imported questions (quizzes/text_formats.py): pure functions, no database.

What learners see of an imported question goes through these: markup must come out as the
few tags lessons allow, never a script, a handler or a ``javascript:`` link, and plain text
must come out escaped with its line breaks.
"""

import pytest

from quizzes.text_formats import (
    FORMAT_HTML,
    FORMAT_MARKDOWN,
    FORMAT_MOODLE,
    FORMAT_PLAIN,
    html_to_text,
    inline,
    is_plain_inline,
    is_plain_paragraphs,
    plain_to_text,
    sanitize_html,
    split_marker,
    text_inline,
    text_paragraphs,
    to_html,
    to_inline_html,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[html]<b>x</b>", (FORMAT_HTML, "<b>x</b>")),
        ("  [HTML]<b>x</b>", (FORMAT_HTML, "<b>x</b>")),
        ("[Markdown]**x**", (FORMAT_MARKDOWN, "**x**")),
        ("[plain]a < b", (FORMAT_PLAIN, "a < b")),
        ("[moodle]teks", (FORMAT_MOODLE, "teks")),
        # An unknown marker is text, and the default applies.
        ("[latex]x^2", (FORMAT_MOODLE, "[latex]x^2")),
        ("tanpa penanda", (FORMAT_MOODLE, "tanpa penanda")),
        ("", (FORMAT_MOODLE, "")),
        (None, (FORMAT_MOODLE, "")),
    ],
)
def test_split_marker(raw, expected):
    assert split_marker(raw) == expected


def test_split_marker_default_is_the_callers():
    assert split_marker("teks", FORMAT_HTML) == (FORMAT_HTML, "teks")
    # Only a marker at the start counts.
    assert split_marker("teks [html]", FORMAT_PLAIN) == (FORMAT_PLAIN, "teks [html]")


def test_sanitize_keeps_lesson_tags_and_drops_everything_dangerous():
    dirty = (
        '<p onclick="steal()">Halo <span style="color:red">dunia</span>'
        "<script>alert(1)</script>"
        '<a href="javascript:alert(1)">jahat</a> '
        '<a href="https://koperasi.example/x" target="_blank">aman</a></p>'
        "<style>p{display:none}</style><h1>Judul</h1><svg><text>gambar</text></svg>"
        "<iframe src='https://x'>bingkai</iframe><h2>Sub</h2><ul><li><em>satu</em></li></ul>"
    )
    clean = sanitize_html(dirty)
    assert clean == (
        '<p>Halo dunia<a>jahat</a> <a href="https://koperasi.example/x">aman</a></p>'
        "Judul<h2>Sub</h2><ul><li><em>satu</em></li></ul>"
    )
    for gone in ("onclick", "style", "script", "alert", "javascript", "target", "svg", "gambar", "bingkai", "h1"):
        assert gone not in clean


def test_sanitize_of_nothing_is_empty():
    assert sanitize_html(None) == ""
    assert sanitize_html("   ") == ""


def test_text_paragraphs_escape_and_keep_breaks_in_wagtails_form():
    assert text_paragraphs("a <b>\nb\n\nc") == "<p>a &lt;b&gt;<br/>b</p>\n\n<p>c</p>"
    assert text_paragraphs("   \n ") == ""
    # Wagtail's editor reads <br/>, never an unclosed <br>.
    assert "<br>" not in text_paragraphs("satu\ndua")


def test_text_inline_escapes_and_turns_newlines_into_breaks():
    assert text_inline("a & b\nc") == "a &amp; b<br/>c"
    assert text_inline('<img src=x onerror="y">') == "&lt;img src=x onerror=&quot;y&quot;&gt;"


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("<p>x</p>", FORMAT_HTML, "<p>x</p>"),
        ("<p>x<script>y</script></p>", FORMAT_HTML, "<p>x</p>"),
        ("**tebal** dan _miring_", FORMAT_MARKDOWN, "<p><strong>tebal</strong> dan <em>miring</em></p>"),
        ("[tautan](javascript:alert(1))", FORMAT_MARKDOWN, "<p><a>tautan</a></p>"),
        ("x < y", FORMAT_PLAIN, "<p>x &lt; y</p>"),
        ("**bukan markdown**", FORMAT_MOODLE, "<p>**bukan markdown**</p>"),
        ("  ", FORMAT_HTML, ""),
    ],
)
def test_to_html(text, fmt, expected):
    assert to_html(text, fmt) == expected


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        # A one-line Moodle answer reads as its words inside a choice's label.
        ("<p>QRIS</p>", FORMAT_HTML, "QRIS"),
        ("<p>a</p><p>b</p>", FORMAT_HTML, "a<br/>b"),
        ("<ul><li>a</li></ul>", FORMAT_HTML, "<ul><li>a</li></ul>"),
        ("**SHU**", FORMAT_MARKDOWN, "<strong>SHU</strong>"),
        ("a\nb", FORMAT_MOODLE, "a<br/>b"),
        ("<b>a</b>", FORMAT_PLAIN, "&lt;b&gt;a&lt;/b&gt;"),
        (None, FORMAT_PLAIN, ""),
    ],
)
def test_to_inline_html(text, fmt, expected):
    assert to_inline_html(text, fmt) == expected


def test_inline_unwraps_paragraphs_and_drops_whitespace_between_them():
    assert inline("<p>a</p>\n<p>b</p>\n<p>c</p>") == "a<br/>b<br/>c"
    assert inline("<p>a <script>x</script></p>") == "a"


def test_html_to_text_keeps_paragraphs_and_breaks_and_unescapes():
    html = "<p>a &amp; b</p><p>c<br>d</p><ul><li>x</li><li>y</li></ul>"
    assert html_to_text(html) == "a & b\n\nc\nd\n\nx\n\ny"
    assert html_to_text("<p>  banyak   spasi  </p>") == "banyak spasi"
    assert html_to_text(None) == ""


def test_plain_to_text_reduces_markup_to_its_words():
    assert plain_to_text("**SHU**", FORMAT_MARKDOWN) == "SHU"
    assert plain_to_text("<b>SHU</b>", FORMAT_HTML) == "SHU"
    # Plain text is kept as written (a short answer to match, not markup).
    assert plain_to_text(" <SHU> ", FORMAT_PLAIN) == "<SHU>"


def test_is_plain_paragraphs_only_for_what_plain_text_becomes():
    assert is_plain_paragraphs("<p>a</p>")
    assert is_plain_paragraphs(text_paragraphs("a & b\nc\n\nd"))
    assert not is_plain_paragraphs("<p><b>a</b></p>")
    assert not is_plain_paragraphs("<p>a</p><ul><li>b</li></ul>")
    assert not is_plain_paragraphs("")
    assert not is_plain_paragraphs(None)


def test_is_plain_inline_only_for_escaped_text():
    assert is_plain_inline("a &amp; b<br/>c")
    assert is_plain_inline("")
    assert not is_plain_inline("<b>a</b>")
    assert not is_plain_inline("a<br>b")

"""Small HTML checks shared by tests, built on the standard library's html.parser.

``check_semantics(html)`` returns a list of problems (empty when fine): exactly one h1,
headings in order without skipping a level, every form control has a label, every img
has an alt attribute. ``foreign_asset_urls(html, host)`` lists scripts, stylesheets,
fonts and images loaded from another host.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

HEADINGS = {f"h{n}": n for n in range(1, 7)}
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []  # (level, text)
        self.controls = []  # (tag, attrs)
        self.label_for = set()
        self.label_depth = 0
        self.controls_in_labels = 0
        self.images = []
        self.assets = []  # (tag, attribute, url)
        self._heading = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HEADINGS:
            self._heading = HEADINGS[tag]
            self._text = []
        elif tag == "label":
            self.label_depth += 1
            if attrs.get("for"):
                self.label_for.add(attrs["for"])
        elif tag in ("input", "select", "textarea"):
            if tag == "input" and attrs.get("type", "text") in UNLABELLED_INPUT_TYPES:
                return
            self.controls.append((tag, attrs, self.label_depth > 0))
        elif tag == "img":
            self.images.append(attrs)
            for name in ("src", "srcset"):
                if attrs.get(name):
                    self.assets.append((tag, name, attrs[name]))
        elif tag == "source":
            for name in ("src", "srcset"):
                if attrs.get(name):
                    self.assets.append((tag, name, attrs[name]))
        elif tag == "script" and attrs.get("src"):
            self.assets.append((tag, "src", attrs["src"]))
        elif tag == "link":
            rel = (attrs.get("rel") or "").lower().split()
            if {"stylesheet", "preload", "icon", "modulepreload"} & set(rel) and attrs.get("href"):
                self.assets.append((tag, "href", attrs["href"]))
        elif tag == "style":
            self._heading = None

    def handle_endtag(self, tag):
        if tag in HEADINGS and self._heading is not None:
            self.headings.append((self._heading, "".join(self._text).strip()))
            self._heading = None
        elif tag == "label":
            self.label_depth = max(0, self.label_depth - 1)

    def handle_data(self, data):
        if self._heading is not None:
            self._text.append(data)


def parse(html):
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def check_semantics(html):
    page = parse(html)
    problems = []
    levels = [level for level, _text in page.headings]
    if levels.count(1) != 1:
        problems.append(f"expected one h1, found {levels.count(1)}: {page.headings}")
    previous = 0
    for level, text in page.headings:
        if level > previous + 1:
            problems.append(f"heading h{level} '{text}' skips a level after h{previous}")
        previous = level
    for tag, attrs, inside_label in page.controls:
        labelled = inside_label or attrs.get("id") in page.label_for or attrs.get("aria-label")
        if not labelled:
            problems.append(f"{tag} name={attrs.get('name')!r} has no label")
    for attrs in page.images:
        if "alt" not in attrs:
            problems.append(f"img {attrs.get('src')!r} has no alt")
    return problems


def _urls(attribute, value):
    if attribute == "srcset":
        return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]
    return [value]


def foreign_asset_urls(html, host="testserver"):
    """Scripts, stylesheets, fonts and images whose URL points at a host other than ``host``."""
    foreign = []
    for tag, attribute, value in parse(html).assets:
        for url in _urls(attribute, value):
            parts = urlsplit(url)
            if (parts.scheme or url.startswith("//")) and parts.hostname != host:
                foreign.append((tag, url))
            elif parts.scheme not in ("", "http", "https", "data"):
                foreign.append((tag, url))
    return foreign

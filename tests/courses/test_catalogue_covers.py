"""Course cards: small cover renditions, only the first loaded before scrolling."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from base.pagecache import bump_cache_stamp
from tests.courses.content import make_image
from tests.factories import catalogue_page, make_course

pytestmark = pytest.mark.django_db

IMG = re.compile(r"<img\b[^>]*>")


def _attributes(tag):
    return dict(re.findall(r'(\w+)="([^"]*)"', tag))


def _cold(client, url):
    """Queries and HTML of ``url`` with the page caches retired: the rendering itself."""
    bump_cache_stamp()
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    return len(captured), html


def test_catalogue_covers_are_small_and_lazy_below_the_first_card(client):
    image = make_image(title="Sampul")
    for number in range(3):
        make_course(title=f"Kursus sampul {number}", cover_image=image)
    url = catalogue_page().url
    client.get(url)
    queries, html = _cold(client, url)
    covers = [_attributes(tag) for tag in IMG.findall(html) if 'class="cover"' in tag]
    assert len(covers) == 3
    for cover in covers:
        assert [candidate.split()[1] for candidate in cover["srcset"].split(", ")] == ["240w", "480w"]
        assert cover["decoding"] == "async"
    assert "loading" not in covers[0]
    assert [cover.get("loading") for cover in covers[1:]] == ["lazy", "lazy"]
    # Growing the catalogue adds no query (covers and their renditions in one query).
    for number in range(3, 6):
        make_course(title=f"Kursus sampul {number}", cover_image=make_image(title=f"Sampul {number}"))
    _cold(client, url)  # the new covers' renditions are made once
    assert _cold(client, url)[0] == queries

"""The catalogue's search, filters and pages, over courses of its own."""

import pytest

from tests.factories import make_course, make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue_courses():
    qris = make_course(title="Pembayaran digital dan QRIS", summary="Terima pembayaran dengan kode QR.")
    qris.tags.add("pembayaran")
    qris.dimensions.add("D5")
    qris.save_revision().publish()
    books = make_course(title="Pembukuan digital", summary="Buku kas di HP.")
    books.tags.add("keuangan")
    books.dimensions.add("D4")
    books.save_revision().publish()
    make_lesson(books)
    return qris, books


def titles(response):
    return [course.title for course in response.context["courses"]]


@pytest.mark.wagtail_indexes
def test_catalogue_search_uses_wagtail_search(client, catalogue_courses):
    assert titles(client.get("/kursus/", {"q": "QRIS"})) == ["Pembayaran digital dan QRIS"]
    assert titles(client.get("/kursus/", {"q": "kas"})) == ["Pembukuan digital"]


@pytest.mark.wagtail_indexes
def test_catalogue_filters_by_topic_and_dimension(client, catalogue_courses):
    assert titles(client.get("/kursus/", {"topik": "pembayaran"})) == ["Pembayaran digital dan QRIS"]
    assert titles(client.get("/kursus/", {"dimensi": "D4"})) == ["Pembukuan digital"]
    assert titles(client.get("/kursus/", {"dimensi": "d4"})) == ["Pembukuan digital"]
    assert titles(client.get("/kursus/", {"dimensi": "D4", "topik": "pembayaran"})) == []
    assert titles(client.get("/kursus/", {"q": "digital", "dimensi": "D5"})) == ["Pembayaran digital dan QRIS"]
    assert "Tidak ada kursus yang cocok" in client.get("/kursus/", {"dimensi": "D6"}).content.decode()


def test_catalogue_paginates_and_keeps_filters(client):
    for number in range(14):
        course = make_course(title=f"Kursus {number:02d}")
        course.dimensions.add("D3")
        course.save_revision().publish()
    first = client.get("/kursus/", {"dimensi": "D3"})
    assert len(first.context["courses"]) == 12
    html = first.content.decode()
    assert 'href="?dimensi=D3&amp;halaman=2"' in html
    second = client.get("/kursus/", {"dimensi": "D3", "halaman": 2})
    assert len(second.context["courses"]) == 2
    assert 'href="?dimensi=D3"' in second.content.decode()
    assert len(client.get("/kursus/", {"halaman": "abc"}).context["courses"]) == 12


def test_unpublished_course_is_not_listed(client):
    make_course(title="Belum terbit", publish=False)
    assert "Belum terbit" not in client.get("/kursus/").content.decode()

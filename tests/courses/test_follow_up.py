"""Staff who have not finished a course the office asked for: list, filters, reminders, CSV."""

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from tests.factories import make_analyst, make_cooperative, make_kecamatan, make_user
from tests.learning_world import finish_course, make_learning_course, read_lessons

pytestmark = pytest.mark.django_db

URL = reverse("courses:follow_up")


@pytest.fixture
def world():
    course = make_learning_course("Pembukuan digital")
    course.required_for_staff = True
    course.save_revision().publish()
    optional = make_learning_course("Kursus pilihan")
    kraksaan, paiton = make_kecamatan("Kraksaan"), make_kecamatan("Paiton")
    konsumen = make_cooperative(nama="KSU Sumber Rejeki", kecamatan=kraksaan, jenis="konsumen")
    simpan = make_cooperative(nama="KSP Maju", kecamatan=paiton, jenis="simpan_pinjam")
    people = {
        "done": make_user(first_name="Dewi", cooperative=konsumen, phone="081200000001"),
        "halfway": make_user(first_name="Hadi", cooperative=konsumen, phone="+62 812-0000-0002"),
        "new": make_user(first_name="Nina", cooperative=konsumen),
        "pengurus": make_user(first_name="Pak Budi", cooperative=konsumen, role="pengurus", phone="081200000004"),
        "elsewhere": make_user(first_name="Eko", cooperative=simpan, phone="081200000005"),
    }
    finish_course(people["done"], course)
    read_lessons(people["halfway"], course, 1)
    return {"course": course, "optional": optional, "people": people, "konsumen": konsumen}


def names(response):
    return [str(row["learner"]) for row in response.context["rows"]]


def test_analysts_see_everyone_not_done_and_filter_by_kecamatan_and_jenis(client, world):
    client.force_login(make_analyst())
    response = client.get(URL)
    assert response.context["course"] == world["course"]
    assert [c.title for c in response.context["courses"]] == ["Pembukuan digital"]  # only required courses
    assert names(response) == ["Hadi", "Nina", "Pak Budi", "Eko"]
    assert names(client.get(URL, {"kecamatan": "Paiton"})) == ["Eko"]
    assert names(client.get(URL, {"jenis": "konsumen"})) == ["Hadi", "Nina", "Pak Budi"]
    assert names(client.get(URL, {"jenis": "konsumen", "kecamatan": "Paiton"})) == []
    html = client.get(URL).content.decode()
    assert "Sedang belajar (33 %)" in html and "Belum mulai" in html and "Tidak ada nomor HP" in html


def test_pengurus_see_their_own_cooperative_only(client, world):
    client.force_login(world["people"]["pengurus"])
    response = client.get(URL, {"kecamatan": "Paiton"})  # the filter is not theirs to use
    assert names(response) == ["Hadi", "Nina", "Pak Budi"]
    client.force_login(world["people"]["new"])
    assert client.get(URL).status_code == 404
    assert client.get(URL, {"kursus": world["optional"].pk}).status_code == 404


def test_whatsapp_links_carry_a_prepared_message_to_a_normalised_number(client, world):
    client.force_login(make_analyst())
    rows = {str(row["learner"]): row for row in client.get(URL).context["rows"]}
    link = urlparse(rows["Hadi"]["whatsapp"])
    assert (link.scheme, link.netloc, link.path) == ("https", "wa.me", "/6281200000002")
    text = parse_qs(link.query)["text"][0]
    assert text.startswith('Halo Hadi, Dinas Koperasi mengingatkan: kursus "Pembukuan digital" wajib diselesaikan.')
    assert "33 %" in text and world["course"].url in text
    new = parse_qs(urlparse(rows["Pak Budi"]["whatsapp"]).query)["text"][0]
    assert "meminta Anda mengikuti kursus" in new
    assert rows["Nina"]["whatsapp"] == ""
    assert 'href="https://wa.me/6281200000002?text=' in client.get(URL).content.decode()


def test_csv_of_those_not_done(client, world):
    client.force_login(make_analyst())
    response = client.get(URL, {"jenis": "konsumen", "format": "csv"})
    assert response.status_code == 200 and "belum-selesai-" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [row["nama"] for row in rows] == ["Hadi", "Nina", "Pak Budi"]
    hadi = rows[0]
    assert (hadi["koperasi"], hadi["kecamatan"], hadi["jenis"], hadi["telepon"]) == (
        "KSU Sumber Rejeki",
        "Kraksaan",
        "konsumen",
        "081200000002",
    )
    assert (hadi["kemajuan_persen"], hadi["status"]) == ("33", "sedang_belajar")
    assert hadi["nik"] == world["konsumen"].nik


def test_queries_do_not_grow_with_staff(client, world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(make_analyst())
    client.get(URL)
    with CaptureQueriesContext(connection) as before:
        client.get(URL)
    for number in range(6):
        learner = make_user(cooperative=world["konsumen"], phone=f"08130000000{number}")
        read_lessons(learner, world["course"], 1)
    with django_assert_num_queries(len(before)):
        response = client.get(URL)
    assert len(response.context["rows"]) == 10


def test_without_required_courses_the_page_says_how_to_mark_one(client):
    client.force_login(make_analyst())
    html = client.get(URL).content.decode()
    assert "Belum ada kursus yang ditandai wajib oleh Dinas" in html

"""The office's follow-up of an open round: who has not started, who is in draft, reminders."""

import csv
import datetime
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from accounts.phone import international_phone, whatsapp_url
from readiness.services import get_or_create_draft
from tests.factories import make_analyst, make_cooperative, make_editor, make_kecamatan, make_user

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(ikdk):
    today = datetime.date.today()
    kraksaan, paiton = make_kecamatan("Kraksaan"), make_kecamatan("Paiton")
    open_round = make_round(
        ikdk,
        "des-2026",
        name="Evaluasi Desember",
        opens=today - datetime.timedelta(days=3),
        closes=today + datetime.timedelta(days=10),
    )
    drafting = make_cooperative(nik="3513000000000201", nama="KSU Draf Jaya", kecamatan=kraksaan)
    idle = make_cooperative(nik="3513000000000202", nama="KSP Belum Mulai", jenis="simpan_pinjam", kecamatan=paiton)
    done = make_cooperative(nik="3513000000000203", nama="Kopwan Sudah Kirim", kecamatan=kraksaan)
    no_phone = make_cooperative(nik="3513000000000204", nama="Koperasi Tanpa HP", kecamatan=kraksaan)
    make_cooperative(nik="3513000000000205", nama="Koperasi Tidak Aktif", kecamatan=kraksaan, is_active=False)
    make_user(cooperative=drafting, role="pengurus", phone="0812-3456-7890", first_name="Bu", last_name="Ani")
    make_user(cooperative=drafting, role="staf", phone="081200000001")
    make_user(cooperative=idle, role="pengurus", phone="+62 813 1111 2222")
    make_user(cooperative=done, role="pengurus", phone="081377778888")
    make_user(cooperative=no_phone, role="pengurus")
    get_or_create_draft(evaluation_round=open_round, cooperative=drafting)
    answer_all(open_round, done, 2)
    return {
        "round": open_round,
        "drafting": drafting,
        "idle": idle,
        "done": done,
        "no_phone": no_phone,
        "kraksaan": kraksaan,
    }


def follow_up_url(evaluation_round, **query):
    url = reverse("readiness:follow_up", args=[evaluation_round.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_phone_for_whatsapp_is_international_without_plus():
    assert international_phone("0812-3456-7890") == "6281234567890"
    assert international_phone("+62 813 1111 2222") == "6281311112222"
    assert international_phone("") == international_phone("12") == ""
    assert whatsapp_url("", "Halo") == ""
    assert (
        whatsapp_url("0812 3456 7890", "Halo Bu, 50% & ok")
        == "https://wa.me/6281234567890?text=Halo%20Bu%2C%2050%25%20%26%20ok"
    )


def test_analyst_sees_each_cooperative_where_it_stands_with_counts(client, world):
    client.force_login(make_analyst())
    response = client.get(follow_up_url(world["round"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tidak Aktif" not in html
    counts = response.context["counts"]
    assert counts == {"belum_mulai": 2, "draft": 1, "submitted": 1, "total": 4}
    statuses = {c.nama: c.round_status for c in response.context["cooperatives"]}
    assert statuses == {
        "KSU Draf Jaya": "draft",
        "KSP Belum Mulai": "belum_mulai",
        "Kopwan Sudah Kirim": "submitted",
        "Koperasi Tanpa HP": "belum_mulai",
    }
    assert "Nomor HP pengurus belum ada" in html


def test_reminder_for_a_draft_goes_to_the_pengurus_with_a_prepared_message(client, world):
    client.force_login(make_analyst())
    response = client.get(follow_up_url(world["round"]))
    rows = {c.nama: c for c in response.context["cooperatives"]}
    link = urlsplit(rows["KSU Draf Jaya"].whatsapp_url)
    assert (link.scheme, link.netloc, link.path) == ("https", "wa.me", "/6281234567890")
    message = parse_qs(link.query)["text"][0]
    assert "KSU Draf Jaya" in message and "Evaluasi Desember" in message
    assert "masih berupa draf" in message
    assert "http://testserver/kesiapan/" in message
    not_started = parse_qs(urlsplit(rows["KSP Belum Mulai"].whatsapp_url).query)["text"][0]
    assert "belum diisi" in not_started
    assert rows["Kopwan Sudah Kirim"].whatsapp_url == ""
    assert rows["Koperasi Tanpa HP"].whatsapp_url == ""
    assert rows["KSU Draf Jaya"].whatsapp_url.replace("&", "&amp;") in response.content.decode()


def test_filters_by_kecamatan_jenis_and_status(client, world):
    client.force_login(make_analyst())
    response = client.get(follow_up_url(world["round"], kecamatan=world["kraksaan"].pk, status="belum_selesai"))
    names = [c.nama for c in response.context["cooperatives"]]
    assert names == ["Koperasi Tanpa HP", "KSU Draf Jaya"]
    assert response.context["counts"]["total"] == 3
    response = client.get(follow_up_url(world["round"], jenis="simpan_pinjam"))
    assert [c.nama for c in response.context["cooperatives"]] == ["KSP Belum Mulai"]
    response = client.get(follow_up_url(world["round"], status="submitted"))
    assert [c.nama for c in response.context["cooperatives"]] == ["Kopwan Sudah Kirim"]
    # Values that are not offered are ignored, never a server error.
    response = client.get(follow_up_url(world["round"], kecamatan="abc", jenis="x", status="y"))
    assert response.status_code == 200
    assert response.context["counts"]["total"] == 4


def test_csv_lists_only_those_not_done(client, world):
    client.force_login(make_analyst())
    url = reverse("readiness:follow_up_download", args=[world["round"].slug])
    response = client.get(url + f"?kecamatan={world['kraksaan'].pk}")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["nik"], r["status"], r["telepon"]) for r in rows] == [
        ("3513000000000204", "belum_mulai", ""),
        ("3513000000000201", "draft", "081234567890"),
    ]
    assert rows[1]["pengurus"] == "Bu Ani"
    assert rows[1]["whatsapp"].startswith("https://wa.me/6281234567890?text=")


def test_closed_round_shows_no_reminders(client, world, ikdk):
    closed = make_round(ikdk, "lama", opens=datetime.date(2020, 1, 1), closes=datetime.date(2020, 2, 1))
    client.force_login(make_analyst())
    response = client.get(follow_up_url(closed))
    assert response.status_code == 200
    assert all(c.whatsapp_url == "" for c in response.context["cooperatives"])
    assert "wa.me" not in response.content.decode()


def test_only_analysts(client, world):
    url = follow_up_url(world["round"])
    download = reverse("readiness:follow_up_download", args=[world["round"].slug])
    assert client.get(url).status_code == 302  # to the login page
    for user in (make_editor(), make_user(cooperative=world["drafting"], role="pengurus")):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(download).status_code == 404
    client.force_login(make_analyst())
    assert client.get(reverse("readiness:follow_up", args=["tidak-ada"])).status_code == 404


def test_query_count_does_not_grow_with_cooperatives(client, world, django_assert_max_num_queries):
    client.force_login(make_analyst())
    url = follow_up_url(world["round"])
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for number in range(30):
        cooperative = make_cooperative(nama=f"Koperasi Tambahan {number}")
        make_user(cooperative=cooperative, role="pengurus", phone=f"0813{number:08d}")
        if number % 2:
            get_or_create_draft(evaluation_round=world["round"], cooperative=cooperative)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.context["counts"]["total"] == 34

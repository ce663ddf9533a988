"""Quiz results over hundreds of cooperatives: analysts search for one instead of a long list."""

import pytest
from django.urls import reverse

from cooperatives.models import Cooperative
from cooperatives.selectors import search_cooperatives
from tests.factories import make_analyst, make_cooperative, make_kecamatan, make_user

from .test_results import take, two_cooperatives  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(db):
    paiton = make_kecamatan("Paiton")
    cooperatives = [make_cooperative(nama=f"Koperasi Serba Usaha {n:02d}") for n in range(30)]
    cooperatives.append(make_cooperative(nik="3513099999000001", nama="KSP Sido Makmur", kecamatan=paiton))
    return cooperatives


def test_search_by_name_nik_or_kecamatan(registry):
    everyone = Cooperative.objects.all()
    assert [c.nama for c in search_cooperatives(everyone, "sido")] == ["KSP Sido Makmur"]
    assert [c.nama for c in search_cooperatives(everyone, "351309999")] == ["KSP Sido Makmur"]
    assert [c.nama for c in search_cooperatives(everyone, "paiton makmur")] == ["KSP Sido Makmur"]
    assert search_cooperatives(everyone, "   ") == []
    assert len(search_cooperatives(everyone, "serba usaha")) == 20  # never a long list


def test_results_page_has_no_long_list_but_a_search(client, quiz, two_cooperatives, registry):  # noqa: F811
    client.force_login(make_analyst())
    url = reverse("quizzes:quiz_results", args=[quiz.pk])
    html = client.get(url).content.decode()
    assert 'name="cari"' in html
    assert '<select name="koperasi"' not in html and html.count("<option") < 10
    assert "Koperasi Serba Usaha 05" not in html

    html = client.get(url, {"cari": "melati"}).content.decode()
    theirs = two_cooperatives["theirs"]
    assert f'href="?koperasi={theirs.pk}"' in html
    assert "Koperasi Mawar</a>" not in html

    response = client.get(url, {"koperasi": theirs.pk})
    html = response.content.decode()
    assert "Koperasi Melati" in html and "staf_melati" in html and "staf_mawar" not in html
    assert "Semua koperasi" in html

    html = client.get(url, {"cari": "serba"}).content.decode()
    assert "Hanya 20 koperasi pertama" in html


def test_pengurus_gets_no_picker_and_search_reveals_nothing(client, quiz, two_cooperatives):  # noqa: F811
    client.force_login(two_cooperatives["pengurus"])
    url = reverse("quizzes:quiz_results", args=[quiz.pk])
    html = client.get(url, {"cari": "melati"}).content.decode()
    assert 'name="cari"' not in html
    assert f"?koperasi={two_cooperatives['theirs'].pk}" not in html


def test_search_queries_are_constant(client, quiz, two_cooperatives, registry, django_assert_max_num_queries):  # noqa: F811
    client.force_login(make_analyst())
    url = reverse("quizzes:quiz_results", args=[quiz.pk])
    with django_assert_max_num_queries(40) as small:
        client.get(url, {"cari": "koperasi"})
    for n in range(15):
        take(make_user(cooperative=make_cooperative(nama=f"Koperasi Baru {n}")), quiz, right=n % 5)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url, {"cari": "koperasi"}).status_code == 200

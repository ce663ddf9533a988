"""What a first real pengurus stumbled over on the cooperative page (phone first)."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from tests.factories import make_analyst, make_cooperative, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def own():
    return make_cooperative(nama="Koperasi Sumber Rejeki")


def test_pengurus_reaches_staff_progress_quiz_results_and_readiness_from_the_page(client, own):
    client.force_login(make_user(cooperative=own, role="pengurus"))
    html = client.get(reverse("cooperatives:detail", args=[own.pk])).content.decode()
    main = html.split('<main id="main"')[1]
    for url in (
        reverse("courses:staff_progress", args=[own.pk]),
        reverse("quizzes:results_index"),
        reverse("readiness:index"),
    ):
        assert f'href="{url}"' in main


def test_join_code_can_be_shared_on_whatsapp(client, own):
    client.force_login(make_user(cooperative=own, role="pengurus"))
    html = client.get(reverse("cooperatives:detail", args=[own.pk])).content.decode()
    link = f"http://testserver/akun/daftar/?kode={own.join_code}"
    assert 'href="https://wa.me/?text=' in html
    assert quote(link, safe="/") in html and own.join_code in html


def test_member_table_lists_pengurus_first_and_scrolls_on_a_phone(client, own):
    make_user(cooperative=own, first_name="Agus", username="agus")
    make_user(cooperative=own, role="pengurus", first_name="Zainal", username="zainal")
    client.force_login(make_analyst())
    html = client.get(reverse("cooperatives:detail", args=[own.pk])).content.decode()
    members = html.split('id="members-title"')[1]
    assert members.index("Zainal") < members.index("Agus")
    assert '<div class="table-wrap" tabindex="0"><table>' in members  # scrolls, by keyboard too
    # Analysts are not offered the pengurus' own readiness page (they have their own).
    assert "Asesmen kesiapan" not in html.split("</header>")[1]


def test_staff_see_no_join_code_or_share_link(client, own):
    make_user(cooperative=own, role="pengurus")
    staff = make_user(cooperative=own)
    client.force_login(staff)
    assert client.get(reverse("cooperatives:detail", args=[own.pk])).status_code == 404


def test_password_reset_is_reachable_without_scrolling_sideways(client, own):
    # On a 390 px phone a fourth "Tindakan" column sat off-screen: the action lives
    # under the member's name now, in a three-column table.
    staff = make_user(cooperative=own, first_name="Siti")
    client.force_login(make_user(cooperative=own, role="pengurus"))
    html = client.get(reverse("cooperatives:detail", args=[own.pk])).content.decode()
    members = html.split('id="members-title"')[1]
    assert members.count('<th scope="col">') == 3
    row = next(cell for cell in members.split("<tr>") if "Siti" in cell)
    assert reverse("accounts:manager_password_reset", args=[staff.pk]) in row.split("</td>")[0]


def test_admin_listing_says_ya_or_tidak_not_true_or_false(client):
    make_cooperative(nama="Koperasi Aktif")
    make_cooperative(nama="Koperasi Bubar", is_active=False)
    client.force_login(make_analyst())
    html = client.get("/admin/koperasi/").content.decode()
    assert "Koperasi Aktif" in html and "Koperasi Bubar" in html
    assert "True" not in html and "False" not in html
    assert ">Ya<" in html.replace(" ", "").replace("\n", "") and ">Tidak<" in html.replace(" ", "").replace("\n", "")

"""The report pages: who may open them, and what they show."""

import pytest
from django.urls import reverse

from reports.models import ExportJob
from tests.factories import make_cooperative, make_editor, make_user
from tests.reports.conftest import make_result

PAGES = ["reports:dashboard", "reports:comparison", "reports:training"]


def _non_analysts(district):
    return {
        "staf": district.staf1,
        "pengurus": district.pengurus1,
        "editor": make_editor(),
        "plain": make_user(),
    }


@pytest.mark.parametrize("who", ["staf", "pengurus", "editor", "plain"])
def test_every_page_and_download_is_404_for_non_analysts(client, district, who):
    user = _non_analysts(district)[who]
    client.force_login(user)
    job = ExportJob.objects.create(kind=ExportJob.KIND_READINESS, parameters={"round": "2025"})
    urls = [reverse(name) for name in PAGES]
    urls += [
        reverse("reports:download", args=[name, fmt])
        for name in ("koperasi", "kecamatan", "asosiasi")
        for fmt in ("csv", "xlsx")
    ]
    urls += [
        reverse(name, args=[job.pk])
        for name in ("reports:export_detail", "reports:export_status", "reports:export_download")
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("reports:export_request"), {"kind": "readiness", "putaran": "2025"})
    assert response.status_code == 404
    assert not ExportJob.objects.exclude(pk=job.pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, district):
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_a_superuser_sees_the_reports(client, district):
    client.force_login(make_user(is_superuser=True, is_staff=True))
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200


def test_dashboard_defaults_to_the_newest_round(analyst_client, district):
    response = analyst_client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert response.context["params"].evaluation_round == district.round_b
    overview = response.context["overview"]
    assert (overview.registered, overview.assessed) == (6, 4)
    text = response.content.decode()
    assert "66,7%" in text  # 4 of 6, Indonesian decimal comma
    assert "51,3" in text  # mean index 51.255
    assert "<svg" in text and "Sudah menerapkan" in text
    # The paginated list links to each cooperative's report card and its PDF.
    card = reverse("readiness:report_card", args=["2025", district.c4.pk])
    pdf = reverse("readiness:report_card_pdf", args=["2025", district.c4.pk])
    assert f'href="{card}"' in text and f'href="{pdf}"' in text
    assert "Koperasi Lima" not in text  # a draft is not a result


def test_dashboard_skips_a_newer_round_without_results(analyst_client, district):
    import datetime

    from tests.reports.conftest import make_round

    make_round(district.framework, "2026", datetime.date(2026, 3, 1))
    response = analyst_client.get(reverse("reports:dashboard"))
    assert response.context["params"].evaluation_round == district.round_b
    chosen = analyst_client.get(reverse("reports:dashboard"), {"putaran": "2026"})
    assert chosen.context["overview"].assessed == 0
    assert "Belum ada koperasi yang dinilai" in chosen.content.decode()


def test_dashboard_round_chooser_and_filters(analyst_client, district):
    response = analyst_client.get(
        reverse("reports:dashboard"), {"putaran": "2024", "kecamatan": district.paiton.pk, "jenis": "konsumen"}
    )
    assert response.context["params"].evaluation_round == district.round_a
    overview = response.context["overview"]
    # Paiton konsumen: c3 and c4 active; only c3 assessed in 2024 (30).
    assert (overview.registered, overview.assessed, overview.mean_overall) == (2, 1, 30)
    assert [a.cooperative for a in response.context["page_obj"]] == [district.c3]


def test_dashboard_shows_form_errors_for_a_bad_round_and_falls_back(analyst_client, district):
    response = analyst_client.get(reverse("reports:dashboard"), {"putaran": "tidak-ada"})
    assert response.status_code == 200
    assert response.context["form"].errors["putaran"]
    assert response.context["params"].evaluation_round == district.round_b


def test_dashboard_paginates_the_cooperatives(analyst_client, district):
    for _ in range(30):
        make_result(district.round_b, make_cooperative(kecamatan=district.kraksaan), 50, {"D1": 50, "D2": 50})
    first = analyst_client.get(reverse("reports:dashboard"), {"putaran": "2025", "jenis": "konsumen"})
    assert len(first.context["page_obj"].object_list) == 25
    second = analyst_client.get(reverse("reports:dashboard"), {"putaran": "2025", "jenis": "konsumen", "halaman": 2})
    assert len(second.context["page_obj"].object_list) == 33 - 25
    assert "jenis=konsumen" in first.context["page_obj"].next_url


def test_comparison_page(analyst_client, district):
    response = analyst_client.get(reverse("reports:comparison"))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.improved, summary.unchanged, summary.declined) == (1, 1, 1)
    text = response.content.decode()
    assert "Putaran 2024 → Putaran 2025" in text
    assert "Koperasi Satu" in text and "Koperasi Tiga" in text
    assert "Koperasi Empat" not in text  # only in one round
    assert response.context["cross"].counts[2][3] == 1


def test_comparison_refuses_rounds_of_another_framework(analyst_client, district):
    from tests.reports.conftest import make_framework, make_round

    make_round(make_framework(code="lain"), "lain-2025", district.round_b.opens_on)
    response = analyst_client.get(reverse("reports:comparison"), {"putaran": "2025", "pembanding": "lain-2025"})
    assert "instrumen yang sama" in str(response.context["form"].errors["pembanding"])
    assert response.context["params"].compare_round == district.round_a  # falls back to the previous round
    lonely = analyst_client.get(reverse("reports:comparison"), {"putaran": "lain-2025"})
    assert not lonely.context["params"].comparable
    assert "Belum ada putaran lain" in lonely.content.decode()


def test_training_page(analyst_client, district):
    response = analyst_client.get(reverse("reports:training"))
    assert response.status_code == 200
    d1, d2 = response.context["association"]
    assert (d1.trained.count, d1.untrained.count) == (1, 2)
    text = response.content.decode()
    assert "bukan bukti" in text
    assert "Koperasi Satu" in text
    rows = {c.pk: c for c in response.context["page_obj"]}
    assert rows[district.c1.pk].completion_count == 1


def test_header_shows_laporan_to_analysts_only(client, analyst, district):
    client.force_login(district.pengurus1)
    assert 'href="/laporan/"' not in client.get(reverse("courses:my_courses")).content.decode()
    client.force_login(analyst)
    assert 'href="/laporan/"' in client.get(reverse("courses:my_courses")).content.decode()


def _admin_menu_urls(user):
    from django.test import RequestFactory
    from wagtail.admin.menu import admin_menu

    request = RequestFactory().get("/admin/")
    request.user = user
    return [item.url for item in admin_menu.menu_items_for_request(request)]


def test_wagtail_admin_menu_has_laporan_for_analysts_only(analyst, district):
    assert "/laporan/" in _admin_menu_urls(analyst)
    assert "/laporan/" not in _admin_menu_urls(make_editor())


def test_round_chooser_shows_the_round_reported_on_by_default(client, analyst, district):
    """Without ?putaran= the newest round with results is shown, and the chooser says so."""
    from reports import selectors as report_selectors

    client.force_login(analyst)
    html = client.get("/laporan/").content.decode()
    shown = report_selectors.default_round()
    assert f'<option value="{shown.slug}" selected>' in html

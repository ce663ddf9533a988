"""Report pages and downloads run a constant number of queries as cooperatives grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_cooperative, make_user
from tests.reports.conftest import complete_course, make_result


def grow(district, count):
    """``count`` more cooperatives, assessed in both rounds, each with a trained member."""
    for index in range(count):
        kecamatan = district.kraksaan if index % 2 else district.paiton
        cooperative = make_cooperative(kecamatan=kecamatan, jenis="konsumen" if index % 3 else "produsen")
        make_result(district.round_a, cooperative, 30 + index % 40, {"D1": 30, "D2": 40})
        make_result(district.round_b, cooperative, 35 + index % 50, {"D1": 45, "D2": 35})
        if index % 2:
            complete_course(make_user(cooperative=cooperative), district.course_d1)


URLS = [
    ("reports:dashboard", ()),
    ("reports:comparison", ()),
    ("reports:training", ()),
    ("reports:download", ("koperasi", "csv")),
    ("reports:download", ("partisipasi", "xlsx")),
    ("reports:download", ("asosiasi", "csv")),
]


def _fetch(client, url):
    response = client.get(url, {"kecamatan": "", "jenis": ""})
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize(("name", "args"), URLS)
def test_query_count_does_not_grow_with_cooperatives(
    analyst_client, district, gains, django_assert_num_queries, name, args
):
    url = reverse(name, args=args)
    grow(district, 5)
    _fetch(analyst_client, url)  # warm caches (content types, site) before counting
    with CaptureQueriesContext(connection) as at_n:
        _fetch(analyst_client, url)
    grow(district, 10)  # threefold: a per-row query would add at least ten
    with django_assert_num_queries(len(at_n.captured_queries)):
        _fetch(analyst_client, url)


# The dashboard's whole budget: session, user, permissions, the rounds (chosen and default,
# the previous one, the form bound again with them), the aggregates (totals, registry,
# levels, dimensions, kecamatan, jenis), one page of results, the analyst's export jobs and
# the choices of the filter form (the kecamatan filter adds its lookup, twice).
DASHBOARD_QUERIES = 24


def _touches_rows(sql):
    """Whether a query reads the registry or the results themselves (not their aggregates)."""
    return '"cooperatives_cooperative"' in sql or '"readiness_assessment"' in sql


@pytest.mark.parametrize("query", [{}, {"kecamatan": "kraksaan", "halaman": "2"}, {"jenis": "konsumen"}])
def test_dashboard_reads_aggregates_and_one_page_of_results(
    analyst_client, district, django_assert_max_num_queries, query
):
    """At any scale the dashboard counts nothing row by row: every number comes from the
    aggregates, the list's length too; the only query over the results reads one page."""
    grow(district, 60)
    if query.get("kecamatan"):
        query = {**query, "kecamatan": district.kraksaan.pk}
    url = reverse("reports:dashboard")
    analyst_client.get(url, query)
    with django_assert_max_num_queries(DASHBOARD_QUERIES) as captured:
        response = analyst_client.get(url, query)
    assert response.status_code == 200
    over_rows = [q["sql"] for q in captured.captured_queries if _touches_rows(q["sql"])]
    assert len(over_rows) == 1, over_rows
    assert " LIMIT " in over_rows[0] and "COUNT(" not in over_rows[0].upper()

    page_obj = response.context["page_obj"]
    overview = response.context["overview"]
    results = district.round_b.assessments.filter(status__in=["submitted", "verified"])
    if query.get("kecamatan"):
        results = results.filter(cooperative__kecamatan=district.kraksaan)
    if query.get("jenis"):
        results = results.filter(cooperative__jenis=query["jenis"])
    assert page_obj.paginator.count == overview.assessed == results.count()
    assert page_obj.number == int(query.get("halaman", 1))
    expected = list(results.order_by("cooperative__nama", "pk")[(page_obj.number - 1) * 25 :][:25])
    assert list(page_obj.object_list) == expected

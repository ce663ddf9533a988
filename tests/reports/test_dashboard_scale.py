"""The dashboard at scale (the district of conftest.py and 60 more cooperatives, built once
for the module): every number comes from the aggregates, and one query reads one page of results."""

import pytest
from django.urls import reverse

from tests.conftest import refetched
from tests.reports.conftest import build_district, grow


def build_grown_district():
    district = build_district()
    grow(district, 60)
    return district


@pytest.fixture(scope="module")
def _shared_district(module_db):
    return module_db.build("district", build_grown_district)


@pytest.fixture
def district(_shared_district, db):
    if _shared_district is None:  # a test that commits builds its own
        return build_grown_district()
    return refetched(_shared_district)


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

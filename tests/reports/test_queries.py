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

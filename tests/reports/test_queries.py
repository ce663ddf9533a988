"""Report pages and downloads run a constant number of queries as cooperatives grow (the
dashboard at scale: test_dashboard_scale.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.reports.conftest import grow

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

"""The network benchmark's generator and measurements at a tiny scale (no timing asserted)."""

import pytest

from bench import network as bench_network
from network.models import Agreement, FollowUp

pytestmark = pytest.mark.django_db


def test_generator_grows_and_queries_stay_equal():
    bench_network.grow(cooperatives=20, agreements=30)
    assert Agreement.objects.count() == 30
    small = bench_network.measure(repeat=1, with_process=False)
    bench_network.grow(cooperatives=60, agreements=90)
    assert Agreement.objects.count() == 90 and FollowUp.objects.filter(evaluation__slug="bench-evaluasi-2").exists()
    large = bench_network.measure(repeat=1, with_process=False)
    verdict = bench_network.compare(small, large)
    assert verdict["queries_equal"], verdict["queries"]
    assert all(page["status"] == 200 for page in large["queries"].values())
    assert small["floor_seconds"] > 0 and large["counts"]["commitments"] == 180

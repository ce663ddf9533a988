"""Report numbers against the hand-computed district of conftest.py."""

import pytest

from reports import selectors
from reports.selectors import Scope


def test_overview_counts_active_cooperatives_and_results_only(district):
    overview = selectors.overview(district.round_b)
    # Registered: c1 c2 c3 c4 c5 c7 (c6 inactive); assessed: c1 c2 c3 c4 (c5 is a draft).
    assert overview.registered == 6
    assert overview.assessed == 4
    assert overview.coverage == pytest.approx(400 / 6)
    assert overview.mean_overall == pytest.approx((60 + 50.02 + 10 + 85) / 4)


def test_overview_in_a_scope(district):
    overview = selectors.overview(district.round_b, Scope(kecamatan=district.paiton))
    assert (overview.registered, overview.assessed) == (3, 2)
    assert overview.mean_overall == pytest.approx(47.5)
    overview = selectors.overview(district.round_b, Scope(kecamatan=district.kraksaan, jenis="konsumen"))
    assert (overview.registered, overview.assessed) == (1, 1)
    assert overview.mean_overall == pytest.approx(60)


def test_an_inactive_cooperative_with_a_result_counts_as_registered(district):
    from tests.reports.conftest import make_result

    make_result(district.round_b, district.c6, 20, {"D1": 20, "D2": 20})
    overview = selectors.overview(district.round_b)
    assert (overview.registered, overview.assessed) == (7, 5)


def test_level_distribution_uses_the_framework_bands(district):
    rows = selectors.level_distribution(district.round_b)
    assert [(row.level, row.label, row.count) for row in rows] == [
        (0, "Belum siap", 1),
        (1, "Kesiapan awal", 0),
        (2, "Kesiapan sedang", 1),
        (3, "Kesiapan matang", 1),
        (4, "Sudah menerapkan", 1),
    ]
    assert rows[0].percent == pytest.approx(25)


def test_dimension_means(district):
    rows = selectors.dimension_means(district.round_b)
    assert [row.code for row in rows] == ["D1", "D2"]
    assert rows[0].mean == pytest.approx((70 + 50.04 + 0 + 90) / 4)
    assert rows[1].mean == pytest.approx((50 + 50 + 20 + 80) / 4)
    assert rows[0].count == 4


def test_by_kecamatan(district):
    rows = selectors.by_kecamatan(district.round_b)
    assert [(r.label, r.registered, r.assessed) for r in rows] == [("Kraksaan", 3, 2), ("Paiton", 3, 2)]
    assert rows[0].mean_overall == pytest.approx(55.01)
    assert rows[1].mean_overall == pytest.approx(47.5)
    assert rows[0].coverage == pytest.approx(200 / 3)


def test_by_jenis(district):
    rows = {r.key: r for r in selectors.by_jenis(district.round_b)}
    assert set(rows) == {"konsumen", "simpan_pinjam", "produsen", "jasa"}
    assert (rows["konsumen"].registered, rows["konsumen"].assessed) == (3, 3)
    assert rows["konsumen"].mean_overall == pytest.approx((60 + 10 + 85) / 3)
    assert rows["konsumen"].label == "Konsumen"
    assert (rows["produsen"].registered, rows["produsen"].assessed, rows["produsen"].mean_overall) == (1, 0, None)


def test_cooperative_results_lists_results_only_by_name(district):
    names = [a.cooperative.nama for a in selectors.cooperative_results(district.round_b)]
    assert names == ["Koperasi Dua", "Koperasi Empat", "Koperasi Satu", "Koperasi Tiga"]


def test_change_summary_with_the_tolerance(district):
    summary = selectors.change_summary(district.round_a, district.round_b)
    # c1 +20 improved, c2 +0.02 unchanged (|Δ| < 0.05), c3 −20 declined; c4 only in B.
    assert (summary.paired, summary.improved, summary.unchanged, summary.declined) == (3, 1, 1, 1)
    assert summary.mean_before == pytest.approx(40)
    assert summary.mean_after == pytest.approx((60 + 50.02 + 10) / 3)
    assert summary.mean_change == pytest.approx(0.02 / 3)


def test_largest_changes_both_ways(district):
    improved, declined = selectors.largest_changes(district.round_a, district.round_b)
    assert [(a.cooperative.nama, round(a.delta, 2)) for a in improved] == [("Koperasi Satu", 20)]
    assert [(a.cooperative.nama, round(a.delta, 2)) for a in declined] == [("Koperasi Tiga", -20)]


def test_largest_changes_are_capped_and_ordered(district):
    from tests.factories import make_cooperative
    from tests.reports.conftest import make_result

    for step in range(12):
        cooperative = make_cooperative(kecamatan=district.kraksaan)
        make_result(district.round_a, cooperative, 10, {"D1": 10})
        make_result(district.round_b, cooperative, 11 + step, {"D1": 11 + step})
    improved, _declined = selectors.largest_changes(district.round_a, district.round_b)
    assert len(improved) == 10
    # c1 (+20), then the steps +12, +11, … down to +4; +3, +2 and +1 fall off.
    assert [round(a.delta, 2) for a in improved] == [20, 12, 11, 10, 9, 8, 7, 6, 5, 4]


def test_dimension_changes(district):
    rows = selectors.dimension_changes(district.round_a, district.round_b)
    d1, d2 = rows
    assert (d1.code, d1.paired, d1.improved, d1.declined) == ("D1", 3, 1, 1)
    assert d1.mean_change == pytest.approx((30 + 0.04 - 20) / 3)
    assert d1.mean_before == pytest.approx((40 + 50 + 20) / 3)
    assert d2.mean_change == pytest.approx((10 + 0 - 20) / 3)


def test_level_cross_table(district):
    table = selectors.level_cross_table(district.round_a, district.round_b)
    assert table.total == 3
    # c1: 2 → 3, c2: 2 → 2, c3: 1 → 0.
    expected = [[0] * 5 for _ in range(5)]
    expected[2][3] = 1
    expected[2][2] = 1
    expected[1][0] = 1
    assert table.counts == expected


def test_comparison_in_a_scope(district):
    summary = selectors.change_summary(district.round_a, district.round_b, Scope(kecamatan=district.paiton))
    assert (summary.paired, summary.improved, summary.unchanged, summary.declined) == (1, 0, 0, 1)


def test_rounds_compare_within_one_framework_code(district):
    from tests.reports.conftest import make_framework, make_round

    other = make_round(make_framework(code="lain"), "lain-2025", district.round_b.opens_on)
    assert selectors.comparable(district.round_a, district.round_b)
    assert not selectors.comparable(district.round_a, other)
    assert not selectors.comparable(district.round_a, district.round_a)
    assert selectors.previous_round(district.round_b) == district.round_a
    assert selectors.previous_round(district.round_a) is None


def test_course_participation(district):
    rows = {c.pk: c for c in selectors.course_participation()}
    c1, c2, c7 = rows[district.c1.pk], rows[district.c2.pk], rows[district.c7.pk]
    assert (c1.member_count, c1.staff_count, c1.enrolment_count, c1.completion_count, c1.completer_count) == (
        2,
        1,
        1,
        1,
        1,
    )
    assert (c2.member_count, c2.learner_count, c2.enrolment_count, c2.completion_count) == (1, 1, 1, 0)
    assert (c7.member_count, c7.enrolment_count) == (0, 0)


def test_training_association_groups(district):
    d1, d2 = selectors.training_association(district.round_a, district.round_b)
    # D1: c1 completed a D1 course (+30); c2 (+0.04) and c3 (−20) did not.
    assert (d1.trained.count, d1.untrained.count) == (1, 2)
    assert d1.trained.mean_change == pytest.approx(30)
    assert d1.untrained.mean_change == pytest.approx((0.04 - 20) / 2)
    assert d1.difference == pytest.approx(30 - (0.04 - 20) / 2)
    # D2: c3 completed a course tagged "d2" (−20); c1 (+10) and c2 (0) did not.
    assert (d2.trained.count, d2.untrained.count) == (1, 2)
    assert d2.trained.mean_change == pytest.approx(-20)
    assert d2.untrained.mean_change == pytest.approx(5)


def test_training_after_round_b_closed_does_not_count(district):
    import datetime

    from django.utils import timezone

    district.round_b.closes_on = datetime.date(2025, 4, 1)
    district.round_b.save()
    from courses.models import Enrolment

    Enrolment.objects.filter(user=district.staf1).update(
        completed_at=timezone.make_aware(datetime.datetime(2025, 6, 1, 10, 0))
    )
    d1, _d2 = selectors.training_association(district.round_a, district.round_b)
    assert (d1.trained.count, d1.untrained.count) == (0, 3)
    assert d1.difference is None

"""Edges of the reports: the dashboard before any round exists, the demo training seed when
there is nothing to train on (and its learners), and comparing rounds of two versions of one
instrument whose bands differ."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from courses.models import Enrolment
from readiness.models import Assessment, Framework
from reports import demo, selectors
from tests.factories import make_cooperative, make_course

from .conftest import make_result, make_round

pytestmark = pytest.mark.django_db


def test_dashboard_without_rounds(analyst_client):
    response = analyst_client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert "Belum ada putaran evaluasi" in response.content.decode()


def test_the_demo_training_waits_for_courses_and_cooperatives():
    out = io.StringIO()
    make_cooperative()
    make_course(title="Kursus draf", publish=False)
    demo.seed(out)
    assert out.getvalue().strip() == "Aktivitas pelatihan demo dilewati: belum ada kursus atau koperasi."
    assert not Enrolment.objects.exists()
    assert not get_user_model().objects.filter(username__startswith="peserta").exists()


def test_demo_learners_are_found_again_and_cannot_log_in():
    cooperative = make_cooperative(nik="3513010000009876", nama="Koperasi Demo Pelatihan")
    first = demo._learner(cooperative, 1)
    assert first.username == "peserta9876_1" and first.last_name == "Koperasi Demo Pelatihan 1"
    assert (first.cooperative, first.cooperative_role, first.has_usable_password()) == (cooperative, "staf", False)
    assert demo._learner(cooperative, 1).pk == first.pk
    assert demo._rng(cooperative.nik).random() == demo._rng("3513010000009876").random()
    assert demo._rng("3513010000009876").random() != demo._rng("3513010000009877").random()


def test_versions_with_other_bands_label_rows_by_a_and_columns_by_b():
    old = Framework.objects.create(code="versi", version=1, name="Instrumen versi 1")
    new = Framework.objects.create(
        code="versi",
        version=2,
        name="Instrumen versi 2",
        bands=[{"min": 0, "label": "Rendah"}, {"min": 50, "label": "Sedang"}, {"min": 75, "label": "Tinggi"}],
    )
    round_a = make_round(old, "versi-2024", datetime.date(2024, 3, 1))
    round_b = make_round(new, "versi-2025", datetime.date(2025, 3, 1))
    low, high = make_cooperative(), make_cooperative()
    make_result(round_a, low, 30, {})
    make_result(round_b, low, 55, {})  # 1 → Sedang
    make_result(round_a, high, 70, {})
    make_result(round_b, high, 90, {})  # 3 → Tinggi (level 2 of the new bands)
    assert selectors.comparable(round_a, round_b) and selectors.previous_round(round_b) == round_a
    cross = selectors.level_cross_table(round_a, round_b)
    assert cross.row_labels[:2] == ["Belum siap", "Kesiapan awal"] and cross.column_labels == [
        "Rendah",
        "Sedang",
        "Tinggi",
    ]
    assert cross.counts[1] == [0, 1, 0] and cross.counts[3] == [0, 0, 1] and cross.total == 2
    summary = selectors.change_summary(round_a, round_b)
    assert (summary.paired, summary.improved, summary.mean_change) == (2, 2, pytest.approx(22.5))
    # A level stored that B's bands have no label for is left out rather than misplaced.
    Assessment.objects.filter(round=round_b, cooperative=high).update(level=4)
    cross = selectors.level_cross_table(round_a, round_b)
    assert cross.counts[3] == [0, 0, 0] and cross.total == 1

"""A small hand-made district for the report tests.

Scores are stored directly (reports read stored scores; the readiness app's own tests
cover how they are computed), so every expected number below is worked out by hand.

Framework ``uji`` (default bands 0/20/40/60/80), dimensions D1 and D2.

| koperasi | kecamatan | jenis | aktif | 2024 (A): R, D1, D2 | 2025 (B): R, D1, D2 |
|---|---|---|---|---|---|
| c1 | Kraksaan | konsumen | ya | 40, 40, 40 (level 2) | 60, 70, 50 (level 3) |
| c2 | Kraksaan | simpan_pinjam | ya | 50, 50, 50 (2) | 50.02, 50.04, 50 (2) |
| c3 | Paiton | konsumen | ya | 30, 20, 40 (1) | 10, 0, 20 (0) |
| c4 | Paiton | konsumen | ya | — | 85, 90, 80 (4) |
| c5 | Paiton | produsen | ya | — | draft (not a result) |
| c6 | Kraksaan | konsumen | tidak | — | — |
| c7 | Kraksaan | jasa | ya | — | — |

Training: a member of c1 completed a course tagged "D1"; a member of c3 completed one
tagged "d2" (lower case: tags match dimension codes case-insensitively); a member of c2
enrolled in the D1 course without completing it.
"""

import csv
import datetime
import io
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from readiness import aggregates, scoring
from readiness.models import Assessment, Dimension, DimensionScore, EvaluationRound, Framework
from tests.conftest import refetched
from tests.factories import make_analyst, make_cooperative, make_course, make_kecamatan, make_user


def make_framework(code="uji", version=1, dimensions=("D1", "D2")):
    framework = Framework.objects.create(code=code, version=version, name=f"Instrumen {code}")
    for index, dimension_code in enumerate(dimensions):
        Dimension.objects.create(
            framework=framework, code=dimension_code, name=f"Dimensi {dimension_code}", sort_order=index
        )
    return framework


def make_round(framework, slug, opens_on, closes_on=None):
    return EvaluationRound.objects.create(
        slug=slug, name=f"Putaran {slug}", framework=framework, opens_on=opens_on, closes_on=closes_on
    )


def make_result(evaluation_round, cooperative, overall, scores, *, status=Assessment.STATUS_SUBMITTED):
    framework = evaluation_round.framework
    level = scoring.readiness_level(overall, framework.band_list()) if overall is not None else None
    assessment = Assessment.objects.create(
        round=evaluation_round, cooperative=cooperative, status=status, overall=overall, level=level
    )
    dimensions = {d.code: d for d in framework.dimensions.all()}
    DimensionScore.objects.bulk_create(
        DimensionScore(assessment=assessment, dimension=dimensions[code], score=score) for code, score in scores.items()
    )
    # Stored around the services, so the result is put into the dashboard's aggregates here.
    aggregates.add(aggregates.of_assessment(assessment.pk))
    return assessment


def complete_course(user, course, *, when=None):
    from courses.models import Enrolment

    return Enrolment.objects.create(user=user, course=course, completed_at=when or timezone.now())


def tagged_course(*codes, title=None):
    course = make_course(title=title)
    course.dimensions.add(*codes)
    course.save()
    return course


@pytest.fixture(scope="module")
def _shared_district(module_db):
    """The district, built once per module (tests/conftest.py ``module_db``)."""
    return module_db.build("district", build_district)


@pytest.fixture
def district(_shared_district, db):
    if _shared_district is None:  # a test that commits builds its own
        return build_district()
    return refetched(_shared_district)


def build_district():
    kraksaan = make_kecamatan("Kraksaan")
    paiton = make_kecamatan("Paiton")
    framework = make_framework()
    round_a = make_round(framework, "2024", datetime.date(2024, 3, 1))
    round_b = make_round(framework, "2025", datetime.date(2025, 3, 1))
    c1 = make_cooperative(nama="Koperasi Satu", jenis="konsumen", kecamatan=kraksaan)
    c2 = make_cooperative(nama="Koperasi Dua", jenis="simpan_pinjam", kecamatan=kraksaan)
    c3 = make_cooperative(nama="Koperasi Tiga", jenis="konsumen", kecamatan=paiton)
    c4 = make_cooperative(nama="Koperasi Empat", jenis="konsumen", kecamatan=paiton)
    c5 = make_cooperative(nama="Koperasi Lima", jenis="produsen", kecamatan=paiton)
    c6 = make_cooperative(nama="Koperasi Enam", jenis="konsumen", kecamatan=kraksaan, is_active=False)
    c7 = make_cooperative(nama="Koperasi Tujuh", jenis="jasa", kecamatan=kraksaan)
    make_result(round_a, c1, 40, {"D1": 40, "D2": 40})
    make_result(round_a, c2, 50, {"D1": 50, "D2": 50})
    make_result(round_a, c3, 30, {"D1": 20, "D2": 40})
    make_result(round_b, c1, 60, {"D1": 70, "D2": 50})
    make_result(round_b, c2, 50.02, {"D1": 50.04, "D2": 50})
    make_result(round_b, c3, 10, {"D1": 0, "D2": 20})
    make_result(round_b, c4, 85, {"D1": 90, "D2": 80})
    make_result(round_b, c5, 55, {"D1": 55, "D2": 55}, status=Assessment.STATUS_DRAFT)

    course_d1 = tagged_course("D1", title="Kursus Pembukuan Digital")
    course_d2 = tagged_course("d2", title="Kursus Infrastruktur")
    staf1 = make_user(cooperative=c1, role="staf")
    pengurus1 = make_user(cooperative=c1, role="pengurus")
    staf2 = make_user(cooperative=c2, role="staf")
    staf3 = make_user(cooperative=c3, role="staf")
    complete_course(staf1, course_d1)
    from courses.models import Enrolment

    Enrolment.objects.create(user=staf2, course=course_d1)
    complete_course(staf3, course_d2)
    return SimpleNamespace(
        framework=framework,
        round_a=round_a,
        round_b=round_b,
        kraksaan=kraksaan,
        paiton=paiton,
        c1=c1,
        c2=c2,
        c3=c3,
        c4=c4,
        c5=c5,
        c6=c6,
        c7=c7,
        course_d1=course_d1,
        course_d2=course_d2,
        staf1=staf1,
        pengurus1=pengurus1,
        staf2=staf2,
        staf3=staf3,
    )


@pytest.fixture
def analyst(db):
    return make_analyst()


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


def build_gains(district):
    """A pre-test and post-test under the D1 course: staf1 40 → 70, staf2 60 → 80.

    Group gain (Hake, from group means): pre 50, post 75 → (75 − 50) / (100 − 50) = 0.5.
    """
    from quizzes import questions as q
    from quizzes.models import Attempt
    from quizzes.services import create_quiz

    question = [q.true_false_question("Koperasi wajib mengadakan RAT.", True)]
    pre = create_quiz(course=district.course_d1, title="Pre-test", questions=question, purpose="pre_test")
    post = create_quiz(course=district.course_d1, title="Post-test", questions=question, purpose="post_test")
    for user, before, after in ((district.staf1, 40, 70), (district.staf2, 60, 80)):
        for quiz, score in ((pre, before), (post, after)):
            Attempt.objects.create(
                user=user,
                quiz=quiz,
                number=1,
                status=Attempt.STATUS_SUBMITTED,
                score=score,
                submitted_at=timezone.now(),
            )
    return SimpleNamespace(pre=pre, post=post)


@pytest.fixture(scope="module")
def _shared_gains(module_db, _shared_district):
    """The pre-test and post-test, built once per module with the shared district."""
    if _shared_district is None:
        return None
    return module_db.build("gains", lambda: build_gains(_shared_district))


@pytest.fixture
def gains(_shared_gains, district):
    if _shared_gains is None:
        return build_gains(district)
    return refetched(_shared_gains)


def grow(district, count):
    """``count`` more cooperatives, assessed in both rounds, each with a trained member."""
    for index in range(count):
        kecamatan = district.kraksaan if index % 2 else district.paiton
        cooperative = make_cooperative(kecamatan=kecamatan, jenis="konsumen" if index % 3 else "produsen")
        make_result(district.round_a, cooperative, 30 + index % 40, {"D1": 30, "D2": 40})
        make_result(district.round_b, cooperative, 35 + index % 50, {"D1": 45, "D2": 35})
        if index % 2:
            complete_course(make_user(cooperative=cooperative), district.course_d1)


# --- downloads, read back -----------------------------------------------------------------


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response):
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def get_table(client, name, fmt, **params):
    return client.get(reverse("reports:download", args=[name, fmt]), params)

import io

import pytest
from django.contrib.auth import get_user_model

from courses.models import Enrolment, LessonCompletion
from reports import demo
from tests.factories import make_cooperative, make_course, make_lesson

pytestmark = pytest.mark.django_db


def test_demo_training_spreads_over_cooperatives_and_is_idempotent():
    cooperatives = [make_cooperative() for _ in range(12)]
    for title in ("Kursus A", "Kursus B", "Kursus C"):
        course = make_course(title=title)
        for number in (1, 2):
            make_lesson(course, title=f"{title} materi {number}")

    demo.seed(io.StringIO())
    learners = get_user_model().objects.filter(username__startswith="peserta")
    counts = (learners.count(), Enrolment.objects.count(), LessonCompletion.objects.count())
    trained = set(learners.values_list("cooperative_id", flat=True))
    assert 0 < len(trained) < len(cooperatives)
    assert Enrolment.objects.filter(completed_at__isnull=False).exists()
    assert not any(user.has_usable_password() for user in learners)

    demo.seed(io.StringIO())
    assert (learners.count(), Enrolment.objects.count(), LessonCompletion.objects.count()) == counts

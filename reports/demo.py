"""Demo training activity across the demo cooperatives, so the district reports have
something to relate: staff of about half of the cooperatives take courses between the
two demo rounds, the rest do not.

Deterministic (seeded by each cooperative's NIK) and idempotent: the demo learners are
found by username, and enrolling or marking a lesson done twice changes nothing.
These learners cannot log in (no usable password); the demo logins are in accounts.demo.
"""

import random
import zlib

from django.contrib.auth import get_user_model

from cooperatives.models import Cooperative
from courses import services as course_services
from courses.models import CoursePage
from courses.selectors import course_lessons

LEARNERS_PER_COOPERATIVE = 2
TRAINED_SHARE = 0.5


def _rng(text):
    return random.Random(zlib.crc32(text.encode()))


def _learner(cooperative, number):
    User = get_user_model()
    username = f"peserta{cooperative.nik[-4:]}_{number}"
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": "Peserta",
            "last_name": f"{cooperative.nama[:40]} {number}",
            "cooperative": cooperative,
            "cooperative_role": User.ROLE_STAF,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def seed(stdout):
    courses = list(CoursePage.objects.live().order_by("path"))
    cooperatives = list(Cooperative.objects.filter(is_active=True).order_by("nik"))
    if not courses or not cooperatives:
        stdout.write("Aktivitas pelatihan demo dilewati: belum ada kursus atau koperasi.")
        return
    lessons = {course.pk: course_lessons(course) for course in courses}
    trained = 0
    for cooperative in cooperatives:
        rng = _rng(cooperative.nik)
        if rng.random() >= TRAINED_SHARE:
            continue
        trained += 1
        for number in range(1, LEARNERS_PER_COOPERATIVE + 1):
            learner = _learner(cooperative, number)
            for course in rng.sample(courses, k=min(2, len(courses))):
                course_services.enrol(user=learner, course=course)
                course_lessons_list = lessons[course.pk]
                # Most finish what they start; some stop half-way.
                done = (
                    course_lessons_list if rng.random() < 0.75 else course_lessons_list[: len(course_lessons_list) // 2]
                )
                for lesson in done:
                    course_services.mark_lesson_done(user=learner, lesson=lesson)
    stdout.write(f"Aktivitas pelatihan demo: staf dari {trained} koperasi mengikuti kursus.")

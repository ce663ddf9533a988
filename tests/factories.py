"""Small factories for tests: plain functions, explicit arguments, no magic."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from accounts.roles import ANALYST_GROUP, EDITOR_GROUP
from cooperatives.models import Cooperative, Kecamatan

_counter = itertools.count(1)

DEFAULT_PASSWORD = "rahasia-uji-123"


def make_kecamatan(name=None):
    name = name or f"Kecamatan {next(_counter)}"
    kecamatan, _ = Kecamatan.objects.get_or_create(name=name)
    return kecamatan


def make_cooperative(*, nik=None, nama=None, jenis="konsumen", kecamatan=None, **fields):
    number = next(_counter)
    return Cooperative.objects.create(
        nik=nik or f"{3513000000000000 + number:016d}",
        nama=nama or f"Koperasi Uji {number}",
        jenis=jenis,
        kecamatan=kecamatan or make_kecamatan("Kraksaan"),
        **fields,
    )


def make_user(*, username=None, cooperative=None, role=None, password=DEFAULT_PASSWORD, groups=(), **fields):
    User = get_user_model()
    if cooperative is not None and role is None:
        role = User.ROLE_STAF
    user = User(
        username=username or f"pengguna{next(_counter)}",
        cooperative=cooperative,
        cooperative_role=role or "",
        **fields,
    )
    user.set_password(password)
    user.save()
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_analyst(**fields):
    return make_user(groups=[ANALYST_GROUP], **fields)


def make_editor(**fields):
    return make_user(groups=[EDITOR_GROUP], **fields)


def home_page():
    from base.models import HomePage

    return HomePage.objects.get()


def catalogue_page():
    from courses.models import CourseIndexPage

    return CourseIndexPage.objects.get()


def make_course(*, title=None, parent=None, publish=True, **fields):
    from courses.models import CoursePage

    parent = parent or catalogue_page()
    title = title or f"Kursus {next(_counter)}"
    fields.setdefault("summary", f"Ringkasan {title}")
    course = CoursePage(title=title, live=publish, **fields)  # a draft is not live
    parent.add_child(instance=course)
    if publish:
        course.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


def make_lesson(course, *, title=None, body=None, publish=True, **fields):
    from courses.models import LessonPage

    title = title or f"Materi {next(_counter)}"
    lesson = LessonPage(title=title, body=body or [("text", f"<p>Isi {title}</p>")], live=publish, **fields)
    course.add_child(instance=lesson)
    if publish:
        lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


__all__ = ["Page"]

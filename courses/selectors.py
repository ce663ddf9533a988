"""Reads about courses and learning progress, already optimised.

Every function here costs a fixed number of queries however many courses, lessons,
learners or cooperatives there are: counts are grouped in the database and joined in
Python by course path (a lesson's course is the first ``(depth - 1) * steplen``
characters of its tree path).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Substr
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from base.access import group_names
from base.pagecache import remembered

from . import completion, models
from .blocks import CARD_COVER_FILTER_SPECS, IMAGE_FILTER_SPECS

# --- which courses a user may see -------------------------------------------------


def _hidden_restrictions(user):
    """The view restrictions ``user`` does not pass without a password form."""
    restrictions = remembered(
        "all-view-restrictions",
        lambda: list(PageViewRestriction.objects.select_related("page").prefetch_related("groups")),
    )
    by_group = any(r.restriction_type == PageViewRestriction.GROUPS for r in restrictions)
    groups = group_names(user) if by_group and user.is_authenticated else frozenset()
    hidden = []
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.LOGIN and user.is_authenticated:
            continue
        if restriction.restriction_type == PageViewRestriction.GROUPS and (
            user.is_superuser or groups & {group.name for group in restriction.groups.all()}
        ):
            continue
        hidden.append(restriction)
    return hidden


def hidden_restriction_ids(user):
    """Which sections are hidden from ``user`` (restriction ids): who sees the same catalogue."""
    return sorted(restriction.pk for restriction in _hidden_restrictions(user))


def _restricted_q(user):
    """Pages under a view restriction that ``user`` does not pass without a password form."""
    q = Q()
    for restriction in _hidden_restrictions(user):
        q |= Q(path__startswith=restriction.page.path)
    return q


def visible_courses(user):
    """Live courses that ``user`` may see listed, in tree order.

    Courses in a private section (password, login or group restriction) are left out for
    whoever would be stopped at the door, so the catalogue never advertises them.
    """
    courses = models.CoursePage.objects.live().order_by("path")
    restricted = _restricted_q(user)
    if restricted:
        courses = courses.exclude(restricted)
    return courses


def courses_with_results(user):
    """The courses whose learning results ``user`` reads: those listed for them, and any
    unpublished course that has enrolments (PRODUCT.md section 9: unpublishing hides a
    course from learners, never its results from Dinas). In tree order."""
    unpublished = models.CoursePage.objects.filter(live=False).filter(
        Exists(models.Enrolment.objects.filter(course=OuterRef("pk")))
    )
    return (visible_courses(user) | unpublished).order_by("path")


def search_catalogue(user, *, catalogue, query="", topic="", dimension=""):
    """The catalogue's courses for ``user``, filtered by topic tag slug and dimension code, then searched.

    Returns a queryset, or Wagtail search results (ranked) when ``query`` is given.
    """
    courses = visible_courses(user).child_of(catalogue)
    if topic:
        courses = courses.filter(
            id__in=models.CourseTopicTag.objects.filter(tag__slug=topic).values("content_object_id")
        )
    if dimension:
        courses = courses.filter(
            id__in=models.CourseDimensionTag.objects.filter(tag__name__iexact=dimension).values("content_object_id")
        )
    if query:
        return courses.search(query)
    return courses


def catalogue_filters(catalogue):
    """Topic tags and dimension codes in use under ``catalogue``, for the filter form."""
    live_courses = models.CoursePage.objects.live().child_of(catalogue).values("id")
    topics = (
        models.CourseTopicTag.objects.filter(content_object_id__in=live_courses)
        .values_list("tag__slug", "tag__name")
        .distinct()
        .order_by("tag__name")
    )
    dimensions = (
        models.CourseDimensionTag.objects.filter(content_object_id__in=live_courses)
        .values_list("tag__name", flat=True)
        .distinct()
        .order_by("tag__name")
    )
    return list(topics), list(dimensions)


def attach_card_data(courses):
    """Give each course of a list ``topic_list``, ``dimension_list`` and ``cover`` (with renditions).

    Three queries for any number of courses (tags, dimensions, images + renditions).
    """
    courses = list(courses)
    prefetch_related_objects(
        courses,
        Prefetch(
            "topic_tagged_items",
            queryset=models.CourseTopicTag.objects.select_related("tag").order_by("tag__name"),
            to_attr="topic_items",
        ),
        Prefetch(
            "dimension_tagged_items",
            queryset=models.CourseDimensionTag.objects.select_related("tag").order_by("tag__name"),
            to_attr="dimension_items",
        ),
    )
    cover_ids = {course.cover_image_id for course in courses if course.cover_image_id}
    covers = (
        get_image_model().objects.prefetch_renditions(*IMAGE_FILTER_SPECS, *CARD_COVER_FILTER_SPECS).in_bulk(cover_ids)
        if cover_ids
        else {}
    )
    for course in courses:
        course.topic_list = [item.tag for item in course.topic_items]
        course.dimension_list = [item.tag for item in course.dimension_items]
        course.cover = covers.get(course.cover_image_id)
    return courses


# --- one learner ---------------------------------------------------------------------


def course_lessons(course):
    """The live lessons of ``course`` in order, without their bodies."""
    return list(models.LessonPage.objects.live().child_of(course).defer_streamfields().order_by("path"))


@dataclass
class CourseProgress:
    """A learner in a course: counted activities done (lessons and required quizzes), completion.

    ``completed`` is the stored outcome of the rule (``courses.completion.is_complete``),
    kept once reached; ``percent`` shows how far the counted activities are done.
    """

    course: models.CoursePage
    enrolment: models.Enrolment | None
    activities_total: int
    activities_done: int
    lessons: list = field(default_factory=list)  # one learner: lesson pages with ``is_done``
    activities: list = field(default_factory=list)  # one learner: every ``Activity`` in tree order
    next_lesson: models.LessonPage | None = None

    @property
    def percent(self):
        return completion.percent(self.activities_done, self.activities_total)

    @property
    def completed(self):
        return bool(self.enrolment and self.enrolment.completed_at)

    @property
    def meets_rule(self):
        return completion.is_complete(self.activities_done, self.activities_total)

    @property
    def lessons_total(self):
        return len(self.lessons)

    @property
    def started(self):
        return bool(self.enrolment or self.activities_done)

    @property
    def label(self):
        """The progress in words, the same on every page (and in the lesson page's live update)."""
        return _("%(done)s dari %(total)s aktivitas selesai (%(percent)s %%)") % {
            "done": self.activities_done,
            "total": self.activities_total,
            "percent": self.percent,
        }


def learner_course_progress(user, course):
    """``user``'s progress in ``course``: every activity with its state, the next lesson to read.

    Lessons with the learner's ticks and enrolment in one query, then each registered
    activity source (quizzes: their quizzes and the learner's graded attempts).
    """
    if user.is_authenticated:
        lessons, enrolment = _lessons_in_one_query(user, course)
    else:
        lessons, enrolment = course_lessons(course), None
        for lesson in lessons:
            lesson.is_done = False
    activities = [
        completion.Activity(page=lesson, kind="lesson", counts=True, done=lesson.is_done) for lesson in lessons
    ]
    if user.is_authenticated:
        for source in completion.activity_sources():
            activities.extend(source.learner_activities(user, [course.path]))
    activities.sort(key=lambda activity: activity.page.path)
    counted = [activity for activity in activities if activity.counts]
    return CourseProgress(
        course=course,
        enrolment=enrolment,
        activities_total=len(counted),
        activities_done=sum(1 for activity in counted if activity.done),
        lessons=lessons,
        activities=activities,
        next_lesson=next((lesson for lesson in lessons if not lesson.is_done), None),
    )


def _lessons_in_one_query(user, course):
    """The course's live lessons with ``is_done``, and the learner's enrolment.

    The lessons are content, remembered until any page changes (``base.pagecache``); the
    learner's ticks and enrolment are read fresh each time, in two small queries (cheaper
    to build than one annotated page query).
    """
    lessons = remembered(f"course-lessons:{course.pk}", lambda: course_lessons(course))
    no_date = Value(None, output_field=DateTimeField())
    ticks = models.LessonCompletion.objects.filter(
        user=user, lesson_id__in=[lesson.pk for lesson in lessons]
    ).values_list(Value("lesson"), "lesson_id", no_date, no_date)
    enrolment = models.Enrolment.objects.filter(user=user, course=course).values_list(
        Value("enrolment"), "pk", "enrolled_at", "completed_at"
    )
    done, found = set(), None
    for kind, pk, enrolled_at, completed_at in ticks.union(enrolment, all=True):
        if kind == "lesson":
            done.add(pk)
        else:
            found = models.Enrolment(
                pk=pk, user=user, course=course, enrolled_at=enrolled_at, completed_at=completed_at
            )
            found._state.adding, found._state.db = False, models.Enrolment.objects.db
    for lesson in lessons:
        lesson.is_done = lesson.pk in done
    return lessons, found


def _course_path_expression(prefix=""):
    """SQL for the path of the course a lesson belongs to (its parent's path)."""
    return Substr(f"{prefix}path", 1, (F(f"{prefix}depth") - 1) * Value(Page.steplen))


def lesson_totals(course_paths=None):
    """Live lessons per course path: ``{course_path: count}``. One query."""
    lessons = models.LessonPage.objects.live()
    if course_paths is not None:
        q = Q()
        for path in course_paths:
            q |= Q(path__startswith=path, depth=len(path) // Page.steplen + 1)
        if not q:
            return {}
        lessons = lessons.filter(q)
    rows = lessons.annotate(course_path=_course_path_expression()).values("course_path").annotate(n=Count("pk"))
    return {row["course_path"]: row["n"] for row in rows.order_by()}


def lessons_done_per_user_and_course(users):
    """Live lessons done: ``{(user_id, course_path): count}`` for the given users. One query."""
    rows = (
        models.LessonCompletion.objects.filter(user__in=users, lesson__live=True)
        .annotate(course_path=_course_path_expression("lesson__"))
        .values("user_id", "course_path")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["user_id"], row["course_path"]): row["n"] for row in rows}


def progress_counts(user_ids, course_paths):
    """Counted activities per course path and done per (user id, course path), for many
    learners and courses at once: ``(totals, done)``.

    Two queries for the lessons, then each activity source's own fixed number (quizzes: two).
    """
    course_paths = list(course_paths)
    user_ids = list(user_ids)
    totals = dict(lesson_totals(course_paths))
    done = dict(lessons_done_per_user_and_course(user_ids))
    for source in completion.activity_sources():
        source_totals, source_done = source.counted(user_ids, course_paths)
        for path, n in source_totals.items():
            totals[path] = totals.get(path, 0) + n
        for key, n in source_done.items():
            done[key] = done.get(key, 0) + n
    return totals, done


def courses_for_learner(user):
    """The courses ``user`` is enrolled in, newest first, as ``CourseProgress`` (no activity list).

    A fixed number of queries however many courses, lessons and quizzes.
    """
    enrolments = list(
        models.Enrolment.objects.filter(user=user, course__live=True).select_related("course").order_by("-enrolled_at")
    )
    if not enrolments:
        return []
    totals, done = progress_counts([user.pk], [enrolment.course.path for enrolment in enrolments])
    attach_card_data([enrolment.course for enrolment in enrolments])
    return [
        CourseProgress(
            course=enrolment.course,
            enrolment=enrolment,
            activities_total=totals.get(enrolment.course.path, 0),
            activities_done=done.get((user.pk, enrolment.course.path), 0),
        )
        for enrolment in enrolments
    ]


# --- a cooperative's staff (pengurus) ------------------------------------------------


@dataclass
class LearnerRow:
    learner: object
    cells: list  # one CourseProgress per course, in the order of the columns

    @property
    def courses_completed(self):
        return sum(1 for cell in self.cells if cell.completed)


def staff_progress(learners, courses):
    """A learners × courses table of progress. ``learners`` is a list of users (one page).

    A fixed number of queries: counted activities and those done, enrolments.
    """
    learners = list(learners)
    courses = list(courses)
    totals, done = progress_counts([learner.pk for learner in learners], [course.path for course in courses])
    enrolments = {
        (enrolment.user_id, enrolment.course_id): enrolment
        for enrolment in models.Enrolment.objects.filter(user__in=learners, course__in=courses)
    }
    return [
        LearnerRow(
            learner=learner,
            cells=[
                CourseProgress(
                    course=course,
                    enrolment=enrolments.get((learner.pk, course.pk)),
                    activities_total=totals.get(course.path, 0),
                    activities_done=done.get((learner.pk, course.path), 0),
                )
                for course in courses
            ],
        )
        for learner in learners
    ]


# --- every cooperative (Dinas) --------------------------------------------------------


def _count_per_cooperative(queryset, user_path="user__"):
    counted = (
        queryset.filter(**{f"{user_path}cooperative": OuterRef("pk")})
        .order_by()
        .values(f"{user_path}cooperative")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def cooperative_learning_summary(cooperatives):
    """Annotate cooperatives with ``learners``, ``enrolled``, ``completed`` and ``lessons_done``.

    Returns a queryset (one query when evaluated), ready to paginate.
    """
    return (
        cooperatives.select_related("kecamatan")
        .annotate(
            learners=Count("members", distinct=True),
            enrolled=_count_per_cooperative(models.Enrolment.objects.all()),
            completed=_count_per_cooperative(models.Enrolment.objects.filter(completed_at__isnull=False)),
            lessons_done=_count_per_cooperative(models.LessonCompletion.objects.filter(lesson__live=True)),
        )
        .order_by("kecamatan__name", "nama")
    )


def course_learning_summary(courses, learners):
    """Per course: how many of ``learners`` (a queryset) enrolled and completed. One query."""
    rows = (
        models.Enrolment.objects.filter(course__in=courses, user__in=learners)
        .values("course_id")
        .annotate(enrolled=Count("pk"), completed=Count("pk", filter=Q(completed_at__isnull=False)))
        .order_by()
    )
    by_course = {row["course_id"]: row for row in rows}
    return [
        {
            "course": course,
            "enrolled": by_course.get(course.pk, {}).get("enrolled", 0),
            "completed": by_course.get(course.pk, {}).get("completed", 0),
        }
        for course in courses
    ]


# --- courses the office asked for: who has not finished ---------------------------------


def required_courses(user):
    """Live courses the office marked as required for staff, that ``user`` may see."""
    return visible_courses(user).filter(required_for_staff=True).defer_streamfields()


def unfinished_staff(learners, course, *, kecamatan="", jenis=""):
    """Members of cooperatives among ``learners`` (a queryset) who have not completed ``course``.

    Filtered by kecamatan name and cooperative type; ordered by kecamatan, cooperative,
    name. A queryset (one query when evaluated), ready to paginate.
    """
    completed = models.Enrolment.objects.filter(course=course, completed_at__isnull=False).values("user_id")
    staff = (
        learners.filter(cooperative__isnull=False, is_active=True)
        .exclude(pk__in=completed)
        .select_related("cooperative__kecamatan")
    )
    if kecamatan:
        staff = staff.filter(cooperative__kecamatan__name=kecamatan)
    if jenis:
        staff = staff.filter(cooperative__jenis=jenis)
    return staff.order_by("cooperative__kecamatan__name", "cooperative__nama", "first_name", "username", "pk")


def progress_in_course(learners, course):
    """``{user id: CourseProgress}`` of ``course`` for a list of learners: a fixed number of queries."""
    learners = list(learners)
    totals, done = progress_counts([learner.pk for learner in learners], [course.path])
    enrolments = {
        enrolment.user_id: enrolment for enrolment in models.Enrolment.objects.filter(user__in=learners, course=course)
    }
    return {
        learner.pk: CourseProgress(
            course=course,
            enrolment=enrolments.get(learner.pk),
            activities_total=totals.get(course.path, 0),
            activities_done=done.get((learner.pk, course.path), 0),
        )
        for learner in learners
    }

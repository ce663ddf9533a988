"""The one rule for completing a course, and the activities it counts.

A course's activities are its live lessons and what other apps place under it (the
quizzes app: its quizzes). Some activities count towards completion (every lesson, every
required quiz); the others are shown with their state but do not count.

**The rule** (PRODUCT section 5): a learner completes a course when every counted
activity is done and there is at least one. ``is_complete`` is that rule; every progress
page and ``services.refresh_completion`` use it, and completion, once reached, is kept
(``Enrolment.completed_at``), as a record of what the learner did.

Other apps add activities without the courses app knowing them: they register an
``ActivitySource`` in their ``AppConfig.ready``. Each source answers in a fixed number of
queries however many learners, courses or activities there are.
"""

from dataclasses import dataclass


@dataclass
class Activity:
    """One lesson or quiz of a course, with one learner's state in it."""

    page: object
    kind: str  # "lesson" or "quiz"
    counts: bool  # counts towards completing the course
    done: bool = False
    grade: float | None = None  # quizzes: the grade that counts (by the quiz's grading method)
    passed: bool | None = None  # quizzes: None before any graded attempt
    attempts: int = 0

    @property
    def is_quiz(self):
        return self.kind == "quiz"


class ActivitySource:
    """What another app places under courses. Override both methods."""

    def learner_activities(self, user, course_paths):
        """Every activity under the courses at ``course_paths`` with ``user``'s state: a list."""
        raise NotImplementedError

    def counted(self, user_ids, course_paths):
        """``(totals, done)``: counted activities per course path, and done per (user id, course path)."""
        raise NotImplementedError


_sources = []


def register_activity_source(source):
    if source not in _sources:
        _sources.append(source)
    return source


def unregister_activity_source(source):
    if source in _sources:
        _sources.remove(source)


def activity_sources():
    return list(_sources)


def is_complete(done, total):
    """THE completion rule: every counted activity done, and at least one."""
    return total > 0 and done >= total


def percent(done, total):
    return round(100 * min(done, total) / total) if total else 0

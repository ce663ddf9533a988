"""Signals other apps listen to without the courses app knowing them."""

from django.dispatch import Signal

# Sent once, inside the transaction that records it, when a learner completes a course:
# ``sender=CoursePage``, ``user``, ``course``, ``enrolment``. The certificates app issues
# a certificate on it.
course_completed = Signal()

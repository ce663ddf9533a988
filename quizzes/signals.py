"""Signals other apps listen to, so this app never imports them (dependencies stay one-way).

``attempt_passed`` is sent once an attempt is graded as passed: when it is submitted (or
closed because its time ran out), when an offline attempt is recorded, and when a regrade
turns a failed attempt into a passed one. It is sent after the grade is committed
(``transaction.on_commit``, robust: a failing receiver never undoes or hides the grade),
with ``sender=QuizPage`` and the keyword arguments ``user``, ``quiz`` and ``attempt``.
A receiver may get the same learner and quiz more than once (a second passed attempt), so
it must be idempotent. ``network`` connects ``post_test_passed`` here (``NetworkConfig.ready``).
"""

from django.dispatch import Signal

attempt_passed = Signal()

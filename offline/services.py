"""Writes for the offline queue: every action the phone sends is applied at most once.

The receipt (unique client id) is inserted first, in the same transaction as the
completion or the graded attempt: a resend, a second tab or two workers racing on the
same id find the first receipt and get its outcome back, and nothing is written twice.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses import services as course_services
from courses.models import LessonCompletion
from quizzes import services as quiz_services

from .models import SyncReceipt


class ReceiptOfAnotherUser(Exception):
    """The client id was already used by another account: nothing is revealed or written."""


@dataclass
class QueuedAction:
    """One action from the phone, already parsed, checked for access and time-corrected."""

    client_id: str
    kind: str
    page: object  # the live LessonPage or QuizPage, or None when it is no longer available
    made_at: datetime
    received_at: datetime
    unavailable_message: str = ""
    # Quiz answers only.
    quiz_as_seen: object = None
    started_at: datetime | None = None
    answers: dict | None = None
    order: tuple = ()


def existing_receipt(*, user, client_id):
    receipt = SyncReceipt.objects.filter(client_id=client_id).first()
    if receipt is not None and receipt.user_id != user.pk:
        raise ReceiptOfAnotherUser
    return receipt


def apply_queued_action(*, user, action: QueuedAction) -> SyncReceipt:
    """Apply ``action`` for ``user`` once and return its receipt (the first one on a resend)."""
    receipt = existing_receipt(user=user, client_id=action.client_id)
    if receipt is not None:
        return receipt
    try:
        with transaction.atomic():
            receipt = SyncReceipt.objects.create(
                client_id=action.client_id,
                user=user,
                kind=action.kind,
                page=action.page,
                made_at=action.made_at,
                received_at=action.received_at,
                status=SyncReceipt.STATUS_ACCEPTED,
            )
            receipt.status, receipt.outcome = _perform(user=user, action=action)
            receipt.save(update_fields=["status", "outcome"])
    except IntegrityError:
        # The same id arrived twice at once: the other request applied it.
        receipt = existing_receipt(user=user, client_id=action.client_id)
        if receipt is None:
            raise
    return receipt


def _perform(*, user, action):
    if action.page is None:
        return SyncReceipt.STATUS_REJECTED, {"message": action.unavailable_message}
    if action.kind == SyncReceipt.KIND_LESSON_DONE:
        return _lesson_done(user=user, action=action)
    return _quiz_attempt(user=user, action=action)


def _lesson_done(*, user, action):
    lesson = action.page
    existed = LessonCompletion.objects.filter(user=user, lesson=lesson).exists()
    completion = course_services.mark_lesson_done(user=user, lesson=lesson)
    if not existed:
        # Done when the learner read it, not when the phone found a connection.
        LessonCompletion.objects.filter(pk=completion.pk).update(completed_at=action.made_at)
    return SyncReceipt.STATUS_ACCEPTED, {"message": _("Materi ditandai selesai."), "url": lesson.url}


def _quiz_attempt(*, user, action):
    try:
        with transaction.atomic():
            attempt = quiz_services.record_offline_attempt(
                user=user,
                quiz=action.page,
                quiz_as_seen=action.quiz_as_seen,
                started_at=action.started_at,
                answers=action.answers,
                submitted_at=action.made_at,
                received_at=action.received_at,
                order=action.order,
            )
    except quiz_services.AttemptRejected as exc:
        return SyncReceipt.STATUS_REJECTED, {"message": exc.message}
    return SyncReceipt.STATUS_ACCEPTED, {
        "message": _("Jawaban kuis sudah dinilai."),
        "url": attempt.get_absolute_url(),
        "attempt": attempt.pk,
    }

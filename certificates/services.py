"""Issuing and revoking certificates. Keyword-only, each inside one transaction.

``issue_certificate`` is generic: any app issues through it with its own ``source`` (for
example ``"courses.course"`` or ``"network.participant"``) and a ``reference`` unique within
that source. The database's unique constraint on (source, reference) decides, so a retried
request or a second worker never issues twice; the certificates app imports no app that
issues through it.
"""

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from base.models import OfficeSettings

from .models import Certificate

# No 0/O, 1/I/L: the code is read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # about 49 bits: not guessable, short enough to type


class CertificateError(Exception):
    """A request about a certificate that must change nothing; ``message`` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(raw):
    """A code as typed (spaces, dashes, lower case) in the form it is stored."""
    return "".join(char for char in str(raw).upper() if char.isalnum())[:16]


def recipient_name_of(user):
    return user.get_full_name().strip() or user.username


@transaction.atomic
def issue_certificate(
    *,
    source: str,
    reference: str,
    recipient_name: str,
    title: str,
    awarded_on,
    kind: str = Certificate.KIND_COURSE,
    user=None,
    course=None,
) -> tuple[Certificate, bool]:
    """Issue the certificate for (``source``, ``reference``) once: ``(certificate, created)``.

    A second call for the same pair returns the existing certificate (revoked or not) and
    changes nothing. The office's name and its head's name and title are copied from the
    site settings at issue time.
    """
    reference = str(reference)
    existing = Certificate.objects.filter(source=source, reference=reference).first()
    if existing is not None:
        return existing, False
    office = OfficeSettings.current()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    code=new_code(),
                    kind=kind,
                    source=source,
                    reference=reference,
                    user=user,
                    course=course,
                    recipient_name=recipient_name[:200],
                    title=title[:300],
                    awarded_on=awarded_on,
                    issuer_name=office.office_name,
                    signer_name=office.head_name,
                    signer_title=office.head_title,
                )
            return certificate, True
        except IntegrityError:
            # Another request issued it first, or (rarely) the code was taken: look, then retry.
            existing = Certificate.objects.filter(source=source, reference=reference).first()
            if existing is not None:
                return existing, False
    raise RuntimeError("no free certificate code after 5 tries")


def issue_course_certificate(*, enrolment) -> tuple[Certificate, bool]:
    """The certificate of a completed course (``enrolment.completed_at`` set)."""
    user, course = enrolment.user, enrolment.course
    return issue_certificate(
        source=Certificate.SOURCE_COURSE,
        reference=f"{course.pk}:{user.pk}",
        kind=Certificate.KIND_COURSE,
        recipient_name=recipient_name_of(user),
        title=course.title,
        awarded_on=timezone.localdate(enrolment.completed_at),
        user=user,
        course=course,
    )


def issue_on_course_completion(sender, *, enrolment, **kwargs):
    """Receiver of ``courses.signals.course_completed``."""
    issue_course_certificate(enrolment=enrolment)


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, by, reason: str, now=None) -> Certificate:
    """Revoke with a reason. Revoking again changes nothing (the first reason and date stay)."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Tuliskan alasan pencabutan."))
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.revoked_at is None:
        locked.revoked_at = now or timezone.now()
        locked.revoked_reason = reason[:2000]
        locked.revoked_by = by
        locked.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    return locked

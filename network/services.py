"""Writes for the business network: events, participants and check-in, agreements,
commitments, follow-ups and their verification.

Every function is keyword-only and atomic; a repeated request (a double tap at the
door, a retried submit) finds the row it already wrote instead of writing another.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.phone import normalize_phone
from certificates.models import Certificate
from certificates.services import issue_certificate
from reports.models import ExportJob
from reports.services import request_job

from . import figures
from .models import CERTIFICATE_SOURCE, Agreement, Commitment, CommitmentFollowUp, Event, FollowUp, Participant


class NetworkError(Exception):
    """A write that the rules do not allow; the message is for people."""


# --- events ------------------------------------------------------------------------------


@transaction.atomic
def create_event(*, slug, name, kind, starts_on, ends_on=None, place="", follows=None, **fields) -> Event:
    if kind not in Event.KIND_CODES:
        raise NetworkError(_("Jenis kegiatan tidak dikenal: %(kind)s") % {"kind": kind})
    if ends_on is not None and ends_on < starts_on:
        raise NetworkError(_("Tanggal selesai sebelum tanggal mulai."))
    if Event.objects.filter(slug=slug).exists():
        raise NetworkError(_("Kegiatan dengan slug %(slug)s sudah ada.") % {"slug": slug})
    return Event.objects.create(
        slug=slug, name=name, kind=kind, starts_on=starts_on, ends_on=ends_on, place=place, follows=follows, **fields
    )


def request_network_export(*, user, event, evaluation=None, fmt) -> ExportJob:
    """Queue the flat table of ``event`` (at ``evaluation``) as ``fmt`` (csv or xlsx) in the
    background (``reports.ExportJob`` of kind ``network``); a repeat returns the running job."""
    if fmt not in ("csv", "xlsx"):
        raise NetworkError(_("Format unduhan tidak dikenal: %(fmt)s") % {"fmt": fmt})
    parameters = {"event": event.slug, "evaluation": evaluation.slug if evaluation else None, "format": fmt}
    return request_job(user=user, kind=ExportJob.KIND_NETWORK, parameters=parameters)


# --- participants and attendance -------------------------------------------------------------


def attendance_certificate_due(participant) -> bool:
    """Whether ``participant`` has earned an attendance certificate (PRODUCT.md section 8).

    Present at the event; for a ``pelatihan`` with a post-test, present and passed (a
    passed attempt of the post-test, or a paper post-test score at or above its pass mark).
    """
    if not participant.present:
        return False
    event = participant.event
    if event.kind != Event.KIND_PELATIHAN or event.post_test_id is None:
        return True
    if participant.post_score is not None and participant.post_score >= event.post_test.pass_mark:
        return True
    if participant.user_id is None:
        return False
    return event.post_test.attempts.filter(user_id=participant.user_id, passed=True).exists()


def attendance_confirmed(*, participant):
    """THE place attendance certificates are issued (PRODUCT.md section 8).

    Called after a participant is marked present (check-in at the door, an import with
    ``hadir`` = ya) and from ``post_test_passed`` for a ``pelatihan`` with a post-test.
    When a certificate is due (``attendance_certificate_due``) it is issued through the
    generic ``certificates.services.issue_certificate`` with the participant's name, the
    event's name and date, and the participant's account if any (so it shows in
    "Sertifikat saya"; without an account analysts download it from the check-in list).
    Idempotent: called again for the same participant it returns the certificate already
    issued. Returns the certificate, or None when none is due. ``certificates`` never
    imports ``network``.
    """
    if not attendance_certificate_due(participant):
        return None
    event = participant.event
    certificate, _created = issue_certificate(
        source=CERTIFICATE_SOURCE,
        reference=str(participant.pk),
        kind=Certificate.KIND_ATTENDANCE,
        recipient_name=participant.name,
        title=event.name,
        awarded_on=event.starts_on,
        user=participant.user,
    )
    return certificate


def post_test_passed(*, user, quiz):
    """For the quizzes app to call when ``user`` passes ``quiz``: confirm attendance at
    every ``pelatihan`` that uses it as its post-test and where ``user`` was present."""
    participants = Participant.objects.filter(
        user=user, present=True, event__kind=Event.KIND_PELATIHAN, event__post_test=quiz
    ).select_related("event__post_test")
    return [attendance_confirmed(participant=participant) for participant in participants]


@transaction.atomic
def register_participant(*, event, name, phone="", user=None, cooperative=None, partner=None) -> Participant:
    """Add someone to an event; an account or phone already registered is returned as is."""
    if cooperative is not None and partner is not None:
        raise NetworkError(_("Peserta berasal dari koperasi atau dari mitra, tidak keduanya."))
    phone = normalize_phone(phone) if phone else ""
    if user is not None:
        phone = phone or (user.phone or "")
        cooperative = cooperative or user.cooperative
        name = name or user.get_full_name() or user.username
    existing = None
    if user is not None:
        existing = Participant.objects.filter(event=event, user=user).first()
    if existing is None and phone:
        existing = Participant.objects.filter(event=event, phone=phone).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Participant.objects.create(
                event=event, name=name, phone=phone, user=user, cooperative=cooperative, partner=partner
            )
    except IntegrityError:
        # A second request registered the same person a moment ago: answer with that row.
        found = Participant.objects.filter(event=event, user=user).first() if user is not None else None
        if found is None and phone:
            found = Participant.objects.filter(event=event, phone=phone).first()
        if found is None:
            raise
        return found


@transaction.atomic
def check_in(*, participant, by=None, now=None) -> Participant:
    """Mark present (once: a second tap keeps the first time)."""
    participant = Participant.objects.select_for_update().select_related("event").get(pk=participant.pk)
    if not participant.present or participant.checked_in_at is None:
        participant.present = True
        participant.checked_in_at = participant.checked_in_at or now or timezone.now()
        participant.checked_in_by = by
        participant.save(update_fields=["present", "checked_in_at", "checked_in_by"])
    attendance_confirmed(participant=participant)
    return participant


@transaction.atomic
def undo_check_in(*, participant) -> Participant:
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    participant.present = False
    participant.checked_in_at = None
    participant.checked_in_by = None
    participant.save(update_fields=["present", "checked_in_at", "checked_in_by"])
    return participant


# --- agreements and commitments ----------------------------------------------------------------


@transaction.atomic
def save_agreement(*, agreement: Agreement) -> Agreement:
    if agreement.potential_value < 0:
        raise NetworkError(_("Nilai potensi tidak boleh negatif."))
    agreement.save()
    return agreement


@transaction.atomic
def add_commitment(*, agreement, party, description, due_on=None) -> Commitment:
    last = (
        Commitment.objects.select_for_update()
        .filter(agreement=agreement)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    )
    return Commitment.objects.create(
        agreement=agreement, position=(last or 0) + 1, party=party, description=description, due_on=due_on
    )


# --- follow-ups -----------------------------------------------------------------------------------


def _clean_obstacles(obstacles):
    chosen = set(obstacles or ())
    unknown = chosen - set(figures.OBSTACLES)
    if unknown:
        raise NetworkError(_("Kendala tidak dikenal: %(codes)s") % {"codes": ", ".join(sorted(unknown))})
    return [code for code in figures.OBSTACLES if code in chosen]


def _check_values(status, realised_value, results):
    if status not in figures.EVALUATION_STATUSES:
        raise NetworkError(_("Status tidak dikenal: %(status)s") % {"status": status})
    if realised_value is None or realised_value < 0:
        raise NetworkError(_("Nilai realisasi harus Rupiah utuh, 0 atau lebih."))
    for result in results.values():
        if result not in figures.RESULT_CREDIT:
            raise NetworkError(_("Hasil komitmen tidak dikenal: %(result)s") % {"result": result})


@transaction.atomic
def save_follow_up(
    *,
    agreement,
    evaluation,
    user=None,
    status,
    realised_value,
    obstacles=(),
    continues=None,
    note="",
    commitment_results=None,
    submit=False,
    source=FollowUp.SOURCE_WEB,
) -> FollowUp:
    """Save the cooperative's follow-up of ``agreement`` at ``evaluation`` (a draft, or submitted).

    ``commitment_results`` maps commitment id → ya/sebagian/tidak (commitments left out
    count as not evaluated). A verified follow-up is not changed here: verification wins.
    """
    if not evaluation.is_evaluation:
        raise NetworkError(_("Tindak lanjut hanya dicatat pada kegiatan evaluasi."))
    results = dict(commitment_results or {})
    _check_values(status, realised_value, results)
    obstacles = _clean_obstacles(obstacles)
    commitments = {c.pk: c for c in Commitment.objects.filter(agreement=agreement)}
    if set(results) - set(commitments):
        raise NetworkError(_("Komitmen bukan milik kerja sama ini."))
    follow_up = FollowUp.objects.select_for_update().filter(agreement=agreement, evaluation=evaluation).first()
    if follow_up is not None and follow_up.is_verified:
        raise NetworkError(_("Tindak lanjut ini sudah diverifikasi Dinas dan tidak bisa diubah."))
    if follow_up is not None and not follow_up.is_draft and source == FollowUp.SOURCE_WEB:
        raise NetworkError(_("Tindak lanjut ini sudah dikirim."))
    if follow_up is None:
        follow_up = FollowUp(agreement=agreement, evaluation=evaluation)
    values = {"status": status, "realised_value": realised_value, "obstacles": obstacles, "continues": continues}
    for name, value in values.items():
        setattr(follow_up, name, value)
        setattr(follow_up, f"self_{name}", value)
    follow_up.note = note or ""
    follow_up.source = source
    if submit:
        follow_up.state = FollowUp.STATE_SUBMITTED
        follow_up.submitted_at = timezone.now()
        follow_up.submitted_by = user
    follow_up.save()
    _store_commitment_results(follow_up, results, self_reported=True)
    return follow_up


def _store_commitment_results(follow_up, results, *, self_reported):
    existing = {r.commitment_id: r for r in CommitmentFollowUp.objects.filter(follow_up=follow_up)}
    to_create, to_update = [], []
    for commitment_id, result in results.items():
        current = existing.get(commitment_id)
        if current is None:
            to_create.append(
                CommitmentFollowUp(
                    follow_up=follow_up,
                    commitment_id=commitment_id,
                    result=result,
                    self_result=result if self_reported else "",
                )
            )
            continue
        current.result = result
        if self_reported:
            current.self_result = result
        to_update.append(current)
    if self_reported:
        # A commitment the cooperative no longer answers is not evaluated any more.
        CommitmentFollowUp.objects.filter(follow_up=follow_up).exclude(commitment_id__in=list(results)).delete()
    CommitmentFollowUp.objects.bulk_create(to_create)
    CommitmentFollowUp.objects.bulk_update(to_update, ["result", "self_result"])


@transaction.atomic
def verify_follow_up(
    *, follow_up, user, status, realised_value, obstacles=(), continues=None, commitment_results=None, note=""
) -> FollowUp:
    """Dinas records verified values; the cooperative's own stay in the ``self_…`` fields."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.is_draft:
        raise NetworkError(_("Tindak lanjut ini masih draf; tunggu sampai dikirim koperasi."))
    results = dict(commitment_results or {})
    _check_values(status, realised_value, results)
    commitment_ids = set(Commitment.objects.filter(agreement_id=follow_up.agreement_id).values_list("pk", flat=True))
    if set(results) - commitment_ids:
        raise NetworkError(_("Komitmen bukan milik kerja sama ini."))
    follow_up.status = status
    follow_up.realised_value = realised_value
    follow_up.obstacles = _clean_obstacles(obstacles)
    follow_up.continues = continues
    follow_up.state = FollowUp.STATE_VERIFIED
    follow_up.verified_at = timezone.now()
    follow_up.verified_by = user
    follow_up.verification_note = note or ""
    follow_up.save()
    _store_commitment_results(follow_up, results, self_reported=False)
    return follow_up

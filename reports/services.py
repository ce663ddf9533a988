"""Writes for the reports: requesting an export job.

The worker runs the job (``tasks.run_export_job`` → ``jobs.run_export``); what each kind
of job writes, and how other apps add kinds of their own, is in ``reports.jobs``.
"""

from django.db import transaction

from readiness.models import EvaluationRound

from .models import ExportJob
from .tasks import run_export_job


def request_export(*, user, kind: str, evaluation_round: EvaluationRound) -> ExportJob:
    """Queue a readiness export of ``evaluation_round`` (see ``request_job``)."""
    return request_job(user=user, kind=kind, parameters={"round": evaluation_round.slug})


def request_job(*, user, kind: str, parameters: dict) -> ExportJob:
    """Create an export job and queue it; a repeated request returns the job still running.

    So a double click (or a reload of the POST) never queues the same work twice.
    """
    with transaction.atomic():
        existing = (
            ExportJob.objects.select_for_update()
            .filter(requested_by=user, kind=kind, parameters=parameters, status__in=ExportJob.ACTIVE_STATUSES)
            .first()
        )
        if existing is not None:
            return existing
        job = ExportJob.objects.create(kind=kind, parameters=parameters, requested_by=user)
    run_export_job.enqueue(job.pk)
    job.refresh_from_db()
    return job

"""Background tasks (django-tasks): ``manage.py db_worker`` runs them.

Closing attempts whose time ran out is a recurring task. django-tasks has no periodic
schedule of its own, so the task queues its next run (``run_after``) every time it runs;
``manage.py close_overdue_attempts --schedule`` (run by ``make run``/``make worker`` and
the production worker service before ``db_worker``) starts the chain, and never queues a
second one while a run is waiting.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from . import services

# How long after an attempt's deadline it is closed at the latest (plus the worker's poll).
OVERDUE_SWEEP_EVERY = timedelta(minutes=1)
# Finished runs of the sweep are removed after this long, so they never pile up.
KEEP_FINISHED_SWEEPS = timedelta(days=1)


@task()
def close_overdue_attempts_task() -> int:
    """Grade every overdue attempt, then queue the next run."""
    try:
        return services.close_overdue_attempts()
    finally:
        schedule_overdue_sweep(delay=OVERDUE_SWEEP_EVERY)


def schedule_overdue_sweep(*, delay=timedelta(0)):
    """Queue the sweep to run after ``delay`` unless a run is already waiting.

    Returns the queued task result, or None when one was waiting already or the backend
    runs tasks at once (the test settings), where a self-queuing task would never end.
    """
    backend = close_overdue_attempts_task.get_backend()
    if not backend.supports_defer:
        return None
    if isinstance(backend, DatabaseBackend):
        runs = DBTaskResult.objects.filter(task_path=close_overdue_attempts_task.module_path)
        with transaction.atomic():
            if runs.filter(status=TaskResultStatus.READY).exists():
                return None
            runs.filter(
                status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
                finished_at__lt=timezone.now() - KEEP_FINISHED_SWEEPS,
            ).delete()
            return close_overdue_attempts_task.using(run_after=timezone.now() + delay).enqueue()
    return close_overdue_attempts_task.using(run_after=timezone.now() + delay).enqueue()

"""Background tasks (django-tasks): ``manage.py db_worker`` runs them."""

from django_tasks import task


@task()
def run_export_job(job_id: int) -> str:
    # reports.jobs loads the PDF and spreadsheet libraries (about a second of CPU): only the worker that runs
    # a job imports it, not every process that merely enqueues one (web workers, commands).
    from . import jobs  # local import: keeps fpdf out of every process's start-up

    return jobs.run_export(job_id)

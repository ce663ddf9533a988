"""Background tasks (django-tasks): ``manage.py db_worker`` runs them."""

from django_tasks import task

from . import jobs


@task()
def run_export_job(job_id: int) -> str:
    return jobs.run_export(job_id)

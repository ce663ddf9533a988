"""Background tasks (django-tasks): ``manage.py db_worker`` runs them."""

from django_tasks import task

from . import services


@task()
def run_export_job(job_id: int) -> str:
    return services.run_export(job_id)

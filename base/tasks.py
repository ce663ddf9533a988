"""Background tasks (django-tasks) of the shared machinery: ``manage.py db_worker`` runs them."""

from django.apps import apps
from django.db import transaction
from django_tasks import task
from modelsearch import index


@task()
def update_search_index_task(app_label, model_name, pk):
    """Wagtail's search index entry of one object, added or updated in one transaction.

    The same as modelsearch's ``insert_or_update_object_task``, except for the transaction:
    the SQLite search backend looks up which entries exist and then inserts the missing
    ones, so two workers indexing the same page at once could both insert and one fail on
    the unique entry per object. On SQLite a transaction takes the write lock when it
    begins (IMMEDIATE, lms/settings/base.py), so the second worker waits and then updates;
    PostgreSQL's backend inserts with ON CONFLICT and needs no more than this.
    """
    model = apps.get_model(app_label, model_name)
    with transaction.atomic():
        index.insert_or_update_object(model.objects.get(pk=pk))

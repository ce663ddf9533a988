"""Saving an indexed object queues ``base.tasks.update_search_index_task`` (one
transaction per index update) instead of modelsearch's own task; deletions are left to
modelsearch. Connected by ``base.apps.SearchConfig`` once Wagtail's search app is ready.
"""

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch import signal_handlers as modelsearch_handlers

from .tasks import update_search_index_task


def update_search_index_on_save(instance, raw=False, **kwargs):
    if raw:  # loading fixtures: nothing is queued, as in modelsearch
        return
    update_search_index_task.enqueue(instance._meta.app_label, instance._meta.model_name, str(instance.pk))


def auto_updated_models():
    return [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]


def connect():
    for model in auto_updated_models():
        post_save.disconnect(modelsearch_handlers.post_save_signal_handler, sender=model)
        post_save.connect(update_search_index_on_save, sender=model)

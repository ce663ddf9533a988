"""A learner's cached pages (``base.pagecache``) are retired when their enrolments or
lessons done change: saved by a service, changed or deleted in the admin."""

from django.db.models.signals import post_delete, post_save

from base.pagecache import learner_changed

from .models import Enrolment, LessonCompletion


def retire_learner_pages(sender, instance, **kwargs):
    learner_changed(instance.user_id)


def connect():
    for model in (Enrolment, LessonCompletion):
        label = model._meta.label_lower
        post_save.connect(retire_learner_pages, sender=model, dispatch_uid=f"learner_pages_{label}_saved")
        post_delete.connect(retire_learner_pages, sender=model, dispatch_uid=f"learner_pages_{label}_deleted")

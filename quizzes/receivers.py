"""A learner's cached pages (``base.pagecache``) are retired when their quiz attempts
change: started, graded, regraded, closed, changed or deleted in the admin. Saving the
answers of an attempt in progress (every autosave) changes nothing those pages show."""

from django.db.models.signals import post_delete, post_save

from base.pagecache import learner_changed

from .models import Attempt

# What an autosave writes; the quiz and course pages show neither.
AUTOSAVE_FIELDS = frozenset({"answers", "last_saved_at"})


def retire_learner_pages(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= AUTOSAVE_FIELDS:
        return
    learner_changed(instance.user_id)


def connect():
    post_save.connect(retire_learner_pages, sender=Attempt, dispatch_uid="learner_pages_attempt_saved")
    post_delete.connect(retire_learner_pages, sender=Attempt, dispatch_uid="learner_pages_attempt_deleted")

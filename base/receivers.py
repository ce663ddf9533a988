"""What retires the site's caches (``base.pagecache``): content, sites, restrictions, roles.

The stamp changes at once (this process, and the transaction's own later reads) and
again when the transaction commits, so that a request which filled a cache from the
rows before the commit cannot keep them.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .pagecache import CONTENT, ROLES, bump_cache_stamp, learner_changed


def _retire(name):
    bump_cache_stamp(name)
    transaction.on_commit(lambda: bump_cache_stamp(name))


def retire_caches(**kwargs):
    _retire(CONTENT)


def retire_roles(**kwargs):
    _retire(ROLES)


def _retire_for_pages(sender, instance=None, **kwargs):
    if isinstance(instance, Page):
        retire_caches()


def connect():
    # Every page type (saves include drafts; harmless: they only retire entries).
    post_save.connect(_retire_for_pages, dispatch_uid="pagecache_page_saved")
    post_delete.connect(_retire_for_pages, dispatch_uid="pagecache_page_deleted")
    for signal, uid in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
    ):
        signal.connect(retire_caches, dispatch_uid=f"pagecache_page_{uid}")
    image_model = get_image_model()
    for model in (PageViewRestriction, Site, image_model):
        post_save.connect(retire_caches, sender=model, dispatch_uid=f"pagecache_{model._meta.label}_saved")
        post_delete.connect(retire_caches, sender=model, dispatch_uid=f"pagecache_{model._meta.label}_deleted")
    m2m_changed.connect(
        retire_caches, sender=PageViewRestriction.groups.through, dispatch_uid="pagecache_restriction_groups"
    )
    post_save.connect(retire_roles, sender=Group, dispatch_uid="pagecache_group_saved")
    post_delete.connect(retire_roles, sender=Group, dispatch_uid="pagecache_group_deleted")
    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(retire_roles, sender=through, dispatch_uid=f"pagecache_{through._meta.label}_changed")


def connect_learner_records(model, *, unseen_fields=frozenset()):
    """Rows of ``model`` (with a ``user``) are what a learner's cached pages show: saving or
    deleting one retires that learner's pages (``learner_changed``), unless the save wrote
    only ``unseen_fields``, which those pages do not show. Apps call it from ``ready()``."""

    def retire_learner_pages(sender, instance, update_fields=None, **kwargs):
        if update_fields is not None and set(update_fields) <= unseen_fields:
            return
        learner_changed(instance.user_id)

    label = model._meta.label_lower
    post_save.connect(retire_learner_pages, sender=model, weak=False, dispatch_uid=f"learner_pages_{label}_saved")
    post_delete.connect(retire_learner_pages, sender=model, weak=False, dispatch_uid=f"learner_pages_{label}_deleted")

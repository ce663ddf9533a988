"""Records people produced outlive the content they point at (PRODUCT.md section 9).

Every record model (attempts, enrolments, completions, assessments, …) points at content
with ``on_delete=PROTECT``, so the database never lets content with records go. This
module asks Django's deletion collector, before anything is deleted, which records would
stop it: the admin then refuses with an explanation instead of an error, for the record
models of every app, present and future, without knowing them.
"""

from collections import Counter
from dataclasses import dataclass

from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError


@dataclass(frozen=True)
class RecordCount:
    """How many records of one kind keep something from being deleted."""

    label: str  # the record model's verbose name (plural)
    count: int

    def __str__(self):
        return f"{self.count} {self.label}"


def records_blocking_deletion(objects):
    """The records (grouped by kind, largest first) that keep ``objects`` from being deleted.

    ``objects`` is a queryset or a list of model instances of one model. An empty list
    means deleting them would not touch any protected record. Nothing is deleted.
    """
    objects = objects if hasattr(objects, "model") else list(objects)
    model = objects.model if hasattr(objects, "model") else (type(objects[0]) if objects else None)
    if model is None:
        return []
    collector = Collector(using=router.db_for_write(model))
    try:
        collector.collect(objects)
    except ProtectedError as error:
        blocking = error.protected_objects
    except RestrictedError as error:
        blocking = error.restricted_objects
    else:
        return []
    counts = Counter(type(record)._meta.concrete_model for record in blocking)
    return [
        RecordCount(label=str(record_model._meta.verbose_name_plural), count=count)
        for record_model, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]._meta.label))
    ]


def page_records_blocking_deletion(page):
    """The records that keep ``page`` or any page below it from being deleted."""
    return records_blocking_deletion(page.get_descendants(inclusive=True))

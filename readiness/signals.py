"""Keep the aggregates right when an assessment is deleted or a cooperative is created,
deleted, or changes its kecamatan, jenis or activity (writes that happen outside
readiness.services)."""

from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver

from cooperatives.models import Cooperative

from . import aggregates
from .models import Assessment

GROUPING_FIELDS = ("kecamatan_id", "jenis", "is_active")


@receiver(pre_delete, sender=Assessment, dispatch_uid="readiness_aggregates_assessment_deleted")
def assessment_deleted(sender, instance, **kwargs):
    aggregates.remove(aggregates.of_assessment(instance.pk))


@receiver(pre_save, sender=Cooperative, dispatch_uid="readiness_aggregates_cooperative_moving")
def cooperative_moving(sender, instance, raw=False, **kwargs):
    instance._aggregates_moved = False
    if raw or instance.pk is None:
        return
    stored = Cooperative.objects.filter(pk=instance.pk).values_list(*GROUPING_FIELDS).first()
    if stored is not None and stored != tuple(getattr(instance, name) for name in GROUPING_FIELDS):
        aggregates.remove_cooperatives([instance.pk])
        instance._aggregates_moved = True


@receiver(post_save, sender=Cooperative, dispatch_uid="readiness_aggregates_cooperative_moved")
def cooperative_moved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    if created:
        aggregates.add_created_cooperatives([instance])
    elif getattr(instance, "_aggregates_moved", False):
        aggregates.add_cooperatives([instance.pk])
        instance._aggregates_moved = False


@receiver(pre_delete, sender=Cooperative, dispatch_uid="readiness_aggregates_cooperative_deleted")
def cooperative_deleted(sender, instance, **kwargs):
    # Only a cooperative without assessments can be deleted (PROTECT): its registry count goes.
    aggregates.remove_cooperatives([instance.pk])

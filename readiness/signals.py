"""Keep the result aggregates right when an assessment is deleted or a cooperative changes
its kecamatan, jenis or activity (writes that happen outside readiness.services)."""

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
        aggregates.remove(aggregates.of_cooperatives([instance.pk]))
        instance._aggregates_moved = True


@receiver(post_save, sender=Cooperative, dispatch_uid="readiness_aggregates_cooperative_moved")
def cooperative_moved(sender, instance, raw=False, **kwargs):
    if getattr(instance, "_aggregates_moved", False):
        aggregates.add(aggregates.of_cooperatives([instance.pk]))
        instance._aggregates_moved = False

"""Database rules of the network: constraints and PROTECT keep people's records."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from network.models import Agreement, Commitment, Event, FollowUp, Participant

pytestmark = pytest.mark.django_db


def violates(function):
    with pytest.raises(IntegrityError), transaction.atomic():
        function()


def test_one_follow_up_per_agreement_and_evaluation(story):
    violates(
        lambda: FollowUp.objects.create(
            agreement=story.other_agreement, evaluation=story.evaluation, status="selesai", self_status="selesai"
        )
    )


def test_values_and_choices_are_checked_by_the_database(story):
    violates(lambda: Agreement.objects.filter(pk=story.own_agreement.pk).update(potential_value=-1))
    violates(lambda: FollowUp.objects.filter(pk=story.other_follow_up.pk).update(realised_value=-5))
    violates(lambda: FollowUp.objects.filter(pk=story.other_follow_up.pk).update(status="jalan"))
    violates(lambda: Agreement.objects.filter(pk=story.own_agreement.pk).update(code=story.other_agreement.code))
    violates(lambda: Commitment.objects.filter(agreement=story.own_agreement, position=2).update(position=1))
    violates(
        lambda: Participant.objects.create(event=story.event, name="X", cooperative=story.own, partner=story.partner)
    )
    violates(lambda: Event.objects.filter(pk=story.event.pk).update(ends_on="2018-01-01"))
    violates(lambda: Participant.objects.filter(pk=story.guest.pk).update(post_score=101))


def test_records_are_protected_from_deleting_content(story):
    with pytest.raises(ProtectedError):
        story.evaluation.delete()  # it has follow-ups and participants
    with pytest.raises(ProtectedError):
        story.other_agreement.delete()
    with pytest.raises(ProtectedError):
        story.other_agreement.commitments.first().delete()
    with pytest.raises(ProtectedError):
        story.own.delete()
    assert FollowUp.objects.filter(pk=story.other_follow_up.pk).exists()

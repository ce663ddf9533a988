"""Small factories for the business network tests: plain functions, explicit arguments."""

import datetime
import itertools

from network.models import Agreement, Commitment, Event, FollowUp, Partner
from network.services import save_follow_up, verify_follow_up
from tests.factories import make_cooperative

_counter = itertools.count(1)


def make_partner(*, code=None, provinsi="DI Yogyakarta", **fields):
    number = next(_counter)
    fields.setdefault("name", f"Mitra Uji {number}")
    fields.setdefault("jenis", "koperasi")
    return Partner.objects.create(code=code or f"M-{number:03d}", provinsi=provinsi, **fields)


def make_event(*, slug=None, kind="temu_usaha", starts_on=datetime.date(2018, 5, 15), **fields):
    number = next(_counter)
    fields.setdefault("name", f"Kegiatan {number}")
    return Event.objects.create(slug=slug or f"kegiatan-{number}", kind=kind, starts_on=starts_on, **fields)


def make_evaluation(*, follows, starts_on=datetime.date(2018, 11, 20), open_now=False, **fields):
    if open_now:
        today = datetime.date.today()
        fields.setdefault("follow_up_opens_on", today - datetime.timedelta(days=1))
        fields.setdefault("follow_up_closes_on", today + datetime.timedelta(days=30))
    return make_event(kind="evaluasi", starts_on=starts_on, follows=follows, **fields)


def make_agreement(
    *, event, cooperative=None, partner=None, code=None, potential=100_000_000, field="pemasaran", commitments=0
):
    number = next(_counter)
    agreement = Agreement.objects.create(
        code=code or f"KS-{number:04d}",
        event=event,
        cooperative=cooperative or make_cooperative(),
        partner=partner or make_partner(),
        field=field,
        potential_value=potential,
    )
    for position in range(1, commitments + 1):
        Commitment.objects.create(
            agreement=agreement, position=position, party="koperasi", description=f"Komitmen {position}"
        )
    return agreement


def evaluate(
    agreement, evaluation, *, status="berjalan", realised=0, obstacles=(), results=(), verified=None, user=None
):
    """A submitted follow-up; ``results`` are ya/sebagian/tidak in commitment order."""
    commitments = list(agreement.commitments.order_by("position"))
    follow_up = save_follow_up(
        agreement=agreement,
        evaluation=evaluation,
        status=status,
        realised_value=realised,
        obstacles=obstacles,
        commitment_results={c.pk: r for c, r in zip(commitments, results, strict=False)},
        submit=True,
        source=FollowUp.SOURCE_IMPORT,
    )
    if verified is not None:
        follow_up = verify_follow_up(follow_up=follow_up, user=user, **verified)
    return follow_up

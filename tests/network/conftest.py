import datetime

import pytest

from network.models import Participant
from tests.conftest import refetched
from tests.factories import make_analyst, make_cooperative, make_user

from .factories import evaluate, make_agreement, make_evaluation, make_event, make_partner


class Story:
    """Two cooperatives with agreements from one temu usaha, an open evaluation, people."""


@pytest.fixture
def story(db):
    return build_story()


@pytest.fixture(scope="module")
def _shared_story(module_db):
    return module_db.build("shared_story", build_story)


@pytest.fixture
def shared_story(_shared_story, db):
    """The story built once for a module whose every database test asks for it (tests/conftest.py
    ``module_db``), read afresh for each test; built per test otherwise."""
    if _shared_story is None:
        return build_story()
    return refetched(_shared_story)


def build_story():
    s = Story()
    s.own = make_cooperative(nama="Koperasi Bawang Dringu")
    s.other = make_cooperative(nama="Koperasi Mangga Leces")
    s.analyst = make_analyst(username="analis_uji")
    s.pengurus = make_user(username="pengurus_uji", cooperative=s.own, role="pengurus", phone="081234567001")
    s.staf = make_user(username="staf_uji", cooperative=s.own, role="staf", phone="081234567002")
    s.other_pengurus = make_user(username="pengurus_lain", cooperative=s.other, role="pengurus")
    s.event = make_event(slug="temu-usaha-diy-2018", name="Temu Usaha DIY 2018")
    s.evaluation = make_evaluation(
        follows=s.event,
        slug="evaluasi-nov-2018",
        name="Evaluasi Nov 2018",
        open_now=True,
        starts_on=datetime.date(2018, 11, 20),
    )
    s.partner = make_partner(code="M-01", name="Koperasi Tani Makmur Sleman")
    s.own_agreement = make_agreement(event=s.event, code="KS-01", cooperative=s.own, partner=s.partner, commitments=2)
    s.other_agreement = make_agreement(event=s.event, code="KS-02", cooperative=s.other, commitments=1)
    s.other_follow_up = evaluate(s.other_agreement, s.evaluation, status="berjalan", realised=5_000_000, results=["ya"])
    s.staf_participant = Participant.objects.create(event=s.event, name="Staf Uji", user=s.staf, cooperative=s.own)
    s.guest = Participant.objects.create(event=s.evaluation, name="Pak Harjo", phone="081298765432", partner=s.partner)
    return s

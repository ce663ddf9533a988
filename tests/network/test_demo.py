"""seed_demo's network part: the 2018 story, full reports at once, idempotent."""

import io
import json

import pytest
from django.core.management import call_command

from accounts import demo as accounts_demo
from cooperatives import demo as cooperatives_demo
from network import demo
from network.models import Agreement, Commitment, Event, FollowUp, Participant, Partner

pytestmark = pytest.mark.django_db


def counts():
    return tuple(m.objects.count() for m in (Event, Partner, Agreement, Commitment, Participant, FollowUp))


def test_the_2018_story_loads_once():
    out = io.StringIO()
    cooperatives_demo.seed(out)
    accounts_demo.seed(out)
    demo.seed(out)
    first = counts()
    assert first == (3, 7, 12, 25, 25 + 45, 10)
    evaluation = Event.objects.get(slug="evaluasi-nov-2018")
    assert evaluation.participants.count() == 45
    assert evaluation.participants.filter(user__username="pengurus").exists()
    demo.seed(out)
    assert counts() == first

    document = io.StringIO()
    call_command(
        "export_network", "--event", "temu-usaha-diy-2018", "--evaluation", "evaluasi-nov-2018", stdout=document
    )
    summary = json.loads(document.getvalue())["summary"]
    assert summary["agreements"] == 12 and summary["mitra"] == 7 and summary["cooperatives"] == 10
    assert summary["by_status"] == {"berjalan": 5, "selesai": 2, "batal": 1, "belum_berjalan": 2, "belum_dievaluasi": 2}
    assert summary["nilai_realisasi"] == 275_000_000 and summary["by_kendala"]["logistik"] == 3
    open_now = Event.objects.get(slug="evaluasi-lanjutan-temu-usaha-diy")
    assert open_now.is_open_for_follow_up()

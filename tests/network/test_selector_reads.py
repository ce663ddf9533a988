"""The network's reads from the database: who sees which agreements and events, which
evaluations are open, the follow-up lists, the check-in search, the change between two
evaluations, the association with readiness and the learning gain of an event."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from network import selectors, services, tables
from network.models import Event, Participant
from quizzes.models import Attempt
from quizzes.services import create_quiz
from readiness.models import Assessment, EvaluationRound, Framework
from tests.conftest import refetched
from tests.factories import make_analyst, make_cooperative, make_course, make_user

from .factories import evaluate, make_agreement, make_evaluation, make_event, make_partner

TODAY = datetime.date.today()


def build_world():
    """Temu usaha T (three agreements: A1 and A3 of Koperasi Satu, A2 of Koperasi Dua; A4 at
    another event), evaluations E1 (open now), E2 (later, closed) and E3 (follows nothing)."""
    w = SimpleNamespace()
    w.one = make_cooperative(nama="Koperasi Satu")
    w.two = make_cooperative(nama="Koperasi Dua")
    w.pengurus = make_user(cooperative=w.one, role="pengurus")
    w.other_pengurus = make_user(cooperative=w.two, role="pengurus")
    w.staf = make_user(cooperative=w.one, role="staf", first_name="Staf", last_name="Satu")
    partner = make_partner(code="M-SEL", name="Mitra Baca", provinsi="Bali")
    w.event = make_event(slug="temu-baca", starts_on=datetime.date(2018, 5, 15))
    w.elsewhere = make_event(slug="temu-lain-baca", kind="pelatihan", starts_on=datetime.date(2018, 6, 1))
    w.e1 = make_evaluation(follows=w.event, slug="ev-1", starts_on=datetime.date(2018, 11, 20), open_now=True)
    w.e2 = make_evaluation(
        follows=w.event,
        slug="ev-2",
        starts_on=datetime.date(2019, 3, 1),
        follow_up_opens_on=datetime.date(2019, 3, 1),
        follow_up_closes_on=datetime.date(2019, 3, 10),
    )
    w.e3 = make_evaluation(follows=None, slug="ev-3", starts_on=datetime.date(2018, 12, 1))
    w.a1 = make_agreement(event=w.event, code="KS-B1", cooperative=w.one, partner=partner, potential=100, commitments=2)
    w.a2 = make_agreement(event=w.event, code="KS-B2", cooperative=w.two, partner=partner, potential=300, commitments=1)
    w.a3 = make_agreement(event=w.event, code="KS-B3", cooperative=w.one, partner=partner, potential=0)
    w.a4 = make_agreement(event=w.elsewhere, code="KS-B4", cooperative=w.one, partner=partner)
    evaluate(w.a1, w.e1, status="berjalan", realised=10, obstacles=["harga"], results=["ya", "sebagian"])
    evaluate(w.a2, w.e1, status="batal", realised=0, results=["tidak"])
    evaluate(
        w.a2,
        w.e2,
        status="selesai",
        realised=150,
        results=["ya"],
        verified={"status": "selesai", "realised_value": 120},
    )
    w.siti = Participant.objects.create(event=w.event, name="Siti Aminah", phone="081234567001", cooperative=w.one)
    w.budi = Participant.objects.create(event=w.event, name="Budi", phone="081298765432")
    w.staf_participant = Participant.objects.create(event=w.event, name="Staf Satu", user=w.staf, cooperative=w.one)
    w.guest = Participant.objects.create(event=w.event, name="Tamu 12", partner=partner)
    # Learning gain at the training: a quiz pair, scores from attempts and from paper.
    course = make_course(title="Kursus Jejaring")
    w.pre = create_quiz(course=course, title="Pre-test jejaring", questions=[], purpose="pre_test")
    w.post = create_quiz(course=course, title="Post-test jejaring", questions=[], purpose="post_test")
    Event.objects.filter(pk=w.elsewhere.pk).update(pre_test=w.pre, post_test=w.post)
    w.elsewhere.refresh_from_db()
    learner, half, paper = make_user(), make_user(), None
    for user, quiz, number, score in ((learner, w.pre, 1, 40), (learner, w.pre, 2, 90), (half, w.pre, 1, 50)):
        Attempt.objects.create(
            user=user,
            quiz=quiz,
            number=number,
            status=Attempt.STATUS_SUBMITTED,
            score=score,
            submitted_at=timezone.now(),
        )
    Participant.objects.create(event=w.elsewhere, name="Ani (akun)", user=learner, post_score=70)
    Participant.objects.create(event=w.elsewhere, name="Bayu (separuh)", user=half)
    Participant.objects.create(event=w.elsewhere, name="Citra (kertas)", pre_score=20, post_score=60, user=paper)
    return w


@pytest.fixture(scope="module")
def _shared_world(module_db):
    return module_db.build("w", build_world)


@pytest.fixture
def w(_shared_world, db):
    if _shared_world is None:
        return build_world()
    return refetched(_shared_world)


def codes(agreements):
    return sorted(agreement.code for agreement in agreements)


# --- access ----------------------------------------------------------------------------------------


def test_analysts_see_every_agreement_pengurus_their_own_others_none(w):
    assert codes(selectors.visible_agreements(make_analyst())) == ["KS-B1", "KS-B2", "KS-B3", "KS-B4"]
    assert codes(selectors.visible_agreements(w.pengurus)) == ["KS-B1", "KS-B3", "KS-B4"]
    assert codes(selectors.visible_agreements(w.other_pengurus)) == ["KS-B2"]
    assert codes(selectors.visible_agreements(make_user())) == []
    assert selectors.get_visible_agreement_or_404(w.pengurus, pk=w.a1.pk).partner.code == "M-SEL"
    with pytest.raises(Http404):
        selectors.get_visible_agreement_or_404(w.pengurus, pk=w.a2.pk)


def test_attended_events_are_those_with_the_users_account(w):
    assert list(selectors.attended_events(w.staf)) == [w.event]
    assert list(selectors.attended_events(w.pengurus)) == []  # same cooperative, not a participant
    assert list(selectors.attended_events(AnonymousUser())) == []


def test_open_evaluations_on_a_given_day(w):
    assert selectors.open_evaluations() == [w.e1]
    assert selectors.open_evaluations(datetime.date(2019, 3, 10)) == [w.e2]
    assert selectors.open_evaluations(datetime.date(2019, 3, 11)) == []
    assert list(selectors.evaluation_events()) == [w.e2, w.e3, w.e1]


def test_agreements_to_follow_up_are_those_of_the_event_it_follows(w):
    assert codes(selectors.agreements_to_follow_up(w.e1, w.one)) == ["KS-B1", "KS-B3"]
    assert codes(selectors.agreements_to_follow_up(w.e3, w.one)) == ["KS-B1", "KS-B3", "KS-B4"]
    assert codes(selectors.agreements_to_follow_up(w.e1, w.two)) == ["KS-B2"]


def test_follow_ups_of_an_evaluation_for_everyone_or_one_cooperative(w):
    assert [f.agreement.code for f in selectors.follow_ups_of(w.e1)] == ["KS-B1", "KS-B2"]
    assert [f.agreement.code for f in selectors.follow_ups_of(w.e1, cooperative=w.two)] == ["KS-B2"]
    assert list(selectors.follow_ups_of(w.e3)) == []


# --- the door ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "search, names",
    [
        ("", ["Budi", "Siti Aminah", "Staf Satu", "Tamu 12"]),
        ("siti", ["Siti Aminah"]),
        ("  SATU ", ["Staf Satu"]),
        ("+62 812-3456-7001", ["Siti Aminah"]),
        ("0812 9876 5432", ["Budi"]),
        ("7001", ["Siti Aminah"]),
        ("12", ["Tamu 12"]),  # two digits: a name, not a phone
        ("0899", []),
    ],
)
def test_check_in_search_by_name_or_any_way_of_writing_the_phone(w, search, names):
    assert [p.name for p in selectors.participants_of(w.event, search=search)] == names


def test_attendance_counts_and_certificates_follow_check_in(w):
    assert selectors.attendance_counts(w.event) == {"total": 4, "present": 0}
    services.check_in(participant=w.siti)
    services.check_in(participant=w.guest)
    assert selectors.attendance_counts(w.event) == {"total": 4, "present": 2}
    certificates = selectors.attendance_certificates(selectors.participants_of(w.event))
    assert set(certificates) == {w.siti.pk, w.guest.pk}
    assert certificates[w.siti.pk].recipient_name == "Siti Aminah"
    assert certificates[w.guest.pk].title == w.event.name


# --- figures ------------------------------------------------------------------------------------------------


def test_one_cooperatives_rows_and_the_verified_flag(w):
    rows = selectors.network_rows(w.event, cooperative=w.one)
    assert [row.agreement.code for row in rows] == ["KS-B1", "KS-B3"]
    assert rows[0].figures.commitment_credit == 1.5 and not rows[0].is_verified
    assert rows[1].follow_up_id is None and rows[1].evaluation_id is None
    latest = {row.agreement.code: row for row in selectors.network_rows(w.event)}
    assert latest["KS-B2"].is_verified and latest["KS-B2"].figures.realised == 120
    assert latest["KS-B2"].evaluation_id == w.e2.pk


def test_change_between_two_evaluations(w):
    change, moves = selectors.change_between(w.event, w.e1, w.e2)
    assert (change.before.realised, change.after.realised) == (10, 130)
    assert (change.before.active, change.after.active) == (1, 2)
    assert change.delta("realised") == 120
    assert change.delta("aktif_persen") == pytest.approx(100 / 3)
    assert moves == {("berjalan", "berjalan"): 1, ("batal", "selesai"): 1, ("belum_dievaluasi", "belum_dievaluasi"): 1}


def test_change_table_for_the_download(w):
    rows = selectors.network_rows(w.event, w.e2)
    header, lines = tables.build("perubahan", w.event, w.e2, rows, compare=w.e1)
    assert header == ["ukuran", "ev-1", "ev-2", "perubahan"]
    assert lines == [
        ["kerja_sama_aktif", 1, 2, 1],
        ["nilai_realisasi", 10, 130, 120],
        ["realisasi_persen", 2.5, 32.5, 30.0],
        ["aktif_persen", 33.3, 66.7, 33.3],
        ["komitmen_persen", 50.0, 83.3, 33.3],
    ]
    header, _lines = tables.build("perubahan", w.event, None, selectors.network_rows(w.event), compare=w.e1)
    assert header[2] == "terakhir"


def test_readiness_association_groups_by_level_in_the_latest_round(w):
    rows = selectors.network_rows(w.event)
    assert selectors.readiness_association(rows) == (None, [])
    framework = Framework.objects.create(code="uji-jejaring", version=1, name="Instrumen uji")
    old = EvaluationRound.objects.create(
        slug="r-lama", name="Lama", framework=framework, opens_on=datetime.date(2018, 1, 1)
    )
    new = EvaluationRound.objects.create(
        slug="r-baru", name="Baru", framework=framework, opens_on=datetime.date(2019, 1, 1)
    )
    Assessment.objects.create(round=old, cooperative=w.two, status="submitted", overall=90, level=4)
    Assessment.objects.create(round=new, cooperative=w.one, status="verified", overall=45, level=2)
    Assessment.objects.create(round=new, cooperative=w.two, status="draft", overall=85, level=4)
    evaluation_round, groups = selectors.readiness_association(rows)
    assert evaluation_round == new
    assert [(g.level, g.label, g.cooperatives, g.totals.agreements) for g in groups] == [
        (2, "2 · Kesiapan sedang", 1, 2),
        (None, "Tanpa hasil di putaran ini", 1, 1),
    ]
    header, lines = tables.build("kesiapan", w.event, None, rows)
    assert header[:4] == ["putaran", "tingkat", "label", "koperasi"]
    assert lines == [
        ["r-baru", 2, "2 · Kesiapan sedang", 1, 2, 100, 10, 10.0, 50.0, 75.0],
        ["r-baru", None, "Tanpa hasil di putaran ini", 1, 1, 300, 120, 40.0, 100.0, 100.0],
    ]


def test_kesiapan_table_without_rounds_is_empty(w):
    assert tables.build("kesiapan", w.event, None, selectors.network_rows(w.event))[1] == []


def test_learning_gain_takes_paper_scores_first_then_first_attempts(w):
    gain = selectors.event_learning_gain(w.elsewhere)
    # Ani: first pre attempt 40 (not the second, 90), paper post 70; Citra: paper 20 → 60; Bayu: no post.
    assert gain.learners == 2
    assert [(r["name"], r["pre"], r["post"]) for r in gain.rows] == [("Ani (akun)", 40, 70), ("Citra (kertas)", 20, 60)]
    assert (gain.mean_pre, gain.mean_post) == (30, 65)
    assert gain.gain == pytest.approx((65 - 30) / (100 - 30))
    assert gain.rows[0]["gain"] == pytest.approx(30 / 60)


def test_learning_gain_of_an_event_without_pairs(w):
    gain = selectors.event_learning_gain(w.event)
    assert (gain.learners, gain.mean_pre, gain.mean_post, gain.gain, gain.rows) == (0, None, None, None, [])

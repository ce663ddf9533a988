"""Attendance certificates: issued once when a participant is present (and, for a pelatihan
with a post-test, passed), through the generic certificates service."""

import datetime

import pytest
from django.urls import reverse

from certificates.models import Certificate
from network import services
from network.models import CERTIFICATE_SOURCE, Participant
from quizzes import questions as q
from quizzes.services import create_quiz, start_attempt, submit_attempt
from tests.factories import make_course, make_user

from .factories import make_event

pytestmark = pytest.mark.django_db


def _mark(client, participant):
    url = reverse("network:check_in_mark", args=[participant.event.slug, participant.pk])
    return client.post(url, {"action": "hadir"})


def _certificates(participant):
    return Certificate.objects.filter(source=CERTIFICATE_SOURCE, reference=str(participant.pk))


def test_a_guest_without_account_gets_one_certificate_analysts_download(client, story):
    client.force_login(story.analyst)
    guest = story.guest  # a partner's participant at the evaluation event, no account
    assert _mark(client, guest).status_code == 302
    assert _mark(client, guest).status_code == 302  # a second tap at the door
    services.undo_check_in(participant=guest)
    _mark(client, guest)  # marked present again
    certificate = _certificates(guest).get()
    assert certificate.kind == Certificate.KIND_ATTENDANCE and certificate.user is None
    assert certificate.recipient_name == "Pak Harjo"
    assert certificate.title == story.evaluation.name and certificate.awarded_on == story.evaluation.starts_on

    page = client.get(reverse("network:check_in", args=[story.evaluation.slug])).content.decode()
    download = reverse("certificates:download", args=[certificate.code])
    assert download in page
    response = client.get(download)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    # Not for the cooperative's people.
    client.force_login(story.pengurus)
    assert client.get(download).status_code == 404


def test_a_participant_with_an_account_finds_it_in_my_certificates(client, story):
    client.force_login(story.analyst)
    _mark(client, story.staf_participant)
    certificate = _certificates(story.staf_participant).get()
    assert certificate.user == story.staf and certificate.title == story.event.name
    client.force_login(story.staf)
    page = client.get(reverse("certificates:mine")).content.decode()
    assert story.event.name in page and certificate.code in page


def test_absent_participants_get_none(client, story):
    assert services.attendance_confirmed(participant=story.guest) is None
    assert not Certificate.objects.exists()


@pytest.fixture
def training(db):
    course = make_course(title="Kursus Pembukuan")
    quiz = create_quiz(
        course=course,
        title="Post-test Pembukuan",
        questions=[q.true_false_question("Koperasi wajib mengadakan RAT.", True)],
        purpose="post_test",
        pass_mark=60,
    )
    event = make_event(kind="pelatihan", name="Pelatihan Pembukuan", starts_on=datetime.date(2026, 3, 2))
    event.post_test = quiz
    event.save(update_fields=["post_test"])
    learner = make_user(username="peserta_latih", first_name="Sri", last_name="Wahyuni")
    participant = Participant.objects.create(event=event, name="Sri Wahyuni", user=learner)
    return event, quiz, learner, participant


def _answer(attempt, *, right):
    question = attempt.snapshot["questions"][0]
    choice = next(c["id"] for c in question["choices"] if (c["fraction"] >= 1) == right)
    return {question["id"]: choice}


def test_a_training_with_a_post_test_needs_presence_and_a_pass(training, story, django_capture_on_commit_callbacks):
    event, quiz, learner, participant = training
    services.check_in(participant=participant, by=story.analyst)
    assert not _certificates(participant).exists()  # present, not yet passed

    attempt = start_attempt(user=learner, quiz=quiz)
    with django_capture_on_commit_callbacks(execute=True):
        submit_attempt(attempt=attempt, answers=_answer(attempt, right=False))
    assert not _certificates(participant).exists()  # failed

    attempt = start_attempt(user=learner, quiz=quiz)
    with django_capture_on_commit_callbacks(execute=True):
        submit_attempt(attempt=attempt, answers=_answer(attempt, right=True))
    certificate = _certificates(participant).get()
    assert (certificate.recipient_name, certificate.title, certificate.awarded_on) == (
        "Sri Wahyuni",
        "Pelatihan Pembukuan",
        datetime.date(2026, 3, 2),
    )
    services.check_in(participant=participant, by=story.analyst)  # a repeat check-in
    assert _certificates(participant).count() == 1


def test_passing_before_the_check_in_issues_it_at_the_door(training, story, django_capture_on_commit_callbacks):
    event, quiz, learner, participant = training
    attempt = start_attempt(user=learner, quiz=quiz)
    with django_capture_on_commit_callbacks(execute=True):
        submit_attempt(attempt=attempt, answers=_answer(attempt, right=True))
    assert not _certificates(participant).exists()  # passed, not present
    services.check_in(participant=participant, by=story.analyst)
    assert _certificates(participant).count() == 1


def test_a_paper_post_test_score_counts_for_people_without_account(training, story):
    event, _quiz, _learner, _participant = training
    paper = Participant.objects.create(event=event, name="Bu Lastri", post_score=80)
    low = Participant.objects.create(event=event, name="Pak Darto", post_score=40)
    for participant in (paper, low):
        services.check_in(participant=participant, by=story.analyst)
    assert _certificates(paper).get().user is None
    assert not _certificates(low).exists()

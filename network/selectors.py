"""Reads for the business network: who may see what, and the figures of section 7.

``network_rows`` answers every report, download and export with a constant number of
queries (two, whatever the number of agreements): the agreements with their partner,
cooperative and commitment count, then every submitted or verified follow-up of those
agreements with its commitment credit. The pure rules in ``figures`` pick the latest
follow-up per agreement and do the sums.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Count, F, FloatField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from certificates.models import Certificate
from cooperatives.selectors import visible_cooperatives
from quizzes import scoring as quiz_scoring
from quizzes.models import Attempt
from readiness.models import Assessment, EvaluationRound

from . import figures
from .models import CERTIFICATE_SOURCE, Agreement, Commitment, CommitmentFollowUp, Event, FollowUp, Participant

# --- access ---------------------------------------------------------------------------


def visible_agreements(user):
    """Whoever may view agreements (analysts): every agreement. Pengurus: their cooperative's. Anyone else: none."""
    if user.has_perm("network.view_agreement"):
        return Agreement.objects.all()
    return Agreement.objects.filter(cooperative__in=visible_cooperatives(user))


def get_visible_agreement_or_404(user, **lookup):
    return get_object_or_404(visible_agreements(user).select_related("event", "cooperative", "partner"), **lookup)


def attended_events(user):
    """The events ``user`` took part in (as a registered participant with an account)."""
    if not user.is_authenticated:
        return Event.objects.none()
    return Event.objects.filter(participants__user=user).distinct()


def open_evaluations(today=None):
    """Evaluation events whose follow-up is open for pengurus now."""
    events = Event.objects.filter(kind=Event.KIND_EVALUASI, follow_up_opens_on__isnull=False)
    return [event for event in events if event.is_open_for_follow_up(today)]


def evaluation_events():
    return Event.objects.filter(kind=Event.KIND_EVALUASI).order_by("-starts_on", "-pk")


# --- the figures ----------------------------------------------------------------------


_CREDIT = Case(
    When(result=figures.RESULT_YES, then=Value(1.0)),
    When(result=figures.RESULT_PARTLY, then=Value(0.5)),
    default=Value(0.0),
    output_field=FloatField(),
)


def _credit_subquery():
    return Coalesce(
        Subquery(
            CommitmentFollowUp.objects.filter(follow_up=OuterRef("pk"))
            .order_by()
            .values("follow_up")
            .annotate(total=Sum(_CREDIT))
            .values("total")[:1],
            output_field=FloatField(),
        ),
        Value(0.0),
    )


@dataclass
class AgreementRow:
    """One agreement of an event at its chosen follow-up (``follow_up_id`` None: not evaluated)."""

    agreement: "AgreementRef"
    figures: figures.AgreementFigures
    follow_up_id: int | None = None
    evaluation_id: int | None = None
    is_verified: bool = False

    @property
    def status_label(self):
        return status_label(self.figures.status)


def status_label(status):
    labels = dict(FollowUp.STATUS_CHOICES)
    labels[figures.STATUS_NOT_EVALUATED] = _not_evaluated_label()
    return labels.get(status, status)


def _not_evaluated_label():
    return _("Belum dievaluasi")


@dataclass(frozen=True)
class CooperativeRef:
    """The few fields of a cooperative the network figures show (no model instance: cheap at scale)."""

    pk: int
    nik: str
    nama: str
    kecamatan_name: str

    def __str__(self):
        return self.nama


@dataclass(frozen=True)
class PartnerRef:
    pk: int
    code: str
    name: str
    provinsi: str

    def __str__(self):
        return self.name


@dataclass
class AgreementRef:
    pk: int
    code: str
    field: str
    potential_value: int
    cooperative: CooperativeRef
    partner: PartnerRef
    url: str

    @property
    def cooperative_id(self):
        return self.cooperative.pk

    @property
    def partner_id(self):
        return self.partner.pk

    def get_absolute_url(self):
        return self.url


_AGREEMENT_VALUES = (
    "pk",
    "code",
    "field",
    "potential_value",
    "cooperative_id",
    "cooperative__nik",
    "cooperative__nama",
    "cooperative__kecamatan__name",
    "partner_id",
    "partner__code",
    "partner__name",
    "partner__provinsi",
    "commitment_count",
)


def network_rows(event, evaluation=None, *, cooperative=None):
    """Every agreement of ``event`` at its latest follow-up up to ``evaluation`` (by start date).

    Two queries whatever the size, read as plain values (no model instances). ``cooperative``
    narrows to one cooperative's agreements.
    """
    commitment_counts = Subquery(
        Commitment.objects.filter(agreement=OuterRef("pk"))
        .order_by()
        .values("agreement")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    agreements = (
        Agreement.objects.filter(event=event)
        .annotate(commitment_count=Coalesce(commitment_counts, Value(0)))
        .order_by("code")
        .values_list(*_AGREEMENT_VALUES)
    )
    follow_ups = FollowUp.objects.filter(agreement__event=event, state__in=FollowUp.RESULT_STATES)
    if cooperative is not None:
        agreements = agreements.filter(cooperative=cooperative)
        follow_ups = follow_ups.filter(agreement__cooperative=cooperative)
    if evaluation is not None:
        follow_ups = follow_ups.filter(evaluation__starts_on__lte=evaluation.starts_on)
    values = follow_ups.annotate(credit=_credit_subquery(), starts_on=F("evaluation__starts_on")).values_list(
        "pk", "agreement_id", "evaluation_id", "starts_on", "status", "realised_value", "obstacles", "credit", "state"
    )
    points = [
        figures.EvaluationPoint(agreement_id=row[1], evaluation_id=row[2], starts_on=row[3], key=row) for row in values
    ]
    until = (evaluation.starts_on, evaluation.pk) if evaluation is not None else None
    chosen = figures.latest_evaluations(points, until=until)
    url_prefix = reverse("network:agreement_detail", args=[0])[: -len("0/")]
    cooperatives, partners = {}, {}
    rows = []
    for (pk, code, field, potential, cooperative_id, nik, nama, kecamatan, partner_id, partner_code, partner_name,
         provinsi, commitment_count) in agreements:  # fmt: skip
        cooperative_ref = cooperatives.get(cooperative_id)
        if cooperative_ref is None:
            cooperative_ref = cooperatives[cooperative_id] = CooperativeRef(cooperative_id, nik, nama, kecamatan)
        partner_ref = partners.get(partner_id)
        if partner_ref is None:
            partner_ref = partners[partner_id] = PartnerRef(partner_id, partner_code, partner_name, provinsi)
        agreement = AgreementRef(pk, code, field, potential, cooperative_ref, partner_ref, f"{url_prefix}{pk}/")
        item = figures.AgreementFigures(potential=potential, commitments=commitment_count)
        row = AgreementRow(agreement=agreement, figures=item)
        point = chosen.get(pk)
        if point is not None:
            follow_up_id, _agreement_id, evaluation_id, _starts, status, realised, obstacles, credit, state = point.key
            item.status = status
            item.realised = realised
            item.obstacles = tuple(obstacles or ())
            item.commitment_credit = credit or 0.0
            row.follow_up_id = follow_up_id
            row.evaluation_id = evaluation_id
            row.is_verified = state == FollowUp.STATE_VERIFIED
        rows.append(row)
    return rows


def summary(rows):
    """``figures.Totals`` over ``rows`` plus the distinct cooperatives and partners."""
    result = figures.totals(row.figures for row in rows)
    result.cooperatives = len({row.agreement.cooperative_id for row in rows})
    result.partners = len({row.agreement.partner_id for row in rows})
    return result


def _ordered(groups, order):
    position = {key: index for index, key in enumerate(order)}
    return dict(sorted(groups.items(), key=lambda item: (position.get(item[0], len(position)), str(item[0]))))


def by_cooperative(rows):
    groups = figures.grouped_totals(((row, row.figures) for row in rows), key=lambda r: r.agreement.cooperative)
    return sorted(groups.items(), key=lambda item: item[0].nama)


def by_partner(rows):
    groups = figures.grouped_totals(((row, row.figures) for row in rows), key=lambda r: r.agreement.partner)
    return sorted(groups.items(), key=lambda item: item[0].name)


def by_province(rows):
    groups = figures.grouped_totals(((row, row.figures) for row in rows), key=lambda r: r.agreement.partner.provinsi)
    return dict(sorted(groups.items()))


def by_field(rows):
    groups = figures.grouped_totals(((row, row.figures) for row in rows), key=lambda r: r.agreement.field)
    return _ordered(groups, figures.FIELDS)


def by_status(rows):
    counts = Counter(row.figures.status for row in rows)
    return {status: counts.get(status, 0) for status in figures.REPORT_STATUSES}


def by_obstacle(rows):
    """Agreements naming each obstacle at their chosen follow-up (only obstacles named)."""
    counts = Counter(obstacle for row in rows for obstacle in row.figures.obstacles)
    return _ordered(dict(counts), figures.OBSTACLES)


def obstacle_totals(rows):
    """Per obstacle: the Totals of the agreements that name it."""
    groups = {}
    for row in rows:
        for obstacle in row.figures.obstacles:
            groups.setdefault(obstacle, figures.Totals()).add(row.figures)
    return _ordered(groups, figures.OBSTACLES)


# --- change between two evaluations ------------------------------------------------


@dataclass
class Change:
    before: object
    after: object

    def delta(self, name):
        a, b = getattr(self.before, name), getattr(self.after, name)
        if a is None or b is None:
            return None
        return b - a


def change_between(event, evaluation_a, evaluation_b):
    """The event's totals at two evaluations and the status moves between them (4 queries)."""
    rows_a = network_rows(event, evaluation_a)
    rows_b = network_rows(event, evaluation_b)
    moves = Counter()
    before = {row.agreement.pk: row.figures.status for row in rows_a}
    for row in rows_b:
        moves[(before.get(row.agreement.pk, figures.STATUS_NOT_EVALUATED), row.figures.status)] += 1
    return Change(before=summary(rows_a), after=summary(rows_b)), moves


# --- association with readiness ------------------------------------------------------


@dataclass
class ReadinessGroup:
    level: int | None
    label: str
    cooperatives: int
    totals: figures.Totals


def latest_round():
    return EvaluationRound.objects.select_related("framework").order_by("-opens_on", "-pk").first()


def readiness_association(rows):
    """The network figures per readiness level of each cooperative in the latest round.

    An association only (never proof of cause). Cooperatives without a result in that
    round form their own group (level None). One query beside ``rows``; None without rounds.
    """
    evaluation_round = latest_round()
    if evaluation_round is None:
        return None, []
    cooperative_ids = {row.agreement.cooperative_id for row in rows}
    levels = dict(
        Assessment.objects.filter(
            round=evaluation_round,
            status__in=[Assessment.STATUS_SUBMITTED, Assessment.STATUS_VERIFIED],
            cooperative_id__in=cooperative_ids,
        ).values_list("cooperative_id", "level")
    )
    bands = evaluation_round.framework.band_list()
    groups = {}
    members = {}
    for row in rows:
        level = levels.get(row.agreement.cooperative_id)
        groups.setdefault(level, figures.Totals()).add(row.figures)
        members.setdefault(level, set()).add(row.agreement.cooperative_id)
    result = []
    for level in sorted(groups, key=lambda value: (value is None, value if value is not None else 0)):
        if level is None:
            label = _no_result_label()
        else:
            label = f"{level} · {bands[level].label}" if level < len(bands) else str(level)
        result.append(ReadinessGroup(level, label, len(members[level]), groups[level]))
    return evaluation_round, result


def _no_result_label():
    return _("Tanpa hasil di putaran ini")


# --- follow-ups ------------------------------------------------------------------------


def follow_ups_of(evaluation, *, cooperative=None):
    queryset = FollowUp.objects.filter(evaluation=evaluation).select_related(
        "agreement__cooperative", "agreement__partner"
    )
    if cooperative is not None:
        queryset = queryset.filter(agreement__cooperative=cooperative)
    return queryset.order_by("agreement__code")


def agreements_to_follow_up(evaluation, cooperative):
    """A cooperative's agreements evaluated at ``evaluation``: of the event it follows (or all)."""
    agreements = Agreement.objects.filter(cooperative=cooperative).select_related("partner", "event")
    if evaluation.follows_id:
        agreements = agreements.filter(event_id=evaluation.follows_id)
    return agreements.order_by("code")


# --- participants ------------------------------------------------------------------------


def participants_of(event, *, search=""):
    queryset = Participant.objects.filter(event=event).select_related("cooperative", "partner")
    search = search.strip()
    if search:
        digits = "".join(ch for ch in search if ch.isdigit())
        condition = Q(name__icontains=search)
        if len(digits) >= 3:
            condition |= Q(phone__contains=digits.lstrip("0")[-8:] if len(digits) > 8 else digits.lstrip("0"))
        queryset = queryset.filter(condition)
    return queryset.order_by("name", "pk")


def attendance_certificates(participants):
    """{participant id: its attendance certificate} for ``participants`` (one query)."""
    references = {str(participant.pk): participant.pk for participant in participants}
    found = Certificate.objects.filter(source=CERTIFICATE_SOURCE, reference__in=list(references))
    return {references[certificate.reference]: certificate for certificate in found}


def attendance_counts(event):
    return Participant.objects.filter(event=event).aggregate(
        total=Count("pk"), present=Count("pk", filter=Q(present=True))
    )


# --- learning gain of an event's participants ----------------------------------------------


@dataclass
class EventGain:
    learners: int
    mean_pre: float | None
    mean_post: float | None
    gain: float | None
    rows: list


def event_learning_gain(event):
    """Hake gain (PRODUCT.md section 5) of the participants with both a pre- and a post-test.

    A paper score (imported) counts where present, else the first submitted attempt of
    the event's quiz. Two queries.
    """
    participants = list(
        Participant.objects.filter(event=event).values_list("pk", "name", "user_id", "pre_score", "post_score")
    )
    quiz_ids = [quiz_id for quiz_id in (event.pre_test_id, event.post_test_id) if quiz_id]
    scores = {}
    user_ids = [user_id for _pk, _name, user_id, _pre, _post in participants if user_id]
    if quiz_ids and user_ids:
        attempts = Attempt.objects.filter(
            quiz_id__in=quiz_ids, number=1, status=Attempt.STATUS_SUBMITTED, user_id__in=user_ids
        ).values_list("quiz_id", "user_id", "score")
        scores = {(quiz_id, user_id): score for quiz_id, user_id, score in attempts}
    rows, pairs = [], []
    for _pk, name, user_id, paper_pre, paper_post in participants:
        pre = paper_pre if paper_pre is not None else scores.get((event.pre_test_id, user_id))
        post = paper_post if paper_post is not None else scores.get((event.post_test_id, user_id))
        if pre is None or post is None:
            continue
        pairs.append((pre, post))
        rows.append({"name": name, "pre": pre, "post": post, "gain": quiz_scoring.learning_gain(pre, post)})
    if not pairs:
        return EventGain(0, None, None, None, [])
    mean_pre = sum(a for a, _b in pairs) / len(pairs)
    mean_post = sum(b for _a, b in pairs) / len(pairs)
    return EventGain(
        len(pairs), mean_pre, mean_post, quiz_scoring.group_gain(pairs), sorted(rows, key=lambda r: r["name"])
    )

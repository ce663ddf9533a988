"""The figures of the business network (PRODUCT.md section 7), as pure functions.

No request and no ORM in here: selectors hand in plain values, so the contract is
tested on its own and every report, download and export agrees with it.

- each agreement is taken at its latest evaluation at the chosen evaluation event or an
  earlier one (by start date); never evaluated → ``belum_dievaluasi`` and realised 0;
- ``realisasi_persen = 100 × Σ realised / Σ potential`` (None when Σ potential = 0);
- ``aktif_persen = 100 × agreements berjalan or selesai / agreements`` (None without any);
- ``komitmen_persen = 100 × Σ credit / commitments`` with ya 1, sebagian 0.5, tidak or
  not evaluated 0 (None without commitments).
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from base.numbers import round_half_up

STATUS_NOT_STARTED = "belum_berjalan"
STATUS_RUNNING = "berjalan"
STATUS_DONE = "selesai"
STATUS_CANCELLED = "batal"
STATUS_NOT_EVALUATED = "belum_dievaluasi"
EVALUATION_STATUSES = (STATUS_NOT_STARTED, STATUS_RUNNING, STATUS_DONE, STATUS_CANCELLED)
REPORT_STATUSES = (STATUS_RUNNING, STATUS_DONE, STATUS_CANCELLED, STATUS_NOT_STARTED, STATUS_NOT_EVALUATED)
ACTIVE_STATUSES = (STATUS_RUNNING, STATUS_DONE)

RESULT_YES = "ya"
RESULT_PARTLY = "sebagian"
RESULT_NO = "tidak"
RESULT_CREDIT = {RESULT_YES: 1.0, RESULT_PARTLY: 0.5, RESULT_NO: 0.0}

OBSTACLES = ("modal", "logistik", "kualitas", "harga", "komunikasi", "perizinan", "digital", "lainnya")
FIELDS = ("pemasaran", "pasokan", "permodalan", "pelatihan", "teknologi", "lainnya")


def commitment_credit(result):
    """ya 1, sebagian 0.5, tidak or not evaluated (None) 0."""
    return RESULT_CREDIT.get(result, 0.0)


def realisasi_persen(realised_total, potential_total):
    if not potential_total:
        return None
    return 100.0 * realised_total / potential_total


def aktif_persen(active_count, agreement_count):
    if not agreement_count:
        return None
    return 100.0 * active_count / agreement_count


def komitmen_persen(credit_total, commitment_count):
    if not commitment_count:
        return None
    return 100.0 * credit_total / commitment_count


def percent_for_export(value):
    """Percentages are stored unrounded and exported to one decimal."""
    return round_half_up(value, 1)


# --- choosing the evaluation that counts ------------------------------------------------


@dataclass(frozen=True)
class EvaluationPoint:
    """One evaluation of one agreement, as far as choosing the latest needs it."""

    agreement_id: int
    evaluation_id: int  # the evaluasi event
    starts_on: object  # a date
    key: object = None  # whatever the caller wants back (a row, an id)


def latest_evaluations(points, *, until=None):
    """For each agreement, the point with the latest start date at or before ``until``.

    ``until`` is the chosen evaluation event as ``(start date, event id)`` (None: no
    limit). Events that start on the same day are ordered by their id, so the choice is
    always the same. Returns ``{agreement_id: point}``.
    """
    chosen = {}
    for point in points:
        if until is not None and (point.starts_on, point.evaluation_id) > tuple(until):
            continue
        current = chosen.get(point.agreement_id)
        if current is None or (point.starts_on, point.evaluation_id) > (current.starts_on, current.evaluation_id):
            chosen[point.agreement_id] = point
    return chosen


# --- an agreement as reports see it ----------------------------------------------------


@dataclass
class AgreementFigures:
    """One agreement at its chosen evaluation (or not evaluated)."""

    potential: int
    status: str = STATUS_NOT_EVALUATED
    realised: int = 0
    obstacles: tuple = ()
    commitments: int = 0
    commitment_credit: float = 0.0

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES


@dataclass
class Totals:
    """Sums over a group of agreements, with the three percentages."""

    agreements: int = 0
    active: int = 0
    potential: int = 0
    realised: int = 0
    commitments: int = 0
    commitment_credit: float = 0.0
    by_status: Counter = field(default_factory=Counter)
    by_obstacle: Counter = field(default_factory=Counter)

    def add(self, figures: AgreementFigures):
        self.agreements += 1
        self.active += 1 if figures.is_active else 0
        self.potential += figures.potential
        self.realised += figures.realised
        self.commitments += figures.commitments
        self.commitment_credit += figures.commitment_credit
        self.by_status[figures.status] += 1
        for obstacle in figures.obstacles:
            self.by_obstacle[obstacle] += 1
        return self

    @property
    def realisasi_persen(self):
        return realisasi_persen(self.realised, self.potential)

    @property
    def aktif_persen(self):
        return aktif_persen(self.active, self.agreements)

    @property
    def komitmen_persen(self):
        return komitmen_persen(self.commitment_credit, self.commitments)


def totals(figures_list):
    result = Totals()
    for figures in figures_list:
        result.add(figures)
    return result


def grouped_totals(items, key):
    """``{key(item): Totals}`` for (item, AgreementFigures) pairs, in first-seen order."""
    groups = {}
    for item, figures in items:
        groups.setdefault(key(item), Totals()).add(figures)
    return groups


# --- Rupiah in spreadsheets and forms ----------------------------------------------------


class RupiahError(ValueError):
    """The text is not a whole, non-negative amount of Rupiah; the message says why."""


_RP_PREFIX = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_PLAIN = re.compile(r"^\d+$")
_DOTTED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_ZERO_CENTS = re.compile(r",0+$")
_FRACTION = re.compile(r"^(\d+(\.\d{3})*,\d+|\d+\.\d+)$")


def parse_rupiah(text):
    """``120000000``, ``120.000.000``, ``Rp 120.000.000`` (and ``,00``) → 120000000.

    Raises RupiahError (in Indonesian) for a negative or fractional amount or anything
    that is not a number. Empty text is the caller's business (returns None).
    """
    raw = str(text or "").strip()
    if not raw:
        return None
    value = _RP_PREFIX.sub("", raw).replace(" ", "").replace("\u00a0", "")
    if value.startswith(("-", "(", "\u2212")):
        raise RupiahError("negative")
    value = _ZERO_CENTS.sub("", value)
    if _PLAIN.match(value):
        return int(value)
    if _DOTTED.match(value):
        return int(value.replace(".", ""))
    if _FRACTION.match(value):
        raise RupiahError("fractional")
    raise RupiahError("invalid")


def format_rupiah(value):
    """120000000 → ``Rp 120.000.000`` (Indonesian thousands separator)."""
    if value is None:
        return "–"
    return "Rp " + f"{int(value):,}".replace(",", ".")

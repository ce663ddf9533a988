"""Quiz scoring (PRODUCT.md section 5): pure functions, no request and no ORM.

Everything here works on the plain *snapshot* an attempt keeps of what it was graded
against. A question in a snapshot is a dict::

    {"id": "…", "type": "single_choice" | "multiple_answers" | "true_false"
                        | "short_answer" | "numeric",
     "points": 1.0,
     "choices": [{"id": "…", "text": "…", "fraction": 1.0, "feedback": "…"}],   # choice types
     "accepted": [{"text": "…", "fraction": 1.0, "feedback": "…"}],              # short answer
     "numeric": [{"min": 2.9, "max": 3.1, "fraction": 1.0, "feedback": "…"}]}    # numeric

Snapshots from version 2 on may also carry, per accepted short answer, ``"wildcard":
True`` (its ``*`` matches any text, ``\\*`` a literal star, as in Moodle), per numeric
answer ``"any": True`` (any number: Moodle's ``*``, the catch-all wrong answer), and
``html``/``feedback_html`` for display. Without those keys an answer means exactly what
it meant before, so older attempts grade the same.

When several answers of a short-answer or numeric question match, the one with the
highest fraction counts (the first of equals), and its feedback is the one shown.

A *response* is what the learner gave for one question: a choice id (single choice,
true/false), a list of choice ids (multiple answers) or text (short answer, numeric).
Missing or empty means unanswered, which earns 0.
"""

import math
import re
import statistics
from dataclasses import dataclass, field

SINGLE_CHOICE = "single_choice"
MULTIPLE_ANSWERS = "multiple_answers"
TRUE_FALSE = "true_false"
SHORT_ANSWER = "short_answer"
NUMERIC = "numeric"
CHOICE_TYPES = (SINGLE_CHOICE, MULTIPLE_ANSWERS, TRUE_FALSE)
QUESTION_TYPES = (SINGLE_CHOICE, MULTIPLE_ANSWERS, TRUE_FALSE, SHORT_ANSWER, NUMERIC)

GRADE_HIGHEST = "highest"
GRADE_LAST = "last"
GRADE_FIRST = "first"
GRADE_AVERAGE = "average"

# Item analysis is not shown on fewer first attempts than this: too noisy to act on.
ITEM_ANALYSIS_MIN_ATTEMPTS = 10
FLAG_TOO_EASY = "too_easy"
FLAG_TOO_HARD = "too_hard"
FLAG_LOW_DISCRIMINATION = "low_discrimination"
TOO_EASY_ABOVE = 90.0  # facility index, %
TOO_HARD_BELOW = 20.0
LOW_DISCRIMINATION_BELOW = 20.0  # discrimination index, % (Moodle: under 20 is weak)


def clamp01(value):
    return min(1.0, max(0.0, float(value)))


# --- the answer key -------------------------------------------------------------------


def default_choice_fractions(correct_flags, *, multiple):
    """The credit of each choice when the editor gave none (PRODUCT.md section 5).

    Single choice: right 1, wrong 0. Multiple answers with k right choices: right +1/k,
    wrong −1/k (so the question gives ``max(0, (right − wrong) / k)``).
    """
    flags = [bool(flag) for flag in correct_flags]
    if not multiple:
        return [1.0 if flag else 0.0 for flag in flags]
    k = sum(flags)
    if k == 0:
        return [0.0 for _ in flags]
    return [1.0 / k if flag else -1.0 / k for flag in flags]


def choice_fractions(choices, *, multiple):
    """Resolve each choice's fraction: the editor's credit (percent) or the default.

    ``choices`` is a list of ``(correct: bool, credit_percent: float | None)``.
    """
    defaults = default_choice_fractions([correct for correct, _ in choices], multiple=multiple)
    resolved = []
    for (_correct, credit), default in zip(choices, defaults, strict=True):
        if credit is None or credit == "":
            resolved.append(default)
        else:
            resolved.append(max(-1.0, min(1.0, float(credit) / 100.0)))
    return resolved


# --- reading a response -----------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")


def normalise_text(text):
    """Trimmed, case- and whitespace-insensitive form of a short answer."""
    return _WHITESPACE.sub(" ", str(text or "")).strip().casefold()


def parse_number(text):
    """A number as people type it here: ``3.5``, ``3,5``, ``1.000,5``, ``-2``. None if not one."""
    if text is None:
        return None
    if isinstance(text, int | float) and not isinstance(text, bool):
        value = float(text)
        return value if math.isfinite(value) else None
    raw = str(text).strip().replace(" ", "")
    if not raw:
        return None
    if "," in raw and "." in raw:
        # The later mark is the decimal one: 1.000,5 or 1,000.5.
        if raw.rfind(",") > raw.rfind("."):
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
    elif "," in raw:
        raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def is_answered(question, response):
    if response is None:
        return False
    if question["type"] == MULTIPLE_ANSWERS:
        return bool(response_choice_ids(response))
    return str(response).strip() != ""


def response_choice_ids(response):
    """The set of choice ids in a multiple-answers response (order never matters)."""
    if response is None or response == "":
        return frozenset()
    if isinstance(response, str):
        return frozenset([response])
    return frozenset(str(item) for item in response if item not in (None, ""))


# --- one question -----------------------------------------------------------------------


def question_credit(question, response):
    """The credit in [0, 1] that ``response`` earns on ``question``."""
    if not is_answered(question, response):
        return 0.0
    kind = question["type"]
    if kind in (SINGLE_CHOICE, TRUE_FALSE):
        for choice in question.get("choices", []):
            if choice["id"] == str(response):
                return clamp01(choice["fraction"])
        return 0.0
    if kind == MULTIPLE_ANSWERS:
        chosen = response_choice_ids(response)
        total = sum(float(c["fraction"]) for c in question.get("choices", []) if c["id"] in chosen)
        # A sixth and five sixths are full credit, not 0.9999999999999999 (which would fail a
        # pass mark of 100): a sum within float noise of a whole number is that number.
        if abs(total - round(total)) < 1e-9:
            total = round(total)
        return clamp01(total)
    if kind in (SHORT_ANSWER, NUMERIC):
        matched = matching_answer(question, response)
        return clamp01(matched["fraction"]) if matched else 0.0
    raise ValueError(f"unknown question type {kind!r}")


def matching_answer(question, response):
    """The accepted short or numeric answer that ``response`` earns its credit with, or None."""
    if not is_answered(question, response):
        return None
    if question["type"] == SHORT_ANSWER:
        given = normalise_text(response)
        matches = [a for a in question.get("accepted", []) if text_matches(a, given)]
    elif question["type"] == NUMERIC:
        value = parse_number(response)
        if value is None:
            return None
        matches = [a for a in question.get("numeric", []) if numeric_matches(a, value)]
    else:
        return None
    best = None
    for answer in matches:
        if best is None or float(answer["fraction"]) > float(best["fraction"]):
            best = answer
    return best


def wildcard_segments(text):
    """A short answer with Moodle's ``*`` split into the literal pieces between stars
    (``\\*`` is a star itself), normalised like a response."""
    segments = [""]
    for part in re.split(r"(\\\*|\*)", normalise_text(text)):
        if part == "*":
            segments.append("")
        else:
            segments[-1] += "*" if part == "\\*" else part
    return segments


def wildcard_matches(text, given):
    """Whether ``given`` matches the pattern ``text``: leftmost matching of each piece, in
    time proportional to the text (no regex backtracking on what learners type)."""
    segments = wildcard_segments(text)
    if len(segments) == 1:
        return segments[0] == given
    first, *middle, last = segments
    if len(given) < len(first) + len(last) or not given.startswith(first) or not given.endswith(last):
        return False
    position, end = len(first), len(given) - len(last)
    for segment in middle:
        found = given.find(segment, position, end)
        if found == -1:
            return False
        position = found + len(segment)
    return True


def text_matches(accepted, given):
    """Whether the normalised response ``given`` matches one accepted short answer."""
    if accepted.get("wildcard"):
        return wildcard_matches(accepted["text"], given)
    return normalise_text(accepted["text"]) == given


def numeric_matches(answer, value):
    """``|x − target| ≤ tolerance`` written as the range [min, max] (inclusive); any number
    for a catch-all answer."""
    if answer.get("any"):
        return True
    # A tiny epsilon so that 3.1 counts within 3 ± 0.1 despite binary floats.
    epsilon = 1e-9 * max(1.0, abs(value))
    return float(answer["min"]) - epsilon <= value <= float(answer["max"]) + epsilon


def numeric_range(*, target=None, tolerance=0.0, minimum=None, maximum=None):
    """An accepted numeric answer as (min, max): a target ± tolerance, or a range."""
    if minimum is not None and maximum is not None:
        low, high = float(minimum), float(maximum)
        return (min(low, high), max(low, high))
    if target is None:
        raise ValueError("a numeric answer needs a target or a range")
    tolerance = abs(float(tolerance or 0.0))
    return (float(target) - tolerance, float(target) + tolerance)


def answered_items(question, response):
    """The chosen choices, or the accepted answer matched: what carries the feedback."""
    if not is_answered(question, response):
        return []
    if question["type"] in CHOICE_TYPES:
        chosen = response_choice_ids(response)
        return [c for c in question.get("choices", []) if c["id"] in chosen]
    matched = matching_answer(question, response)
    return [matched] if matched else []


def answer_feedback(question, response):
    """The feedback written for what the learner answered (empty if none)."""
    return [item["feedback"] for item in answered_items(question, response) if item.get("feedback")]


# --- a whole attempt --------------------------------------------------------------------


@dataclass(frozen=True)
class QuizResult:
    score: float  # percent, 0..100, unrounded
    credits: dict = field(default_factory=dict)  # question id -> credit 0..1


def grade(questions, answers):
    """Grade ``answers`` (question id -> response) against ``questions`` (snapshot list).

    Score % = 100 × Σ points·credit / Σ points. Answers to unknown questions are ignored
    here (the services reject them before they are ever stored).
    """
    credits = {}
    earned = 0.0
    possible = 0.0
    for question in questions:
        credit = question_credit(question, answers.get(question["id"]))
        credits[question["id"]] = credit
        points = max(0.0, float(question.get("points", 1.0)))
        earned += points * credit
        possible += points
    score = 100.0 * earned / possible if possible > 0 else 0.0
    return QuizResult(score=min(100.0, max(0.0, score)), credits=credits)


def has_passed(score, pass_mark):
    return score is not None and score >= float(pass_mark)


def final_grade(scores, method):
    """The grade that counts from graded attempts' scores (in the order they were made)."""
    scores = [float(s) for s in scores if s is not None]
    if not scores:
        return None
    if method == GRADE_HIGHEST:
        return max(scores)
    if method == GRADE_LAST:
        return scores[-1]
    if method == GRADE_FIRST:
        return scores[0]
    if method == GRADE_AVERAGE:
        return sum(scores) / len(scores)
    raise ValueError(f"unknown grading method {method!r}")


def feedback_band(score, bands):
    """The overall feedback for ``score``: the band with the highest minimum ≤ score.

    ``bands`` is a list of ``(min_score, text)``.
    """
    best = None
    for minimum, text in bands:
        if score >= float(minimum) and (best is None or float(minimum) >= best[0]):
            best = (float(minimum), text)
    return best[1] if best else ""


# Words that say "you passed" or "you did not" in overall feedback (lower case).
FAILING_WORDS = ("belum lulus", "tidak lulus", "ulangi", "pelajari lagi", "pelajari kembali", "coba lagi", "gagal")
PASSING_WORDS = ("lulus", "selamat", "berhasil", "bagus sekali", "hebat", "sempurna")


def feedback_band_tone(text):
    """ "fail", "pass" or None: what a band's feedback text tells the learner about passing."""
    lowered = " ".join(str(text).lower().split())
    if any(word in lowered for word in FAILING_WORDS):
        return "fail"
    if any(word in lowered for word in PASSING_WORDS):
        return "pass"
    return None


def feedback_band_conflicts(bands, pass_mark):
    """Bands whose text contradicts the pass mark, as ``(min_score, text, tone)``.

    ``bands`` is a list of ``(min_score, text)``; a band covers its minimum up to the
    next band's minimum (the last one up to and including 100). A "pass" text on a band
    where some score is below the pass mark, or a "fail" text on a band where some score
    reaches it, tells some learner the opposite of their result.
    """
    pass_mark = float(pass_mark)
    ordered = sorted(((float(minimum), text) for minimum, text in bands), key=lambda band: band[0])
    conflicts = []
    for index, (minimum, text) in enumerate(ordered):
        last = index + 1 == len(ordered)
        tone = feedback_band_tone(text)
        if tone == "pass" and minimum < pass_mark:
            conflicts.append((minimum, text, tone))
        elif tone == "fail" and (last or ordered[index + 1][0] > pass_mark):
            conflicts.append((minimum, text, tone))
    return conflicts


# --- learning gain (Hake) --------------------------------------------------------------


def learning_gain(pre, post):
    """``g = (post − pre) / (100 − pre)``; None when pre = 100 (no room to gain) or missing."""
    if pre is None or post is None or float(pre) >= 100.0:
        return None
    return (float(post) - float(pre)) / (100.0 - float(pre))


def group_gain(pairs):
    """Hake's gain of a group from (pre, post) pairs: the same formula on the group means."""
    pairs = [(float(a), float(b)) for a, b in pairs if a is not None and b is not None]
    if not pairs:
        return None
    mean_pre = sum(a for a, _ in pairs) / len(pairs)
    mean_post = sum(b for _, b in pairs) / len(pairs)
    return learning_gain(mean_pre, mean_post)


# --- item analysis (Moodle's definitions) -----------------------------------------------


@dataclass(frozen=True)
class ItemStatistics:
    question_id: str
    attempts: int
    facility: float | None  # mean credit as %, 0..100
    discrimination: float | None  # item vs rest-of-test correlation × 100, −100..100
    flags: tuple = ()


def _correlation(xs, ys):
    """Pearson's r (``statistics.correlation``); None when undefined (under two values, or
    one side constant: everyone got the item right)."""
    try:
        return statistics.correlation(xs, ys)
    except statistics.StatisticsError:
        return None


def item_analysis(rows, *, min_attempts=ITEM_ANALYSIS_MIN_ATTEMPTS):
    """Facility and discrimination of each question, from first attempts.

    ``rows`` is an iterable of ``(attempt_id, question_id, credit, points)``. Facility is
    the mean credit (%); discrimination is the correlation between the credit on the item
    and the points earned on the rest of the test (× 100). Under ``min_attempts``
    attempts a question gets no figures (returned with None), so nobody acts on noise.
    """
    per_attempt = {}
    per_question = {}
    for attempt_id, question_id, credit, points in rows:
        earned = float(credit) * float(points)
        per_attempt[attempt_id] = per_attempt.get(attempt_id, 0.0) + earned
        per_question.setdefault(question_id, []).append((attempt_id, float(credit), earned))
    result = {}
    for question_id, items in per_question.items():
        n = len(items)
        if n < min_attempts:
            result[question_id] = ItemStatistics(question_id, n, None, None, ())
            continue
        credits = [credit for _, credit, _ in items]
        rest = [per_attempt[attempt_id] - earned for attempt_id, _, earned in items]
        facility = 100.0 * sum(credits) / n
        correlation = _correlation(credits, rest)
        discrimination = None if correlation is None else 100.0 * correlation
        flags = []
        if facility > TOO_EASY_ABOVE:
            flags.append(FLAG_TOO_EASY)
        if facility < TOO_HARD_BELOW:
            flags.append(FLAG_TOO_HARD)
        if discrimination is not None and discrimination < LOW_DISCRIMINATION_BELOW:
            flags.append(FLAG_LOW_DISCRIMINATION)
        result[question_id] = ItemStatistics(question_id, n, facility, discrimination, tuple(flags))
    return result

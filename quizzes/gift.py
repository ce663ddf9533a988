"""Moodle's GIFT format: read it into question blocks, and write quizzes back out.

Read as Moodle reads it (``question/format/gift`` in Moodle): titles ``::t::``, comments
``//``, escapes (``\\~ \\= \\# \\{ \\} \\: \\n``), single and multiple choice with ``%n%``
weights, true/false, short answer (``*`` is a wildcard), numeric (``#x:tol``, ``#a..b``,
several answers with weights, a catch-all wrong answer ``~#feedback``), per-answer ``#``
and general ``####`` feedback, ``$CATEGORY:`` lines, and the "missing word" layout (text
after the answers; punctuation alone there is not a blank).

Text formats: ``[html]``, ``[moodle]``, ``[plain]`` or ``[markdown]`` may stand before the
question text, each answer and each feedback; answers and feedback without a marker take
the question text's format, as in Moodle. HTML and markdown become HTML cleaned to what
lessons allow; Moodle's auto-format and plain text stay text with their line breaks. A
question whose answers or feedback are markup keeps them as HTML (``answers_html``).

Matching, essay, cloze and description questions are reported as unsupported with their
line number. Parsing is pure: no database.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from wagtail.rich_text import expand_db_html

from . import questions as q
from . import scoring
from .text_formats import (
    FORMAT_HTML,
    FORMAT_MOODLE,
    FORMAT_PLAIN,
    MARKUP_FORMATS,
    html_to_text,
    is_plain_paragraphs,
    sanitize_html,
    split_marker,
    to_html,
    to_inline_html,
)

# Escaped characters are swapped for private-use code points while parsing, so the
# parser can look for plain ``~ = # { } :`` and put the literal characters back after.
_ESCAPES = {
    "\\\\": "\ue000",
    "\\~": "\ue001",
    "\\=": "\ue002",
    "\\#": "\ue003",
    "\\{": "\ue004",
    "\\}": "\ue005",
    "\\:": "\ue006",
    "\\n": "\ue007",
}
_RESTORE = {
    "\ue000": "\\",
    "\ue001": "~",
    "\ue002": "=",
    "\ue003": "#",
    "\ue004": "{",
    "\ue005": "}",
    "\ue006": ":",
    "\ue007": "\n",
}
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_CLOZE = re.compile(r"\{\d*:(MULTICHOICE|MC|SHORTANSWER|SA|NUMERICAL|NM|MULTIRESPONSE|MR)", re.IGNORECASE)
BLANK = "_____"
# Taggit's tag names are at most this long.
TAG_MAX_LENGTH = 100

UNSUPPORTED_LABELS = {
    "matching": "menjodohkan (matching)",
    "essay": "esai",
    "cloze": "cloze (isian bertingkat)",
    "description": "deskripsi (tanpa jawaban)",
}


@dataclass
class GiftQuestion:
    line: int
    title: str
    kind: str
    category: str
    block: dict  # raw StreamField data for quizzes/blocks.py

    @property
    def text(self):
        """The question's text without markup, for the import preview."""
        return html_to_text(self.block["value"]["text"])


@dataclass
class GiftProblem:
    line: int
    message: str
    title: str = ""

    def __str__(self):
        suffix = f" ({self.title})" if self.title else ""
        return f"baris {self.line}: {self.message}{suffix}"


@dataclass
class GiftDocument:
    questions: list = field(default_factory=list)
    unsupported: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    categories: list = field(default_factory=list)

    @property
    def shared_category(self):
        """The one category every question is in, or "" when they differ or have none."""
        categories = {question.category for question in self.questions}
        return categories.pop() if len(categories) == 1 else ""


def _protect(text):
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text


def _restore(text):
    for placeholder, literal in _RESTORE.items():
        text = text.replace(placeholder, literal)
    return text.strip()


def _blocks(text):
    """(first line number, text) of each question: non-blank lines between blank lines."""
    blocks = []
    current = []
    start = None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("//"):
            continue
        if not line.strip():
            if current:
                blocks.append((start, "\n".join(current)))
            current, start = [], None
            continue
        if start is None:
            start = number
        current.append(line)
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def _only_punctuation(text):
    """True for text with no letters or digits once tags are removed (``?``, ``.``, ``</p>``)."""
    return all(unicodedata.category(char)[0] in "PSZ" or char.isspace() for char in strip_tags(_restore(text)))


# --- pieces of text in a format -----------------------------------------------------------


@dataclass
class _Piece:
    """An answer, a feedback or a general feedback: its format and its restored text."""

    fmt: str
    text: str

    @property
    def is_markup(self):
        return bool(self.text) and self.fmt in MARKUP_FORMATS

    @property
    def needs_html(self):
        """Markup, or a line break that a one-line answer or feedback can only keep as HTML."""
        return self.is_markup or "\n" in self.text

    def inline(self, as_html):
        if not as_html:
            return self.text
        return to_inline_html(self.text, self.fmt)

    def block(self, as_html):
        """For the general feedback (a text area): block-level HTML keeps its paragraphs."""
        if not as_html:
            return self.text
        if self.fmt in MARKUP_FORMATS:
            return to_html(self.text, self.fmt)
        return to_inline_html(self.text, self.fmt)

    def plain(self):
        """Text that must stay text: a short answer to match."""
        if self.fmt in MARKUP_FORMATS:
            return html_to_text(to_html(self.text, self.fmt))
        return self.text


def _piece(raw, default):
    fmt, text = split_marker(raw.strip(), default)
    return _Piece(fmt, _restore(text))


def _split_feedback(item, default):
    text, _, feedback = item.partition("#")
    return _piece(text, default), _piece(feedback, default)


# A third, a sixth, a seventh... have no finite decimal: GIFT writes them rounded (Moodle and
# our export write 33.33333, people write 33.3333). Read back as written, three thirds would
# give 99.9999 % and fail a pass mark of 100. A weight within this many percentage points of
# a fraction with a small denominator (as Moodle's own weights are) is read as that fraction;
# any other weight (33.3, 12.34) is kept exactly as written.
WEIGHT_DENOMINATORS = range(2, 13)
WEIGHT_TOLERANCE = 0.0005


def _read_weight(text):
    value = float(text)
    for denominator in WEIGHT_DENOMINATORS:
        fraction = 100 * round(value * denominator / 100) / denominator
        if abs(fraction - value) <= WEIGHT_TOLERANCE:
            return fraction
    return value


def _weighted_items(body, markers):
    """Split an answer body at each of ``markers`` into (marker, weight or None, rest)."""
    items = []
    for match in re.finditer(rf"([{markers}])([^{markers}]*)", body):
        marker, rest = match.group(1), match.group(2).strip()
        weight = None
        found = _WEIGHT.match(rest)
        if found:
            weight = _read_weight(found.group(1))
            rest = rest[found.end() :]
        items.append((marker, weight, rest))
    return items


def _number(text):
    value = scoring.parse_number(_restore(text))
    if value is None:
        raise ValueError(f"angka tidak valid: {_restore(text)!r}")
    return value


# --- one question -------------------------------------------------------------------------


def _question_html(before, after):
    """The question text (HTML) and its format, with a blank where the answers stood."""
    if after and not _only_punctuation(after):
        raw = f"{before.rstrip()} {BLANK} {after.lstrip()}"
    else:
        raw = before.rstrip() + after.strip()
    fmt, text = split_marker(raw.strip(), FORMAT_MOODLE)
    return fmt, to_html(_restore(text), fmt)


def _parse_block(line, raw, category):
    """One question block → GiftQuestion, or a GiftProblem (unsupported/error)."""
    text = _protect(raw.strip())
    title = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end == -1:
            return "error", GiftProblem(line, "judul ::…:: tidak ditutup")
        title = _restore(text[2:end])
        text = text[end + 2 :].strip()
    if _CLOZE.search(text):
        return "unsupported", GiftProblem(line, UNSUPPORTED_LABELS["cloze"], title)
    opening = text.find("{")
    if opening == -1:
        return "unsupported", GiftProblem(line, UNSUPPORTED_LABELS["description"], title)
    closing = text.find("}", opening)
    if closing == -1:
        return "error", GiftProblem(line, "tanda { tidak ditutup dengan }", title)
    before, body, after = text[:opening], text[opening + 1 : closing].strip(), text[closing + 1 :]
    if "{" in after:
        # Two questions without a blank line between them would otherwise become one
        # "missing word" question whose text swallows the next question.
        return "error", GiftProblem(
            line, "lebih dari satu blok jawaban {…}: pisahkan setiap soal dengan satu baris kosong", title
        )
    fmt, question_text = _question_html(before, after)
    if not strip_tags(question_text).strip():
        return "error", GiftProblem(line, "pertanyaan kosong", title)
    general = _Piece(fmt, "")
    if "####" in body:
        body, general_raw = body.rsplit("####", 1)
        body, general = body.strip(), _piece(general_raw, fmt)
    if not body:
        return "unsupported", GiftProblem(line, UNSUPPORTED_LABELS["essay"], title)
    if "~" not in body and not body.startswith("#") and "=" in body and "->" in body:
        return "unsupported", GiftProblem(line, UNSUPPORTED_LABELS["matching"], title)
    try:
        block = _question_block(question_text, body, fmt, general, title=title, category=category)
    except ValueError as exc:
        return "error", GiftProblem(line, str(exc), title)
    return "question", GiftQuestion(line, title, block["type"], category, block)


def _question_block(question_text, body, fmt, general, **options):
    """The block for one answer body, in Moodle's order of recognising question types."""
    if body.startswith("#"):
        return _numeric_block(question_text, body[1:], fmt, general, **options)
    if "~" in body:
        return _choice_block(question_text, body, fmt, general, **options)
    head, _, rest = body.partition("#")
    if head.strip().upper() in ("T", "TRUE", "F", "FALSE"):
        correct = head.strip().upper() in ("T", "TRUE")
        # Moodle: the first feedback is for a wrong answer, the second for a right one.
        wrong_raw, _, right_raw = rest.partition("#")
        wrong, right = _piece(wrong_raw, fmt), _piece(right_raw, fmt)
        as_html = wrong.needs_html or right.needs_html or general.is_markup
        return q.true_false_question(
            question_text,
            correct,
            feedback_true=(right if correct else wrong).inline(as_html),
            feedback_false=(wrong if correct else right).inline(as_html),
            general_feedback=general.block(as_html),
            html=True,
            answers_html=as_html,
            **options,
        )
    return _short_answer_block(question_text, body, fmt, general, **options)


def _choice_block(question_text, body, fmt, general, **options):
    items = []
    for marker, weight, rest in _weighted_items(body, "=~"):
        text, feedback = _split_feedback(rest, fmt)
        if not text.text:
            raise ValueError("ada pilihan jawaban yang kosong")
        items.append((marker, weight, text, feedback))
    if len(items) < 2:
        raise ValueError("pilihan ganda perlu paling sedikit dua pilihan")
    as_html = any(piece.needs_html for _, _, text, feedback in items for piece in (text, feedback)) or general.is_markup
    multiple = not any(marker == "=" for marker, *_ in items)
    choices = []
    for marker, weight, text, feedback in items:
        implied = 100.0 if marker == "=" else 0.0
        effective = implied if weight is None else weight
        choices.append(
            {
                "text": text.inline(as_html),
                "correct": effective > 0,
                "credit": None if weight is None else max(-100.0, min(100.0, weight)),
                "feedback": feedback.inline(as_html),
            }
        )
    if not any(c["correct"] for c in choices):
        raise ValueError("tidak ada pilihan yang benar")
    return q.choice_question(
        question_text,
        choices,
        multiple=multiple,
        general_feedback=general.block(as_html),
        html=True,
        answers_html=as_html,
        **options,
    )


def _credit(weight):
    """A short or numeric answer's credit (%): empty for full credit, never below 0."""
    if weight is None or weight >= 100:
        return None
    return max(0.0, weight)


def _short_answer_block(question_text, body, fmt, general, **options):
    if not body.startswith("="):
        body = "=" + body  # Moodle reads ``{SHU}`` as ``{=SHU}``
    items = []
    for _, weight, rest in _weighted_items(body, "="):
        text, feedback = _split_feedback(rest, fmt)
        if text.plain():
            items.append((weight, text, feedback))
    if not items:
        raise ValueError("jawaban singkat tanpa jawaban yang diterima")
    as_html = any(feedback.needs_html for _, _, feedback in items) or general.is_markup
    answers = [
        {"text": text.plain(), "credit": _credit(weight), "feedback": feedback.inline(as_html)}
        for weight, text, feedback in items
    ]
    return q.short_answer_question(
        question_text,
        answers,
        general_feedback=general.block(as_html),
        html=True,
        answers_html=as_html,
        **options,
    )


def _numeric_spec(spec):
    spec = _restore(spec)
    if spec == "*":
        return {"any_other": True}
    if ".." in spec[1:]:
        low, high = spec.split("..", 1)
        low, high = _number(low), _number(high)
        return {"minimum": min(low, high), "maximum": max(low, high)}
    if ":" in spec[1:]:
        target, tolerance = spec.split(":", 1)
        return {"target": _number(target), "tolerance": abs(_number(tolerance))}
    return {"target": _number(spec), "tolerance": 0.0}


def _numeric_block(question_text, body, fmt, general, **options):
    # As in Moodle, everything from the first ``~`` is the feedback for any other number.
    body, tilde, wrong = body.partition("~")
    body = body.strip()
    items = []
    if body.startswith("="):
        for _, weight, rest in _weighted_items(body, "="):
            spec, feedback = _split_feedback(rest, fmt)
            items.append((weight, spec.text, feedback))
    elif body:
        spec, feedback = _split_feedback(body, fmt)
        items.append((None, spec.text, feedback))
    if not items:
        raise ValueError("soal angka tanpa jawaban yang benar")
    wrong_feedback = _Piece(fmt, "")
    if tilde:
        wrong_feedback = _split_feedback(wrong, fmt)[1]
    feedbacks = [feedback for *_, feedback in items] + [wrong_feedback]
    as_html = any(piece.needs_html for piece in feedbacks) or general.is_markup
    answers = []
    for weight, spec, feedback in items:
        answer = _numeric_spec(spec)
        answer.update({"credit": _credit(weight), "feedback": feedback.inline(as_html)})
        answers.append(answer)
    if tilde:
        answers.append({"any_other": True, "credit": 0.0, "feedback": wrong_feedback.inline(as_html)})
    return q.numeric_question(
        question_text,
        answers,
        general_feedback=general.block(as_html),
        html=True,
        answers_html=as_html,
        **options,
    )


def parse_gift(text):
    """Read a whole GIFT text. Nothing is written; the caller decides from the result."""
    document = GiftDocument()
    category = ""
    for line, raw in _blocks(text.replace("\r\n", "\n").lstrip("\ufeff")):
        stripped = raw.strip()
        if stripped.upper().startswith("$CATEGORY:"):
            first, _, remainder = stripped.partition("\n")
            category = first.split(":", 1)[1].strip()
            document.categories.append(category)
            if not remainder.strip():
                continue
            raw, line = remainder, line + 1
        kind, item = _parse_block(line, raw, category)
        if kind == "question":
            document.questions.append(item)
        elif kind == "unsupported":
            document.unsupported.append(item)
        else:
            document.errors.append(item)
    return document


def blocks_for_quiz(document):
    """The questions' blocks and the quiz's tags: one shared category becomes the quiz's
    tag; otherwise each question keeps its own (and the quiz is tagged with all)."""
    shared = document.shared_category
    blocks = []
    for question in document.questions:
        block = {**question.block, "value": {**question.block["value"]}}
        block["value"]["category"] = "" if shared else question.category
        blocks.append(block)
    categories = [category for category in dict.fromkeys(q.category for q in document.questions) if category]
    return blocks, [category[:TAG_MAX_LENGTH] for category in categories]


# --- writing ------------------------------------------------------------------------------

_SPECIAL = re.compile(r"([\\~=#{}:])")


def escape(text):
    """Text with GIFT's special characters escaped and line breaks written as ``\\n``."""
    return _SPECIAL.sub(r"\\\1", str(text or "")).replace("\r", "").replace("\n", "\\n")


def _number_text(value):
    """A number as GIFT writes it, without float noise or exponent surprises."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _weight(credit):
    return "" if credit is None or credit >= 100 else f"%{_number_text(credit)}%"


def _piece_text(text, *, as_html, question_fmt):
    """An answer or a feedback, with a marker where its format differs from the question's."""
    if as_html:
        return escape(text)
    text = text or ""
    if question_fmt == FORMAT_HTML or "<" in text or "&" in text or text.lstrip().startswith("["):
        return f"[{FORMAT_PLAIN}]" + escape(text)
    return escape(text)


def _feedback(text, **options):
    return f"#{_piece_text(text, **options)}" if text else ""


def _question_text(value, as_html):
    """(format, GIFT text) of the question: plain paragraphs as text, anything else HTML."""
    source = value["text"].source
    if not as_html and is_plain_paragraphs(source):
        return FORMAT_MOODLE, escape(html_to_text(source))
    return FORMAT_HTML, f"[{FORMAT_HTML}]" + escape(sanitize_html(expand_db_html(source)))


def _choice_lines(value, kind, options):
    items = list(value["choices"])
    fractions = scoring.choice_fractions(
        [(c["correct"], c["credit"]) for c in items], multiple=kind == scoring.MULTIPLE_ANSWERS
    )
    lines = []
    for choice, fraction in zip(items, fractions, strict=True):
        percent = round(fraction * 100, 5)
        if kind == scoring.SINGLE_CHOICE and percent == 100:
            marker = "="
        else:
            marker = "~" + (f"%{percent:g}%" if percent else "")
        text = _piece_text(choice["text"], **options)
        lines.append(f"\t{marker}{text}{_feedback(choice['feedback'], **options)}")
    return lines


def _numeric_lines(value, options):
    lines, catch_all = [], []
    for answer in value["answers"]:
        feedback = _feedback(answer["feedback"], **options)
        if answer.get("any_other"):
            if answer["credit"] is not None and answer["credit"] <= 0:
                catch_all.append(f"\t~{feedback or '#'}")
                continue
            spec = "*"
        elif answer["minimum"] is not None and answer["maximum"] is not None:
            spec = f"{_number_text(answer['minimum'])}..{_number_text(answer['maximum'])}"
        else:
            spec = f"{_number_text(answer['target'])}:{_number_text(answer['tolerance'] or 0)}"
        lines.append(f"\t={_weight(answer['credit'])}{spec}{feedback}")
    # Moodle reads everything after the first ``~`` as the catch-all's feedback: one, last.
    return lines + catch_all[:1]


def question_to_gift(child):
    """One question block (StreamField child) as GIFT text that Moodle reads back."""
    value = child.value
    kind = child.block_type
    as_html = bool(value.get("answers_html"))
    question_fmt, text = _question_text(value, as_html)
    options = {"as_html": as_html, "question_fmt": question_fmt}
    title = f"::{escape(value.get('title'))}::" if value.get("title") else ""
    general = ""
    if value["general_feedback"]:
        general = "####" + _piece_text(value["general_feedback"], **options)
    if kind == scoring.TRUE_FALSE:
        correct = value["correct_answer"] == "true"
        right = value["feedback_true"] if correct else value["feedback_false"]
        wrong = value["feedback_false"] if correct else value["feedback_true"]
        feedback = ""
        if wrong or right:
            feedback = "#" + _piece_text(wrong, **options) if wrong else "#"
            feedback += "#" + _piece_text(right, **options) if right else ""
        return f"{title}{text}{{{'TRUE' if correct else 'FALSE'}{feedback}{general}}}"
    if kind in (scoring.SINGLE_CHOICE, scoring.MULTIPLE_ANSWERS):
        lines = _choice_lines(value, kind, options)
        opening = "{"
    elif kind == scoring.SHORT_ANSWER:
        lines = [
            f"\t={_weight(a['credit'])}{escape(a['text'])}{_feedback(a['feedback'], **options)}"
            for a in value["answers"]
        ]
        opening = "{"
    else:
        lines = _numeric_lines(value, options)
        opening = "{#"
    if general:
        lines.append("\t" + general)
    answers = opening + "\n" + "\n".join(lines) + "\n}"
    # A missing-word question gets its answers back where the blank was.
    blank = f" {BLANK} "
    if text.count(blank) == 1:
        start, end = text.split(blank)
        if not _only_punctuation(_protect(end)):
            return f"{title}{start} {answers} {end}"
    return f"{title}{text} {answers}"


def quiz_to_gift(quiz):
    """A whole quiz as GIFT text (points are not part of GIFT and are not written).

    ``$CATEGORY:`` lines come from each question's category, else the quiz's first tag,
    else its title.
    """
    tags = sorted(tag.name for tag in quiz.tags.all())
    fallback = tags[0] if tags else " ".join(quiz.title.split())
    parts = [f"// {' '.join(quiz.title.split())}", ""]
    current = None
    for child in quiz.questions:
        category = child.value.get("category") or fallback
        if category != current:
            parts.extend([f"$CATEGORY: {category}", ""])
            current = category
        parts.append(question_to_gift(child))
        parts.append("")
    return "\n".join(parts)

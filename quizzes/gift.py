"""Moodle's GIFT format: read it into question blocks, and write quizzes back out.

Supported: titles ``::t::``, comments ``//``, escapes (``\\~ \\= \\# \\{ \\} \\:``),
single and multiple choice with ``%n%`` weights, true/false, short answer, numeric
(``#x:tol``, ``#a..b``, several answers with weights), per-answer ``#`` and general
``####`` feedback, ``$CATEGORY:``, and the "missing word" layout (text after the
answers). Matching, essay, cloze and description questions are reported as unsupported
with their line number. Parsing is pure: no database.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags

from . import questions as q
from . import scoring

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
}
_RESTORE = {"\ue000": "\\", "\ue001": "~", "\ue002": "=", "\ue003": "#", "\ue004": "{", "\ue005": "}", "\ue006": ":"}
_FORMAT_PREFIX = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_CLOZE = re.compile(r"\{\d*:(MULTICHOICE|MC|SHORTANSWER|SA|NUMERICAL|NM|MULTIRESPONSE|MR)", re.IGNORECASE)

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


def _protect(text):
    text = text.replace("\\n", "\n")
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text


def _restore(text):
    for placeholder, literal in _RESTORE.items():
        text = text.replace(placeholder, literal)
    return text.strip()


def _plain(text):
    """Restored text without a [format] prefix; HTML is reduced to its text (kept safe)."""
    match = _FORMAT_PREFIX.match(text)
    if match:
        text = text[match.end() :]
        if match.group(1).lower() == "html":
            text = strip_tags(text)
    return _restore(text)


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


def _split_feedback(item):
    text, _, feedback = item.partition("#")
    return text, feedback


def _answer_items(body):
    """Split an answer body into (marker, weight or None, text, feedback) at ``=`` and ``~``."""
    items = []
    for match in re.finditer(r"([=~])([^=~]*)", body):
        marker, rest = match.group(1), match.group(2).strip()
        weight = None
        found = _WEIGHT.match(rest)
        if found:
            weight = float(found.group(1))
            rest = rest[found.end() :]
        text, feedback = _split_feedback(rest)
        items.append((marker, weight, _restore(text), _restore(feedback)))
    return items


def _number(text):
    value = scoring.parse_number(_restore(text))
    if value is None:
        raise ValueError(f"angka tidak valid: {_restore(text)!r}")
    return value


def _numeric_answer(spec, weight, feedback):
    spec = spec.strip()
    answer = {"credit": None if weight is None or weight == 100 else weight, "feedback": feedback}
    if ".." in spec:
        low, high = spec.split("..", 1)
        answer.update({"minimum": _number(low), "maximum": _number(high)})
    elif ":" in spec:
        target, tolerance = spec.split(":", 1)
        answer.update({"target": _number(target), "tolerance": abs(_number(tolerance))})
    else:
        answer.update({"target": _number(spec), "tolerance": 0.0})
    return answer


def _parse_numeric(body):
    body = body[1:].strip()
    if body.startswith(("=", "~")):
        answers = []
        for marker, weight, text, feedback in _answer_items(body):
            if marker == "~" and weight is None:
                weight = 0.0
            if weight is not None and weight <= 0:
                continue  # a wrong numeric answer only carries feedback; nothing to accept
            answers.append(_numeric_answer(_protect(text), weight, feedback))
        return answers
    spec, feedback = _split_feedback(body)
    return [_numeric_answer(spec, None, _restore(feedback))]


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
    before, body, after = text[:opening].strip(), text[opening + 1 : closing].strip(), text[closing + 1 :].strip()
    if "{" in after:
        # Two questions without a blank line between them would otherwise become one
        # "missing word" question whose text swallows the next question.
        return "error", GiftProblem(
            line, "lebih dari satu blok jawaban {…}: pisahkan setiap soal dengan satu baris kosong", title
        )
    question_text = _plain(before)
    if after:
        question_text = f"{question_text} _____ {_plain(after)}".strip()
    if not question_text:
        return "error", GiftProblem(line, "pertanyaan kosong", title)
    body, _, general = body.partition("####")
    general = _restore(general)
    body = body.strip()
    if not body:
        return "unsupported", GiftProblem(line, UNSUPPORTED_LABELS["essay"], title)
    if "->" in body:
        return "unsupported", GiftProblem(line, UNSUPPORTED_LABELS["matching"], title)
    try:
        block = _question_block(question_text, body, general)
    except ValueError as exc:
        return "error", GiftProblem(line, str(exc), title)
    return "question", GiftQuestion(line, title, block["type"], category, block)


def _question_block(question_text, body, general):
    if body.startswith("#"):
        answers = _parse_numeric(body)
        if not answers:
            raise ValueError("soal angka tanpa jawaban yang benar")
        return q.numeric_question(question_text, answers, general_feedback=general)
    head, _, rest = body.partition("#")
    if head.strip().upper() in ("T", "TRUE", "F", "FALSE"):
        correct = head.strip().upper() in ("T", "TRUE")
        # Moodle: the first feedback is for a wrong answer, the second for a right one.
        wrong_feedback, _, right_feedback = rest.partition("#")
        wrong_feedback, right_feedback = _restore(wrong_feedback), _restore(right_feedback)
        return q.true_false_question(
            question_text,
            correct,
            feedback_true=right_feedback if correct else wrong_feedback,
            feedback_false=wrong_feedback if correct else right_feedback,
            general_feedback=general,
        )
    items = _answer_items(body)
    if not items:
        raise ValueError("jawaban tidak dikenali (pakai = untuk benar dan ~ untuk salah)")
    if any(marker == "~" for marker, *_ in items):
        multiple = not any(marker == "=" for marker, *_ in items)
        choices = []
        for marker, weight, text, feedback in items:
            if not text:
                raise ValueError("ada pilihan jawaban yang kosong")
            implied = 100.0 if marker == "=" else 0.0
            effective = implied if weight is None else weight
            choices.append(
                {
                    "text": text,
                    "correct": effective > 0,
                    "credit": None if weight is None else weight,
                    "feedback": feedback,
                }
            )
        if len(choices) < 2:
            raise ValueError("pilihan ganda perlu paling sedikit dua pilihan")
        if not any(c["correct"] for c in choices):
            raise ValueError("tidak ada pilihan yang benar")
        return q.choice_question(question_text, choices, multiple=multiple, general_feedback=general)
    answers = [
        {"text": text, "credit": None if weight is None or weight == 100 else weight, "feedback": feedback}
        for _, weight, text, feedback in items
        if text
    ]
    if not answers:
        raise ValueError("jawaban singkat tanpa jawaban yang diterima")
    return q.short_answer_question(question_text, answers, general_feedback=general)


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


# --- writing ---------------------------------------------------------------------------

_SPECIAL = re.compile(r"([\\~=#{}:])")


def escape(text):
    return _SPECIAL.sub(r"\\\1", str(text or "")).replace("\n", "\\n")


def _weight(credit):
    if credit is None:
        return ""
    return f"%{credit:g}%"


def _feedback(text):
    return f" #{escape(text)}" if text else ""


def _text(html):
    return escape(strip_tags(html).strip())


def question_to_gift(child):
    """One question block (StreamField child) as GIFT text."""
    value = child.value
    kind = child.block_type
    text = _text(value["text"].source)
    general = f" ####{escape(value['general_feedback'])}" if value["general_feedback"] else ""
    lines = []
    if kind in (scoring.SINGLE_CHOICE, scoring.MULTIPLE_ANSWERS):
        items = [item for item in value["choices"]]
        fractions = scoring.choice_fractions(
            [(c["correct"], c["credit"]) for c in items], multiple=kind == scoring.MULTIPLE_ANSWERS
        )
        for choice, fraction in zip(items, fractions, strict=True):
            percent = round(fraction * 100, 5)
            if kind == scoring.SINGLE_CHOICE and percent == 100:
                marker = "="
            else:
                marker = "~" + (f"%{percent:g}%" if percent else "")
            lines.append(f"\t{marker}{escape(choice['text'])}{_feedback(choice['feedback'])}")
    elif kind == scoring.TRUE_FALSE:
        correct = value["correct_answer"] == "true"
        right = value["feedback_true"] if correct else value["feedback_false"]
        wrong = value["feedback_false"] if correct else value["feedback_true"]
        feedback = ""
        if wrong or right:
            feedback = f"#{escape(wrong)}" + (f"#{escape(right)}" if right else "")
        return f"::{escape(_title(text))}:: {text} {{{'TRUE' if correct else 'FALSE'}{feedback}{general}}}"
    elif kind == scoring.SHORT_ANSWER:
        for answer in value["answers"]:
            credit = answer["credit"]
            weight = "" if credit is None or credit == 100 else _weight(credit)
            lines.append(f"\t={weight}{escape(answer['text'])}{_feedback(answer['feedback'])}")
    elif kind == scoring.NUMERIC:
        lines.append("#")
        for answer in value["answers"]:
            if answer["minimum"] is not None and answer["maximum"] is not None:
                spec = f"{answer['minimum']:g}..{answer['maximum']:g}"
            else:
                spec = f"{answer['target']:g}:{(answer['tolerance'] or 0):g}"
            credit = answer["credit"]
            weight = "" if credit is None or credit == 100 else _weight(credit)
            lines.append(f"\t={weight}{spec}{_feedback(answer['feedback'])}")
    body = "\n".join(lines)
    if kind == scoring.NUMERIC:
        body = "#\n" + "\n".join(lines[1:])
    return f"::{escape(_title(text))}:: {text} {{\n{body}\n{general.strip()}\n}}".replace("\n\n}", "\n}")


def _title(text):
    plain = re.sub(r"\\(.)", r"\1", text)
    return plain[:40].strip()


def quiz_to_gift(quiz):
    """A whole quiz as GIFT text (points are not part of GIFT and are not written)."""
    parts = [f"// {quiz.title}", f"$CATEGORY: {' '.join(quiz.title.split())}", ""]
    for child in quiz.questions:
        parts.append(question_to_gift(child))
        parts.append("")
    return "\n".join(parts)

"""Questions as raw StreamField data, for the GIFT importer and the demo content.

Each question and each choice gets a fresh opaque id (a UUID) so attempts can refer to
them; the shapes match the blocks in ``quizzes/blocks.py``.
"""

import uuid

from . import scoring
from .text_formats import text_paragraphs


def new_id():
    return str(uuid.uuid4())


def text_to_html(text):
    """Plain question text (the demo, tests) as safe rich-text HTML."""
    return text_paragraphs(text)


def _base(kind, text, *, points=1.0, general_feedback="", html=False, title="", category="", answers_html=False):
    return {
        "type": kind,
        "id": new_id(),
        "value": {
            "title": title or "",
            "text": text if html else text_to_html(text),
            "image": None,
            "points": float(points),
            "general_feedback": general_feedback or "",
            "category": category or "",
            "answers_html": bool(answers_html),
        },
    }


def _item(value):
    return {"type": "item", "id": new_id(), "value": value}


def choice_question(text, choices, *, multiple=False, **options):
    """``choices``: dicts with text, correct (bool) and optional credit (%) and feedback.

    ``options`` (every builder): points, general_feedback, html (the text is already
    HTML), title, category and answers_html (choices and feedback are HTML).
    """
    question = _base(scoring.MULTIPLE_ANSWERS if multiple else scoring.SINGLE_CHOICE, text, **options)
    question["value"]["choices"] = [
        _item(
            {
                "text": choice["text"],
                "correct": bool(choice.get("correct")),
                "credit": choice.get("credit"),
                "feedback": choice.get("feedback", "") or "",
            }
        )
        for choice in choices
    ]
    return question


def true_false_question(text, correct, *, feedback_true="", feedback_false="", **options):
    question = _base(scoring.TRUE_FALSE, text, **options)
    question["value"].update(
        {
            "correct_answer": "true" if correct else "false",
            "feedback_true": feedback_true or "",
            "feedback_false": feedback_false or "",
        }
    )
    return question


def short_answer_question(text, answers, **options):
    """``answers``: dicts with text (``*`` is a wildcard) and optional credit (%) and feedback."""
    question = _base(scoring.SHORT_ANSWER, text, **options)
    question["value"]["answers"] = [
        _item({"text": a["text"], "credit": a.get("credit"), "feedback": a.get("feedback", "") or ""}) for a in answers
    ]
    return question


def numeric_question(text, answers, **options):
    """``answers``: dicts with target and tolerance, minimum and maximum, or any_other (any
    number, for a wrong answer's feedback); credit, feedback."""
    question = _base(scoring.NUMERIC, text, **options)
    question["value"]["answers"] = [
        _item(
            {
                "target": a.get("target"),
                "tolerance": a.get("tolerance"),
                "minimum": a.get("minimum"),
                "maximum": a.get("maximum"),
                "any_other": bool(a.get("any_other")),
                "credit": a.get("credit"),
                "feedback": a.get("feedback", "") or "",
            }
        )
        for a in answers
    ]
    return question

"""Turn a quiz's question blocks into the plain snapshot an attempt is graded against.

The snapshot holds everything needed to show and grade the attempt (rendered question
text, image URL, choices in the order shown, the key) so showing an attempt costs no
further queries and editing the quiz later changes nothing in it.
"""

import random

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from . import scoring
from .text_formats import html_to_text, inline, sanitize_html, text_inline

SNAPSHOT_VERSION = 2

TRUE_ID = "true"
FALSE_ID = "false"
IMAGE_RENDITION = "max-800x600"


def _image(value):
    image = value.get("image")
    if not image:
        return None, ""
    rendition = image.get_rendition(IMAGE_RENDITION)
    return rendition.url, image.title


def _shown(text, *, is_html):
    """(plain text, safe inline HTML) of a choice or a feedback as the editor wrote it."""
    text = text or ""
    if is_html:
        html = inline(text)
        return html_to_text(html), html
    return text, text_inline(text)


def _feedback(text, *, is_html):
    plain, html = _shown(text, is_html=is_html)
    return {"feedback": plain, "feedback_html": html}


def _choices(value, *, multiple, is_html):
    items = list(value["choices"].bound_blocks)
    fractions = scoring.choice_fractions(
        [(item.value["correct"], item.value["credit"]) for item in items], multiple=multiple
    )
    choices = []
    for item, fraction in zip(items, fractions, strict=True):
        text, html = _shown(item.value["text"], is_html=is_html)
        choices.append(
            {
                "id": item.id,
                "text": text,
                "html": html,
                "fraction": fraction,
                **_feedback(item.value["feedback"], is_html=is_html),
            }
        )
    return choices


def question_snapshot(child):
    """One question block (a StreamField child) as a plain dict with its key."""
    value = child.value
    kind = child.block_type
    is_html = bool(value.get("answers_html"))
    image_url, image_alt = _image(value)
    general = value["general_feedback"] or ""
    question = {
        "id": child.id,
        "type": kind,
        "title": value.get("title") or "",
        "points": float(value["points"] if value["points"] is not None else 1.0),
        "text": expand_db_html(value["text"].source),
        "image_url": image_url,
        "image_alt": image_alt,
        "general_feedback": html_to_text(sanitize_html(general)) if is_html else general,
        "general_feedback_html": sanitize_html(general) if is_html else text_inline(general),
    }
    if kind in (scoring.SINGLE_CHOICE, scoring.MULTIPLE_ANSWERS):
        question["choices"] = _choices(value, multiple=kind == scoring.MULTIPLE_ANSWERS, is_html=is_html)
    elif kind == scoring.TRUE_FALSE:
        correct = value["correct_answer"]
        question["choices"] = [
            {
                "id": TRUE_ID,
                "text": "Benar",
                "html": "Benar",
                "fraction": 1.0 if correct == TRUE_ID else 0.0,
                **_feedback(value["feedback_true"], is_html=is_html),
            },
            {
                "id": FALSE_ID,
                "text": "Salah",
                "html": "Salah",
                "fraction": 1.0 if correct == FALSE_ID else 0.0,
                **_feedback(value["feedback_false"], is_html=is_html),
            },
        ]
    elif kind == scoring.SHORT_ANSWER:
        question["accepted"] = [
            {
                "text": item["text"],
                "wildcard": "*" in item["text"],
                "fraction": 1.0 if item["credit"] is None else float(item["credit"]) / 100.0,
                **_feedback(item["feedback"], is_html=is_html),
            }
            for item in value["answers"]
        ]
    elif kind == scoring.NUMERIC:
        accepted = []
        for item in value["answers"]:
            fraction = 1.0 if item["credit"] is None else float(item["credit"]) / 100.0
            feedback = _feedback(item["feedback"], is_html=is_html)
            if item.get("any_other"):
                accepted.append(
                    {
                        "any": True,
                        "min": None,
                        "max": None,
                        "target": None,
                        "tolerance": 0.0,
                        "fraction": fraction,
                        **feedback,
                    }
                )
                continue
            low, high = scoring.numeric_range(
                target=item["target"],
                tolerance=item["tolerance"] or 0.0,
                minimum=item["minimum"],
                maximum=item["maximum"],
            )
            accepted.append(
                {
                    "min": low,
                    "max": high,
                    "target": item["target"],
                    "tolerance": item["tolerance"] or 0.0,
                    "fraction": fraction,
                    **feedback,
                }
            )
        question["numeric"] = accepted
    return question


def quiz_questions(quiz):
    """Every question of ``quiz`` as snapshot dicts, in the order the editor wrote them."""
    return [question_snapshot(child) for child in quiz.questions]


def feedback_bands(quiz):
    return [(child.value["min_score"], child.value["text"]) for child in quiz.feedback_bands]


def build_snapshot(quiz, *, rng=None):
    """The snapshot a new attempt starts with: questions (and choices) in the order shown."""
    rng = rng or random.SystemRandom()
    questions = quiz_questions(quiz)
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    if quiz.shuffle_choices:
        for question in questions:
            if question["type"] in (scoring.SINGLE_CHOICE, scoring.MULTIPLE_ANSWERS):
                rng.shuffle(question["choices"])
    return {
        "version": SNAPSHOT_VERSION,
        "title": quiz.title,
        "revision_id": quiz.live_revision_id,
        "pass_mark": quiz.pass_mark,
        "feedback_bands": feedback_bands(quiz),
        "questions": questions,
    }


def public_question(question):
    """What the learner's browser may see of a question before grading: no key, no feedback."""
    shown = {
        "id": question["id"],
        "type": question["type"],
        "points": question["points"],
        "text": question["text"],
        "image_url": question.get("image_url"),
        "image_alt": question.get("image_alt", ""),
    }
    if question["type"] in scoring.CHOICE_TYPES:
        shown["choices"] = [{"id": c["id"], "text": c["text"], "html": choice_html(c)} for c in question["choices"]]
    return shown


def choice_html(choice):
    """A choice's label as safe HTML; snapshots from before version 2 hold plain text only."""
    if "html" in choice:
        return mark_safe(choice["html"])  # built by _shown: sanitised or escaped
    return escape(choice["text"])


def feedback_html(item):
    """The feedback of a choice or an accepted answer as safe HTML (any snapshot version)."""
    if "feedback_html" in item:
        return mark_safe(item["feedback_html"])  # built by _shown: sanitised or escaped
    return escape(item.get("feedback", ""))


def general_feedback_html(question):
    """A question's general feedback as safe HTML (plain text with breaks before version 2)."""
    if "general_feedback_html" in question:
        return mark_safe(question["general_feedback_html"])
    return mark_safe(text_inline(question.get("general_feedback", "")))

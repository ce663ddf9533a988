"""Turn a quiz's question blocks into the plain snapshot an attempt is graded against.

The snapshot holds everything needed to show and grade the attempt (rendered question
text, image URL, choices in the order shown, the key) so showing an attempt costs no
further queries and editing the quiz later changes nothing in it.
"""

import random

from wagtail.rich_text import expand_db_html

from . import scoring

TRUE_ID = "true"
FALSE_ID = "false"
IMAGE_RENDITION = "max-800x600"


def _image(value):
    image = value.get("image")
    if not image:
        return None, ""
    rendition = image.get_rendition(IMAGE_RENDITION)
    return rendition.url, image.title


def _choices(value, *, multiple):
    items = list(value["choices"].bound_blocks)
    fractions = scoring.choice_fractions(
        [(item.value["correct"], item.value["credit"]) for item in items], multiple=multiple
    )
    return [
        {
            "id": item.id,
            "text": item.value["text"],
            "fraction": fraction,
            "feedback": item.value["feedback"] or "",
        }
        for item, fraction in zip(items, fractions, strict=True)
    ]


def question_snapshot(child):
    """One question block (a StreamField child) as a plain dict with its key."""
    value = child.value
    kind = child.block_type
    image_url, image_alt = _image(value)
    question = {
        "id": child.id,
        "type": kind,
        "points": float(value["points"] if value["points"] is not None else 1.0),
        "text": expand_db_html(value["text"].source),
        "image_url": image_url,
        "image_alt": image_alt,
        "general_feedback": value["general_feedback"] or "",
    }
    if kind in (scoring.SINGLE_CHOICE, scoring.MULTIPLE_ANSWERS):
        question["choices"] = _choices(value, multiple=kind == scoring.MULTIPLE_ANSWERS)
    elif kind == scoring.TRUE_FALSE:
        correct = value["correct_answer"]
        question["choices"] = [
            {
                "id": TRUE_ID,
                "text": "Benar",
                "fraction": 1.0 if correct == TRUE_ID else 0.0,
                "feedback": value["feedback_true"] or "",
            },
            {
                "id": FALSE_ID,
                "text": "Salah",
                "fraction": 1.0 if correct == FALSE_ID else 0.0,
                "feedback": value["feedback_false"] or "",
            },
        ]
    elif kind == scoring.SHORT_ANSWER:
        question["accepted"] = [
            {
                "text": item["text"],
                "fraction": 1.0 if item["credit"] is None else float(item["credit"]) / 100.0,
                "feedback": item["feedback"] or "",
            }
            for item in value["answers"]
        ]
    elif kind == scoring.NUMERIC:
        accepted = []
        for item in value["answers"]:
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
                    "fraction": 1.0 if item["credit"] is None else float(item["credit"]) / 100.0,
                    "feedback": item["feedback"] or "",
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
        "version": 1,
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
        shown["choices"] = [{"id": c["id"], "text": c["text"]} for c in question["choices"]]
    return shown

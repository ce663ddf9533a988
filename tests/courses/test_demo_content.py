"""The demo courses' words and pictures (courses/demo_content.py, courses/demo.py) checked
without a database: every block is one the lesson editor accepts, every picture and
dimension exists, and the pictures are drawn as described. Plus the completion rule itself."""

import io
import json
import re

import pytest
from PIL import Image

from courses import completion
from courses.blocks import LessonBodyBlock
from courses.demo import DEMO_PROGRESS, _picture_bytes
from courses.demo_content import COURSES, IMAGES
from courses.models import CoursePage
from readiness.services import DEFAULT_FRAMEWORK_PATH

BODY = LessonBodyBlock()
LESSONS = [(course["slug"], lesson) for course in COURSES for lesson in course["lessons"]]


def lesson_id(item):
    return f"{item[0]}/{item[1]['slug']}"


@pytest.mark.parametrize("item", LESSONS, ids=lesson_id)
def test_every_demo_block_is_one_the_editor_accepts(item):
    _course, lesson = item
    assert lesson["body"], "a lesson without a body"
    for block_type, value in lesson["body"]:
        assert block_type in BODY.child_blocks, block_type
        if block_type == "image":
            assert value in IMAGES  # the picture is drawn and stored by demo.seed
            continue
        block = BODY.child_blocks[block_type]
        # The same validation the page editor runs when the lesson is saved.
        block.clean(block.to_python(value))


@pytest.mark.parametrize("item", LESSONS, ids=lesson_id)
def test_demo_text_is_plain_indonesian_html_without_foreign_assets(item):
    _course, lesson = item
    for block_type, value in lesson["body"]:
        html = value if block_type == "text" else value.get("text", "") if isinstance(value, dict) else ""
        assert "<script" not in html and "style=" not in html
        assert not re.search(r"<(img|iframe)\b", html), "pictures come from IMAGES, never from another host"
        for tag in re.findall(r"<(\w+)", html):
            assert tag in {"p", "b", "i", "h2", "h3", "ul", "ol", "li", "a"}, tag


def test_tables_have_a_header_row_and_rows_of_the_same_width():
    tables = [value for _course, lesson in LESSONS for kind, value in lesson["body"] if kind == "table"]
    assert tables
    for table in tables:
        assert table["first_row_is_table_header"] is True
        widths = {len(row) for row in table["data"]}
        assert len(widths) == 1, table["data"][0]


def test_slugs_are_unique_and_valid_and_every_course_is_described():
    slugs = [course["slug"] for course in COURSES]
    assert len(slugs) == len(set(slugs)) == 5
    for course in COURSES:
        lesson_slugs = [lesson["slug"] for lesson in course["lessons"]]
        assert len(lesson_slugs) == len(set(lesson_slugs))
        for slug in [course["slug"], *lesson_slugs]:
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
        assert course["difficulty"] in dict(CoursePage.LEVEL_CHOICES)
        assert 0 < course["minutes"] <= 120
        assert course["summary"] and len(course["summary"]) <= 255
        assert all(len(lesson["summary"]) <= 255 for lesson in course["lessons"])


def test_courses_train_dimensions_of_the_shipped_framework():
    shipped = {d["code"] for d in json.loads(DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8"))["dimensions"]}
    trained = set()
    for course in COURSES:
        assert course["dimensions"], course["slug"]
        assert set(course["dimensions"]) <= shipped
        trained |= set(course["dimensions"])
    assert len(trained) >= 4  # the demo recommends courses for most dimensions


def test_every_picture_is_used_and_every_cover_exists():
    used = {course["cover"] for course in COURSES}
    used |= {value for _course, lesson in LESSONS for kind, value in lesson["body"] if kind == "image"}
    assert used == set(IMAGES)
    for title, colour, _kind, lines in IMAGES.values():
        assert title and lines
        assert len(colour) == 3 and all(0 <= channel <= 255 for channel in colour)


def test_demo_progress_names_real_courses_and_no_more_lessons_than_they_have():
    lessons = {course["slug"]: len(course["lessons"]) for course in COURSES}
    for plan in DEMO_PROGRESS.values():
        for slug, count in plan.items():
            assert slug in lessons
            assert count is None or 0 < count <= lessons[slug]


@pytest.mark.parametrize("key", sorted(IMAGES))
def test_pictures_are_drawn_as_described(key):
    _title, colour, kind, lines = IMAGES[key]
    picture = Image.open(_picture_bytes(kind, colour, lines))
    assert (picture.format, picture.size, picture.mode) == ("PNG", (1200, 675), "RGB")
    # The corner shows the background colour; something was drawn on it.
    assert picture.getpixel((2, 2)) == colour
    assert len(picture.getcolors(maxcolors=100_000)) > 1


def test_a_flow_picture_has_one_box_per_step():
    picture = Image.open(_picture_bytes("flow", (240, 246, 243), ["A", "B", "C"], size=(800, 675)))
    row = [picture.getpixel((x, 260)) for x in range(picture.width)]
    boxes, inside = 0, False
    for pixel in row:
        if pixel == (11, 110, 79) and not inside:
            boxes, inside = boxes + 1, True
        elif pixel != (11, 110, 79):
            inside = False
    assert boxes == 3
    assert isinstance(_picture_bytes("flow", (0, 0, 0), ["x"]), io.BytesIO)


# --- the completion rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("done", "total", "complete", "percent"),
    [(0, 0, False, 0), (0, 3, False, 0), (2, 3, False, 67), (3, 3, True, 100), (4, 3, True, 100), (1, 8, False, 12)],
)
def test_the_rule_and_its_percentage(done, total, complete, percent):
    assert completion.is_complete(done, total) is complete
    assert completion.percent(done, total) == percent


def test_activity_sources_register_once_and_leave():
    class Nothing(completion.ActivitySource):
        def learner_activities(self, user, course_paths):
            return []

        def counted(self, user_ids, course_paths):
            return {}, {}

    before = completion.activity_sources()
    source = Nothing()
    try:
        assert completion.register_activity_source(source) is source
        completion.register_activity_source(source)
        assert completion.activity_sources() == [*before, source]
    finally:
        completion.unregister_activity_source(source)
    completion.unregister_activity_source(source)  # leaving twice is harmless
    assert completion.activity_sources() == before
    with pytest.raises(NotImplementedError):
        completion.ActivitySource().counted([], [])
    with pytest.raises(NotImplementedError):
        completion.ActivitySource().learner_activities(None, [])
    assert completion.Activity(page=None, kind="quiz", counts=True).is_quiz
    assert not completion.Activity(page=None, kind="lesson", counts=True).is_quiz

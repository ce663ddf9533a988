"""Demo courses: five Making Indonesia 4.0 courses for cooperatives, with generated pictures.

Idempotent: courses and lessons are found by slug, images by title in the "Demo kursus"
collection; nothing existing is changed or duplicated. Pictures are drawn here with
Pillow (shapes, colours, text), never downloaded. Demo learners from ``accounts.demo``
get some progress when they exist.
"""

import io

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

from . import services
from .demo_content import COURSES, IMAGES
from .models import CourseIndexPage, CoursePage, LessonPage
from .selectors import course_lessons

COLLECTION_NAME = "Demo kursus"

# username: how many lessons of each course (by slug) are done; None = every lesson.
DEMO_PROGRESS = {
    "staf": {"making-indonesia-4-0-dan-koperasi": None, "pembukuan-digital-koperasi": 1},
    "staf2": {"making-indonesia-4-0-dan-koperasi": 2, "pembayaran-digital-dan-qris": None},
    "staf3": {"keamanan-akun-dan-data-anggota": 1},
    "staf_lain": {"jualan-online-dan-marketplace": None},
}


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow built without FreeType
        return ImageFont.load_default()


def _draw_shapes(draw, kind, width, height, colour):
    light = (255, 255, 255)
    if kind == "gears":
        for cx, cy, r in ((width - 260, 200, 120), (width - 120, 380, 80)):
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=light, width=18)
            draw.ellipse((cx - r // 3, cy - r // 3, cx + r // 3, cy + r // 3), fill=light)
    elif kind == "ledger":
        draw.rectangle((width - 380, 90, width - 110, 440), fill=light)
        for row in range(6):
            y = 140 + row * 48
            draw.line((width - 350, y, width - 140, y), fill=colour, width=6)
    elif kind == "shop":
        draw.rectangle((width - 400, 200, width - 100, 450), fill=light)
        draw.polygon([(width - 430, 200), (width - 250, 90), (width - 70, 200)], fill=light)
        draw.rectangle((width - 290, 320, width - 210, 450), fill=colour)
    elif kind == "qr":
        cell = 34
        for i in range(8):
            for j in range(8):
                if (i * 3 + j * 5 + i * j) % 3 == 0 or i in (0, 7) or j in (0, 7):
                    x, y = width - 390 + i * cell, 100 + j * cell
                    draw.rectangle((x, y, x + cell - 4, y + cell - 4), fill=light)
    elif kind == "lock":
        cx = width - 240
        draw.arc((cx - 90, 70, cx + 90, 250), 180, 360, fill=light, width=26)
        draw.rectangle((cx - 130, 160, cx + 130, 420), fill=light)
        draw.ellipse((cx - 25, 250, cx + 25, 300), fill=colour)
    elif kind == "product":
        draw.rounded_rectangle((width // 2 - 130, 120, width // 2 + 130, 420), radius=30, fill=(150, 90, 40))
        draw.rectangle((width // 2 - 100, 210, width // 2 + 100, 300), fill=light)


def _picture_bytes(kind, colour, lines, size=(1200, 675)):
    width, height = size
    picture = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    dark_background = sum(colour) < 450
    ink = (255, 255, 255) if dark_background else (29, 35, 39)
    if kind == "flow":
        box_width = (width - 100) // len(lines) - 40
        for index, text in enumerate(lines):
            x = 50 + index * (box_width + 40)
            draw.rounded_rectangle((x, 250, x + box_width, 420), radius=24, fill=(11, 110, 79))
            draw.text((x + box_width // 2, 335), text, fill=(255, 255, 255), font=_font(34), anchor="mm")
            if index < len(lines) - 1:
                draw.polygon([(x + box_width + 6, 315), (x + box_width + 34, 335), (x + box_width + 6, 355)], fill=ink)
    else:
        _draw_shapes(draw, kind, width, height, colour)
        for index, text in enumerate(lines):
            draw.text((70, 200 + index * 90), text, fill=ink, font=_font(64))
        draw.text((70, height - 90), "Koperasi Siap Digital", fill=ink, font=_font(30))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")  # optimize=True: twice the time for files 8 % smaller
    return buffer


def _collection():
    existing = Collection.objects.filter(name=COLLECTION_NAME).first()
    return existing or Collection.get_first_root_node().add_child(name=COLLECTION_NAME)


def _images(stdout):
    Image = get_image_model()
    collection = _collection()
    images = {}
    for key, (title, colour, kind, lines) in IMAGES.items():
        image = Image.objects.filter(collection=collection, title=title).first()
        if image is None:
            image = Image.objects.create(
                title=title,
                collection=collection,
                file=ImageFile(_picture_bytes(kind, colour, lines), name=f"demo-{key}.png"),
            )
            stdout.write(f"  gambar: {title}")
        images[key] = image
    return images


def _body(blocks, images):
    body = []
    for block_type, value in blocks:
        if block_type == "image":
            title = IMAGES[value][0]
            body.append(("image", {"image": images[value], "alt_text": title, "caption": ""}))
        else:
            body.append((block_type, value))
    return body


def _course(catalogue, data, images, stdout):
    course = CoursePage.objects.child_of(catalogue).filter(slug=data["slug"]).first()
    if course is None:
        course = CoursePage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            estimated_minutes=data["minutes"],
            difficulty=data["difficulty"],
            cover_image=images[data["cover"]],
        )
        course.tags.add(*data["tags"])
        course.dimensions.add(*data["dimensions"])
        catalogue.add_child(instance=course)
        course.save_revision().publish()
        stdout.write(f"  kursus: {course.title}")
    for lesson_data in data["lessons"]:
        if LessonPage.objects.child_of(course).filter(slug=lesson_data["slug"]).exists():
            continue
        lesson = LessonPage(
            title=lesson_data["title"],
            slug=lesson_data["slug"],
            summary=lesson_data["summary"],
            body=_body(lesson_data["body"], images),
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    return course


def _progress(courses, stdout):
    users = {user.username: user for user in get_user_model().objects.filter(username__in=DEMO_PROGRESS)}
    for username, plan in DEMO_PROGRESS.items():
        user = users.get(username)
        if user is None:
            continue
        for slug, count in plan.items():
            course = courses[slug]
            services.enrol(user=user, course=course)
            lessons = course_lessons(course)
            for lesson in lessons if count is None else lessons[:count]:
                services.mark_lesson_done(user=user, lesson=lesson)
        stdout.write(f"  kemajuan belajar: {username}")


def seed(stdout):
    catalogue = CourseIndexPage.objects.order_by("path").first()
    if catalogue is None:
        stdout.write("Katalog kursus tidak ditemukan; kursus demo dilewati.")
        return
    stdout.write("Kursus demo:")
    images = _images(stdout)
    courses = {data["slug"]: _course(catalogue, data, images, stdout) for data in COURSES}
    _progress(courses, stdout)

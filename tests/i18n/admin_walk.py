"""The admin pages an Editor Dinas and an Analis Dinas use, on the demo content.

Shared by the test that fails on English words in the admin and by whoever refreshes
``locale/id`` (it tells which of Wagtail's strings those pages show).
"""

import io

from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image

import accounts.demo
import cooperatives.demo
import readiness.demo
from cooperatives.models import Cooperative, Kecamatan
from courses.models import CourseIndexPage, CoursePage, LessonPage
from quizzes import questions as q
from quizzes.models import QuizPage
from quizzes.services import create_quiz
from readiness.models import Assessment, EvaluationRound, Framework
from tests.courses.content import full_body, make_document, make_embed, make_image
from tests.factories import make_course, make_lesson


def seed():
    """What the walked pages show, not the whole demo (about 1 s instead of 7-9 s): the demo's
    kecamatan, cooperatives, logins, rounds and assessments, and one course whose cover, lesson
    (every block type, an image and a document in it) and quiz (every question type, feedback
    bands) fill each page type the editor opens."""
    out = io.StringIO()
    for demo in (cooperatives.demo, accounts.demo, readiness.demo):
        demo.seed(out)
    make_embed()  # the lesson's video, stored: no network
    image, document = make_image("Alur kas koperasi"), make_document()
    course = make_course(title="Pembukuan digital koperasi", cover_image=image)
    make_lesson(course, title="Buku kas", body=full_body(image=image, document=document))
    create_quiz(
        course=course,
        title="Ujian akhir",
        purpose=QuizPage.PURPOSE_UJIAN,
        questions=[
            q.choice_question(
                "Apa kepanjangan RAT?",
                [{"text": "Rapat Anggota Tahunan", "correct": True, "feedback": "Betul."}, {"text": "Rekap Arus"}],
            ),
            q.choice_question(
                "Pembayaran digital?", [{"text": "QRIS", "correct": True}, {"text": "Tunai"}], multiple=True
            ),
            q.true_false_question("Kata sandi boleh dibagikan.", False, feedback_true="Jangan."),
            q.short_answer_question("Singkatan Sisa Hasil Usaha?", [{"text": "SHU"}], general_feedback="SHU."),
            q.numeric_question("Rp25.000 sebulan, berapa ribu setahun?", [{"target": 300, "tolerance": 0}]),
        ],
        feedback_bands=[{"type": "band", "value": {"min_score": 0, "text": "Ulangi materinya."}}],
    )


def editor_urls():
    catalogue = CourseIndexPage.objects.first()
    course = CoursePage.objects.first()
    lesson = LessonPage.objects.child_of(course).first()
    quiz = QuizPage.objects.first()
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[catalogue.pk]),
        reverse("wagtailadmin_explore", args=[course.pk]),
        reverse("wagtailadmin_pages:search") + "?q=koperasi",
        reverse("wagtailadmin_pages:add_subpage", args=[course.pk]),
        reverse("wagtailadmin_pages:add", args=["courses", "coursepage", catalogue.pk]),
        reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk]),
        reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", course.pk]),
        reverse("wagtailadmin_pages:edit", args=[course.pk]),
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        reverse("wagtailadmin_pages:edit", args=[quiz.pk]),
        reverse("wagtailadmin_pages:history", args=[course.pk]),
        reverse("wagtailadmin_pages:delete", args=[lesson.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[lesson.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add_multiple"),
        reverse("quizzes_gift_import"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_account"),
        reverse("wagtailadmin_pages:move", args=[lesson.pk]),
        reverse("wagtailadmin_pages:copy", args=[lesson.pk]),
        reverse("wagtailadmin_pages:set_privacy", args=[course.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[course.pk]),
        reverse("wagtailadmin_pages:usage", args=[course.pk]),
        # The choosers an editor opens from the rich text and the blocks (modal HTML in JSON).
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_external_link"),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailembeds:chooser"),
        *[reverse("wagtailimages:edit", args=[image.pk]) for image in Image.objects.all()[:1]],
        *[reverse("wagtaildocs:edit", args=[document.pk]) for document in Document.objects.all()[:1]],
    ]


def analyst_urls():
    cooperative = Cooperative.objects.first()
    framework = Framework.objects.first()
    evaluation_round = EvaluationRound.objects.first()
    assessment = Assessment.objects.first()
    urls = [
        reverse("wagtailadmin_home"),
        reverse("koperasi:index"),
        reverse("koperasi:index") + "?q=sumber",
        reverse("koperasi:add"),
        reverse("koperasi:edit", args=[cooperative.pk]),
        reverse("koperasi:import"),
        reverse("kecamatan:index"),
        reverse("kecamatan:edit", args=[Kecamatan.objects.first().pk]),
        reverse("instrumen:index"),
        reverse("instrumen:inspect", args=[framework.pk]),
        reverse("instrumen:edit", args=[framework.pk]),
        reverse("putaran:index"),
        reverse("putaran:add"),
        reverse("putaran:edit", args=[evaluation_round.pk]),
        reverse("putaran:import", args=[evaluation_round.pk]),
        reverse("asesmen:index"),
        reverse("asesmen:index") + "?status=submitted",
        reverse("accounts_import_participants"),
        reverse("wagtailadmin_account"),
    ]
    if assessment is not None:
        urls.append(reverse("asesmen:inspect", args=[assessment.pk]))
    return urls

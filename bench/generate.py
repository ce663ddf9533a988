"""Synthetic but realistic data for the benchmark, written with bulk inserts.

``grow(scale)`` brings the bench database up to ``scale.cooperatives`` cooperatives,
adding only what is missing, so the benchmark measures the small scale first and then
grows the same database to the large one (the small data set is a prefix of the large).

Per cooperative: ``staff`` accounts (the first is its pengurus), one assessment per
evaluation round with answers to every indicator of the default framework and the
stored scores computed by ``readiness.scoring`` (so exports and reports agree with the
contract), enrolments in two courses, lesson completions, and ``attempts`` graded quiz
attempts per learner (snapshots and per-question results as the quizzes app stores them).
Courses, lessons and quizzes are real Wagtail pages, created once.
"""

import datetime
import json
import random
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.utils import timezone

from cooperatives.models import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, Cooperative, Kecamatan
from courses import demo, demo_content

BENCH_PASSWORD = "bench-siapdigital-2026"
ANALYST_USERNAME = "bench-analis"
BATCH = 2000
COOPERATIVES_PER_CHUNK = 500

KECAMATAN = [
    "Bantaran",
    "Banyuanyar",
    "Besuk",
    "Dringu",
    "Gading",
    "Gending",
    "Kotaanyar",
    "Kraksaan",
    "Krejengan",
    "Krucil",
    "Kuripan",
    "Leces",
    "Lumbang",
    "Maron",
    "Paiton",
    "Pajarakan",
    "Pakuniran",
    "Sukapura",
    "Sumber",
    "Sumberasih",
    "Tegalsiwalan",
    "Tiris",
    "Tongas",
    "Wonomerto",
]
# Kabupaten Probolinggo 2019: konsumen 555, simpan pinjam 129, produsen 94, jasa 4, pemasaran 3.
JENIS_WEIGHTS = [("konsumen", 555), ("simpan_pinjam", 129), ("produsen", 94), ("jasa", 4), ("pemasaran", 3)]
JENIS_NAMES = {
    "konsumen": "Koperasi Konsumen",
    "simpan_pinjam": "Koperasi Simpan Pinjam",
    "produsen": "Koperasi Produsen",
    "jasa": "Koperasi Jasa",
    "pemasaran": "Koperasi Pemasaran",
}
NAME_WORDS = [
    "Sejahtera",
    "Makmur",
    "Maju Bersama",
    "Sumber Rejeki",
    "Tani Mulya",
    "Karya Usaha",
    "Bina Sejahtera",
    "Mekar Sari",
    "Sido Makmur",
    "Merah Putih",
    "Mandiri",
    "Harapan Jaya",
    "Usaha Bersama",
    "Bumi Lestari",
]
DESA_WORDS = ["Sumber", "Karang", "Tegal", "Wono", "Sido", "Kali", "Ngepung", "Jati", "Randu", "Banyu"]
DESA_SUFFIX = ["rejo", "asri", "mulyo", "sari", "anyar", "kidul", "lor", "wetan", "kulon", "agung"]
FIRST_NAMES = ["Siti", "Ahmad", "Nur", "Dewi", "Budi", "Rina", "Slamet", "Wahyu", "Sri", "Agus", "Lilik", "Yuli"]
LAST_NAMES = ["Rahayu", "Hidayat", "Aminah", "Santoso", "Wulandari", "Prasetyo", "Fauzi", "Lestari", "Hasan"]

SENTENCES = [
    "Koperasi yang mencatat transaksi secara digital dapat melihat kas harian tanpa menunggu akhir bulan.",
    "Mulailah dari satu kebiasaan kecil: catat setiap simpanan anggota pada hari yang sama.",
    "Aplikasi pembukuan sederhana di HP sudah cukup untuk koperasi dengan ratusan anggota.",
    "Pastikan setiap pengurus memahami siapa yang boleh mengubah data dan siapa yang hanya melihat.",
    "Cadangkan data secara rutin, misalnya setiap Jumat sore, ke tempat penyimpanan kedua.",
    "Anggota lebih percaya bila laporan keuangan dapat mereka lihat sendiri kapan saja.",
    "Pembayaran digital mengurangi uang tunai di kantor dan mempercepat pencatatan.",
    "Rapat Anggota Tahunan secara daring membantu anggota yang tinggal jauh dari kantor koperasi.",
    "Gunakan kata sandi yang panjang dan jangan memakai kata sandi yang sama di banyak aplikasi.",
    "Daftar anggota yang rapi adalah dasar dari semua layanan digital koperasi.",
]
COURSE_TOPICS = [
    ("Pembukuan Digital untuk Koperasi", "pembukuan", "D4"),
    ("Pembayaran Digital dan QRIS", "pembayaran", "D5"),
    ("Keamanan Data dan Kata Sandi", "keamanan", "D4"),
    ("Rapat Anggota Tahunan Daring", "tata-kelola", "D6"),
    ("Strategi Digital Pengurus", "strategi", "D1"),
    ("Memasarkan Produk di Marketplace", "pemasaran", "D5"),
    ("Perangkat dan Internet Kantor", "infrastruktur", "D2"),
    ("Melatih Staf Memakai Aplikasi", "sdm", "D3"),
]


@dataclass(frozen=True)
class Scale:
    cooperatives: int
    staff: int = 3
    rounds: int = 3
    courses: int = 6
    lessons: int = 5
    attempts: int = 1
    seed: int = 2026


def insert_rows(model, fields, rows):
    """Insert plain tuples into ``model``'s table: COPY on PostgreSQL, executemany elsewhere.

    For the tables with millions of rows (answers, scores, completions), where building
    model instances would dominate the generator's time. Returns the number of rows.
    """
    columns = [model._meta.get_field(name).column for name in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    rows = list(rows)
    if not rows:
        return 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            for start in range(0, len(rows), BATCH * 5):
                cursor.executemany(
                    f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})", rows[start : start + BATCH * 5]
                )
    return len(rows)


def _join_code(index):
    """A unique join code per cooperative index (base-31 digits, prefixed so it never collides with random ones)."""
    base = len(JOIN_CODE_ALPHABET)
    digits = []
    value = index
    for _ in range(JOIN_CODE_LENGTH - 1):
        digits.append(JOIN_CODE_ALPHABET[value % base])
        value //= base
    return "Z" + "".join(reversed(digits))


def _nik(index):
    return f"3513{index:012d}"


def _weighted_jenis(rng):
    return rng.choices([j for j, _ in JENIS_WEIGHTS], weights=[w for _, w in JENIS_WEIGHTS])[0]


def _paragraphs(rng, count):
    return "".join(f"<p>{' '.join(rng.sample(SENTENCES, 4))}</p>" for _ in range(count))


# --- content (Wagtail pages), created once --------------------------------------------------


def _lesson_body(rng, number):
    return json.dumps(
        [
            {"type": "text", "id": str(uuid.uuid4()), "value": f"<h2>Bagian {number}</h2>" + _paragraphs(rng, 3)},
            {
                "type": "callout",
                "id": str(uuid.uuid4()),
                "value": {"kind": "tip", "title": "Tips", "text": f"<p>{rng.choice(SENTENCES)}</p>"},
            },
            {"type": "text", "id": str(uuid.uuid4()), "value": _paragraphs(rng, 3)},
            {
                "type": "table",
                "id": str(uuid.uuid4()),
                "value": {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "data": [
                        ["Tanggal", "Uraian", "Masuk (Rp)", "Keluar (Rp)"],
                        ["2 Jan", "Simpanan wajib anggota", "500.000", ""],
                        ["3 Jan", "Beli alat tulis", "", "45.000"],
                        ["5 Jan", "Penjualan sembako", "1.250.000", ""],
                    ],
                },
            },
            {"type": "text", "id": str(uuid.uuid4()), "value": _paragraphs(rng, 2)},
        ]
    )


def _item(value):
    return {"type": "item", "id": str(uuid.uuid4()), "value": value}


def _choice(text, correct):
    return _item({"text": text, "correct": correct, "credit": None, "feedback": ""})


def _question(kind, text, **value):
    base = {"text": f"<p>{text}</p>", "image": None, "points": 1, "general_feedback": ""}
    return {"type": kind, "id": str(uuid.uuid4()), "value": {**base, **value}}


def _quiz_questions():
    return json.dumps(
        [
            _question(
                "single_choice",
                "Apa kepanjangan RAT?",
                choices=[
                    _choice("Rapat Anggota Tahunan", True),
                    _choice("Rencana Anggaran Tahunan", False),
                    _choice("Rekap Arus Transaksi", False),
                ],
            ),
            _question(
                "multiple_answers",
                "Mana saja buku yang wajib dimiliki koperasi?",
                choices=[
                    _choice("Buku daftar anggota", True),
                    _choice("Buku kas", True),
                    _choice("Buku resep", False),
                    _choice("Buku tamu pesta", False),
                ],
            ),
            _question(
                "true_false",
                "Kata sandi boleh dibagikan kepada sesama pengurus.",
                correct_answer="false",
                feedback_true="",
                feedback_false="",
            ),
            _question(
                "short_answer",
                "Apa singkatan dari Sisa Hasil Usaha?",
                answers=[_item({"text": "SHU", "credit": None, "feedback": ""})],
            ),
            _question(
                "numeric",
                "Berapa persen 25 dari 200?",
                answers=[
                    _item(
                        {
                            "target": 12.5,
                            "tolerance": 0.1,
                            "minimum": None,
                            "maximum": None,
                            "credit": None,
                            "feedback": "",
                        }
                    )
                ],
            ),
        ]
    )


def _demo_image(key):
    """The demo content's picture ``key`` as a Wagtail image (made once)."""
    from wagtail.images import get_image_model

    Image = get_image_model()
    title, colour, kind, lines = demo_content.IMAGES[key]
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image.objects.create(
            title=title, file=ImageFile(demo._picture_bytes(kind, colour, lines), name=f"bench-{key}.png")
        )
    return image


MINIMAL_PAGE_SLUG = "halaman-polos"


def ensure_minimal_page():
    """The plain Wagtail page (bench.models.MinimalPage) below the home page, holding the
    text and picture of the demo's first lesson: rich text blocks and one image."""
    from django.apps import apps

    from base.models import HomePage

    if not apps.is_installed("bench"):  # the generator's own tests run on the product's settings
        return
    MinimalPage = apps.get_model("bench", "MinimalPage")
    if MinimalPage.objects.exists():
        return
    lesson = demo_content.COURSES[0]["lessons"][0]
    body = []
    for block_type, value in lesson["body"]:
        if block_type == "image":
            body.append(("image", _demo_image(value)))
        elif block_type == "text":
            body.append(("text", value))
        else:  # the callout's text, as rich text
            body.append(("text", f"<h3>{value['title']}</h3>{value['text']}"))
    page = MinimalPage(title=lesson["title"], slug=MINIMAL_PAGE_SLUG, body=body)
    HomePage.objects.first().add_child(instance=page)
    page.save_revision().publish()


def ensure_content(scale):
    """Courses (each with a demo cover, lessons and one graded quiz), published, up to ``scale.courses``."""
    from courses.models import CourseIndexPage, CoursePage, LessonPage
    from quizzes.models import QuizPage

    catalogue = CourseIndexPage.objects.live().first()
    existing = CoursePage.objects.count()
    rng = random.Random(scale.seed)
    for number in range(existing, scale.courses):
        title, topic, dimension = COURSE_TOPICS[number % len(COURSE_TOPICS)]
        if number >= len(COURSE_TOPICS):
            title = f"{title} {number // len(COURSE_TOPICS) + 1}"
        course = CoursePage(
            title=title,
            slug=f"kursus-bench-{number + 1}",
            summary=f"Langkah praktis: {title.lower()} untuk staf dan pengurus koperasi.",
            estimated_minutes=30 + 10 * (number % 4),
            cover_image=_demo_image(demo_content.COURSES[number % len(demo_content.COURSES)]["cover"]),
        )
        catalogue.add_child(instance=course)
        course.tags.add(topic)
        course.dimensions.add(dimension)
        course.save_revision().publish()
        for lesson_number in range(1, scale.lessons + 1):
            lesson = LessonPage(
                title=f"Materi {lesson_number}: {title}",
                slug=f"materi-{lesson_number}",
                summary=rng.choice(SENTENCES)[:200],
                body=_lesson_body(rng, lesson_number),
            )
            course.add_child(instance=lesson)
            lesson.save_revision().publish()
        quiz = QuizPage(
            title=f"Ujian: {title}",
            slug="ujian",
            purpose=QuizPage.PURPOSE_UJIAN,
            pass_mark=60,
            attempts_allowed=0,
            questions=_quiz_questions(),
        )
        course.add_child(instance=quiz)
        quiz.save_revision().publish()


def ensure_rounds(scale):
    """``scale.rounds`` yearly evaluation rounds on the default framework, oldest first."""
    from readiness.models import EvaluationRound
    from readiness.services import ensure_default_framework

    framework = ensure_default_framework()
    first_year = timezone.localdate().year - scale.rounds + 1
    rounds = []
    for number in range(scale.rounds):
        year = first_year + number
        evaluation_round, _created = EvaluationRound.objects.get_or_create(
            slug=f"putaran-{year}",
            defaults={
                "name": f"Putaran evaluasi {year}",
                "framework": framework,
                "opens_on": datetime.date(year, 1, 1),
                "closes_on": datetime.date(year, 12, 31),
            },
        )
        rounds.append(evaluation_round)
    return rounds


def ensure_analyst():
    from accounts.roles import ANALYST_GROUP

    User = get_user_model()
    analyst, created = User.objects.get_or_create(
        username=ANALYST_USERNAME, defaults={"first_name": "Analis", "last_name": "Bench"}
    )
    if created:
        analyst.set_password(BENCH_PASSWORD)
        analyst.save()
    analyst.groups.add(Group.objects.get_or_create(name=ANALYST_GROUP)[0])
    return analyst


# --- volume: cooperatives and everything that hangs off them --------------------------------


class _Context:
    """What every chunk needs, read once: kecamatan, rounds, framework specs, courses, quizzes."""

    def __init__(self, scale):
        from courses.models import CoursePage, LessonPage
        from quizzes.models import QuizPage
        from quizzes.snapshot import build_snapshot
        from readiness.services import framework_specs

        self.scale = scale
        self.kecamatan = {k.name: k for k in Kecamatan.objects.filter(name__in=KECAMATAN)}
        self.rounds = ensure_rounds(scale)
        framework = self.rounds[0].framework
        self.specs, self.indicators, self.dimensions = framework_specs(framework)
        self.bands = framework.band_list()
        self.courses = list(CoursePage.objects.live().order_by("path"))
        self.lessons = {}
        for lesson in LessonPage.objects.live().order_by("path"):
            self.lessons.setdefault(lesson.path[: -lesson.steplen], []).append(lesson)
        self.quizzes = {}
        for quiz in QuizPage.objects.live().order_by("path"):
            self.quizzes[quiz.path[: -quiz.steplen]] = (quiz, build_snapshot(quiz, rng=random.Random(0)))
        self.password = make_password(BENCH_PASSWORD)


def ensure_kecamatan():
    missing = [Kecamatan(name=name) for name in KECAMATAN if not Kecamatan.objects.filter(name=name).exists()]
    Kecamatan.objects.bulk_create(missing)


def _cooperatives(ctx, start, stop, rng):
    rows = []
    for index in range(start, stop):
        jenis = _weighted_jenis(rng)
        desa = rng.choice(DESA_WORDS) + rng.choice(DESA_SUFFIX)
        rows.append(
            Cooperative(
                nik=_nik(index),
                nama=f"{JENIS_NAMES[jenis]} {rng.choice(NAME_WORDS)} {desa} {index}",
                jenis=jenis,
                kecamatan=ctx.kecamatan[KECAMATAN[index % len(KECAMATAN)]],
                desa=desa.capitalize(),
                jumlah_anggota=int(rng.lognormvariate(4.5, 0.9)) + 10,
                join_code=_join_code(index),
            )
        )
    return Cooperative.objects.bulk_create(rows, batch_size=BATCH)


def _users(ctx, cooperatives, rng):
    User = get_user_model()
    rows = []
    for cooperative in cooperatives:
        index = int(cooperative.nik[4:])
        for number in range(ctx.scale.staff):
            rows.append(
                User(
                    username=f"b{index:06d}_{number}",
                    password=ctx.password,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    phone=f"0812{index:06d}{number:02d}",
                    cooperative=cooperative,
                    cooperative_role=User.ROLE_PENGURUS if number == 0 else User.ROLE_STAF,
                )
            )
    return User.objects.bulk_create(rows, batch_size=BATCH)


def _assessments(ctx, cooperatives, rng):
    from readiness import scoring
    from readiness.models import Answer, Assessment, DimensionScore

    now = timezone.now()
    last = len(ctx.rounds) - 1
    pending = []  # (assessment, levels by indicator code, verified)
    for cooperative in cooperatives:
        capability = rng.uniform(0.3, 3.2)
        for number, evaluation_round in enumerate(ctx.rounds):
            # Later rounds are a little better; one in twenty is still a draft in the latest round.
            draft = number == last and rng.random() < 0.05
            verified = not draft and rng.random() < 0.2
            levels = {}
            for code in ctx.indicators:
                if rng.random() < 0.05:
                    levels[code] = None
                else:
                    levels[code] = max(0, min(4, round(rng.gauss(capability + 0.3 * number, 0.8))))
            assessment = Assessment(
                round=evaluation_round,
                cooperative=cooperative,
                status=Assessment.STATUS_DRAFT
                if draft
                else (Assessment.STATUS_VERIFIED if verified else Assessment.STATUS_SUBMITTED),
                source=Assessment.SOURCE_IMPORT if rng.random() < 0.3 else Assessment.SOURCE_WEB,
                submitted_at=None if draft else now,
                verified_at=now if verified else None,
            )
            if not draft:
                result = scoring.score_assessment(ctx.specs, levels, ctx.bands)
                assessment.overall = result.overall
                assessment.level = result.level
                assessment.self_overall = result.overall
                assessment._dimension_scores = result.dimension_scores
            pending.append((assessment, levels, verified))
    Assessment.objects.bulk_create([a for a, _, _ in pending], batch_size=BATCH)
    answers = []
    scores = []
    for assessment, levels, verified in pending:
        for code, level in levels.items():
            answers.append(
                (assessment.pk, ctx.indicators[code].pk, level, "", verified, level if verified else None, "")
            )
        if hasattr(assessment, "_dimension_scores"):
            for dimension in ctx.dimensions:
                score = assessment._dimension_scores.get(dimension.code)
                scores.append((assessment.pk, dimension.pk, score, score))
    insert_rows(
        Answer,
        ["assessment", "indicator", "level", "evidence", "is_verified", "verified_level", "verification_note"],
        answers,
    )
    insert_rows(DimensionScore, ["assessment", "dimension", "score", "self_score"], scores)
    return len(pending), len(answers), len(scores)


def _random_answers(snapshot, rng):
    """Answers a learner might give: mostly right, sometimes wrong, now and then blank."""
    answers = {}
    for question in snapshot["questions"]:
        right = rng.random() < 0.7
        if rng.random() < 0.05:
            continue
        kind = question["type"]
        if kind in ("single_choice", "true_false"):
            choices = [c["id"] for c in question["choices"] if (c["fraction"] > 0) == right] or [
                question["choices"][0]["id"]
            ]
            answers[question["id"]] = rng.choice(choices)
        elif kind == "multiple_answers":
            good = [c["id"] for c in question["choices"] if c["fraction"] > 0]
            bad = [c["id"] for c in question["choices"] if c["fraction"] <= 0]
            answers[question["id"]] = sorted(good if right else good[:1] + bad[:1])
        elif kind == "short_answer":
            answers[question["id"]] = question["accepted"][0]["text"] if right else "tidak tahu"
        else:
            answers[question["id"]] = "12.5" if right else "25"
    return answers


def _learning(ctx, users, rng):
    from courses.models import Enrolment, LessonCompletion
    from quizzes import scoring as quiz_scoring
    from quizzes.models import Attempt, QuestionResult

    now = timezone.now()
    enrolments, completions, attempts = [], [], []
    courses = ctx.courses
    for index, user in enumerate(users):
        if not courses:
            break
        chosen = [courses[(index + offset) % len(courses)] for offset in range(min(2, len(courses)))]
        for position, course in enumerate(chosen):
            lessons = ctx.lessons.get(course.path, [])
            done = lessons if position == 0 else lessons[: rng.randint(0, len(lessons))]
            quiz_entry = ctx.quizzes.get(course.path)
            best = None
            if quiz_entry is not None and position == 0:
                quiz, snapshot = quiz_entry
                for number in range(1, ctx.scale.attempts + 1):
                    answers = _random_answers(snapshot, rng)
                    result = quiz_scoring.grade(snapshot["questions"], answers)
                    started = now - datetime.timedelta(days=rng.randint(1, 300), minutes=number * 30)
                    attempt = Attempt(
                        user=user,
                        quiz=quiz,
                        number=number,
                        status=Attempt.STATUS_SUBMITTED,
                        started_at=started,
                        submitted_at=started + datetime.timedelta(minutes=rng.randint(3, 25)),
                        snapshot=snapshot,
                        answers=answers,
                        score=result.score,
                        passed=quiz_scoring.has_passed(result.score, snapshot["pass_mark"]),
                    )
                    attempt._credits = result.credits
                    attempts.append(attempt)
                    best = max(best or 0.0, result.score)
            passed = quiz_entry is None or (best is not None and best >= quiz_entry[1]["pass_mark"])
            complete = bool(lessons) and len(done) == len(lessons) and passed
            enrolments.append((user.pk, course.pk, now, now if complete else None))
            completions.extend((user.pk, lesson.pk, now) for lesson in done)
    insert_rows(Enrolment, ["user", "course", "enrolled_at", "completed_at"], enrolments)
    insert_rows(LessonCompletion, ["user", "lesson", "completed_at"], completions)
    Attempt.objects.bulk_create(attempts, batch_size=BATCH)
    results = [
        (attempt.pk, question["id"], position, float(question.get("points", 1.0)), attempt._credits[question["id"]])
        for attempt in attempts
        for position, question in enumerate(attempt.snapshot["questions"])
    ]
    insert_rows(QuestionResult, ["attempt", "question_id", "position", "points", "credit"], results)
    return len(enrolments), len(completions), len(attempts), len(results)


def grow(scale, *, stdout=None):
    """Add cooperatives (with staff, assessments and learning) until there are ``scale.cooperatives``.

    Returns the row counts of the database afterwards.
    """
    ensure_kecamatan()
    with transaction.atomic():
        ensure_content(scale)
        ensure_minimal_page()
        ensure_analyst()
    ctx = _Context(scale)
    start = Cooperative.objects.filter(nik__startswith="3513").count()
    for chunk_start in range(start, scale.cooperatives, COOPERATIVES_PER_CHUNK):
        chunk_stop = min(chunk_start + COOPERATIVES_PER_CHUNK, scale.cooperatives)
        rng = random.Random(scale.seed * 1_000_003 + chunk_start)
        with transaction.atomic():
            cooperatives = _cooperatives(ctx, chunk_start, chunk_stop, rng)
            users = _users(ctx, cooperatives, rng)
            _assessments(ctx, cooperatives, rng)
            _learning(ctx, users, rng)
        if stdout is not None and (chunk_stop == scale.cooperatives or chunk_stop // 5000 > chunk_start // 5000):
            stdout.write(f"  … {chunk_stop} koperasi\n")
            stdout.flush()
    # The results above were bulk-loaded around the services that keep the aggregates.
    from readiness import aggregates

    aggregates.rebuild()
    return counts()


def counts():
    from courses.models import CoursePage, Enrolment, LessonCompletion, LessonPage
    from quizzes.models import Attempt, QuestionResult, QuizPage
    from readiness.models import Answer, Assessment, DimensionScore, EvaluationRound

    User = get_user_model()
    return {
        "cooperatives": Cooperative.objects.count(),
        "learners": User.objects.exclude(cooperative=None).count(),
        "rounds": EvaluationRound.objects.count(),
        "assessments": Assessment.objects.count(),
        "answers": Answer.objects.count(),
        "dimension_scores": DimensionScore.objects.count(),
        "courses": CoursePage.objects.count(),
        "lessons": LessonPage.objects.count(),
        "quizzes": QuizPage.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "lesson_completions": LessonCompletion.objects.count(),
        "attempts": Attempt.objects.count(),
        "question_results": QuestionResult.objects.count(),
    }

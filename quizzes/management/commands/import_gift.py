"""``python manage.py import_gift FILE --course SLUG``: a quiz from Moodle GIFT."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from courses.models import CoursePage
from quizzes.models import QuizPage
from quizzes.services import import_gift


class Command(BaseCommand):
    help = (
        "Impor soal format GIFT (Moodle) menjadi kuis baru di bawah kursus, lalu terbitkan (atau simpan sebagai draf)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas GIFT (UTF-8)")
        parser.add_argument("--course", required=True, help="slug kursus")
        parser.add_argument("--title", default="", help="judul kuis")
        parser.add_argument(
            "--purpose", default=QuizPage.PURPOSE_LATIHAN, choices=[value for value, _ in QuizPage.PURPOSE_CHOICES]
        )
        parser.add_argument("--pass-mark", type=int, default=70, help="nilai lulus (0-100)")
        parser.add_argument(
            "--skip-unsupported",
            action="store_true",
            help="lewati soal yang jenisnya tidak didukung (matching, esai, cloze, deskripsi)",
        )
        parser.add_argument("--draft", action="store_true", help="simpan sebagai draf, belum diterbitkan")

    def handle(self, *args, **options):
        if not 0 <= options["pass_mark"] <= 100:
            raise CommandError("--pass-mark harus 0 sampai 100.")
        path = Path(options["file"])
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"Berkas tidak ditemukan: {path}") from None
        except UnicodeDecodeError:
            raise CommandError("Berkas GIFT harus disimpan sebagai UTF-8.") from None
        course = CoursePage.objects.filter(slug=options["course"]).first()
        if course is None:
            raise CommandError(f"Kursus dengan slug {options['course']!r} tidak ditemukan.")
        result = import_gift(
            text=text,
            course=course,
            title=options["title"],
            purpose=options["purpose"],
            pass_mark=options["pass_mark"],
            skip_unsupported=options["skip_unsupported"],
            draft=options["draft"],
        )
        for problem in result.problems:
            self.stderr.write(problem)
        if not result.ok:
            raise CommandError(_("Tidak ada soal yang bisa diimpor."))
        for problem in result.document.unsupported:
            self.stderr.write(_("%(problem)s: dilewati") % {"problem": problem})
        count = len(result.document.questions)
        if options["draft"]:
            self.stdout.write(
                _("%(count)s soal diimpor ke kuis “%(title)s” sebagai draf (belum diterbitkan).")
                % {"count": count, "title": result.quiz.title}
            )
            self.stdout.write(_("id halaman: %(id)s") % {"id": result.quiz.pk})
            return
        self.stdout.write(
            _("%(count)s soal diimpor ke kuis “%(title)s”.") % {"count": count, "title": result.quiz.title}
        )
        self.stdout.write(result.quiz.full_url or result.quiz.url)

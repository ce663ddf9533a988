"""``python manage.py export_gift QUIZ``: a quiz's questions back to Moodle GIFT."""

from django.core.management.base import BaseCommand, CommandError

from quizzes.gift import quiz_to_gift
from quizzes.selectors import find_quiz


class Command(BaseCommand):
    help = "Ekspor soal kuis ke format GIFT (Moodle)."

    def add_arguments(self, parser):
        parser.add_argument("quiz", help="id halaman kuis atau alamat URL-nya")

    def handle(self, *args, **options):
        quiz = find_quiz(options["quiz"])
        if quiz is None:
            raise CommandError(f"Kuis {options['quiz']!r} tidak ditemukan.")
        self.stdout.write(quiz_to_gift(quiz), ending="")

"""``python manage.py export_quiz_results QUIZ [--format json|csv|xlsx]``."""

import sys

from django.core.management.base import BaseCommand, CommandError

from quizzes.selectors import find_quiz
from quizzes.views import results_response


class Command(BaseCommand):
    help = "Ekspor hasil kuis: satu baris per percobaan (username, nik, mulai, dikirim, nilai, lulus, nilai per soal)."

    def add_arguments(self, parser):
        parser.add_argument("quiz", help="id halaman kuis atau alamat URL-nya")
        parser.add_argument("--format", default="csv", choices=["json", "csv", "xlsx"])
        parser.add_argument("--output", default="", help="tulis ke berkas ini (bawaan: stdout)")

    def handle(self, *args, **options):
        quiz = find_quiz(options["quiz"])
        if quiz is None:
            raise CommandError(f"Kuis {options['quiz']!r} tidak ditemukan (pakai id halaman atau alamat URL).")
        response = results_response(None, quiz, options["format"])
        content = b"".join(response) if response.streaming else response.content
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(content)
            return
        stream = getattr(self.stdout, "_out", sys.stdout)
        if options["format"] == "xlsx" and hasattr(stream, "buffer"):
            stream.buffer.write(content)
            stream.flush()
        else:
            self.stdout.write(content.decode("utf-8"), ending="")

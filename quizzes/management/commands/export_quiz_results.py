"""``python manage.py export_quiz_results QUIZ [--format json|csv|xlsx]``."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from base.tabular import iter_csv, write_xlsx
from quizzes.selectors import EXPORT_LABELS, export_document, export_rows, find_quiz


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
        fmt = options["format"]
        if fmt == "xlsx":
            header, rows, _questions = export_rows(None, quiz)
            if options["output"]:
                with open(options["output"], "wb") as handle:
                    write_xlsx(handle, header, rows, title=quiz.title, labels=EXPORT_LABELS)
                return
            stream = getattr(self.stdout, "_out", sys.stdout)
            if not hasattr(stream, "buffer"):
                raise CommandError("XLSX ke layar tidak didukung di sini: gunakan --output BERKAS.")
            self.stdout.flush()
            write_xlsx(stream.buffer, header, rows, title=quiz.title, labels=EXPORT_LABELS)
            stream.buffer.flush()
            return
        if fmt == "json":
            text = json.dumps(export_document(None, quiz), ensure_ascii=False, indent=2)
        else:
            header, rows, _questions = export_rows(None, quiz)
            text = "".join(iter_csv(header, rows, bom=False))
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            return
        self.stdout.write(text, ending="")

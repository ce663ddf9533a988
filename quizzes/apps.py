from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from courses.completion import register_activity_source


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Kuis")

    def ready(self):
        from base.receivers import connect_learner_records  # local import: it imports models

        from .selectors import QuizActivities  # local import: uses models, which load after apps.py

        # Quizzes are course activities; required ones must be passed to complete the course.
        register_activity_source(QuizActivities())
        # A learner's cached pages show their attempts (base.pagecache); an autosave writes
        # only the answers and when they were saved, which those pages do not show.
        connect_learner_records(self.get_model("Attempt"), unseen_fields=frozenset({"answers", "last_saved_at"}))

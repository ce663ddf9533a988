from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from courses.completion import register_activity_source


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Kuis")

    def ready(self):
        from . import receivers  # local import: models are ready only now
        from .selectors import QuizActivities  # local import: uses models, which load after apps.py

        # Quizzes are course activities; required ones must be passed to complete the course.
        register_activity_source(QuizActivities())
        receivers.connect()

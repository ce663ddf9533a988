from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Kuis")

    def ready(self):
        from courses.completion import register_requirement

        from .selectors import unmet_quiz_requirements

        # A course is complete only when its ujian and post-test quizzes are passed.
        register_requirement(unmet_quiz_requirements)

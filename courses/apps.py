from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Kursus")

    def ready(self):
        from base.receivers import connect_learner_records  # local import: it imports models

        # A learner's cached pages show their enrolments and lessons done (base.pagecache).
        for model in (self.get_model("Enrolment"), self.get_model("LessonCompletion")):
            connect_learner_records(model)

"""The quiz page editor's form (``QuizPage.base_form_class``); it imports no model of ours,
so ``models.py`` may import it."""

from wagtail.admin.forms import WagtailAdminPageForm


class QuizPageForm(WagtailAdminPageForm):
    """The quiz editor's form: a course has at most one pre-test and one post-test."""

    def clean(self):
        cleaned = super().clean()
        parent = getattr(self, "parent_page", None)
        error = self.instance.paired_test_error(parent, cleaned.get("purpose"), exclude_pk=self.instance.pk)
        if error:
            self.add_error("purpose", error)
        return cleaned

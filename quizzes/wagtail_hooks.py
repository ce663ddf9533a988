"""Admin wiring for quizzes: GIFT import menu item, and per-quiz GIFT export, regrade and results."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import admin_views
from .models import QuizPage
from .scoring import feedback_band_conflicts
from .snapshot import feedback_bands


@hooks.register("register_admin_urls")
def register_quiz_admin_urls():
    return [
        path("kuis/impor-gift/", admin_views.gift_import, name="quizzes_gift_import"),
        path("kuis/<int:quiz_id>/gift/", admin_views.gift_export, name="quizzes_gift_export"),
        path("kuis/<int:quiz_id>/nilai-ulang/", admin_views.regrade, name="quizzes_regrade"),
    ]


class GiftImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_import_gift(request.user)


@hooks.register("register_admin_menu_item")
def register_gift_import_menu_item():
    return GiftImportMenuItem(_("Impor soal GIFT"), reverse("quizzes_gift_import"), icon_name="upload", order=310)


class QuizResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("quizzes.view_all_attempts")


@hooks.register("register_admin_menu_item")
def register_quiz_results_menu_item():
    # Analysts work from the admin too: the results of every quiz are one click away.
    return QuizResultsMenuItem(_("Hasil kuis"), reverse("quizzes:results_index"), icon_name="table", order=905)


@hooks.register("register_page_listing_more_buttons")
def quiz_listing_buttons(page, user, next_url=None):
    if not issubclass(page.specific_class or type(None), QuizPage):
        return
    tester = page.permissions_for_user(user)
    if tester.can_edit():
        yield Button(
            _("Ekspor GIFT"), reverse("quizzes_gift_export", args=[page.pk]), icon_name="download", priority=70
        )
    if tester.can_publish() and page.live:
        yield Button(_("Nilai ulang"), reverse("quizzes_regrade", args=[page.pk]), icon_name="rotate", priority=71)
    if user.has_perm("quizzes.view_all_attempts"):
        yield Button(_("Hasil kuis"), reverse("quizzes:quiz_results", args=[page.pk]), icon_name="table", priority=72)


def _warn_about_feedback_bands(request, page):
    """A warning (never a block) when a band's text contradicts the quiz's pass mark."""
    page = page.specific
    if not isinstance(page, QuizPage):
        return
    for minimum, text, tone in feedback_band_conflicts(feedback_bands(page), page.pass_mark):
        values = {"min": f"{minimum:g}", "text": Truncator(text).chars(60), "pass_mark": page.pass_mark}
        if tone == "pass":
            message = _(
                "Umpan balik mulai nilai %(min)s (“%(text)s”) terdengar lulus, padahal nilainya di bawah "
                "nilai lulus %(pass_mark)s."
            )
        else:
            message = _(
                "Umpan balik mulai nilai %(min)s (“%(text)s”) terdengar belum lulus, padahal nilainya sudah "
                "mencapai nilai lulus %(pass_mark)s."
            )
        messages.warning(request, message % values)


@hooks.register("after_create_page")
def warn_about_feedback_bands_after_create(request, page):
    _warn_about_feedback_bands(request, page)


@hooks.register("after_edit_page")
def warn_about_feedback_bands_after_edit(request, page):
    _warn_about_feedback_bands(request, page)

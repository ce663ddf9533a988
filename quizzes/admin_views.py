"""Admin (Wagtail) screens for editors: GIFT import with preview, GIFT export, regrade.

Who may use them is decided by Wagtail's page permissions (the page permission policy
and ``page.permissions_for_user``), the ones that let an editor write quizzes at all:
import needs "add" somewhere in the tree, export needs "change" on the quiz, regrade
needs "publish" on it (it grades against the published version).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.permission_policies.pages import PagePermissionPolicy

from base.tabular import attachment_response

from . import services
from .blocks import QuizQuestionsBlock
from .forms import GiftImportForm
from .gift import quiz_to_gift
from .models import Attempt, QuizPage


def may_import_gift(user):
    return PagePermissionPolicy().user_has_permission(user, "add")


def _quiz_or_404(request, quiz_id, *, may, queryset=None):
    """The quiz, if ``may(permission_tester)`` holds for the user; 404 otherwise."""
    quiz = get_object_or_404(queryset if queryset is not None else QuizPage.objects.all(), pk=quiz_id)
    if not may(quiz.permissions_for_user(request.user)):
        raise Http404
    return quiz


@require_http_methods(["GET", "POST"])
def gift_import(request):
    """Paste or upload GIFT, see a preview (what would be imported, what is refused), confirm."""
    if not may_import_gift(request.user):
        raise Http404
    preview = None
    if request.method == "POST":
        form = GiftImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            confirmed = request.POST.get("confirm") == "1"
            result = services.import_gift(
                text=data["gift_text"],
                course=data["course"],
                title=data["title"],
                purpose=data["purpose"],
                pass_mark=data["pass_mark"],
                skip_unsupported=data["skip_unsupported"],
                user=request.user,
                dry_run=not confirmed,
                draft=data["as_draft"],
            )
            if result.ok:
                done = {"count": len(result.document.questions), "title": result.quiz.title}
                if data["as_draft"]:
                    message = _("%(count)s soal diimpor ke kuis “%(title)s” sebagai draf (belum diterbitkan).") % done
                else:
                    message = _("%(count)s soal diimpor ke kuis “%(title)s”.") % done
                messages.success(request, message)
                return redirect("wagtailadmin_pages:edit", result.quiz.pk)
            # Keep the text in the form (an upload is not re-sent) for the confirm step.
            form = GiftImportForm(initial={**data, "gift_file": None, "course": data["course"].pk})
            preview = result
    else:
        form = GiftImportForm()
    context = {"form": form, "preview": preview, "preview_questions": _preview_questions(preview)}
    return render(request, "quizzes/admin/gift_import.html", context)


def _preview_questions(preview):
    """(question, its type as the editor knows it, e.g. "Benar/Salah") for the preview."""
    if preview is None:
        return []
    labels = {name: block.label for name, block in QuizQuestionsBlock().child_blocks.items()}
    return [(question, labels.get(question.kind, question.kind)) for question in preview.document.questions]


def gift_export(request, quiz_id):
    quiz = _quiz_or_404(request, quiz_id, may=lambda tester: tester.can_edit())
    return attachment_response(
        quiz_to_gift(quiz), content_type="text/plain; charset=utf-8", filename=f"kuis-{quiz.pk}.gift.txt"
    )


@require_http_methods(["GET", "POST"])
def regrade(request, quiz_id):
    """Regrade past attempts against the quiz as published now (an explicit, logged choice)."""
    quiz = _quiz_or_404(request, quiz_id, may=lambda tester: tester.can_publish(), queryset=QuizPage.objects.live())
    submitted = Attempt.objects.filter(quiz=quiz, status=Attempt.STATUS_SUBMITTED).count()
    if request.method == "POST":
        logs = services.regrade_quiz(quiz=quiz, by=request.user)
        changed = sum(1 for log in logs if abs(log.new_score - log.old_score) > 1e-9)
        messages.success(
            request,
            _("%(count)s percobaan dinilai ulang; %(changed)s nilainya berubah.")
            % {"count": len(logs), "changed": changed},
        )
        return redirect("wagtailadmin_explore", quiz.get_parent().pk)
    return render(request, "quizzes/admin/regrade.html", {"quiz": quiz, "submitted": submitted})

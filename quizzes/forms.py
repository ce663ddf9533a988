"""Reading a learner's answers from a posted form, and the GIFT import form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage

from . import scoring
from .models import QuizPage

ANSWER_PREFIX = "q-"


def answers_from_post(snapshot, data):
    """Answers posted from the attempt form, as question id -> raw value.

    The form lists the questions it showed in ``shown`` so that a multiple-answers
    question with every box cleared (nothing posted for it) is saved as unanswered.
    Unknown question ids are passed through for ``services.clean_answers`` to reject.
    """
    types = {q["id"]: q["type"] for q in snapshot.get("questions", [])}
    question_ids = list(dict.fromkeys(data.getlist("shown")))
    for key in data:
        if key.startswith(ANSWER_PREFIX) and key[len(ANSWER_PREFIX) :] not in question_ids:
            question_ids.append(key[len(ANSWER_PREFIX) :])
    answers = {}
    for question_id in question_ids:
        name = ANSWER_PREFIX + question_id
        if types.get(question_id) == scoring.MULTIPLE_ANSWERS or len(data.getlist(name)) > 1:
            answers[question_id] = data.getlist(name)
        else:
            answers[question_id] = data.get(name, "")
    return answers


class GiftImportForm(forms.Form):
    course = forms.ModelChoiceField(queryset=CoursePage.objects.order_by("title"), label=_("Kursus"), empty_label=None)
    title = forms.CharField(
        label=_("Judul kuis"),
        max_length=255,
        required=False,
        help_text=_("Kosongkan untuk memakai nama kategori atau nama berkas."),
    )
    purpose = forms.ChoiceField(label=_("Jenis kuis"), choices=QuizPage.PURPOSE_CHOICES)
    pass_mark = forms.IntegerField(label=_("Nilai lulus (%)"), min_value=0, max_value=100, initial=70)
    gift_file = forms.FileField(label=_("Berkas GIFT (.txt)"), required=False)
    gift_text = forms.CharField(
        label=_("atau tempel teks GIFT"), widget=forms.Textarea(attrs={"rows": 12}), required=False
    )
    skip_unsupported = forms.BooleanField(label=_("Lewati soal yang jenisnya tidak didukung"), required=False)
    as_draft = forms.BooleanField(
        label=_("Simpan sebagai draf"),
        required=False,
        help_text=_("Kuis belum diterbitkan; periksa dan terbitkan sendiri di editor."),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("gift_file")
        if upload:
            raw = upload.read()
            try:
                cleaned["gift_text"] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("Berkas GIFT harus disimpan sebagai UTF-8.")) from None
        if not (cleaned.get("gift_text") or "").strip():
            raise forms.ValidationError(_("Unggah berkas GIFT atau tempel teksnya."))
        return cleaned

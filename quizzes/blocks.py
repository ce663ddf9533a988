"""Question blocks for quizzes. Each question is one StreamField block; its block id is
the question's stable id, and each choice's list-item id is the choice's opaque id, so
attempts and answers refer to them and never to a position or to the answer key.

Credits are written in percent (−100..100) and may be left empty: then the defaults of
PRODUCT.md section 5 apply (single choice right = 100; multiple answers right = +100/k,
wrong = −100/k for k right choices).

Fields added for banks from Moodle (``title``, ``category``, ``answers_html``, a numeric
answer's ``any_other``) are optional and default to what questions meant before they
existed: blocks saved earlier read the same and grade the same.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

QUESTION_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "image"]


def _credit_block():
    return blocks.FloatBlock(
        label=_("nilai (%)"),
        required=False,
        min_value=-100,
        max_value=100,
        help_text=_("Kosongkan untuk nilai biasa. Isi misalnya 50 untuk setengah nilai, atau -50 untuk pengurangan."),
    )


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("pilihan"), max_length=2000)
    correct = blocks.BooleanBlock(label=_("jawaban benar"), required=False)
    credit = _credit_block()
    feedback = blocks.CharBlock(
        label=_("umpan balik pilihan ini"), required=False, help_text=_("Ditampilkan jika peserta memilihnya.")
    )

    class Meta:
        icon = "radio-full"
        label = _("Pilihan")


class AcceptedAnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("jawaban yang diterima"),
        max_length=255,
        help_text=_(
            "Tanda * berarti teks apa saja, misalnya * saja untuk jawaban lain apa pun; \\* untuk tanda * itu sendiri."
        ),
    )
    credit = blocks.FloatBlock(
        label=_("nilai (%)"), required=False, min_value=0, max_value=100, help_text=_("Kosongkan untuk nilai penuh.")
    )
    feedback = blocks.CharBlock(label=_("umpan balik"), required=False)

    class Meta:
        icon = "tick"
        label = _("Jawaban yang diterima")


class NumericAnswerBlock(blocks.StructBlock):
    target = blocks.FloatBlock(label=_("angka yang benar"), required=False)
    tolerance = blocks.FloatBlock(
        label=_("toleransi (±)"), required=False, min_value=0, help_text=_("Selisih yang masih dianggap benar.")
    )
    minimum = blocks.FloatBlock(label=_("atau: dari"), required=False)
    maximum = blocks.FloatBlock(label=_("sampai"), required=False)
    any_other = blocks.BooleanBlock(
        label=_("atau: angka lain apa pun"),
        required=False,
        help_text=_("Untuk umpan balik jawaban salah; biasanya dengan nilai 0 dan di urutan terakhir."),
    )
    credit = blocks.FloatBlock(
        label=_("nilai (%)"), required=False, min_value=0, max_value=100, help_text=_("Kosongkan untuk nilai penuh.")
    )
    feedback = blocks.CharBlock(label=_("umpan balik"), required=False)

    class Meta:
        icon = "order"
        label = _("Jawaban angka")

    def clean(self, value):
        value = super().clean(value)
        has_target = value.get("target") is not None
        has_range = value.get("minimum") is not None and value.get("maximum") is not None
        if not has_target and not has_range and not value.get("any_other"):
            raise StructBlockValidationError(
                block_errors={
                    "target": ValidationError(_("Isi angka yang benar, rentang dari–sampai, atau angka lain apa pun."))
                }
            )
        return value


class BaseQuestionBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("judul soal"),
        required=False,
        max_length=255,
        help_text=_("Nama soal di bank soal (GIFT ::judul::); tidak ditampilkan kepada peserta."),
    )
    text = blocks.RichTextBlock(label=_("pertanyaan"), features=QUESTION_TEXT_FEATURES)
    image = ImageChooserBlock(label=_("gambar"), required=False)
    points = blocks.FloatBlock(label=_("poin"), default=1, min_value=0)
    general_feedback = blocks.TextBlock(
        label=_("umpan balik umum"), required=False, help_text=_("Ditampilkan setelah dinilai, apa pun jawabannya.")
    )
    category = blocks.CharBlock(
        label=_("kategori"),
        required=False,
        max_length=255,
        help_text=_("Kategori bank soal Moodle ($CATEGORY), dipakai lagi saat ekspor GIFT."),
    )
    answers_html = blocks.BooleanBlock(
        label=_("pilihan dan umpan balik berformat HTML"),
        required=False,
        help_text=_("Untuk soal dari Moodle: hanya huruf tebal, miring, daftar, paragraf dan tautan yang ditampilkan."),
    )


class SingleChoiceQuestionBlock(BaseQuestionBlock):
    choices = blocks.ListBlock(ChoiceBlock(), label=_("pilihan"), min_num=2)

    class Meta:
        icon = "radio-full"
        label = _("Pilihan ganda (satu jawaban)")
        preview_value = {
            "text": "<p>Apa kepanjangan RAT?</p>",
            "points": 1,
            "choices": [
                {"text": "Rapat Anggota Tahunan", "correct": True},
                {"text": "Rencana Anggaran Tahunan", "correct": False},
            ],
        }

    def clean(self, value):
        value = super().clean(value)
        if not any(c["correct"] or (c["credit"] or 0) > 0 for c in value["choices"]):
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Tandai paling sedikit satu jawaban benar."))}
            )
        return value


class MultipleAnswersQuestionBlock(SingleChoiceQuestionBlock):
    class Meta:
        icon = "list-ul"
        label = _("Pilihan ganda (beberapa jawaban)")
        preview_value = {
            "text": "<p>Mana saja buku wajib koperasi?</p>",
            "points": 1,
            "choices": [
                {"text": "Buku daftar anggota", "correct": True},
                {"text": "Buku kas", "correct": True},
                {"text": "Buku resep", "correct": False},
            ],
        }


class TrueFalseQuestionBlock(BaseQuestionBlock):
    correct_answer = blocks.ChoiceBlock(
        label=_("jawaban yang benar"), choices=[("true", _("Benar")), ("false", _("Salah"))], default="true"
    )
    feedback_true = blocks.CharBlock(label=_("umpan balik jika menjawab Benar"), required=False)
    feedback_false = blocks.CharBlock(label=_("umpan balik jika menjawab Salah"), required=False)

    class Meta:
        icon = "tick-inverse"
        label = _("Benar/Salah")
        preview_value = {"text": "<p>Koperasi wajib mengadakan RAT.</p>", "points": 1, "correct_answer": "true"}


class ShortAnswerQuestionBlock(BaseQuestionBlock):
    answers = blocks.ListBlock(
        AcceptedAnswerBlock(),
        label=_("jawaban yang diterima"),
        min_num=1,
        help_text=_("Huruf besar/kecil dan spasi berlebih tidak dibedakan."),
    )

    class Meta:
        icon = "edit"
        label = _("Jawaban singkat")
        preview_value = {"text": "<p>Singkatan Sisa Hasil Usaha?</p>", "points": 1, "answers": [{"text": "SHU"}]}


class NumericQuestionBlock(BaseQuestionBlock):
    answers = blocks.ListBlock(NumericAnswerBlock(), label=_("jawaban angka"), min_num=1)

    class Meta:
        icon = "order"
        label = _("Jawaban angka")
        preview_value = {
            "text": "<p>Berapa persen 25 dari 200?</p>",
            "points": 1,
            "answers": [{"target": 12.5, "tolerance": 0}],
        }


class QuizQuestionsBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_answers = MultipleAnswersQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    short_answer = ShortAnswerQuestionBlock()
    numeric = NumericQuestionBlock()


class FeedbackBandBlock(blocks.StructBlock):
    min_score = blocks.FloatBlock(label=_("nilai paling rendah"), min_value=0, max_value=100)
    text = blocks.TextBlock(label=_("umpan balik"))

    class Meta:
        icon = "comment"
        label = _("Umpan balik menurut nilai")


class FeedbackBandsBlock(blocks.StreamBlock):
    band = FeedbackBandBlock()

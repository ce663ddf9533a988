"""Forms for events, participants, agreements, commitments and follow-ups.

Rupiah are typed the way people write them (``Rp 120.000.000``) and parsed by the one
rule in ``figures.parse_rupiah``; identifiers (NIK, partner code) are looked up here so
the views receive model instances.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.phone import normalize_phone
from cooperatives.models import Cooperative
from courses.models import CoursePage
from quizzes.models import QuizPage

from . import figures
from .models import Agreement, Commitment, CommitmentFollowUp, Event, FollowUp, Partner


class RupiahField(forms.CharField):
    """A whole, non-negative Rupiah amount typed as ``120000000``, ``120.000.000`` or ``Rp 120.000.000``."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("maxlength", "40")

    def prepare_value(self, value):
        if isinstance(value, int):
            return figures.format_rupiah(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return figures.parse_rupiah(value)
        except figures.RupiahError as exc:
            messages = {
                "negative": _("Nilai Rupiah tidak boleh negatif."),
                "fractional": _("Tulis Rupiah utuh, tanpa pecahan."),
            }
            raise forms.ValidationError(
                messages.get(str(exc), _("Tulis angka Rupiah, misalnya Rp 120.000.000."))
            ) from exc


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class EventForm(forms.ModelForm):
    courses = forms.ModelMultipleChoiceField(
        queryset=CoursePage.objects.live().order_by("title"),
        required=False,
        label=gettext_lazy("Materi (kursus)"),
        widget=forms.CheckboxSelectMultiple,
    )
    pre_test = forms.ModelChoiceField(
        queryset=QuizPage.objects.filter(purpose=QuizPage.PURPOSE_PRE_TEST).order_by("title"),
        required=False,
        label=gettext_lazy("Pre-test"),
    )
    post_test = forms.ModelChoiceField(
        queryset=QuizPage.objects.filter(purpose=QuizPage.PURPOSE_POST_TEST).order_by("title"),
        required=False,
        label=gettext_lazy("Post-test"),
    )

    class Meta:
        model = Event
        fields = [
            "name",
            "slug",
            "kind",
            "starts_on",
            "ends_on",
            "place",
            "organiser",
            "speakers",
            "description",
            "follows",
            "courses",
            "pre_test",
            "post_test",
            "follow_up_opens_on",
            "follow_up_closes_on",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "follow_up_opens_on": DateInput(),
            "follow_up_closes_on": DateInput(),
            "speakers": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        follows = Event.objects.exclude(kind=Event.KIND_EVALUASI)
        if self.instance.pk:
            follows = follows.exclude(pk=self.instance.pk)
        self.fields["follows"].queryset = follows

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind != Event.KIND_EVALUASI:
            if cleaned.get("follow_up_opens_on") or cleaned.get("follow_up_closes_on"):
                self.add_error("follow_up_opens_on", _("Hanya kegiatan evaluasi yang dibuka untuk tindak lanjut."))
        elif cleaned.get("follow_up_closes_on") and not cleaned.get("follow_up_opens_on"):
            self.add_error("follow_up_opens_on", _("Isi tanggal dibuka juga."))
        return cleaned


class ParticipantForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nama"), max_length=200)
    phone = forms.CharField(label=gettext_lazy("Nomor HP"), max_length=30, required=False)
    nik = forms.CharField(
        label=gettext_lazy("NIK koperasi"),
        max_length=16,
        required=False,
        help_text=gettext_lazy("Untuk peserta dari koperasi terdaftar."),
    )
    partner_code = forms.CharField(
        label=gettext_lazy("Kode mitra"),
        max_length=30,
        required=False,
        help_text=gettext_lazy("Untuk peserta dari mitra."),
    )

    def clean_phone(self):
        raw = self.cleaned_data["phone"].strip()
        if raw and not normalize_phone(raw):
            raise forms.ValidationError(_("Nomor HP tidak valid; tulis 08… atau +62…."))
        return normalize_phone(raw) if raw else ""

    def clean(self):
        cleaned = super().clean()
        nik, code = cleaned.get("nik", "").strip(), cleaned.get("partner_code", "").strip()
        cleaned["cooperative"] = cleaned["partner"] = None
        if nik and code:
            raise forms.ValidationError(_("Isi NIK koperasi atau kode mitra, tidak keduanya."))
        if nik:
            cleaned["cooperative"] = Cooperative.objects.filter(nik=nik).first()
            if cleaned["cooperative"] is None:
                self.add_error("nik", _("Koperasi dengan NIK ini belum terdaftar."))
        if code:
            cleaned["partner"] = Partner.objects.filter(code=code).first()
            if cleaned["partner"] is None:
                self.add_error("partner_code", _("Mitra dengan kode ini belum terdaftar."))
        return cleaned


class AgreementForm(forms.ModelForm):
    nik = forms.CharField(label=gettext_lazy("NIK koperasi"), max_length=16)
    partner_code = forms.CharField(label=gettext_lazy("Kode mitra"), max_length=30)
    potential_value = RupiahField(label=gettext_lazy("Nilai potensi (Rp per tahun)"))

    class Meta:
        model = Agreement
        fields = ["code", "field", "description", "signed_on", "potential_value"]
        widgets = {"signed_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["nik"].initial = self.instance.cooperative.nik
            self.fields["partner_code"].initial = self.instance.partner.code
        self.order_fields(["code", "nik", "partner_code", "field", "description", "signed_on", "potential_value"])

    def clean_nik(self):
        nik = self.cleaned_data["nik"].strip()
        cooperative = Cooperative.objects.filter(nik=nik).first()
        if cooperative is None:
            raise forms.ValidationError(_("Koperasi dengan NIK ini belum terdaftar."))
        self.instance.cooperative = cooperative
        return nik

    def clean_partner_code(self):
        code = self.cleaned_data["partner_code"].strip()
        partner = Partner.objects.filter(code=code).first()
        if partner is None:
            raise forms.ValidationError(_("Mitra dengan kode ini belum terdaftar."))
        self.instance.partner = partner
        return code


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["party", "description", "due_on"]
        widgets = {"due_on": DateInput()}


YES_NO_CHOICES = [("", gettext_lazy("Belum tahu")), ("ya", gettext_lazy("Ya")), ("tidak", gettext_lazy("Tidak"))]


class FollowUpForm(forms.Form):
    """One agreement's follow-up: what the pengurus fill on the phone, and what Dinas verify."""

    status = forms.ChoiceField(
        label=gettext_lazy("Status kerja sama"), choices=FollowUp.STATUS_CHOICES, widget=forms.RadioSelect
    )
    realised_value = RupiahField(
        label=gettext_lazy("Nilai realisasi (Rp, jumlah sejak kerja sama dimulai)"), required=False
    )
    obstacles = forms.MultipleChoiceField(
        label=gettext_lazy("Kendala"),
        choices=FollowUp.OBSTACLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    continues = forms.ChoiceField(
        label=gettext_lazy("Kerja sama dilanjutkan?"), choices=YES_NO_CHOICES, required=False, widget=forms.RadioSelect
    )
    note = forms.CharField(label=gettext_lazy("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, commitments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.commitments = list(commitments)
        for commitment in self.commitments:
            self.fields[f"commitment_{commitment.pk}"] = forms.ChoiceField(
                label=commitment.description,
                choices=[("", _("Belum dijawab"))] + list(CommitmentFollowUp.RESULT_CHOICES),
                required=False,
                widget=forms.RadioSelect,
            )

    def commitment_fields(self):
        return [(c, self[f"commitment_{c.pk}"]) for c in self.commitments]

    def values(self):
        """Keyword arguments for ``services.save_follow_up`` / ``verify_follow_up``."""
        data = self.cleaned_data
        continues = {"ya": True, "tidak": False}.get(data.get("continues") or "")
        results = {}
        for commitment in self.commitments:
            result = data.get(f"commitment_{commitment.pk}")
            if result:
                results[commitment.pk] = result
        return {
            "status": data["status"],
            "realised_value": data.get("realised_value") or 0,
            "obstacles": data.get("obstacles") or [],
            "continues": continues,
            "commitment_results": results,
        }

    @staticmethod
    def initial_from(follow_up, *, self_reported=False):
        if follow_up is None:
            return {}
        prefix = "self_" if self_reported else ""
        continues = getattr(follow_up, f"{prefix}continues")
        initial = {
            "status": getattr(follow_up, f"{prefix}status"),
            "realised_value": getattr(follow_up, f"{prefix}realised_value"),
            "obstacles": getattr(follow_up, f"{prefix}obstacles"),
            "continues": "" if continues is None else ("ya" if continues else "tidak"),
            "note": follow_up.note,
        }
        for result in follow_up.commitment_results.all():
            initial[f"commitment_{result.commitment_id}"] = result.self_result if self_reported else result.result
        return initial


class VerificationForm(FollowUpForm):
    verification_note = forms.CharField(
        label=gettext_lazy("Catatan verifikasi"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CheckInSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Cari nama atau nomor HP"), required=False, max_length=100)

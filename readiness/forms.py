"""Forms for the self-assessment (one dimension per screen), verification and import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative, Kecamatan

from . import scoring
from .models import EvaluationRound

NA_CHOICE = "na"


def level_choices(indicator):
    """Radio choices whose labels ARE the level descriptors (plus Tidak berlaku where allowed)."""
    choices = [(str(n), text) for n, text in zip(scoring.LEVELS, indicator.levels, strict=True)]
    if indicator.allow_na:
        choices.append((NA_CHOICE, _("Tidak berlaku")))
    return choices


def choice_to_level(value):
    """'' → (False, None); 'na' → (True, None); '0'..'4' → (True, n)."""
    if value in (None, ""):
        return False, None
    if value == NA_CHOICE:
        return True, None
    return True, int(value)


def level_to_choice(level, answered=True):
    if not answered:
        return ""
    return NA_CHOICE if level is None else str(level)


class DimensionAnswersForm(forms.Form):
    """The answers to one dimension's indicators. Every answer is optional in a draft."""

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[f"level_{indicator.code}"] = forms.ChoiceField(
                label=indicator.text,
                choices=level_choices(indicator),
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": _("Pilih salah satu tingkat yang tersedia.")},
            )
            self.fields[f"evidence_{indicator.code}"] = forms.CharField(
                label=_("Bukti atau catatan (boleh dikosongkan)"),
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        """(indicator, level field, evidence field) for the template."""
        return [
            (indicator, self[f"level_{indicator.code}"], self[f"evidence_{indicator.code}"])
            for indicator in self.indicators
        ]

    def answers(self):
        """({indicator: level or None}, {indicator: evidence}) for the answered indicators."""
        levels, evidence = {}, {}
        for indicator in self.indicators:
            answered, level = choice_to_level(self.cleaned_data.get(f"level_{indicator.code}"))
            if answered:
                levels[indicator] = level
                evidence[indicator] = self.cleaned_data.get(f"evidence_{indicator.code}", "")
        return levels, evidence


class VerificationForm(forms.Form):
    """Verified levels (prefilled with the self-assessed ones) and notes."""

    note = forms.CharField(
        label=_("Catatan verifikasi"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            choices = [(str(n), f"{n}") for n in scoring.LEVELS]
            if indicator.allow_na:
                choices.append((NA_CHOICE, _("Tidak berlaku")))
            self.fields[f"level_{indicator.code}"] = forms.ChoiceField(
                label=indicator.code, choices=[("", _("— belum dijawab —"))] + choices, required=False
            )
            self.fields[f"note_{indicator.code}"] = forms.CharField(
                label=_("Catatan %(code)s") % {"code": indicator.code}, required=False, max_length=500
            )

    def rows(self):
        return [(i, self[f"level_{i.code}"], self[f"note_{i.code}"]) for i in self.indicators]

    def verified(self):
        levels, notes = {}, {}
        for indicator in self.indicators:
            answered, level = choice_to_level(self.cleaned_data.get(f"level_{indicator.code}"))
            if answered:
                levels[indicator] = level
                notes[indicator] = self.cleaned_data.get(f"note_{indicator.code}", "")
        return levels, notes


class AssessmentImportForm(forms.Form):
    round = forms.ModelChoiceField(label=_("Putaran evaluasi"), queryset=None)
    file = forms.FileField(
        label=_("Berkas CSV atau XLSX"), help_text=_("Kolom nik lalu satu kolom per kode indikator.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = EvaluationRound.objects.select_related("framework")


class FollowUpFilterForm(forms.Form):
    """Filters of a round's follow-up list; a value that is not offered is ignored."""

    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.order_by("name"), required=False, empty_label=_("Semua")
    )
    jenis = forms.ChoiceField(label=_("Jenis koperasi"), choices=[("", _("Semua"))], required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Semua")),
            ("belum_selesai", _("Belum selesai (belum mulai atau draf)")),
            ("belum_mulai", _("Belum mulai")),
            ("draft", _("Draf")),
            ("submitted", _("Sudah dikirim")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [("", _("Semua")), *Cooperative.JENIS_CHOICES]

    def filters(self):
        """(kecamatan id or None, jenis, status) from the valid fields; invalid ones count as "all"."""
        self.is_valid()  # a field with an error is left out of cleaned_data
        kecamatan = self.cleaned_data.get("kecamatan")
        return (
            (kecamatan.pk if kecamatan else None),
            self.cleaned_data.get("jenis", ""),
            self.cleaned_data.get("status", ""),
        )

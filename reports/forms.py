from django import forms
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative, Kecamatan

from . import selectors
from .models import ExportJob
from .tables import ReportParams


class RoundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.framework.code} v{obj.framework.version})"


class ReportForm(forms.Form):
    """The round chooser and filters every report page and download reads from GET.

    Without a round the newest round with results is used; without a comparison round, the latest earlier
    round of the same framework code.
    """

    putaran = RoundChoiceField(
        label=_("Putaran evaluasi"), queryset=selectors.rounds(), to_field_name="slug", required=False, empty_label=None
    )
    pembanding = RoundChoiceField(
        label=_("Dibandingkan dengan putaran"),
        queryset=selectors.rounds(),
        to_field_name="slug",
        required=False,
        empty_label=_("Putaran sebelumnya"),
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"),
        queryset=Kecamatan.objects.order_by("name"),
        required=False,
        empty_label=_("Semua kecamatan"),
    )
    jenis = forms.ChoiceField(
        label=_("Jenis koperasi"), choices=[("", _("Semua jenis"))] + Cooperative.JENIS_CHOICES, required=False
    )

    def clean(self):
        cleaned = super().clean()
        evaluation_round = cleaned.get("putaran")
        compare_round = cleaned.get("pembanding")
        if evaluation_round and compare_round and not selectors.comparable(compare_round, evaluation_round):
            self.add_error(
                "pembanding",
                _("Pilih putaran lain yang memakai instrumen yang sama (kode %(code)s).")
                % {"code": evaluation_round.framework.code},
            )
        return cleaned

    def params(self, viewer) -> ReportParams | None:
        """What to report on, or None when there is no round at all.

        Call after ``is_valid()``; fields that did not validate fall back to defaults.
        """
        data = getattr(self, "cleaned_data", {})
        evaluation_round = data.get("putaran") or selectors.default_round()
        if evaluation_round is None:
            return None
        compare_round = data.get("pembanding")
        if compare_round is None or not selectors.comparable(compare_round, evaluation_round):
            compare_round = selectors.previous_round(evaluation_round)
        scope = selectors.Scope(kecamatan=data.get("kecamatan"), jenis=data.get("jenis") or "")
        return ReportParams(evaluation_round=evaluation_round, compare_round=compare_round, scope=scope, viewer=viewer)


class ExportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis ekspor"), choices=[])
    putaran = RoundChoiceField(label=_("Putaran evaluasi"), queryset=selectors.rounds(), to_field_name="slug")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ExportJob.KIND_CHOICES

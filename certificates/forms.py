from django import forms
from django.utils.translation import gettext_lazy as _


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pencabutan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tampil di halaman verifikasi, misalnya: diterbitkan untuk orang yang salah."),
    )

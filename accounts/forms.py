from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative

from .phone import normalize_phone


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Nama pengguna atau nomor HP"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Nama pengguna/nomor HP atau kata sandi salah. Periksa lagi, huruf besar-kecil pada kata sandi berpengaruh."
        ),
        "inactive": _("Akun ini tidak aktif. Hubungi pengurus koperasi Anda."),
    }


class PasswordResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Alamat email yang tercatat di akun Anda."),
    )


class NewPasswordForm(SetPasswordForm):
    """Setting a new password (the email reset link): the site's words, not Django's
    "Sandi baru" and its four-line validator list."""

    error_messages = {"password_mismatch": _("Kedua kata sandi tidak sama.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password1"].help_text = _("Minimal 8 karakter, jangan hanya angka.")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")
        self.fields["new_password2"].help_text = ""


class ChangePasswordForm(NewPasswordForm, PasswordChangeForm):
    field_order = ["old_password", "new_password1", "new_password2"]
    error_messages = {
        **NewPasswordForm.error_messages,
        "password_incorrect": _("Kata sandi lama salah. Periksa lagi, huruf besar-kecil berpengaruh."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi lama")


class RegistrationForm(forms.Form):
    """Self-registration of cooperative staff with their cooperative's join code."""

    join_code = forms.CharField(
        label=_("Kode bergabung"),
        max_length=16,
        help_text=_("Minta kode ini kepada pengurus koperasi Anda."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    full_name = forms.CharField(
        label=_("Nama lengkap"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        help_text=_("Huruf, angka dan . _ - saja, tanpa spasi. Dipakai untuk masuk."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    phone = forms.CharField(
        label=_("Nomor HP"),
        max_length=20,
        required=False,
        help_text=_("Opsional. Bisa dipakai untuk masuk sebagai ganti nama pengguna."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email"), required=False, help_text=_("Opsional. Untuk mengatur ulang kata sandi lewat email.")
    )
    password1 = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minimal 8 karakter, jangan hanya angka."),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_join_code(self):
        code = self.cleaned_data["join_code"].strip().upper().replace(" ", "")
        cooperative = Cooperative.objects.filter(join_code=code, is_active=True).first()
        if cooperative is None:
            raise forms.ValidationError(
                _("Kode bergabung tidak dikenal. Periksa lagi kode dari pengurus koperasi Anda."), code="bad_join_code"
            )
        self.cooperative = cooperative
        return code

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        User = get_user_model()
        User.username_validator(username)
        if normalize_phone(username):
            # Login accepts a username or a phone number; a username that looks like
            # someone's phone number would make the two ambiguous.
            raise forms.ValidationError(
                _("Nama pengguna tidak boleh berupa nomor HP. Isi nomor HP di kolom Nomor HP."),
                code="username_is_phone",
            )
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _("Nama pengguna ini sudah dipakai. Pilih nama lain."), code="duplicate_username"
            )
        return username

    def clean_phone(self):
        raw = self.cleaned_data.get("phone", "").strip()
        if not raw:
            return None
        phone = normalize_phone(raw)
        if not phone:
            raise forms.ValidationError(_("Nomor HP tidak valid. Contoh: 081234567890."), code="bad_phone")
        if get_user_model().objects.filter(phone=phone).exists():
            raise forms.ValidationError(_("Nomor HP ini sudah terdaftar. Silakan masuk."), code="duplicate_phone")
        return phone

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        if p1 and not self.errors.get("password1"):
            User = get_user_model()
            probe = User(username=cleaned.get("username", ""), first_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from .forms import LoginForm, RegistrationForm
from .services import register_learner


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Kata sandi sudah diganti."))
        return response


def register(request):
    if request.user.is_authenticated:
        return redirect("courses:my_courses")
    form = RegistrationForm(request.POST or None, initial={"join_code": request.GET.get("kode", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = register_learner(
                cooperative=form.cooperative,
                full_name=data["full_name"],
                username=data["username"],
                password=data["password1"],
                phone=data["phone"],
                email=data["email"],
            )
        except IntegrityError:
            # Two people took the same username or phone at the same moment.
            form.add_error(None, _("Nama pengguna atau nomor HP baru saja dipakai orang lain. Coba yang lain."))
        else:
            login(request, user, backend="accounts.backends.UsernameOrPhoneBackend")
            messages.success(request, _("Selamat datang, %(name)s! Akun Anda sudah dibuat.") % {"name": user.first_name})
            return redirect("courses:my_courses")
    return render(request, "accounts/register.html", {"form": form})


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {"account": request.user})

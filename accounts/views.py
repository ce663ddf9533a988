from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from base.access import can_manage_cooperative, get_password_resettable_user_or_404, may_use_admin

from .forms import ChangePasswordForm, LoginForm, NewPasswordForm, PasswordResetRequestForm, RegistrationForm
from .services import register_learner, reset_password_to_temporary


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Where each role works: analysts at the district report, editors in the admin,
        learners (staff and pengurus) at their courses. A ``next`` URL still wins."""
        user = self.request.user
        if user.has_perm("reports.view_district_reports"):
            return resolve_url("reports:dashboard")
        if may_use_admin(user):
            return resolve_url("wagtailadmin_home")
        return super().get_default_redirect_url()


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Kata sandi sudah diganti."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Reset by email. The page never says whether an account has that address."""

    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@never_cache
@login_required
def manager_password_reset(request, pk):
    """A pengurus (own staff) or a Dinas analyst (any cooperative's staff or pengurus)
    sets a temporary password; Dinas and admin accounts are never reset here
    (``base.access.password_resettable_users``).

    The password is shown once, in the response to the POST, and stored nowhere else.
    """
    account = get_password_resettable_user_or_404(request.user, pk=pk)
    back_url = None
    if account.cooperative_id and can_manage_cooperative(request.user, account.cooperative):
        back_url = account.cooperative.get_absolute_url()
    context = {"account": account, "back_url": back_url}
    if request.method == "POST":
        context["temporary_password"] = reset_password_to_temporary(user=account)
        return render(request, "accounts/manager_password_reset_done.html", context)
    return render(request, "accounts/manager_password_reset.html", context)


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
            messages.success(
                request, _("Selamat datang, %(name)s! Akun Anda sudah dibuat.") % {"name": user.first_name}
            )
            return redirect("courses:my_courses")
    return render(request, "accounts/register.html", {"form": form})


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {"account": request.user})

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("daftar/", views.register, name="register"),
    path("profil/", views.profile, name="profile"),
    path("kata-sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path("lupa-kata-sandi/", views.PasswordResetView.as_view(), name="password_reset"),
    path("lupa-kata-sandi/terkirim/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("atur-ulang/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("atur-ulang/selesai/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("pengguna/<int:pk>/atur-ulang-kata-sandi/", views.manager_password_reset, name="manager_password_reset"),
]

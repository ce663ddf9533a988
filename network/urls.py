from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.index, name="index"),
    path("kegiatan/baru/", views.event_create, name="event_create"),
    path("kegiatan/<slug:slug>/", views.event_detail, name="event_detail"),
    path("kegiatan/<slug:slug>/ubah/", views.event_edit, name="event_edit"),
    path("kegiatan/<slug:slug>/peserta/", views.participant_add, name="participant_add"),
    path("kegiatan/<slug:slug>/hadir/", views.check_in, name="check_in"),
    path("kegiatan/<slug:slug>/hadir/<int:pk>/", views.check_in_mark, name="check_in_mark"),
    path("kegiatan/<slug:slug>/daftar-hadir.pdf", views.attendance_pdf, name="attendance_pdf"),
    path("kegiatan/<slug:slug>/kerja-sama/baru/", views.agreement_create, name="agreement_create"),
    path("kerja-sama/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("kerja-sama/<int:pk>/ubah/", views.agreement_edit, name="agreement_edit"),
    path("kerja-sama/<int:pk>/komitmen/", views.commitment_add, name="commitment_add"),
    path("evaluasi/<slug:slug>/", views.evaluation_detail, name="evaluation_detail"),
    path("evaluasi/<slug:slug>/kerja-sama/<int:pk>/isi/", views.follow_up_fill, name="follow_up_fill"),
    path("evaluasi/<slug:slug>/kerja-sama/<int:pk>/verifikasi/", views.follow_up_verify, name="follow_up_verify"),
    path("laporan/<slug:slug>/", views.report, name="report"),
    path("laporan/<slug:slug>/laporan.pdf", views.report_pdf, name="report_pdf"),
    path("laporan/<slug:slug>/ekspor.<str:fmt>", views.export, name="export"),
    path("laporan/<slug:slug>/ekspor-latar/<str:fmt>/", views.export_job, name="export_job"),
    path("laporan/<slug:slug>/unduh/<slug:name>.<str:fmt>", views.report_download, name="report_download"),
]

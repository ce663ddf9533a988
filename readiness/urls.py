from django.urls import path

from . import views

app_name = "readiness"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.round_detail, name="round_detail"),
    path("<slug:slug>/tindak-lanjut/", views.follow_up, name="follow_up"),
    path("<slug:slug>/tindak-lanjut/belum-selesai.csv", views.follow_up_download, name="follow_up_download"),
    path("<slug:slug>/unduh.<str:fmt>", views.round_download, name="round_download"),
    path("<slug:slug>/koperasi/<int:cooperative_id>/isi/<int:step>/", views.assessment_step, name="assessment_step"),
    path("<slug:slug>/koperasi/<int:cooperative_id>/kirim/", views.assessment_review, name="assessment_review"),
    path("<slug:slug>/koperasi/<int:cooperative_id>/rapor/", views.report_card, name="report_card"),
    path("<slug:slug>/koperasi/<int:cooperative_id>/rapor.pdf", views.report_card_download, name="report_card_pdf"),
    path("<slug:slug>/koperasi/<int:cooperative_id>/verifikasi/", views.verify, name="verify"),
]

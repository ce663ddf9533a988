from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("saya/", views.my_certificates, name="mine"),
    path("daftar/", views.certificate_list, name="list"),
    path("<str:code>/", views.verify, name="verify"),
    path("<str:code>/unduh/", views.download, name="download"),
    path("<str:code>/cabut/", views.revoke, name="revoke"),
]

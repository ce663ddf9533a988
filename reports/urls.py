from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("perbandingan/", views.comparison, name="comparison"),
    path("pelatihan/", views.training, name="training"),
    path("unduh/<slug:name>.<str:fmt>", views.download, name="download"),
    path("ekspor/", views.export_request, name="export_request"),
    path("ekspor/<int:pk>/", views.export_detail, name="export_detail"),
    path("ekspor/<int:pk>/status/", views.export_status, name="export_status"),
    path("ekspor/<int:pk>/unduh/", views.export_download, name="export_download"),
]

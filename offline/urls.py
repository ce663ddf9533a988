from django.urls import path

from . import views

app_name = "offline"

urlpatterns = [
    path("", views.status, name="status"),
    path("hemat-data/", views.hemat_data, name="hemat_data"),
    path("kursus/<int:course_id>/", views.course_files, name="course_files"),
    path("kuis/<int:quiz_id>/", views.quiz_paper, name="quiz_paper"),
    path("sinkron/", views.sync, name="sync"),
]

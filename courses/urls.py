from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("kursus-saya/", views.my_courses, name="my_courses"),
    path("kursus/<int:course_id>/ikuti/", views.enrol, name="enrol"),
    path("materi/<int:lesson_id>/selesai/", views.mark_lesson_done, name="mark_lesson_done"),
    path("peserta/<int:user_id>/", views.learner_progress, name="learner_progress"),
    path("koperasi/<int:cooperative_id>/kemajuan/", views.staff_progress_view, name="staff_progress"),
    path("kemajuan/", views.cooperative_progress, name="cooperative_progress"),
    path("tindak-lanjut/", views.follow_up, name="follow_up"),
]

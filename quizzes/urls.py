from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("<int:quiz_id>/mulai/", views.start, name="start"),
    path("percobaan/<int:pk>/", views.attempt_view, name="attempt"),
    path("percobaan/<int:pk>/simpan/", views.save, name="save"),
    path("percobaan/<int:pk>/ringkasan/", views.attempt_summary, name="attempt_summary"),
    path("percobaan/<int:pk>/kirim/", views.submit, name="submit"),
    path("percobaan/<int:pk>/hasil/", views.attempt_result, name="attempt_result"),
    path("hasil/", views.results_index, name="results_index"),
    path("<int:quiz_id>/hasil/", views.quiz_results, name="quiz_results"),
    path("<int:quiz_id>/hasil/unduh/", views.quiz_results_download, name="quiz_results_download"),
    path("peningkatan/", views.learning_gain, name="learning_gain"),
]

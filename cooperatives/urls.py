from django.urls import path

from . import views

app_name = "cooperatives"

urlpatterns = [
    path("<int:pk>/", views.cooperative_detail, name="detail"),
    path("<int:pk>/kode-bergabung/", views.regenerate_join_code_view, name="regenerate_join_code"),
]

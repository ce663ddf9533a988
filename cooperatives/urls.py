from django.urls import path

from . import views

app_name = "cooperatives"

urlpatterns = [
    path("<int:pk>/", views.cooperative_detail, name="detail"),
]

"""A URL map with one view that fails, for the 500 page test (the project's own map has none)."""

from django.urls import path


def broken(request):
    raise RuntimeError("rusak untuk uji")


urlpatterns = [path("rusak/", broken)]

"""The site's URLs plus the bare view the throughput ratios are measured against."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET


@require_GET
def bare(request):
    """The cheapest response Django can give through the site's full middleware stack."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("lms.urls")),
]

from django.conf import settings
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from base import views as base_views
from offline.views import service_worker

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("akun/", include("accounts.urls")),
    path("koperasi/", include("cooperatives.urls")),
    path("belajar/", include("courses.urls")),
    path("kuis/", include("quizzes.urls")),
    path("kesiapan/", include("readiness.urls")),
    path("laporan/", include("reports.urls")),
    path("sertifikat/", include("certificates.urls")),
    path("jejaring/", include("network.urls")),
    path("luring/", include("offline.urls")),
    path("sw.js", service_worker, name="service_worker"),
]

if not settings.MEDIA_ORIGINS:
    # Images on the local disk, with long-lived cache headers (a reverse proxy may serve them instead).
    urlpatterns += [
        re_path(r"^media/(?P<path>(?:images|original_images)/.+)$", base_views.media_image, name="media_image"),
    ]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail serves every page of the tree; this must stay last. Its page view is replaced
    # by one that remembers the routing of our page types (base.views.serve).
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, base_views.serve, name="wagtail_serve"),
]

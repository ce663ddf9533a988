"""Site-wide views that belong to no area of their own."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form sent from an expired or foreign page: say so in the site's words and layout.

    Django's own page is English and technical; the usual cause here is a phone that
    kept an old page open, or cookies turned off. ``reason`` is for logs, not people.
    """
    return render(request, "403_csrf.html", status=403)

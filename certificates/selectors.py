"""Reads about certificates."""

from django.db.models import Q
from django.http import Http404

from .models import Certificate
from .services import normalize_code


def certificates_of(user):
    """``user``'s own certificates, newest first."""
    return Certificate.objects.filter(user=user).order_by("-issued_at", "-pk")


def get_by_code_or_404(code):
    certificate = Certificate.objects.filter(code=normalize_code(code)).first()
    if certificate is None:
        raise Http404
    return certificate


def may_download(user, certificate):
    """The recipient and whoever may view every certificate (analysts) download the PDF."""
    if not user.is_authenticated:
        return False
    return (certificate.user_id is not None and certificate.user_id == user.pk) or user.has_perm(
        "certificates.view_certificate"
    )


def search_certificates(query=""):
    """Every certificate, for analysts, searched by code, name or what it is for."""
    certificates = Certificate.objects.order_by("-issued_at", "-pk")
    query = query.strip()
    if query:
        certificates = certificates.filter(
            Q(code=normalize_code(query)) | Q(recipient_name__icontains=query) | Q(title__icontains=query)
        )
    return certificates

"""Certificates: the learner's list and download, the public verification page, revocation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from base.access import require_perm
from base.models import OfficeSettings
from base.pagination import paginate
from base.tabular import PDF_CONTENT_TYPE, attachment_response

from . import services
from .forms import RevokeForm
from .pdf import certificate_pdf
from .selectors import certificates_of, get_by_code_or_404, may_download, search_certificates

PER_PAGE = 25


@login_required
def my_certificates(request):
    """Sertifikat saya."""
    return render(request, "certificates/my_certificates.html", {"certificates": certificates_of(request.user)})


def verify(request, code):
    """Open to anyone: valid or revoked, with name, what, date and issuer only."""
    try:
        certificate = get_by_code_or_404(code)
    except Http404:
        return render(request, "certificates/not_found.html", {"code": code[:20]}, status=404)
    may_revoke = request.user.has_perm("certificates.revoke_certificate")
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "may_download": may_download(request.user, certificate),
            "revoke_form": RevokeForm() if may_revoke and not certificate.is_revoked else None,
        },
    )


@login_required
def download(request, code):
    certificate = get_by_code_or_404(code)
    if not may_download(request.user, certificate):
        raise Http404
    verify_url = request.build_absolute_uri(certificate.get_absolute_url())
    content = certificate_pdf(certificate, verify_url=verify_url, office=OfficeSettings.for_request(request))
    return attachment_response(content, content_type=PDF_CONTENT_TYPE, filename=f"sertifikat-{certificate.code}.pdf")


@login_required
@require_POST
def revoke(request, code):
    require_perm(request.user, "certificates.revoke_certificate")
    certificate = get_by_code_or_404(code)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "certificates/verify.html",
            {"certificate": certificate, "may_download": True, "revoke_form": form},
            status=400,
        )
    services.revoke_certificate(certificate=certificate, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("Sertifikat dicabut."))
    return redirect(certificate.get_absolute_url())


@login_required
def certificate_list(request):
    """Every certificate, for analysts: find one by code or name, then open or revoke it."""
    require_perm(request.user, "certificates.view_certificate")
    query = request.GET.get("q", "").strip()[:100]
    page_obj = paginate(request, search_certificates(query), per_page=PER_PAGE)
    return render(request, "certificates/certificate_list.html", {"page_obj": page_obj, "query": query})

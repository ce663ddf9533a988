from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from base.access import can_manage_cooperative, password_resettable_users

from .selectors import cooperative_members, get_visible_cooperative_or_404
from .services import regenerate_join_code


def _managed_cooperative_or_404(user, pk):
    cooperative = get_visible_cooperative_or_404(user, pk=pk)
    if not can_manage_cooperative(user, cooperative):
        raise Http404
    return cooperative


def registration_link(request, cooperative):
    query = urlencode({"kode": cooperative.join_code})
    return request.build_absolute_uri(f"{reverse('accounts:register')}?{query}")


@never_cache  # shows the join code: no copy in a shared phone's cache or a proxy
@login_required
def cooperative_detail(request, pk):
    cooperative = get_visible_cooperative_or_404(request.user, pk=pk)
    can_manage = can_manage_cooperative(request.user, cooperative)
    members = list(cooperative_members(cooperative))
    resettable = set(
        password_resettable_users(request.user).filter(cooperative=cooperative).values_list("pk", flat=True)
    )
    context = {
        "cooperative": cooperative,
        "can_manage": can_manage,
        "members": [(member, member.pk in resettable) for member in members],
        "registration_link": registration_link(request, cooperative) if can_manage else "",
    }
    if can_manage:
        context["share_text"] = _(
            "Daftar di Koperasi Siap Digital untuk %(nama)s dengan kode bergabung %(code)s: %(link)s"
        ) % {"nama": cooperative.nama, "code": cooperative.join_code, "link": context["registration_link"]}
    return render(request, "cooperatives/cooperative_detail.html", context)


@login_required
@require_POST
def regenerate_join_code_view(request, pk):
    cooperative = _managed_cooperative_or_404(request.user, pk)
    regenerate_join_code(cooperative=cooperative)
    messages.success(
        request, _("Kode bergabung baru: %(code)s. Kode lama tidak berlaku lagi.") % {"code": cooperative.join_code}
    )
    return redirect(cooperative.get_absolute_url())

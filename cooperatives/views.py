from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from base.access import can_manage_cooperative, get_visible_cooperative_or_404


@login_required
def cooperative_detail(request, pk):
    cooperative = get_visible_cooperative_or_404(request.user, pk=pk)
    context = {
        "cooperative": cooperative,
        "can_manage": can_manage_cooperative(request.user, cooperative),
        "members": cooperative.members.order_by("first_name", "username"),
    }
    return render(request, "cooperatives/cooperative_detail.html", context)

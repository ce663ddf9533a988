"""Events, check-in, agreements and follow-ups on the web.

Access: analysts (by the ``network`` permissions of their group) see and do everything; a pengurus sees their own cooperative's
agreements and fills their follow-ups while an evaluation is open; staf and pengurus see
the events they attended. Anything else answers 404, so guessing ids reveals nothing.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from base.access import require_perm
from base.pagination import paginate
from base.tabular import PDF_CONTENT_TYPE, attachment_response, download_response, json_download_response
from cooperatives.selectors import visible_cooperatives
from reports.routers import report_reads

from . import exports, figures, selectors, services, tables
from .charts import network_picture
from .forms import (
    AgreementForm,
    CheckInSearchForm,
    CommitmentForm,
    EventForm,
    FollowUpForm,
    ParticipantForm,
    VerificationForm,
)
from .models import Agreement, Event, FollowUp, Participant, Partner
from .pdf import attendance_list_pdf, event_report_pdf

FORMATS = ("csv", "xlsx")
# Events with more agreements than this offer their flat table as a background job
# (settings.NETWORK_BACKGROUND_EXPORT_FROM overrides it); smaller ones download directly.
BACKGROUND_EXPORT_FROM = 5000
AGREEMENTS_PER_PAGE = 50
TOP_GROUPS = 25


def _event_or_404(slug):
    return get_object_or_404(Event.objects.select_related("follows", "pre_test", "post_test"), slug=slug)


def _visible_event_or_404(user, slug):
    """Whoever may view events (analysts): any event. Others: only events they attended."""
    if user.has_perm("network.view_event"):
        return _event_or_404(slug)
    return get_object_or_404(selectors.attended_events(user).select_related("follows"), slug=slug)


def _evaluation_or_404(slug):
    return get_object_or_404(Event.objects.select_related("follows"), slug=slug, kind=Event.KIND_EVALUASI)


# --- overview ------------------------------------------------------------------------------


@login_required
def index(request):
    """Analysts: every event. Pengurus: their agreements and open evaluations. Everyone: events attended."""
    context = {"attended": list(selectors.attended_events(request.user).order_by("-starts_on"))}
    if request.user.has_perm("network.view_event"):
        context["events"] = paginate(request, Event.objects.select_related("follows").order_by("-starts_on", "-pk"))
        context["partner_count"] = Partner.objects.count()
        return render(request, "network/index_analyst.html", context)
    cooperative = visible_cooperatives(request.user).first()
    if cooperative is not None:
        context["cooperative"] = cooperative
        context["agreements"] = list(
            selectors.visible_agreements(request.user).select_related("partner", "event").order_by("code")
        )
        context["open_evaluations"] = selectors.open_evaluations()
    elif not context["attended"] and not getattr(request.user, "cooperative_id", None):
        raise Http404
    return render(request, "network/index.html", context)


# --- events ----------------------------------------------------------------------------------


@login_required
def event_create(request):
    require_perm(request.user, "network.add_event")
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = form.save()
        messages.success(request, _("Kegiatan tersimpan."))
        return redirect(event)
    return render(request, "network/event_form.html", {"form": form})


@login_required
def event_edit(request, slug):
    require_perm(request.user, "network.change_event")
    event = _event_or_404(slug)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        event = form.save()
        messages.success(request, _("Kegiatan tersimpan."))
        return redirect(event)
    return render(request, "network/event_form.html", {"form": form, "event": event})


@login_required
def event_detail(request, slug):
    event = _visible_event_or_404(request.user, slug)
    context = {"event": event, "courses": event.courses.live().order_by("title")}
    if request.user.has_perm("network.view_event"):
        context.update(
            counts=selectors.attendance_counts(event),
            agreements=paginate(
                request, event.agreements.select_related("cooperative", "partner").order_by("code"), per_page=50
            ),
            evaluations=list(event.follow_ups.order_by("starts_on")),
            participant_form=ParticipantForm(),
        )
    else:
        context["own"] = Participant.objects.filter(event=event, user=request.user).first()
    return render(request, "network/event_detail.html", context)


@login_required
@require_POST
def participant_add(request, slug):
    require_perm(request.user, "network.change_event")
    event = _event_or_404(slug)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        user = get_user_model().objects.filter(phone=data["phone"]).first() if data["phone"] else None
        services.register_participant(
            event=event,
            name=data["name"],
            phone=data["phone"],
            user=user,
            cooperative=data["cooperative"],
            partner=data["partner"],
        )
        messages.success(request, _("Peserta %(name)s terdaftar.") % {"name": data["name"]})
        return redirect(event)
    context = {
        "event": event,
        "courses": event.courses.live().order_by("title"),
        "counts": selectors.attendance_counts(event),
        "agreements": paginate(
            request, event.agreements.select_related("cooperative", "partner").order_by("code"), per_page=50
        ),
        "evaluations": list(event.follow_ups.order_by("starts_on")),
        "participant_form": form,
    }
    return render(request, "network/event_detail.html", context, status=400)


# --- check-in at the door ---------------------------------------------------------------------


@login_required
def check_in(request, slug):
    """One light page: search by name or phone, one tap per person."""
    require_perm(request.user, "network.change_event")
    event = _event_or_404(slug)
    form = CheckInSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    participants = list(selectors.participants_of(event, search=query))
    certificates = selectors.attendance_certificates(participants)
    for participant in participants:
        participant.certificate = certificates.get(participant.pk)
    context = {
        "event": event,
        "form": form,
        "query": query,
        "participants": participants,
        "counts": selectors.attendance_counts(event),
    }
    return render(request, "network/check_in.html", context)


@login_required
@require_POST
def check_in_mark(request, slug, pk):
    require_perm(request.user, "network.change_event")
    event = _event_or_404(slug)
    participant = get_object_or_404(Participant, event=event, pk=pk)
    if request.POST.get("action") == "undo":
        services.undo_check_in(participant=participant)
        messages.info(request, _("Kehadiran %(name)s dibatalkan.") % {"name": participant.name})
    else:
        services.check_in(participant=participant, by=request.user)
        messages.success(request, _("%(name)s hadir.") % {"name": participant.name})
    target = reverse("network:check_in", args=[event.slug])
    query = request.POST.get("q", "").strip()
    if query:
        target += "?" + urlencode({"q": query})
    return redirect(target)


@login_required
def attendance_pdf(request, slug):
    require_perm(request.user, "network.change_event")
    event = _event_or_404(slug)
    participants = (
        Participant.objects.filter(event=event).select_related("cooperative", "partner").order_by("name", "pk")
    )
    return attachment_response(
        attendance_list_pdf(event, participants),
        content_type=PDF_CONTENT_TYPE,
        filename=f"daftar-hadir-{event.slug}.pdf",
    )


# --- agreements and commitments ------------------------------------------------------------------


@login_required
def agreement_create(request, slug):
    require_perm(request.user, "network.add_agreement")
    event = _event_or_404(slug)
    form = AgreementForm(request.POST or None, instance=Agreement(event=event))
    if request.method == "POST" and form.is_valid():
        agreement = services.save_agreement(agreement=form.save(commit=False))
        messages.success(request, _("Kerja sama %(code)s tersimpan.") % {"code": agreement.code})
        return redirect(agreement)
    return render(request, "network/agreement_form.html", {"form": form, "event": event})


@login_required
def agreement_edit(request, pk):
    require_perm(request.user, "network.change_agreement")
    agreement = get_object_or_404(Agreement.objects.select_related("event", "cooperative", "partner"), pk=pk)
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        services.save_agreement(agreement=form.save(commit=False))
        messages.success(request, _("Kerja sama %(code)s tersimpan.") % {"code": agreement.code})
        return redirect(agreement)
    return render(
        request, "network/agreement_form.html", {"form": form, "event": agreement.event, "agreement": agreement}
    )


@login_required
def agreement_detail(request, pk):
    agreement = selectors.get_visible_agreement_or_404(request.user, pk=pk)
    follow_ups = list(
        FollowUp.objects.filter(agreement=agreement, state__in=FollowUp.RESULT_STATES)
        .select_related("evaluation")
        .order_by("evaluation__starts_on")
    )
    may_edit = request.user.has_perm("network.change_agreement")
    context = {
        "agreement": agreement,
        "commitments": list(agreement.commitments.order_by("position")),
        "follow_ups": follow_ups,
        "may_edit": may_edit,
        "commitment_form": CommitmentForm() if may_edit else None,
        "open_evaluations": [e for e in selectors.open_evaluations() if e.follows_id in (None, agreement.event_id)],
    }
    return render(request, "network/agreement_detail.html", context)


@login_required
@require_POST
def commitment_add(request, pk):
    require_perm(request.user, "network.change_agreement")
    agreement = get_object_or_404(Agreement, pk=pk)
    form = CommitmentForm(request.POST)
    if form.is_valid():
        services.add_commitment(agreement=agreement, **form.cleaned_data)
        messages.success(request, _("Komitmen ditambahkan."))
    else:
        messages.error(request, _("Komitmen belum tersimpan: periksa pihak dan uraian."))
    return redirect(agreement)


# --- follow-ups -----------------------------------------------------------------------------------


@login_required
def evaluation_detail(request, slug):
    """Analysts: every follow-up of the evaluation. Pengurus: their agreements to follow up."""
    evaluation = _evaluation_or_404(slug)
    if request.user.has_perm("network.view_followup"):
        follow_ups = selectors.follow_ups_of(evaluation)
        context = {"evaluation": evaluation, "page_obj": paginate(request, follow_ups, per_page=50)}
        return render(request, "network/evaluation_analyst.html", context)
    cooperative = visible_cooperatives(request.user).first()
    if cooperative is None:
        raise Http404
    agreements = list(selectors.agreements_to_follow_up(evaluation, cooperative))
    own = {f.agreement_id: f for f in FollowUp.objects.filter(evaluation=evaluation, agreement__in=agreements)}
    for agreement in agreements:
        agreement.own_follow_up = own.get(agreement.pk)
    context = {
        "evaluation": evaluation,
        "cooperative": cooperative,
        "agreements": agreements,
        "is_open": evaluation.is_open_for_follow_up(),
    }
    return render(request, "network/evaluation_pengurus.html", context)


@login_required
def follow_up_fill(request, slug, pk):
    """The pengurus' follow-up of one agreement on the phone: a draft kept between visits."""
    evaluation = _evaluation_or_404(slug)
    agreement = selectors.get_visible_agreement_or_404(request.user, pk=pk)
    # Analysts enter a cooperative's follow-up (from paper) after the evaluation closed too.
    if not request.user.has_perm("network.verify_followup") and not evaluation.is_open_for_follow_up():
        return render(request, "network/follow_up_closed.html", {"evaluation": evaluation}, status=403)
    if evaluation.follows_id and agreement.event_id != evaluation.follows_id:
        raise Http404
    follow_up = FollowUp.objects.filter(agreement=agreement, evaluation=evaluation).first()
    if follow_up is not None and not follow_up.is_draft:
        messages.info(request, _("Tindak lanjut ini sudah dikirim."))
        return redirect("network:evaluation_detail", slug=evaluation.slug)
    commitments = list(agreement.commitments.order_by("position"))
    if request.method == "POST":
        form = FollowUpForm(request.POST, commitments=commitments)
        if form.is_valid():
            submit = request.POST.get("action") == "submit"
            try:
                services.save_follow_up(
                    agreement=agreement,
                    evaluation=evaluation,
                    user=request.user,
                    note=form.cleaned_data["note"],
                    submit=submit,
                    **form.values(),
                )
            except services.NetworkError as exc:
                messages.error(request, str(exc))
                return redirect("network:evaluation_detail", slug=evaluation.slug)
            if submit:
                messages.success(
                    request, _("Tindak lanjut %(code)s terkirim. Terima kasih!") % {"code": agreement.code}
                )
                return redirect("network:evaluation_detail", slug=evaluation.slug)
            messages.success(request, _("Draf tersimpan. Anda bisa melanjutkan kapan saja."))
            return redirect("network:follow_up_fill", slug=evaluation.slug, pk=agreement.pk)
    else:
        form = FollowUpForm(initial=FollowUpForm.initial_from(follow_up, self_reported=True), commitments=commitments)
    context = {"evaluation": evaluation, "agreement": agreement, "form": form, "follow_up": follow_up}
    return render(request, "network/follow_up_form.html", context)


@login_required
def follow_up_verify(request, slug, pk):
    """Analysts record verified values beside the cooperative's own."""
    require_perm(request.user, "network.verify_followup")
    evaluation = _evaluation_or_404(slug)
    follow_up = get_object_or_404(
        FollowUp.objects.select_related("agreement__cooperative", "agreement__partner"),
        evaluation=evaluation,
        agreement_id=pk,
        state__in=FollowUp.RESULT_STATES,
    )
    commitments = list(follow_up.agreement.commitments.order_by("position"))
    self_results = {r.commitment_id: r for r in follow_up.commitment_results.all()}
    if request.method == "POST":
        form = VerificationForm(request.POST, commitments=commitments)
        if form.is_valid():
            services.verify_follow_up(
                follow_up=follow_up,
                user=request.user,
                note=form.cleaned_data["verification_note"],
                **form.values(),
            )
            messages.success(request, _("Verifikasi %(code)s tersimpan.") % {"code": follow_up.agreement.code})
            return redirect("network:evaluation_detail", slug=evaluation.slug)
    else:
        initial = FollowUpForm.initial_from(follow_up)
        initial["verification_note"] = follow_up.verification_note
        form = VerificationForm(initial=initial, commitments=commitments)
    rows = [(c, field, self_results.get(c.pk)) for c, field in form.commitment_fields()]
    context = {"evaluation": evaluation, "follow_up": follow_up, "form": form, "commitment_rows": rows}
    return render(request, "network/follow_up_verify.html", context)


# --- reports (analysts) ---------------------------------------------------------------------


def _report_params(request, slug):
    """(event, evaluation or None, compare or None) from the URL; 404 for unknown slugs."""
    event = _event_or_404(slug)
    evaluations = list(selectors.evaluation_events().filter(starts_on__gte=event.starts_on))
    evaluation = compare = None
    chosen = request.GET.get("evaluasi", "")
    if chosen:
        evaluation = next((e for e in evaluations if e.slug == chosen), None)
        if evaluation is None:
            raise Http404
    chosen = request.GET.get("pembanding", "")
    if chosen:
        compare = next((e for e in evaluations if e.slug == chosen), None)
        if compare is None:
            raise Http404
    return event, evaluation, compare, evaluations


@login_required
def report(request, slug):
    """Per event and evaluation: the section 7 figures, tables, change, readiness, network picture."""
    require_perm(request.user, "network.view_followup")
    event, evaluation, compare, evaluations = _report_params(request, slug)
    if event.is_evaluation and event.follows_id and not request.GET:
        return redirect(f"{reverse('network:report', args=[event.follows.slug])}?{urlencode({'evaluasi': event.slug})}")
    with report_reads():
        rows = selectors.network_rows(event, evaluation)
        labels = _status_labels()
        context = {
            "event": event,
            "evaluation": evaluation,
            "compare": compare,
            "evaluations": evaluations,
            "rows": rows,
            "totals": selectors.summary(rows),
            "by_status": [(labels[k], v) for k, v in selectors.by_status(rows).items()],
            "by_cooperative": _largest(selectors.by_cooperative(rows)),
            "cooperative_count": len({row.agreement.cooperative_id for row in rows}),
            "page_obj": paginate(request, rows, per_page=AGREEMENTS_PER_PAGE),
            "by_province": selectors.by_province(rows),
            "by_field": [(dict(Agreement.FIELD_CHOICES).get(k, k), t) for k, t in selectors.by_field(rows).items()],
            "by_obstacle": [
                (dict(FollowUp.OBSTACLE_CHOICES).get(k, k), t) for k, t in selectors.obstacle_totals(rows).items()
            ],
            "picture": network_picture(rows, labels),
            "attendance": selectors.attendance_counts(event),
            "gain": selectors.event_learning_gain(event),
            "query": _query_without_page(request),
            "background_export": len(rows) > _background_export_from(),
        }
        context["readiness_round"], context["readiness_groups"] = selectors.readiness_association(rows)
        if compare is not None:
            change, moves = selectors.change_between(event, compare, evaluation)
            context["change"] = change
            context["moves"] = [(labels[a], labels[b], n) for (a, b), n in sorted(moves.items()) if a != b]
    return render(request, "network/report.html", context)


def _background_export_from():
    return getattr(settings, "NETWORK_BACKGROUND_EXPORT_FROM", BACKGROUND_EXPORT_FROM)


@login_required
@require_POST
def export_job(request, slug, fmt):
    """Queue the event's flat table (CSV/XLSX) as a background job and show its progress."""
    require_perm(request.user, "network.view_followup")
    if fmt not in FORMATS:
        raise Http404
    event, evaluation, _compare, _evaluations = _report_params(request, slug)
    job = services.request_network_export(user=request.user, event=event, evaluation=evaluation, fmt=fmt)
    return redirect(job)


def _largest(groups):
    """The groups with the largest potential value, for the page (downloads carry them all)."""
    return sorted(groups, key=lambda item: (-item[1].potential, str(item[0])))[:TOP_GROUPS]


def _status_labels():
    return {status: str(selectors.status_label(status)) for status in figures.REPORT_STATUSES}


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("halaman", None)
    return query.urlencode()


@login_required
def report_pdf(request, slug):
    require_perm(request.user, "network.view_followup")
    event, evaluation, _compare, _evaluations = _report_params(request, slug)
    with report_reads():
        rows = selectors.network_rows(event, evaluation)
        content = event_report_pdf(
            event, evaluation, rows, selectors.summary(rows), selectors.attendance_counts(event), _status_labels()
        )
    return attachment_response(content, content_type=PDF_CONTENT_TYPE, filename=f"laporan-{event.slug}.pdf")


@login_required
def export(request, slug, fmt):
    """``export_network`` as a download: the JSON contract, or the flat CSV/XLSX."""
    require_perm(request.user, "network.view_followup")
    event, evaluation, _compare, _evaluations = _report_params(request, slug)
    filename = f"jejaring-{event.slug}" + (f"-{evaluation.slug}" if evaluation else "")
    if fmt == "json":
        with report_reads():
            document = exports.export_document(event, evaluation)
        return json_download_response(document, filename=filename)
    if fmt not in FORMATS:
        raise Http404
    with report_reads():
        header, rows = exports.export_table(event, evaluation)
        return download_response(fmt, header, list(rows), filename=filename, title=event.slug)


@login_required
def report_download(request, slug, name, fmt):
    """Any table of the report page as CSV or XLSX."""
    require_perm(request.user, "network.view_followup")
    if fmt not in FORMATS or name not in tables.TABLE_NAMES:
        raise Http404
    event, evaluation, compare, _evaluations = _report_params(request, slug)
    with report_reads():
        rows = selectors.network_rows(event, evaluation)
        header, lines = tables.build(name, event, evaluation, rows, compare=compare)
    filename = f"jejaring-{name}-{event.slug}" + (f"-{evaluation.slug}" if evaluation else "")
    return download_response(fmt, header, lines, filename=filename, title=name)

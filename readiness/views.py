"""Self-assessment, verification, report card and downloads.

Who may see which cooperative is decided in ``base.access`` only: another cooperative's
assessment, report card or download answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.phone import normalize_phone, whatsapp_url
from base.access import require_perm
from base.charts import dimension_chart
from base.pagination import paginate
from base.tabular import PDF_CONTENT_TYPE, attachment_response, download_response, json_download_response
from cooperatives.selectors import get_visible_cooperative_or_404, visible_cooperatives

from . import selectors, services
from .forms import DimensionAnswersForm, FollowUpFilterForm, VerificationForm, level_to_choice
from .models import Answer, Assessment, EvaluationRound, Indicator
from .pdf import report_card_pdf

FOLLOW_UP_PER_PAGE = 50


def _round_or_404(slug):
    return get_object_or_404(EvaluationRound.objects.select_related("framework"), slug=slug)


def may_answer(user, evaluation_round):
    """Pengurus answer while the round is open; Dinas analysts enter paper results any time."""
    return user.has_perm("readiness.add_assessment") or evaluation_round.is_open()


@login_required
def index(request):
    """Pengurus: their cooperative's rounds. Dinas analysts: every round."""
    if request.user.has_perm("readiness.view_all_assessments"):
        rounds = (
            EvaluationRound.objects.select_related("framework")
            .annotate(
                results=Count("assessments", filter=~Q(assessments__status=Assessment.STATUS_DRAFT)),
                drafts=Count("assessments", filter=Q(assessments__status=Assessment.STATUS_DRAFT)),
            )
            # The round running now first, as on the pengurus' page.
            .order_by("-opens_on", "-pk")
        )
        return render(request, "readiness/round_list.html", {"rounds": rounds})
    cooperative = visible_cooperatives(request.user).first()
    if cooperative is None:
        raise Http404
    assessments = {
        a.round_id: a for a in Assessment.objects.filter(cooperative=cooperative).only("round_id", "status", "overall")
    }
    rounds = list(EvaluationRound.objects.select_related("framework"))
    for evaluation_round in rounds:
        evaluation_round.own_assessment = assessments.get(evaluation_round.pk)
    return render(request, "readiness/cooperative_rounds.html", {"cooperative": cooperative, "rounds": rounds})


def _dimensions_with_indicators(framework):
    dimensions = list(
        framework.dimensions.order_by("sort_order", "pk").prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("sort_order", "pk"), to_attr="indicator_list")
        )
    )
    for dimension in dimensions:
        for indicator in dimension.indicator_list:
            indicator.dimension = dimension
    return dimensions


def _closed(request, evaluation_round, cooperative):
    return render(
        request,
        "readiness/round_closed.html",
        {"evaluation_round": evaluation_round, "cooperative": cooperative},
        status=403,
    )


def _step_number(value, total):
    """The dimension number a step link asks for, or None if it asks for none (or a bad one)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= total else None


@login_required
def assessment_step(request, slug, cooperative_id, step):
    """One dimension per screen; answers are saved as a draft on every move."""
    evaluation_round = _round_or_404(slug)
    cooperative = get_visible_cooperative_or_404(request.user, pk=cooperative_id)
    if not may_answer(request.user, evaluation_round):
        return _closed(request, evaluation_round, cooperative)
    dimensions = _dimensions_with_indicators(evaluation_round.framework)
    if not 1 <= step <= len(dimensions):
        raise Http404
    dimension = dimensions[step - 1]
    assessment = Assessment.objects.filter(round=evaluation_round, cooperative=cooperative).first()
    if assessment is not None and not assessment.is_draft:
        messages.info(request, _("Asesmen ini sudah dikirim."))
        return redirect("readiness:report_card", slug=slug, cooperative_id=cooperative.pk)

    if request.method == "POST":
        form = DimensionAnswersForm(request.POST, indicators=dimension.indicator_list)
        if form.is_valid():
            levels, evidence = form.answers()
            if assessment is None:
                assessment = services.get_or_create_draft(evaluation_round=evaluation_round, cooperative=cooperative)
            try:
                services.save_answers(assessment=assessment, answers=levels, evidence=evidence)
            except services.AssessmentError as exc:
                messages.error(request, str(exc))
                return redirect("readiness:report_card", slug=slug, cooperative_id=cooperative.pk)
            action = request.POST.get("action", "next")
            goto = _step_number(request.POST.get("goto"), len(dimensions))
            if goto is not None:
                # A dimension's step link: this page is saved, then that one opens.
                target = goto
            elif action == "previous" and step > 1:
                target = step - 1
            elif action == "save":
                messages.success(request, _("Draf tersimpan. Anda bisa melanjutkan kapan saja."))
                target = step
            elif action == "next" and step < len(dimensions):
                target = step + 1
            else:
                return redirect("readiness:assessment_review", slug=slug, cooperative_id=cooperative.pk)
            return redirect("readiness:assessment_step", slug=slug, cooperative_id=cooperative.pk, step=target)
    else:
        initial = {}
        if assessment is not None:
            for answer in Answer.objects.filter(assessment=assessment, indicator__dimension=dimension).select_related(
                "indicator"
            ):
                initial[f"level_{answer.indicator.code}"] = level_to_choice(answer.level)
                initial[f"evidence_{answer.indicator.code}"] = answer.evidence
        form = DimensionAnswersForm(initial=initial, indicators=dimension.indicator_list)

    context = {
        "evaluation_round": evaluation_round,
        "cooperative": cooperative,
        "dimension": dimension,
        "dimensions": dimensions,
        "step": step,
        "total_steps": len(dimensions),
        "is_last": step == len(dimensions),
        "form": form,
    }
    return render(request, "readiness/assessment_step.html", context)


@login_required
def assessment_review(request, slug, cooperative_id):
    """What is answered, what is missing, and the button that submits."""
    evaluation_round = _round_or_404(slug)
    cooperative = get_visible_cooperative_or_404(request.user, pk=cooperative_id)
    if not may_answer(request.user, evaluation_round):
        return _closed(request, evaluation_round, cooperative)
    assessment = Assessment.objects.filter(round=evaluation_round, cooperative=cooperative).first()
    if assessment is not None and not assessment.is_draft:
        return redirect("readiness:report_card", slug=slug, cooperative_id=cooperative.pk)
    dimensions = _dimensions_with_indicators(evaluation_round.framework)
    answered = {}
    if assessment is not None:
        answered = {a.indicator_id: a for a in assessment.answers.all()}
    if request.method == "POST":
        if assessment is None:
            messages.error(request, _("Belum ada jawaban yang tersimpan."))
        else:
            try:
                services.submit_assessment(assessment=assessment, user=request.user)
            except services.AssessmentError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Asesmen mandiri terkirim. Terima kasih!"))
                return redirect("readiness:report_card", slug=slug, cooperative_id=cooperative.pk)
    for number, dimension in enumerate(dimensions, start=1):
        dimension.step = number
        dimension.missing = [i for i in dimension.indicator_list if i.pk not in answered]
        dimension.answered_count = len(dimension.indicator_list) - len(dimension.missing)
    missing_total = sum(len(d.missing) for d in dimensions)
    context = {
        "evaluation_round": evaluation_round,
        "cooperative": cooperative,
        "dimensions": dimensions,
        "missing_total": missing_total,
        "assessment": assessment,
    }
    return render(request, "readiness/assessment_review.html", context)


def _assessment_or_404(request, slug, cooperative_id):
    cooperative = get_visible_cooperative_or_404(request.user, pk=cooperative_id)
    return get_object_or_404(
        Assessment.objects.select_related("round__framework", "cooperative__kecamatan"),
        round__slug=slug,
        cooperative=cooperative,
        status__in=selectors.RESULT_STATUSES,
    )


@login_required
def report_card(request, slug, cooperative_id):
    assessment = _assessment_or_404(request, slug, cooperative_id)
    card = selectors.report_card(assessment)
    context = {
        "card": card,
        "chart": dimension_chart(card.lines, label=selectors.dimension_label),
        "may_verify": request.user.has_perm("readiness.verify_assessment"),
    }
    return render(request, "readiness/report_card.html", context)


@login_required
def report_card_download(request, slug, cooperative_id):
    assessment = _assessment_or_404(request, slug, cooperative_id)
    card = selectors.report_card(assessment)
    filename = f"rapor-{assessment.cooperative.nik}-{assessment.round.slug}.pdf"
    return attachment_response(report_card_pdf(card), content_type=PDF_CONTENT_TYPE, filename=filename)


@login_required
def verify(request, slug, cooperative_id):
    """Dinas analysts record verified levels beside the self-assessed ones."""
    require_perm(request.user, "readiness.verify_assessment")
    assessment = _assessment_or_404(request, slug, cooperative_id)
    dimensions = _dimensions_with_indicators(assessment.round.framework)
    indicators = [i for d in dimensions for i in d.indicator_list]
    answers = {a.indicator_id: a for a in assessment.answers.all()}
    if request.method == "POST":
        form = VerificationForm(request.POST, indicators=indicators)
        if form.is_valid():
            levels, notes = form.verified()
            try:
                services.verify_assessment(
                    assessment=assessment,
                    user=request.user,
                    levels=levels,
                    notes=notes,
                    note=form.cleaned_data["note"],
                )
            except services.AssessmentError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Verifikasi tersimpan; skor dihitung ulang."))
                return redirect("readiness:report_card", slug=slug, cooperative_id=cooperative_id)
    else:
        initial = {"note": assessment.verification_note}
        for indicator in indicators:
            answer = answers.get(indicator.pk)
            if answer is not None:
                level = answer.verified_level if answer.is_verified else answer.level
                initial[f"level_{indicator.code}"] = level_to_choice(level)
                initial[f"note_{indicator.code}"] = answer.verification_note
        form = VerificationForm(initial=initial, indicators=indicators)
    rows = []
    for indicator, level_field, note_field in form.rows():
        answer = answers.get(indicator.pk)
        rows.append({"indicator": indicator, "answer": answer, "level_field": level_field, "note_field": note_field})
    context = {"assessment": assessment, "rows": rows, "form": form}
    return render(request, "readiness/verify.html", context)


@login_required
def round_detail(request, slug):
    """Dinas analysts: every cooperative's result in a round, and the downloads."""
    require_perm(request.user, "readiness.view_all_assessments")
    evaluation_round = _round_or_404(slug)
    assessments = (
        Assessment.objects.filter(round=evaluation_round)
        .select_related("cooperative__kecamatan")
        .order_by("cooperative__nama")
    )
    compare_rounds = EvaluationRound.objects.filter(framework__code=evaluation_round.framework.code).exclude(
        pk=evaluation_round.pk
    )
    context = {
        "evaluation_round": evaluation_round,
        "assessments": assessments,
        "summary": selectors.round_summary(evaluation_round),
        "compare_rounds": compare_rounds,
        "bands": evaluation_round.framework.band_list(),
    }
    return render(request, "readiness/round_detail.html", context)


@login_required
def round_download(request, slug, fmt):
    """The export_readiness downloads for Dinas (json, csv, xlsx; ?compare=SLUG)."""
    require_perm(request.user, "readiness.view_all_assessments")
    evaluation_round = _round_or_404(slug)
    compare_round = None
    compare_slug = request.GET.get("compare")
    if compare_slug:
        compare_round = _round_or_404(compare_slug)
        if compare_round.framework.code != evaluation_round.framework.code:
            raise Http404
    filename = f"kesiapan-{evaluation_round.slug}" + (f"-vs-{compare_round.slug}" if compare_round else "")
    if fmt == "json":
        document = selectors.export_document(evaluation_round, compare_round)
        return json_download_response(document, filename=filename)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return download_response(
        fmt,
        selectors.export_header(evaluation_round),
        selectors.iter_export_table(evaluation_round, compare_round),
        filename=filename,
        title=evaluation_round.slug,
        labels=selectors.export_labels(evaluation_round),
    )


# --- follow-up of an open round ------------------------------------------------------------


def _reminder_message(evaluation_round, cooperative, address):
    """The prepared WhatsApp text for a cooperative that has not started or not submitted."""
    values = {"koperasi": cooperative.nama, "putaran": evaluation_round.name, "alamat": address}
    if cooperative.round_status == Assessment.STATUS_DRAFT:
        text = (
            _(
                "Yth. Pengurus %(koperasi)s, asesmen mandiri kesiapan digital untuk %(putaran)s masih berupa draf "
                "dan belum dikirim. Mohon dilengkapi lalu dikirim di %(alamat)s"
            )
            % values
        )
    else:
        text = (
            _(
                "Yth. Pengurus %(koperasi)s, asesmen mandiri kesiapan digital untuk %(putaran)s belum diisi. "
                "Mohon diisi lalu dikirim di %(alamat)s"
            )
            % values
        )
    if evaluation_round.closes_on:
        text += " " + _("paling lambat %(tanggal)s.") % {"tanggal": date_format(evaluation_round.closes_on, "j F Y")}
    return text + " " + _("Terima kasih. Dinas Koperasi")


def _with_reminders(request, evaluation_round, cooperatives):
    """Give each not-done cooperative its ``whatsapp_url`` (empty without a phone) while the round is open."""
    address = request.build_absolute_uri(reverse("readiness:index"))
    open_now = evaluation_round.is_open()
    for cooperative in cooperatives:
        cooperative.is_done = cooperative.round_status in selectors.RESULT_STATUSES
        cooperative.whatsapp_url = ""
        if open_now and not cooperative.is_done:
            message = _reminder_message(evaluation_round, cooperative, address)
            cooperative.whatsapp_url = whatsapp_url(cooperative.pengurus_phone, message)
    return cooperatives


@login_required
def follow_up(request, slug):
    """Analysts: who has not started, who is still in draft, who has submitted; reminders by WhatsApp."""
    require_perm(request.user, "readiness.view_all_assessments")
    evaluation_round = _round_or_404(slug)
    form = FollowUpFilterForm(request.GET)
    kecamatan_id, jenis, status = form.filters()
    cooperatives = selectors.follow_up_cooperatives(evaluation_round, kecamatan_id=kecamatan_id, jenis=jenis)
    counts = selectors.follow_up_counts(cooperatives)
    if status == "belum_selesai":
        cooperatives = cooperatives.filter(round_status__in=selectors.FOLLOW_UP_NOT_DONE)
    elif status:
        cooperatives = cooperatives.filter(round_status__in=selectors.FOLLOW_UP_FILTERS[status])
    page_obj = paginate(request, cooperatives, per_page=FOLLOW_UP_PER_PAGE)
    _with_reminders(request, evaluation_round, page_obj.object_list)
    query = request.GET.copy()
    for name in ("halaman", "status"):
        query.pop(name, None)
    context = {
        "evaluation_round": evaluation_round,
        "is_open": evaluation_round.is_open(),
        "form": form,
        "counts": counts,
        "page_obj": page_obj,
        "cooperatives": page_obj.object_list,
        "status": status,
        # The filters without the status and page: the counts link to each status with them.
        "area_query": query.urlencode(),
    }
    return render(request, "readiness/follow_up.html", context)


@login_required
def follow_up_download(request, slug):
    """CSV of the cooperatives that have not submitted (filters as on the page)."""
    require_perm(request.user, "readiness.view_all_assessments")
    evaluation_round = _round_or_404(slug)
    kecamatan_id, jenis, _status = FollowUpFilterForm(request.GET).filters()
    cooperatives = selectors.follow_up_cooperatives(evaluation_round, kecamatan_id=kecamatan_id, jenis=jenis).filter(
        round_status__in=selectors.FOLLOW_UP_NOT_DONE
    )
    address = request.build_absolute_uri(reverse("readiness:index"))
    header = ["nik", "nama", "jenis", "kecamatan", "desa", "status", "pengurus", "telepon", "whatsapp"]

    def rows():
        for cooperative in cooperatives.iterator(chunk_size=500):
            message = _reminder_message(evaluation_round, cooperative, address)
            yield [
                cooperative.nik,
                cooperative.nama,
                cooperative.jenis,
                cooperative.kecamatan.name,
                cooperative.desa,
                cooperative.round_status,
                (cooperative.pengurus_name or "").strip() or cooperative.pengurus_username or "",
                normalize_phone(cooperative.pengurus_phone),
                whatsapp_url(cooperative.pengurus_phone, message),
            ]

    return download_response("csv", header, rows(), filename=f"belum-selesai-{evaluation_round.slug}")

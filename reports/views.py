"""District reports for Dinas analysts (and superusers); everyone else gets 404.

Pages read through ``reports.selectors`` inside ``report_reads()`` (a read replica when
configured) and evaluate everything they show inside that block.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from base.access import require_perm
from base.pagination import paginate
from readiness.selectors import dimension_label

from . import selectors, services
from .downloads import FORMATS, table_response
from .forms import ExportRequestForm, ReportForm
from .models import ExportJob
from .routers import report_reads
from .tables import TABLES, build_table

PER_PAGE = 25


def _report_form(request):
    form = ReportForm(request.GET or None)
    form.is_valid()
    params = form.params(request.user)
    if params is not None and not form.errors:
        # Show the rounds actually reported on, also when they were chosen by default.
        data = request.GET.copy()
        data["putaran"] = params.evaluation_round.slug
        if params.compare_round is not None:
            data["pembanding"] = params.compare_round.slug
        if data != request.GET:
            form = ReportForm(data)
            form.is_valid()
    return form, params


def report_page(view):
    """The opening every report page shares: the district-report permission, the round and filters read from
    the query (``ReportForm``), "no rounds yet" when there is nothing to report on.
    ``view(request, form, params)`` does the rest."""

    @login_required
    @wraps(view)
    def opened(request):
        require_perm(request.user, "reports.view_district_reports")
        form, params = _report_form(request)
        if params is None:
            return render(request, "reports/no_rounds.html")
        return view(request, form, params)

    return opened


def _context(request, form, params, **extra):
    query = request.GET.copy()
    query.pop("halaman", None)
    return {"form": form, "params": params, "query": query.urlencode(), **extra}


@report_page
def dashboard(request, form, params):
    """One round: coverage, mean index, levels, dimensions, kecamatan, jenis, cooperatives."""
    evaluation_round, scope = params.evaluation_round, params.scope
    with report_reads():
        overview = selectors.overview(evaluation_round, scope)
        levels = selectors.level_distribution(evaluation_round, scope)
        dimensions = selectors.dimension_means(evaluation_round, scope)
        # The list's length is the round's results in scope, which the overview already has
        # from the aggregates: no count over every result.
        page_obj = paginate(
            request,
            selectors.cooperative_results(evaluation_round, scope),
            per_page=PER_PAGE,
            count=overview.assessed,
        )
        page_obj.object_list = list(page_obj.object_list)
        context = _context(
            request,
            form,
            params,
            overview=overview,
            levels=levels,
            level_chart=[(row.label, row.count) for row in levels],
            dimensions=dimensions,
            dimension_chart=[(dimension_label(row.code, row.name), row.mean) for row in dimensions],
            kecamatan_rows=selectors.by_kecamatan(evaluation_round, scope),
            jenis_rows=selectors.by_jenis(evaluation_round, scope),
            page_obj=page_obj,
            band_labels=selectors.band_labels(evaluation_round.framework),
            export_form=ExportRequestForm(initial={"putaran": evaluation_round.slug}),
            export_jobs=list(ExportJob.objects.filter(requested_by=request.user)[:5]),
        )
    return render(request, "reports/dashboard.html", context)


@report_page
def comparison(request, form, params):
    """Two rounds of one framework code: who improved, by how much, per dimension and level."""
    context = _context(request, form, params)
    if params.comparable:
        round_a, round_b, scope = params.compare_round, params.evaluation_round, params.scope
        with report_reads():
            improved, declined = selectors.largest_changes(round_a, round_b, scope)
            dimension_rows = selectors.dimension_changes(round_a, round_b, scope)
            context.update(
                summary=selectors.change_summary(round_a, round_b, scope),
                improved=improved,
                declined=declined,
                dimension_rows=dimension_rows,
                dimension_chart=[(dimension_label(row.code, row.name), row.mean_change) for row in dimension_rows],
                cross=selectors.level_cross_table(round_a, round_b, scope),
                tolerance=selectors.UNCHANGED_TOLERANCE,
            )
    return render(request, "reports/comparison.html", context)


@report_page
def training(request, form, params):
    """Course participation, learning gain, and readiness change with or without training."""
    with report_reads():
        page_obj = paginate(request, selectors.course_participation(params.scope), per_page=PER_PAGE)
        page_obj.object_list = list(page_obj.object_list)
        context = _context(request, form, params, page_obj=page_obj, gains=selectors.learning_gain(request.user))
        if params.comparable:
            context["association"] = selectors.training_association(
                params.compare_round, params.evaluation_round, params.scope
            )
    return render(request, "reports/training.html", context)


@login_required
def download(request, name, fmt):
    """Any report table as CSV or XLSX, for the same round and filters as its page."""
    require_perm(request.user, "reports.view_district_reports")
    if fmt not in FORMATS:
        raise Http404
    form = ReportForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        raise Http404
    params = form.params(request.user)
    if params is None:
        raise Http404
    with report_reads():
        table = build_table(name, params)
    filename = f"{name}-{params.evaluation_round.slug}"
    if TABLES[name].needs_comparison:
        filename = f"{name}-{params.compare_round.slug}-{params.evaluation_round.slug}"
    return table_response(table, fmt, filename)


@login_required
@require_POST
def export_request(request):
    """Queue a long export (full readiness XLSX, or the ZIP of report cards)."""
    require_perm(request.user, "reports.view_district_reports")
    form = ExportRequestForm(request.POST)
    if not form.is_valid():
        raise Http404
    job = services.request_export(
        user=request.user, kind=form.cleaned_data["kind"], evaluation_round=form.cleaned_data["putaran"]
    )
    return redirect(job)


@login_required
def export_detail(request, pk):
    job = selectors.get_visible_export_job_or_404(request.user, pk=pk)
    return render(request, "reports/export_detail.html", {"job": job})


@login_required
def export_status(request, pk):
    """What the progress page polls (every 2 s) while the job runs."""
    job = selectors.get_visible_export_job_or_404(request.user, pk=pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "done": job.progress_done,
            "total": job.progress_total,
            "percent": job.percent,
            "download_url": reverse("reports:export_download", args=[job.pk]) if job.is_done else "",
            "error": _("Ekspor gagal. Silakan coba lagi atau hubungi admin.")
            if job.status == job.STATUS_FAILED
            else "",
        }
    )


@login_required
def export_download(request, pk):
    """The job's file, only to its requester or an analyst (never a public media link)."""
    job = selectors.get_visible_export_job_or_404(request.user, pk=pk)
    if not job.is_done:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=job.filename)

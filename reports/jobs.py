"""Running export jobs: the kinds of job, their progress, and the file each writes.

Other apps add their own kinds of job without this app importing them (dependencies stay
one-way: ``network`` imports ``reports``, never the reverse): they call
``reports.exporters.register_exporter(kind, "app.module.function")`` from their
``AppConfig.ready()``, where ``function(job, stream)`` writes the file into the binary
``stream``, records progress with ``set_progress``/``counting`` and returns the file name.
"""

import logging
import tempfile
import zipfile
from itertools import count

from django.core.files import File
from django.utils import timezone

from base.tabular import write_xlsx
from readiness.models import EvaluationRound
from readiness.pdf import report_card_pdf
from readiness.selectors import export_header, export_labels, iter_export_table, report_card

from . import selectors
from .exporters import registered_exporter
from .models import ExportJob

logger = logging.getLogger(__name__)

# Progress is written every this many items, not for every row.
PROGRESS_EVERY = 25


def set_progress(job, done, total=None):
    """Record how far ``job`` is (``total`` once, when known)."""
    fields = {"progress_done": done}
    if total is not None:
        fields["progress_total"] = total
    ExportJob.objects.filter(pk=job.pk).update(**fields)


def counting(iterable, job, total):
    """Yield from ``iterable`` and record progress along the way."""
    done = 0
    for done, item in zip(count(1), iterable, strict=False):
        yield item
        if done % PROGRESS_EVERY == 0:
            set_progress(job, min(done, total))
    set_progress(job, min(done, total))


def _round(job):
    return EvaluationRound.objects.select_related("framework").get(slug=job.parameters["round"])


def _export_readiness(job, stream):
    """The round's full readiness export (as ``export_readiness --format xlsx``), with the
    change since the previous round of the same framework code."""
    evaluation_round = _round(job)
    compare_round = selectors.previous_round(evaluation_round)
    total = selectors.ALL.results(evaluation_round).count()
    set_progress(job, 0, total)
    rows = counting(iter_export_table(evaluation_round, compare_round), job, total)
    write_xlsx(
        stream,
        export_header(evaluation_round),
        rows,
        title=evaluation_round.slug,
        labels=export_labels(evaluation_round),
    )
    return f"kesiapan-{evaluation_round.slug}.xlsx"


def report_card_filename(assessment):
    return f"rapor-{assessment.cooperative.nik}-{assessment.round.slug}.pdf"


def _export_report_cards(job, stream):
    """One ZIP with the PDF report card of every assessed cooperative of the round."""
    evaluation_round = _round(job)
    assessments = (
        selectors.ALL.results(evaluation_round)
        .select_related("cooperative__kecamatan", "round__framework")
        .order_by("cooperative__nik")
    )
    total = assessments.count()
    set_progress(job, 0, total)
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for assessment in counting(assessments.iterator(chunk_size=100), job, total):
            archive.writestr(report_card_filename(assessment), report_card_pdf(report_card(assessment)))
    return f"rapor-{evaluation_round.slug}.zip"


EXPORTERS = {
    ExportJob.KIND_READINESS: _export_readiness,
    ExportJob.KIND_REPORT_CARDS: _export_report_cards,
}


def exporter(kind: str):
    """The function that writes a job of ``kind``: this app's own, or another app's (``reports.exporters``)."""
    return EXPORTERS[kind] if kind in EXPORTERS else registered_exporter(kind)


def run_export(job_id: int) -> str:
    """Run one job (the task worker calls this). Returns its final status.

    Only a pending job runs, so a task delivered twice does the work once.
    """
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.STATUS_PENDING).update(
        status=ExportJob.STATUS_RUNNING
    )
    job = ExportJob.objects.get(pk=job_id)
    if not claimed:
        return job.status
    try:
        with tempfile.TemporaryFile() as stream:
            filename = exporter(job.kind)(job, stream)
            stream.seek(0)
            job.refresh_from_db()
            job.file.save(filename, File(stream), save=False)
        job.status = ExportJob.STATUS_DONE
        job.progress_done = job.progress_total
    except Exception as exc:  # the job records any failure for the analyst to see
        logger.exception("Export job %s failed", job_id)
        job.refresh_from_db()
        job.status = ExportJob.STATUS_FAILED
        job.error = f"{type(exc).__name__}: {exc}"[:2000]
    job.finished = timezone.now()
    job.save()
    return job.status

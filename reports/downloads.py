"""The download of every report table: through the one safe writer (``base.tabular``)."""

from django.http import Http404

from base.tabular import download_response
from cooperatives.models import Cooperative
from readiness.models import Assessment

from .routers import report_reads

FORMATS = ("csv", "xlsx")

# XLSX is read by people: codes become Indonesian words. CSV keeps the codes.
CODE_LABELS = {"jenis": dict(Cooperative.JENIS_CHOICES), "status": dict(Assessment.STATUS_CHOICES)}


def _reading_reports(iterable):
    # A CSV streams after the view has returned: keep its reads on the report database.
    with report_reads():
        yield from iterable


def table_response(table, fmt, filename):
    """An attachment response for ``table`` (``tables.Table``) as ``fmt`` (csv or xlsx)."""
    if fmt not in FORMATS:
        raise Http404
    if fmt == "csv":
        return download_response("csv", table.header, _reading_reports(table.rows), filename=filename)
    with report_reads():
        return download_response(
            "xlsx", table.header, table.rows, filename=filename, title=table.name, labels=CODE_LABELS
        )

"""The one download helper for every report table: CSV streams, XLSX in write-only mode."""

import io

from django.http import Http404, HttpResponse, StreamingHttpResponse

from base.tabular import iter_csv, write_xlsx

from .routers import report_reads

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def _reading_reports(iterable):
    # A CSV streams after the view has returned: keep its reads on the report database.
    with report_reads():
        yield from iterable


def table_response(table, fmt, filename):
    """An attachment response for ``table`` (``tables.Table``) as ``fmt`` (csv or xlsx)."""
    if fmt == "csv":
        response = StreamingHttpResponse(
            _reading_reports(iter_csv(table.header, table.rows)), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        stream = io.BytesIO()
        with report_reads():
            write_xlsx(stream, table.header, table.rows, title=table.name)
        response = HttpResponse(stream.getvalue(), content_type=XLSX_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response

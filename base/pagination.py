"""The one pagination helper: every paginated list uses it and ``includes/pagination.html``."""

from django.core.paginator import Paginator

DEFAULT_PER_PAGE = 20


def _query_for(request, param, number):
    query = request.GET.copy()
    query.pop(param, None)
    if number > 1:
        query[param] = number
    return "?" + query.urlencode() if query else request.path


def paginate(request, object_list, *, per_page=DEFAULT_PER_PAGE, param="halaman"):
    """The requested page of ``object_list``; a bad or too-high page number gives the nearest page.

    The links to the previous and next page keep every other query parameter (search,
    filters), so ``includes/pagination.html`` needs nothing but ``page_obj``.
    """
    page_obj = Paginator(object_list, per_page).get_page(request.GET.get(param))
    page_obj.previous_url = (
        _query_for(request, param, page_obj.previous_page_number()) if page_obj.has_previous() else ""
    )
    page_obj.next_url = _query_for(request, param, page_obj.next_page_number()) if page_obj.has_next() else ""
    return page_obj

"""The one pagination helper: every paginated list uses it and ``includes/pagination.html``."""

from django.core.paginator import Paginator

DEFAULT_PER_PAGE = 20


def _query_for(request, param, number):
    query = request.GET.copy()
    query.pop(param, None)
    if number > 1:
        query[param] = number
    return "?" + query.urlencode() if query else request.path


class CountedPaginator(Paginator):
    """A paginator told its number of items (e.g. from an aggregate), so it never counts them."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


def paginate(request, object_list, *, per_page=DEFAULT_PER_PAGE, param="halaman", count=None):
    """The requested page of ``object_list``; a bad or too-high page number gives the nearest page.

    ``count``, when the caller knows it exactly (an aggregate kept with the rows), saves
    counting ``object_list``: a full scan on a large table.

    The links to the previous and next page keep every other query parameter (search,
    filters), so ``includes/pagination.html`` needs nothing but ``page_obj``.
    """
    if count is None:
        paginator = Paginator(object_list, per_page)
    else:
        paginator = CountedPaginator(object_list, per_page, count=count)
    page_obj = paginator.get_page(request.GET.get(param))
    page_obj.previous_url = (
        _query_for(request, param, page_obj.previous_page_number()) if page_obj.has_previous() else ""
    )
    page_obj.next_url = _query_for(request, param, page_obj.next_page_number()) if page_obj.has_next() else ""
    return page_obj

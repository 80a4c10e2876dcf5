"""Every list is shown a page at a time in the same way: PER_PAGE rows, the page number in `pagina`."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE = "pagina"


def paginate(request: HttpRequest, items, per_page: int | None = None) -> tuple[Page, str]:
    """The requested page of `items`, its objects as a list (a missing or wrong number gives the first
    page, a number past the end the last), and the other GET parameters, for the links to the pages."""
    page = Paginator(items, per_page or settings.PER_PAGE).get_page(request.GET.get(PAGE))
    page.object_list = list(page.object_list)
    query = request.GET.copy()
    query.pop(PAGE, None)
    return page, query.urlencode()

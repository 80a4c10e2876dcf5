"""Query parameters are Dutch, like the paths (`?thema=&wijk=&van=&tot=`). A page whose parameters
had English names keeps the links that carry them working."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, QueryDict
from django.utils.http import MAX_URL_REDIRECT_LENGTH


def renamed_parameters(old_names: dict[str, str]) -> Callable:
    """For a page whose parameters were renamed (`old_names`: old name to new name): a request that
    carries an old name is sent on for good to the same page with the new names, the values and their
    order kept. A query too long to redirect to (Django refuses it) is read with the new names instead.
    Goes below @permission_required, so someone without access gets no redirect first."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if any(name in old_names for name in request.GET):
                params = with_new_names(request.GET, old_names)
                url = f"{request.path}?{params.urlencode()}"
                if len(url) <= MAX_URL_REDIRECT_LENGTH:
                    return HttpResponsePermanentRedirect(url)
                request.GET = params
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def with_new_names(query: QueryDict, old_names: dict[str, str]) -> QueryDict:
    """The query with each old parameter name replaced by its new one; values and order kept."""
    renamed = QueryDict(mutable=True)
    for name, values in query.lists():
        for value in values:
            renamed.appendlist(old_names.get(name, name), value)
    return renamed

"""A friendly page for a request with the wrong method (a GET to a button's address)."""

from django.http import HttpRequest, HttpResponse

from config.views import method_not_allowed


class FriendlyMethodNotAllowed:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            friendly = method_not_allowed(request)
            friendly["Allow"] = response.get("Allow", "")
            return friendly
        return response

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@permission_required("signals.view_signal", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    """The learning pages' start: each part shows its own block, to those who may use it."""
    return render(request, "learning/index.html")

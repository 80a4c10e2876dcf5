"""The home page: a member's own figures, then the key figures in four charts for those who read figures."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from monitoring.services.dashboard import dashboard_figures, member_figures


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    context = member_figures(user=request.user)
    if request.user.has_perm("monitoring.view_indicator"):
        context["figures"] = dashboard_figures(user=request.user)
    return render(request, "monitoring/dashboard.html", context)

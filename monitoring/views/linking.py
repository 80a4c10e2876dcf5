"""Linking requests (koppelverzoeken): a coordinator files one, the privacy officer decides once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.paging import paginate
from monitoring.forms.followups import LinkDecisionForm, LinkRequestFilterForm, LinkRequestForm
from monitoring.models import LinkRequest
from monitoring.services import linking


@permission_required("monitoring.view_linkrequest", raise_exception=True)
def link_request_list(request: HttpRequest) -> HttpResponse:
    form = LinkRequestFilterForm(request.GET or None)
    page, query = paginate(request, linking.link_requests_listed(status=form.chosen()))
    filtered = any(value for name, value in request.GET.items() if name != "pagina")
    context = {"form": form, "page": page, "query": query, "filtered": filtered}
    return render(request, "monitoring/link_request_list.html", context)


@permission_required("monitoring.add_linkrequest", raise_exception=True)
def link_request_create(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    latest = linking.link_valid_until_latest(today)
    sources = linking.sources_needing_approval()
    form = LinkRequestForm(request.POST or None, sources=sources, today=today, latest=latest)
    if request.method == "POST" and form.is_valid():
        link_request = linking.link_request_file(user=request.user, **form.cleaned_data)
        messages.success(request, _("Het koppelverzoek is ingediend. De AVG-functionaris besluit erover."))
        return redirect("monitoring:link_request", pk=link_request.pk)
    return render(request, "monitoring/link_request_form.html", {"form": form})


@permission_required("monitoring.view_linkrequest", raise_exception=True)
def link_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    link_request = get_object_or_404(linking.link_requests_listed(), pk=pk)
    return _detail_page(request, link_request, LinkDecisionForm())


def _detail_page(request: HttpRequest, link_request: LinkRequest, form: LinkDecisionForm) -> HttpResponse:
    refusal = linking.link_decision_refusal(link_request, request.user)
    context = {
        "link_request": link_request,
        "form": None if refusal else form,
        # Why the form is missing, only for someone who decides and only while nobody has decided yet.
        "refusal": refusal if link_request.status == LinkRequest.Status.SUBMITTED else "",
    }
    return render(request, "monitoring/link_request_detail.html", context)


@require_POST
@permission_required("monitoring.decide_linkrequest", raise_exception=True)
def link_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    link_request = get_object_or_404(linking.link_requests_listed(), pk=pk)
    refusal = linking.link_decision_refusal(link_request, request.user)
    if refusal:
        messages.error(request, refusal)
        return redirect("monitoring:link_request", pk=pk)
    form = LinkDecisionForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, link_request, form)
    try:
        decided = linking.link_request_decide(
            link_request_id=pk, user=request.user, approve=form.approve, motivation=form.cleaned_data["motivation"]
        )
    except linking.LinkDecisionRefused as refused:  # someone else decided in the meantime
        messages.error(request, str(refused))
        return redirect("monitoring:link_request", pk=pk)
    messages.success(request, _("Uw besluit is vastgelegd: %(status)s.") % {"status": decided.get_status_display()})
    return redirect("monitoring:link_request", pk=pk)

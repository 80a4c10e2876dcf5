"""Following up a verdict: data requests to the municipality (datavragen) and the council's
follow-up inquiries (verdiepingsvragen)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.paging import paginate
from monitoring.analysis import verdicts
from monitoring.forms.followups import (
    DataRequestFilterForm,
    DataRequestForm,
    InquiryFilterForm,
    InquiryForm,
    PrefillForm,
)
from monitoring.models import Area, DataRequest, Inquiry
from monitoring.services import followups
from monitoring.services.followups import StatusRefused


def _filtered(request: HttpRequest) -> bool:
    return any(value for name, value in request.GET.items() if name != "pagina")


@permission_required("monitoring.view_datarequest", raise_exception=True)
def data_request_list(request: HttpRequest) -> HttpResponse:
    form = DataRequestFilterForm(request.GET or None)
    data_requests = DataRequest.objects.select_related("theme", "area", "created_by")
    if form.chosen():
        data_requests = data_requests.filter(status=form.chosen())
    page, query = paginate(request, data_requests)
    for data_request in page.object_list:
        data_request.verdict_label = verdicts.described(data_request.verdict)
    context = {"form": form, "page": page, "query": query, "filtered": _filtered(request)}
    return render(request, "monitoring/data_request_list.html", context)


@permission_required("monitoring.add_datarequest", raise_exception=True)
def data_request_create(request: HttpRequest) -> HttpResponse:
    prefill = PrefillForm(request.GET or None)
    initial = prefill.values()
    initial.setdefault("level", getattr(initial.get("area"), "level", Area.Level.MUNICIPALITY))
    form = DataRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data_request = followups.data_request_create(user=request.user, **form.cleaned_data)
        messages.success(request, _("De datavraag is opgeslagen als concept. Dien hem in als hij klaar is."))
        return redirect("monitoring:data_request", pk=data_request.pk)
    context = {
        "form": form,
        "prefill_left_out": prefill.left_out,
        "verdict": verdicts.described(initial.get("verdict", "")),
        "comparison": _verdict_context(request, initial),
    }
    return render(request, "monitoring/data_request_form.html", context)


def _verdict_context(request: HttpRequest, initial: dict) -> followups.VerdictContext | None:
    """What the comparison says about the row the request comes from, if the link names one."""
    if not all(initial.get(name) for name in ("theme", "area", "period")):
        return None
    return followups.verdict_context(
        theme=initial["theme"], area=initial["area"], period=initial["period"], user=request.user
    )


@permission_required("monitoring.view_datarequest", raise_exception=True)
def data_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    data_request = get_object_or_404(DataRequest.objects.select_related("theme", "area", "created_by"), pk=pk)
    context = {
        "data_request": data_request,
        "verdict": verdicts.described(data_request.verdict),
        "next_statuses": [(status, DataRequest.Status(status).label) for status in data_request.next_statuses()],
        "comparison_url": _comparison_url(data_request),
    }
    return render(request, "monitoring/data_request_detail.html", context)


def _comparison_url(data_request: DataRequest) -> str:
    if data_request.area is None or data_request.period is None:
        return ""
    query = {"periode": data_request.period, "gebied": data_request.area.code}
    if data_request.verdict:
        query["oordeel"] = data_request.verdict
    return f"{reverse('monitoring:comparison')}?{urlencode(query)}"


@require_POST
@permission_required("monitoring.change_datarequest", raise_exception=True)
def data_request_status(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(DataRequest, pk=pk)
    try:
        moved = followups.data_request_move(data_request_id=pk, status=request.POST.get("status", ""))
    except StatusRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, _("De datavraag heeft nu de status „%(status)s”.") % {"status": moved.get_status_display()}
        )
    return redirect("monitoring:data_request", pk=pk)


@permission_required("monitoring.view_inquiry", raise_exception=True)
def inquiry_list(request: HttpRequest) -> HttpResponse:
    form = InquiryFilterForm(request.GET or None)
    inquiries = Inquiry.objects.select_related("theme", "area").order_by("-is_open", "-created_at")
    if form.chosen():
        inquiries = inquiries.filter(is_open=form.chosen() == InquiryFilterForm.OPEN)
    page, query = paginate(request, inquiries)
    totals = followups.inquiry_totals(inquiry_ids=[inquiry.pk for inquiry in page.object_list])
    for inquiry in page.object_list:
        inquiry.signals_shown = totals[inquiry.pk]
    context = {
        "form": form,
        "page": page,
        "query": query,
        "filtered": _filtered(request),
    }
    return render(request, "monitoring/inquiry_list.html", context)


@permission_required("monitoring.add_inquiry", raise_exception=True)
def inquiry_create(request: HttpRequest) -> HttpResponse:
    prefill = PrefillForm(request.GET or None)
    initial = {k: v for k, v in prefill.values().items() if k in ("theme", "area")}
    form = InquiryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        inquiry = followups.inquiry_create(user=request.user, **form.cleaned_data)
        messages.success(request, _("De verdiepingsvraag staat open. Leden zien hem nu op het signaalformulier."))
        return redirect("monitoring:inquiry", pk=inquiry.pk)
    context = {"form": form, "prefill_left_out": prefill.left_out}
    return render(request, "monitoring/inquiry_form.html", context)


@permission_required("monitoring.view_inquiry", raise_exception=True)
def inquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = get_object_or_404(Inquiry.objects.select_related("theme", "area", "created_by"), pk=pk)
    context = {
        "inquiry": inquiry,
        "counts": followups.inquiry_counts(inquiry=inquiry),
        "signals_url": f"{reverse('signals:list')}?{urlencode({'verdiepingsvraag': inquiry.pk})}",
    }
    return render(request, "monitoring/inquiry_detail.html", context)


@require_POST
@permission_required("monitoring.change_inquiry", raise_exception=True)
def inquiry_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(Inquiry, pk=pk)
    wanted = request.POST.get("open")
    if wanted not in ("0", "1"):
        messages.error(request, _("Kies of de vraag open of dicht moet. Er is niets veranderd."))
        return redirect("monitoring:inquiry", pk=pk)
    inquiry = followups.inquiry_set_open(inquiry_id=pk, is_open=wanted == "1")
    if inquiry.is_open:
        messages.success(request, _("De vraag is weer open. Leden zien hem op het signaalformulier."))
    else:
        messages.success(
            request, _("De vraag is gesloten. Leden zien hem niet meer op het formulier; de signalen blijven erbij.")
        )
    return redirect("monitoring:inquiry", pk=pk)

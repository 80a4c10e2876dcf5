from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from config.paging import paginate
from config.parameters import renamed_parameters
from learning.suggestions.views import suggestion_context
from signals import services
from signals.forms import SignalFilterForm, SignalForm, ThemeForm
from signals.guard.forms import REASON_LABELS, kind_label
from signals.models import DismissedFinding, Signal, Theme
from signals.visibility import visible_filters


@permission_required("signals.view_signal", raise_exception=True)
@renamed_parameters(SignalFilterForm.OLD_NAMES)
def signal_list(request: HttpRequest) -> HttpResponse:
    form = SignalFilterForm(request.GET or None)
    signals = Signal.objects.with_related()
    if form.is_bound:
        form.is_valid()  # a wrong field gets its message; the fields that are right still filter
        signals = signals.filtered(**visible_filters(form.filters(), request.user))
        if form.cleaned_data.get("verdiepingsvraag") is not None:
            signals = signals.filter(inquiry=form.cleaned_data["verdiepingsvraag"])
    page, query = paginate(request, signals)
    filtered = any(value for name, value in request.GET.items() if name != "pagina")
    context = {"form": form, "page": page, "query": query, "filtered": filtered}
    return render(request, "signals/signal_list.html", context)


@permission_required("signals.view_signal", raise_exception=True)
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_object_or_404(Signal.objects.with_related().select_related("created_by"), pk=pk)
    context = {
        "signal": signal,
        "can_change": signal.can_be_changed_by(request.user),
        "can_delete": signal.can_be_deleted_by(request.user),
    }
    return render(request, "signals/signal_detail.html", context)


@sensitive_post_parameters("summary")
@permission_required("signals.add_signal", raise_exception=True)
def signal_create(request: HttpRequest) -> HttpResponse:
    return _signal_form_page(request, Signal())


@sensitive_post_parameters("summary")
@permission_required("signals.change_signal", raise_exception=True)
def signal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_object_or_404(Signal, pk=pk)
    if not signal.can_be_changed_by(request.user):
        raise PermissionDenied
    return _signal_form_page(request, signal)


def _signal_form_page(request: HttpRequest, signal: Signal) -> HttpResponse:
    """Show the form; a guard button changes the text and shows it again (the form does that), so does a
    theme suggestion's button (it ticks the theme); else save."""
    if request.method != "POST":
        # "Log a signal under this question" links here with ?verdiepingsvraag=<pk>; the form offers open ones only.
        initial = {"inquiry": request.GET.get("verdiepingsvraag")} if signal.pk is None else {}
        form = SignalForm(instance=signal, initial=initial)
        return render(request, "signals/signal_form.html", {"form": form, "signal": signal})
    form = SignalForm(request.POST, instance=signal)
    if form.is_valid():
        saved = services.signal_save(form=form, user=request.user)
        messages.success(request, _("Het signaal is opgeslagen."))
        return redirect(saved)
    context = {"form": form, "signal": signal}
    if form.suggest_pressed:  # "Thema's voorstellen" or a suggestion's button, without JavaScript
        context |= suggestion_context(text=form.data.get("summary", ""), ticked=form.data.getlist("themes"))
    return render(request, "signals/signal_form.html", context)


@permission_required("signals.review_dismissedfinding", raise_exception=True)
def dismissal_list(request: HttpRequest) -> HttpResponse:
    """Signals with findings marked as not personal: kind, place, who, when and why. Never the text."""
    marks = DismissedFinding.objects.select_related("dismissed_by").order_by("start")
    signals = (
        Signal.objects.filter(dismissed_findings__isnull=False)
        .annotate(last_mark=Max("dismissed_findings__dismissed_at"))
        .order_by("-last_mark", "-pk")
        .prefetch_related(Prefetch("dismissed_findings", queryset=marks))
    )
    page, query = paginate(request, signals)
    for signal in page.object_list:
        for mark in signal.dismissed_findings.all():
            mark.kind_label, mark.reason_label = kind_label(mark.kind), REASON_LABELS.get(mark.reason, "")
    return render(request, "signals/dismissal_list.html", {"page": page, "query": query})


@require_POST
@permission_required("signals.review_dismissedfinding", raise_exception=True)
def dismissal_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    mark = get_object_or_404(DismissedFinding, pk=pk)
    mark.reopen()
    messages.success(
        request,
        _("De melding in signaal %(id)s is heropend. Wie het signaal bewerkt, ziet hem weer.") % {"id": mark.signal_id},
    )
    page = request.POST.get("pagina", "")
    return redirect(reverse("signals:dismissals") + (f"?pagina={page}" if page.isdigit() else ""))


@permission_required("signals.delete_signal", raise_exception=True)
def signal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_object_or_404(Signal, pk=pk)
    if not signal.can_be_deleted_by(request.user):
        raise PermissionDenied
    if request.method == "POST":
        services.signal_delete(signal=signal)
        messages.success(request, _("Het signaal is verwijderd."))
        return redirect("signals:list")
    return render(request, "signals/signal_confirm_delete.html", {"signal": signal})


@permission_required("signals.view_theme", raise_exception=True)
def theme_list(request: HttpRequest) -> HttpResponse:
    themes = Theme.objects.annotate(signal_count=Count("signals")).in_tree_order()
    tops = [t for t in themes if t.parent_id is None]
    children: dict[int, list[Theme]] = {}
    for theme in themes:
        if theme.parent_id:
            children.setdefault(theme.parent_id, []).append(theme)
    tree = [(top, children.get(top.pk, [])) for top in tops]
    return render(request, "signals/theme_list.html", {"tree": tree})


@permission_required("signals.add_theme", raise_exception=True)
def theme_create(request: HttpRequest) -> HttpResponse:
    return _theme_form_page(request, Theme())


@permission_required("signals.change_theme", raise_exception=True)
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _theme_form_page(request, get_object_or_404(Theme, pk=pk))


def _theme_form_page(request: HttpRequest, theme: Theme) -> HttpResponse:
    form = ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        services.theme_save(form=form)
        messages.success(request, _("Het thema „%(name)s” is opgeslagen.") % {"name": form.instance.label})
        return redirect("signals:themes")
    return render(request, "signals/theme_form.html", {"form": form, "theme": theme})


@require_POST
@permission_required("signals.change_theme", raise_exception=True)
def theme_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    theme = get_object_or_404(Theme, pk=pk)
    theme.is_active = not theme.is_active
    theme.save(update_fields=["is_active"])
    if theme.is_active:
        messages.success(request, _("Het thema „%(name)s” staat weer in het formulier.") % {"name": theme.label})
    else:
        messages.success(
            request, _("Het thema „%(name)s” is uitgezet. Oude signalen houden het.") % {"name": theme.label}
        )
    return redirect("signals:themes")

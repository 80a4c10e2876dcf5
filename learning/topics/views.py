"""The topics pages: start a search, follow its progress, read its topics, turn one into a theme."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRefresh

from config.paging import paginate
from learning.topics import display
from learning.topics.forms import TopicRunForm, TopicThemeForm
from learning.topics.models import TopicRun
from learning.topics.services import topic_theme_create, topicrun_start
from signals.models import Signal, Theme

VIEW = "learning.view_topicrun"
RECENT_RUNS = 10


@permission_required(VIEW, raise_exception=True)
def topics(request: HttpRequest) -> HttpResponse:
    """The question (period and area) and the searches made before."""
    form = TopicRunForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("learning.add_topicrun"):
            raise PermissionDenied
        if form.is_valid():
            run = topicrun_start(
                user=request.user,
                date_from=form.cleaned_data["van"],
                date_to=form.cleaned_data["tot"],
                area=form.cleaned_data["gebied"],
            )
            return redirect("learning:topics_run", pk=run.pk)
    page, query = paginate(request, TopicRun.objects.select_related("area"), RECENT_RUNS)
    return render(request, "learning/topics/index.html", {"form": form, "page": page, "query": query})


@permission_required(VIEW, raise_exception=True)
def topics_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(TopicRun.objects.select_related("area"), pk=pk)
    context = {"run": run}
    if run.status == TopicRun.Status.DONE:
        context.update(topics=display.topics_for(run, request.user), summary=display.summary(run))
    return render(request, "learning/topics/run.html", context)


@permission_required(VIEW, raise_exception=True)
def topics_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the page while the search runs; reloads the page when it is done."""
    run = get_object_or_404(TopicRun, pk=pk)
    if not request.htmx:
        return redirect("learning:topics_run", pk=run.pk)
    if not run.is_working:
        return HttpResponseClientRefresh()
    return render(request, "learning/topics/_progress.html", {"run": run})


@permission_required(VIEW, raise_exception=True)
@permission_required("signals.add_theme", raise_exception=True)
def topics_theme(request: HttpRequest, pk: int, topic: int) -> HttpResponse:
    """A new theme from a topic: names and place, a preview, then the theme saved and the ticked
    signals tagged with it in one step."""
    run = get_object_or_404(TopicRun, pk=pk, status=TopicRun.Status.DONE)
    found = run.topic(topic)
    if found is None:
        raise Http404
    form = TopicThemeForm(request.POST or None, instance=Theme(), signal_ids=found["signal_ids"])
    if request.method == "POST" and form.is_valid() and request.POST.get("stap") == "opslaan":
        chosen = [s.pk for s in form.cleaned_data["signalen"]]
        theme, tagged = topic_theme_create(form=form, signal_ids=chosen)
        messages.success(
            request,
            _("Het thema „%(name)s” is opgeslagen en %(count)s signalen hebben het gekregen.")
            % {"name": theme.label, "count": tagged},
        )
        return redirect("signals:themes")
    preview = form.is_bound and form.is_valid()
    signals = Signal.objects.filter(pk__in=found["signal_ids"]).select_related("district").order_by("-pk")
    checked = {int(v) for v in (form["signalen"].value() or []) if str(v).isdigit()}
    context = {"run": run, "topic": found, "number": topic + 1, "form": form, "preview": preview}
    context.update(signals=signals, checked=checked)
    if preview:
        context["chosen"] = len(form.cleaned_data["signalen"])
    return render(request, "learning/topics/theme_form.html", context)

"""The theme suggestions' pages: the suggestions in the signal form (htmx) and the evaluation page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from learning.suggestions import services
from learning.suggestions.models import ThemeModel, ThemeModelTraining
from signals.models import SUMMARY_MAX_LENGTH, Theme


@sensitive_post_parameters("summary")
@require_POST
@permission_required("signals.add_signal", raise_exception=True)
def suggest(request: HttpRequest) -> HttpResponse:
    """The suggestions for the summary being typed, as the part of the form htmx swaps in. Stores nothing."""
    text = request.POST.get("summary", "")[:SUMMARY_MAX_LENGTH]
    context = suggestion_context(text=text, ticked=request.POST.getlist("themes"))
    return render(request, "learning/suggestions/_suggestions.html", context)


def suggestion_context(*, text: str, ticked: list[str]) -> dict:
    """What _suggestions.html shows: the suggestions for the text and which themes are ticked already."""
    return {"result": services.themes_suggest(text=text), "ticked": {t for t in ticked if t.isdigit()}}


@permission_required("learning.view_thememodel", raise_exception=True)
def evaluation_page(request: HttpRequest) -> HttpResponse:
    """How well the newest model suggests, cross-validated. Numbers and theme names only: never a text
    and never the model's vocabulary, which holds pieces of texts."""
    newest = ThemeModel.objects.defer("fitted").first()
    figures = newest.evaluation if newest else {}
    labels = {t.slug: t.label for t in Theme.objects.all()}
    context = {
        "model": newest,
        "figures": figures,
        "per_theme": _labelled(figures.get("per_theme", []), labels, "theme"),
        "confused": _labelled(_labelled(figures.get("confused", []), labels, "theme"), labels, "suggested"),
        "training": ThemeModelTraining.objects.first(),
        "tagged": services.tagged_signal_count(),
    }
    return render(request, "learning/suggestions/evaluation.html", context)


def _labelled(rows: list[dict], labels: dict[str, str], key: str) -> list[dict]:
    return [{**row, f"{key}_label": labels.get(row[key], row[key])} for row in rows]


@require_POST
@permission_required("learning.add_thememodel", raise_exception=True)
def train(request: HttpRequest) -> HttpResponse:
    services.theme_model_training_start(user=request.user)
    messages.success(request, _("De training is gestart. Dat duurt een paar minuten."))
    return redirect("learning:suggestions")


@permission_required("learning.view_thememodel", raise_exception=True)
def training_progress(request: HttpRequest) -> HttpResponse:
    """The training's state; the page asks for it every few seconds while the training runs."""
    context = {"training": ThemeModelTraining.objects.first()}
    return render(request, "learning/suggestions/_training.html", context)

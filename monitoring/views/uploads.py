"""Uploading a file of figures: upload, (map columns,) check with a preview, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from monitoring.analysis.importing import stored_error_shown
from monitoring.analysis.importing.examples import CATALOGUE, OBSERVATIONS, template_csv, template_xlsx
from monitoring.forms.uploads import CbsMappingForm, UploadForm
from monitoring.models import Area, Indicator, Upload
from monitoring.services import upload_confirm as confirm_upload
from monitoring.services import upload_create as create_upload
from monitoring.services import upload_map
from monitoring.services.linking import VALUES_HIDDEN, usable_sources

RECENT_UPLOADS = 10
TEMPLATES = {"lang": OBSERVATIONS, "indicatoren": CATALOGUE}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _get_upload_for_user(request: HttpRequest, pk: int) -> Upload:
    """Users see only their own uploads: a file waiting for its check is not yet shared."""
    return get_object_or_404(Upload.objects.defer("data"), pk=pk, uploaded_by=request.user)


@permission_required("monitoring.add_upload", raise_exception=True)
def upload_create(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = create_upload(
            user=request.user,
            file_name=form.cleaned_data["file"].name,
            data=form.cleaned_data["data"],
            fmt=form.cleaned_data["format"],
        )
        return redirect("monitoring:upload_detail", pk=upload.pk)
    recent = Upload.objects.defer("data").filter(uploaded_by=request.user)[:RECENT_UPLOADS]
    return render(request, "monitoring/upload_form.html", {"form": form, "recent": recent})


@permission_required("monitoring.add_upload", raise_exception=True)
def upload_template(request: HttpRequest, fmt: str = "csv") -> HttpResponse:
    """A file with the right headers and three example rows, to fill in a spreadsheet program."""
    template = TEMPLATES.get(request.GET.get("soort", ""), OBSERVATIONS)
    if fmt == "xlsx":
        response = HttpResponse(template_xlsx(template), content_type=XLSX)
    else:
        response = HttpResponse(template_csv(template), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{template.file_name}.{fmt}"'
    return response


@permission_required("monitoring.add_upload", raise_exception=True)
def upload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    upload = _get_upload_for_user(request, pk)
    if upload.status == Upload.Status.MAPPING:
        return redirect("monitoring:upload_mapping", pk=upload.pk)
    errors = [stored_error_shown(error) for error in upload.errors if isinstance(error, dict)]
    context = {"upload": upload, "errors": errors, **_examples(upload, request.user)}
    return render(request, "monitoring/upload_detail.html", context)


def _examples(upload: Upload, user) -> dict:
    """The preview's example rows, with the names of their indicators and areas. The values of a
    source this user may not use are left out, the uploader's own file included: once imported
    they are that source's figures (services/linking.py)."""
    examples = upload.summary.get("examples", []) if isinstance(upload.summary, dict) else []
    codes = {example.get("indicator") for example in examples}
    indicators = Indicator.objects.filter(code__in=codes).only("code", "name", "name_en", "source")
    names = {indicator.code: indicator.label for indicator in indicators}
    shown = set(indicators.filter(source__in=usable_sources(user=user)).values_list("code", flat=True))
    areas = dict(Area.objects.filter(code__in={e.get("area") for e in examples}).values_list("code", "name"))
    hidden = {"value": None, "previous": None, "hidden": True}
    rows = [
        {
            **e,
            "indicator_name": names.get(e.get("indicator"), ""),
            "area_name": areas.get(e.get("area"), ""),
            **({"hidden": False} if e.get("indicator") in shown else hidden),
        }
        for e in examples
    ]
    return {"examples": rows, "hidden": VALUES_HIDDEN if len(shown) < len(codes) else ""}


@permission_required("monitoring.add_upload", raise_exception=True)
def upload_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the page while a worker checks or imports; reloads the page when it is done."""
    upload = _get_upload_for_user(request, pk)
    if not request.htmx:
        return redirect("monitoring:upload_detail", pk=upload.pk)
    if not upload.is_working:
        return HttpResponseClientRefresh()
    return render(request, "monitoring/_upload_progress.html", {"upload": upload})


@permission_required("monitoring.add_upload", raise_exception=True)
def upload_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    upload = get_object_or_404(Upload, pk=pk, uploaded_by=request.user, format=Upload.Format.CBS)
    if upload.status not in (Upload.Status.MAPPING, Upload.Status.REFUSED, Upload.Status.READY) or not upload.has_file:
        return redirect("monitoring:upload_detail", pk=upload.pk)
    form = CbsMappingForm(request.POST or None, upload=upload)
    if request.method == "POST" and form.is_valid():
        upload_map(
            upload=upload, mapping=form.cleaned_data["mapping"], category_column=form.cleaned_data["category_column"]
        )
        return redirect("monitoring:upload_detail", pk=upload.pk)
    return render(request, "monitoring/upload_mapping.html", {"upload": upload, "form": form})


@require_POST
@permission_required("monitoring.add_upload", raise_exception=True)
def upload_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    upload = _get_upload_for_user(request, pk)
    if not confirm_upload(upload=upload):
        messages.info(request, _("Dit bestand wordt al geïmporteerd of is al geïmporteerd."))
    return redirect("monitoring:upload_detail", pk=upload.pk)


@require_POST
@permission_required("monitoring.add_upload", raise_exception=True)
def upload_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    upload = _get_upload_for_user(request, pk)
    if upload.is_working or upload.status == Upload.Status.DONE:
        messages.info(request, _("Dit bestand wordt nu verwerkt of is al geïmporteerd. Verwijderen kan niet meer."))
        return redirect("monitoring:upload_detail", pk=upload.pk)
    upload.delete()
    messages.success(request, _("Het bestand is verwijderd. Er is niets geïmporteerd."))
    return redirect("monitoring:upload")

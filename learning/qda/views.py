"""The exchange pages under /leren/qda/: export a project or the codebook; import a codebook
(upload, preview, confirm), the way the figures' upload works."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from learning.qda.forms import CodebookUploadForm, ExportForm
from learning.qda.models import CodebookUpload
from learning.qda.reading import CodebookRefused
from learning.qda.services import (
    codebook_check,
    codebook_import,
    codebook_upload_create,
    qda_codebook_export,
    qda_project_export,
)
from signals.models import Signal

EXPORT = "learning.export_qda"
IMPORT = "signals.add_theme"


def _render_index(request: HttpRequest, form: ExportForm, status: int = 200) -> HttpResponse:
    flagged = Signal.objects.filter(guard_flagged_at__isnull=False).count()
    return render(request, "learning/qda/index.html", {"form": form, "flagged": flagged}, status=status)


@login_required
def qda(request: HttpRequest) -> HttpResponse:
    if not (request.user.has_perm(EXPORT) or request.user.has_perm(IMPORT)):
        raise PermissionDenied
    return _render_index(request, ExportForm())


@permission_required(EXPORT, raise_exception=True)
def qda_project(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.GET)
    if not form.is_valid():
        return _render_index(request, form, status=400)
    data, _flagged = qda_project_export(user=request.user, filters=form.filters())
    return _attachment(data, "application/zip", f"meedoen-signalen-{timezone.localdate():%Y-%m-%d}.qdpx")


@permission_required(EXPORT, raise_exception=True)
def qda_codebook(request: HttpRequest) -> HttpResponse:
    return _attachment(qda_codebook_export(), "application/xml", f"meedoen-themas-{timezone.localdate():%Y-%m-%d}.qdc")


def _attachment(data: bytes, content_type: str, file_name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@permission_required(IMPORT, raise_exception=True)
def qda_import(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = CodebookUploadForm(request.POST if posted else None, request.FILES if posted else None)
    problems = []
    if posted and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            codebook_check(data=data)
        except CodebookRefused as refused:
            problems = refused.problems
        else:
            codebook_upload_create(user=request.user, file_name=form.cleaned_data["file"].name, data=data)
            return redirect("learning:qda_preview")
    return render(request, "learning/qda/import.html", {"form": form, "problems": problems})


def _waiting(request: HttpRequest) -> CodebookUpload | None:
    return CodebookUpload.objects.filter(uploaded_by=request.user).order_by("-created_at").first()


@permission_required(IMPORT, raise_exception=True)
def qda_preview(request: HttpRequest) -> HttpResponse:
    upload = _waiting(request)
    if upload is None:
        messages.info(request, _("Er wacht geen codeboek op bevestiging. Upload er een."))
        return redirect("learning:qda_import")
    try:
        plan, problems = codebook_check(data=bytes(upload.data)), []
    except CodebookRefused as refused:
        plan, problems = None, refused.problems  # the themes changed since the upload
    return render(request, "learning/qda/preview.html", {"upload": upload, "plan": plan, "problems": problems})


@require_POST
@permission_required(IMPORT, raise_exception=True)
def qda_confirm(request: HttpRequest) -> HttpResponse:
    upload = _waiting(request)
    if upload is None:
        messages.info(request, _("Dit codeboek is al ingelezen of verwijderd."))
        return redirect("learning:qda_import")
    try:
        plan = codebook_import(upload=upload)
    except CodebookRefused:
        messages.error(request, _("Het codeboek past niet meer bij de thema's. Er is niets opgeslagen."))
        return redirect("learning:qda_preview")
    messages.success(request, _summary(plan))
    return redirect("signals:themes")


def _summary(plan) -> str:
    created = ngettext("%(n)s nieuw thema", "%(n)s nieuwe thema's", len(plan.created)) % {"n": len(plan.created)}
    renamed = ngettext("%(n)s nieuwe naam", "%(n)s nieuwe namen", len(plan.renamed)) % {"n": len(plan.renamed)}
    moved = ngettext("%(n)s thema verplaatst", "%(n)s thema's verplaatst", len(plan.moved)) % {"n": len(plan.moved)}
    return _("Het codeboek is ingelezen: %(created)s, %(renamed)s, %(moved)s.") % {
        "created": created,
        "renamed": renamed,
        "moved": moved,
    }


@require_POST
@permission_required(IMPORT, raise_exception=True)
def qda_cancel(request: HttpRequest) -> HttpResponse:
    CodebookUpload.objects.filter(uploaded_by=request.user).delete()
    messages.success(request, _("Het codeboek is verwijderd. Er is niets ingelezen."))
    return redirect("learning:qda_import")

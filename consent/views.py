"""Pages for coordinators (contacts, consents, purposes) and the privacy officer (access log, register)."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from config.paging import paginate
from config.parameters import renamed_parameters
from consent.forms import AccessLogFilterForm, AccessReasonForm, AddConsentForm, ContactForm, PurposeForm
from consent.models import AccessLog, Consent, Contact, Purpose
from consent.receipts import consent_receipt
from consent.register import processing_register
from consent.services import (
    DuplicateContact,
    consent_add,
    contact_erasure_preview,
    contact_open,
    contact_purge,
    contact_record,
    signal_link_contact,
)
from signals.models import Signal


@permission_required("consent.view_contact", raise_exception=True)
def contact_list(request: HttpRequest) -> HttpResponse:
    """Contacts by reference only: no personal data until one is opened with a reason."""
    contacts = (
        Contact.objects.filter(erased_at__isnull=True)
        .annotate(active=Count("consents", filter=Q(consents__ended_at__isnull=True)))
        .order_by("-created_at")
    )
    page, _query = paginate(request, contacts)
    return render(request, "consent/contact_list.html", {"page": page})


@sensitive_post_parameters("name", "email", "phone")
@permission_required("consent.add_contact", raise_exception=True)
def contact_create(request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contact = contact_record(
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                preferred_channel=data["preferred_channel"],
                purpose=data["purpose"],
                method=data["method"],
                user=request.user,
            )
        except DuplicateContact as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(request, _("Het contact en de toestemming zijn vastgelegd."))
            return redirect("consent:contact", contact.reference)
    return render(request, "consent/contact_form.html", {"form": form})


@permission_required("consent.view_contact", raise_exception=True)
def contact_detail(request: HttpRequest, reference) -> HttpResponse:
    """GET asks why; a POST with a reason logs the access and shows the data."""
    contact = _get_contact(reference)
    form = AccessReasonForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "consent/contact_reason.html", {"contact": contact, "form": form})
    contact_open(contact=contact, user=request.user, reason=form.cleaned_data["reason"])
    context = {
        "contact": contact,
        "consents": contact.consents.select_related("purpose", "text_version"),
        "add_form": AddConsentForm(contact=contact),
    }
    response = render(request, "consent/contact_detail.html", context)
    response["Cache-Control"] = "no-store"
    return response


@permission_required("consent.view_contact", raise_exception=True)
def contact_consents(request: HttpRequest, reference) -> HttpResponse:
    """The consents of a contact, without its personal data (no access to log)."""
    contact = _get_contact(reference)
    consents = contact.consents.select_related("purpose", "text_version")
    form = AddConsentForm(contact=contact)
    return render(
        request, "consent/contact_consents.html", {"contact": contact, "consents": consents, "add_form": form}
    )


@require_POST
@permission_required("consent.add_consent", raise_exception=True)
def consent_create(request: HttpRequest, reference) -> HttpResponse:
    contact = _get_contact(reference)
    form = AddConsentForm(request.POST, contact=contact)
    if form.is_valid():
        consent_add(
            contact=contact, purpose=form.cleaned_data["purpose"], method=form.cleaned_data["method"], user=request.user
        )
        messages.success(request, _("De toestemming is vastgelegd."))
    else:
        messages.error(
            request, _("Kies een doel waarvoor dit contact nog geen toestemming heeft, en hoe die is gegeven.")
        )
    return redirect("consent:consents", contact.reference)


@permission_required("consent.change_consent", raise_exception=True)
def consent_withdraw(request: HttpRequest, receipt_id) -> HttpResponse:
    """One click ends a consent; the last one first asks, since then the contact is erased. A GET changes nothing."""
    consent = get_object_or_404(Consent, receipt_id=receipt_id, contact__erased_at__isnull=True)
    if not consent.ending_erases():
        if request.method == "POST":
            consent.end(reason=Consent.EndReason.WITHDRAWN_ON_REQUEST)
            messages.success(request, _("De toestemming is ingetrokken."))
        return redirect("consent:consents", consent.contact.reference)
    if request.method != "POST" or "confirm" not in request.POST:
        return _erase_confirm_page(request, consent.contact, consent=consent)
    consent.end(reason=Consent.EndReason.WITHDRAWN_ON_REQUEST)
    contact_purge(contact_id=consent.contact_id)
    messages.success(
        request, _("De toestemming is ingetrokken. Er was geen andere toestemming: de gegevens zijn gewist.")
    )
    return redirect("consent:contacts")


@permission_required(["consent.change_contact", "consent.change_consent"], raise_exception=True)
def contact_erase(request: HttpRequest, reference) -> HttpResponse:
    """Erase a contact at the resident's request; GET shows what goes and asks first."""
    contact = _get_contact(reference)
    if request.method != "POST" or "confirm" not in request.POST:
        return _erase_confirm_page(request, contact)
    contact.erase(reason=Consent.EndReason.WITHDRAWN_ON_REQUEST)
    messages.success(request, _("De gegevens van dit contact zijn gewist en de toestemmingen zijn ingetrokken."))
    return redirect("consent:contacts")


def _erase_confirm_page(request: HttpRequest, contact: Contact, *, consent: Consent | None = None) -> HttpResponse:
    context = {
        "contact": contact,
        "consent": consent,
        "preview": contact_erasure_preview(contact=contact),
        "reason": Consent.EndReason.WITHDRAWN_ON_REQUEST.label,
    }
    return render(request, "consent/erase_confirm.html", context)


@require_POST
@permission_required("signals.change_any_signal", raise_exception=True)
def signal_link(request: HttpRequest, reference) -> HttpResponse:
    """Let a signal wait for feedback to this contact (needs consent for terugkoppeling)."""
    contact = _get_contact(reference)
    number = request.POST.get("signal", "").strip()
    signal = Signal.objects.filter(pk=int(number)).first() if number.isascii() and number.isdigit() else None
    if signal is None:
        messages.error(request, _("Dat signaalnummer bestaat niet."))
    else:
        try:
            signal_link_contact(signal=signal, contact=contact)
        except ValidationError:
            messages.error(request, _("Dit contact heeft geen geldige toestemming voor terugkoppeling."))
        else:
            messages.success(
                request, _("Signaal %(id)s wacht nu op terugkoppeling aan dit contact.") % {"id": signal.pk}
            )
    return redirect("consent:consents", contact.reference)


@permission_required("consent.view_consent", raise_exception=True)
def consent_receipt_page(request: HttpRequest, receipt_id) -> HttpResponse:
    consent = get_object_or_404(
        Consent.objects.select_related("purpose", "text_version", "contact"), receipt_id=receipt_id
    )
    return render(request, "consent/receipt.html", {"consent": consent, "receipt": consent_receipt(consent)})


@permission_required("consent.view_consent", raise_exception=True)
def consent_receipt_json(request: HttpRequest, receipt_id) -> HttpResponse:
    consent = get_object_or_404(
        Consent.objects.select_related("purpose", "text_version", "contact"), receipt_id=receipt_id
    )
    body = json.dumps(consent_receipt(consent), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="toestemmingsbewijs-{consent.receipt_id}.json"'
    return response


@permission_required("consent.view_purpose", raise_exception=True)
def purpose_list(request: HttpRequest) -> HttpResponse:
    purposes = Purpose.objects.prefetch_related("texts").annotate(
        active=Count("consents", filter=Q(consents__ended_at__isnull=True))
    )
    return render(request, "consent/purpose_list.html", {"purposes": purposes})


@permission_required("consent.add_purpose", raise_exception=True)
def purpose_create(request: HttpRequest) -> HttpResponse:
    return _purpose_form_page(request, Purpose())


@permission_required("consent.change_purpose", raise_exception=True)
def purpose_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _purpose_form_page(request, get_object_or_404(Purpose, pk=pk))


def _purpose_form_page(request: HttpRequest, purpose: Purpose) -> HttpResponse:
    form = PurposeForm(request.POST or None, instance=purpose)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            saved.set_text(form.cleaned_data["consent_text"])
        messages.success(request, _("Het doel „%(name)s” is opgeslagen.") % {"name": saved.name})
        return redirect("consent:purposes")
    return render(request, "consent/purpose_form.html", {"form": form, "purpose": purpose})


@permission_required("consent.view_accesslog", raise_exception=True)
@renamed_parameters(AccessLogFilterForm.OLD_NAMES)
def access_log(request: HttpRequest) -> HttpResponse:
    form = AccessLogFilterForm(request.GET or None)
    entries = AccessLog.objects.select_related("user", "contact")
    if form.is_valid():
        data = form.cleaned_data
        if data["gebruiker"]:
            entries = entries.filter(user__username__icontains=data["gebruiker"])
        if data["contact"]:
            entries = entries.filter(contact__reference__istartswith=data["contact"].strip())
        if data["reden"]:
            entries = entries.filter(reason=data["reden"])
        if data["van"]:
            entries = entries.filter(at__date__gte=data["van"])
        if data["tot"]:
            entries = entries.filter(at__date__lte=data["tot"])
    # The access log has always shown twice the rows of the other lists (50 by default).
    page, query = paginate(request, entries, per_page=2 * settings.PER_PAGE)
    return render(request, "consent/access_log.html", {"form": form, "page": page, "query": query})


@permission_required("consent.view_register", raise_exception=True)
def register(request: HttpRequest) -> HttpResponse:
    return render(request, "consent/register.html", {"processings": processing_register()})


def _get_contact(reference) -> Contact:
    contact = Contact.objects.filter(reference=reference, erased_at__isnull=True).first()
    if contact is None:
        raise Http404
    return contact

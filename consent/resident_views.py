"""The resident's own pages, without an account: ask for a link, then see, withdraw, erase, download."""

from __future__ import annotations

import json
import time
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.views.decorators.debug import sensitive_post_parameters

from consent import crypto
from consent.forms import ResidentRequestForm
from consent.links import LinkInvalid, link_is_usable, link_open
from consent.models import FEEDBACK_PURPOSE, Consent, Contact
from consent.services import contact_erasure_preview, contact_purge, resident_data, resident_link_request
from consent.statement import privacy_statement as statement_build

_SESSION_KEY = "resident"
_RATE_SALT = "meedoen.consent.resident-link-rate"


@login_not_required
@sensitive_post_parameters("email")
def request_link(request: HttpRequest) -> HttpResponse:
    """Always the same answer, whether the address is known or not."""
    form = ResidentRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if _over_limit(request, email):
            return render(request, "resident/too_many.html", status=429)
        resident_link_request(email=email, language=get_language())
        return render(request, "resident/link_sent.html")
    return render(request, "resident/request.html", {"form": form})


@login_not_required
def privacy_statement(request: HttpRequest) -> HttpResponse:
    """Public, like the request form: a consent receipt's policyUrl and the residents' pages point here."""
    return render(request, "resident/privacy.html", {"statement": statement_build()})


@login_not_required
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    """A GET only shows a button: mail scanners that follow links must not use them up."""
    if request.method != "POST":
        if not link_is_usable(token=token):
            return render(request, "resident/link_invalid.html", status=410)
        return render(request, "resident/open.html")
    try:
        contact = link_open(token=token)
    except LinkInvalid:
        return render(request, "resident/link_invalid.html", status=410)
    request.session.cycle_key()
    request.session[_SESSION_KEY] = {"contact": contact.pk, "until": time.time() + settings.RESIDENT_SESSION_SECONDS}
    return redirect("resident:overview")


def resident_required(view):
    """The resident's pages after the link: login-free, but only with a live resident session.

    The view gets the contact as its second argument."""

    @login_not_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        contact = _contact_in_session(request)
        if contact is None:
            return render(request, "resident/link_invalid.html", status=403)
        return view(request, contact, *args, **kwargs)

    return wrapper


@resident_required
def overview(request: HttpRequest, contact: Contact) -> HttpResponse:
    consents = list(contact.consents.select_related("purpose", "text_version"))
    active = [consent for consent in consents if consent.is_active]
    context = {
        "contact": contact,
        "consents": consents,
        # Withdrawing the only active consent erases everything: its button asks first.
        "last_receipt": active[0].receipt_id if len(active) == 1 else None,
        "feedback_purpose": FEEDBACK_PURPOSE,
        "waiting_for_feedback": contact.signals.exists(),
    }
    response = render(request, "resident/overview.html", context)
    response["Cache-Control"] = "no-store"
    return response


@resident_required
def withdraw(request: HttpRequest, contact: Contact, receipt_id) -> HttpResponse:
    """One click ends a consent; the last one first asks, since then all data goes. A GET changes nothing."""
    consent = get_object_or_404(Consent, receipt_id=receipt_id, contact=contact)
    if not consent.ending_erases():
        if request.method == "POST":
            consent.end(reason=Consent.EndReason.WITHDRAWN_BY_RESIDENT)
        return redirect("resident:overview")
    if request.method != "POST" or "confirm" not in request.POST:
        return _erase_confirm_page(request, contact, consent=consent)
    consent.end(reason=Consent.EndReason.WITHDRAWN_BY_RESIDENT)
    contact_purge(contact_id=contact.pk)  # that was the last consent: nothing may be kept
    request.session.flush()
    return render(request, "resident/erased.html", {"after_withdrawal": True})


@resident_required
def erase(request: HttpRequest, contact: Contact) -> HttpResponse:
    if request.method != "POST" or "confirm" not in request.POST:
        return _erase_confirm_page(request, contact)
    contact.erase(reason=Consent.EndReason.ERASED)
    request.session.flush()
    return render(request, "resident/erased.html")


def _erase_confirm_page(request: HttpRequest, contact: Contact, *, consent: Consent | None = None) -> HttpResponse:
    context = {"preview": contact_erasure_preview(contact=contact), "consent": consent}
    response = render(request, "resident/erase_confirm.html", context)
    response["Cache-Control"] = "no-store"
    return response


@resident_required
def download(request: HttpRequest, contact: Contact) -> HttpResponse:
    body = json.dumps(resident_data(contact), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-adviesraad.json"'
    response["Cache-Control"] = "no-store"
    return response


def _contact_in_session(request: HttpRequest) -> Contact | None:
    held = request.session.get(_SESSION_KEY)
    if not held or held.get("until", 0) < time.time():
        return None
    return Contact.objects.filter(pk=held["contact"], erased_at__isnull=True).first()


def _over_limit(request: HttpRequest, email: str) -> bool:
    """Over RESIDENT_LINK_REQUESTS_PER_IP_PER_HOUR from this network, or RESIDENT_LINK_REQUESTS_PER_HOUR for
    this e-mail address. The network's limit is higher: residents share computers and networks. A request
    from a network over its limit is not counted for the address, so one network cannot use up an address.
    The cache keys hold keyed hashes only (not the hash the contacts are searched by)."""
    ip = request.META.get("REMOTE_ADDR", "")
    if settings.TRUST_X_FORWARDED_FOR and request.META.get("HTTP_X_FORWARDED_FOR"):
        ip = request.META["HTTP_X_FORWARDED_FOR"].split(",")[0].strip()
    if _count(f"ip:{_keyed(ip)}") > settings.RESIDENT_LINK_REQUESTS_PER_IP_PER_HOUR:
        return True
    return _count(f"email:{_keyed(crypto.normalise_email(email))}") > settings.RESIDENT_LINK_REQUESTS_PER_HOUR


def _keyed(value: str) -> str:
    return salted_hmac(_RATE_SALT, value, algorithm="sha256").hexdigest()[:32]


def _count(key: str) -> int:
    """Count one request this hour under the key; returns the count so far."""
    key = f"resident-link:{key}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=3600)
        return 1

"""Error pages in plain language. They never repeat what was sent: no input,
no path, no exception text, so no personal data can leak through them."""

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def _error_page(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    html = render_to_string("error.html", {"status": status, "title": title, "text": text}, request=request)
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request, 400, _("Dat ging niet goed"), _("Uw verzoek kon niet worden gelezen. Probeer het opnieuw.")
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request,
        403,
        _("Geen toegang"),
        _("U hebt geen toestemming voor deze pagina. Denkt u dat dit niet klopt? Vraag het de beheerder."),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request,
        404,
        _("Pagina niet gevonden"),
        _("Deze pagina bestaat niet (meer). Controleer het adres of ga terug naar de startpagina."),
    )


def method_not_allowed(request: HttpRequest) -> HttpResponse:
    return _error_page(
        request, 405, _("Dat kan zo niet"), _("Deze pagina werkt alleen via een knop. Ga terug en gebruik de knop.")
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error_page(
        request,
        403,
        _("Het formulier is verlopen"),
        _(
            "Dit formulier was te lang open of werd op een andere manier verstuurd. "
            "Ga terug, laad de pagina opnieuw en probeer het nog eens."
        ),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """Standalone: no request context, no database, so it works when the database does not."""
    html = render_to_string(
        "error_plain.html",
        {
            "title": _("Er ging iets mis"),
            "text": _(
                "Er ging bij ons iets mis. Wat al was opgeslagen, is niet verloren gegaan. Probeer het later opnieuw."
            ),
        },
    )
    return HttpResponse(html, status=500)

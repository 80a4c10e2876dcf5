"""Every free-text field a person types goes through the personal-data guard, except a short list
with a reason each; and a guarded form refuses a name, address, phone number and BSN, keeping
what was typed and storing nothing."""

import importlib
import pkgutil

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from freezegun import freeze_time

from consent.models import Purpose
from monitoring.models import DataRequest, Inquiry, LinkRequest, SavedTable
from signals.models import Signal, Theme
from tests.factories import LinkRequestFactory, SignalFactory, UserFactory

APPS = ("config", "signals", "monitoring", "consent", "learning")
EXEMPT = {
    # Search and filter boxes: their value selects rows and is never stored.
    "signals.forms.SignalFilterForm.q": "search box, never stored",
    "consent.forms.AccessLogFilterForm.gebruiker": "filter box, never stored",
    "consent.forms.AccessLogFilterForm.contact": "filter box, never stored",
    "monitoring.forms.catalogue.ImportFilterForm.door": "filter box, never stored",
    "monitoring.forms.catalogue.IndicatorFilterForm.q": "search box, never stored",
    "monitoring.forms.tables.TableForm.categorie": "filter on a group of the figures (65+), part of the table's URL",
    # The consented contact data: personal data on purpose, encrypted, under the resident's consent.
    "consent.forms.ContactForm.name": "the consented contact's own name",
    "consent.forms.ContactForm.phone": "the consented contact's own phone number",
    "consent.forms.ResidentRequestForm.email": "a resident's own e-mail address, to send them their data",
    # Accounts: the member's own name and login, kept on purpose under the beheerder's care.
    "UserAdmin.username": "login name of an account",
    "UserAdmin.first_name": "an account's own name",
    "UserAdmin.last_name": "an account's own name",
}
PERSONAL = "Jan de Vries, Oude Delft 12, 2611 HB Delft, 06-12345678, BSN 111222333"


def _import_forms_modules() -> None:
    """Import every module called forms or admin, or inside a package of that name, in every app."""
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            parts = info.name.split(".")
            if ("forms" in parts or "admin" in parts) and "migrations" not in parts:
                importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def is_free_text(field: forms.Field) -> bool:
    if not isinstance(field, forms.CharField) or isinstance(field, (forms.EmailField, forms.URLField)):
        return False
    widget = field.widget
    return isinstance(widget, (forms.TextInput, forms.Textarea)) and not widget.is_hidden


def project_forms() -> list[type]:
    _import_forms_modules()
    found = {cls for cls in _subclasses(forms.BaseForm) if cls.__module__.split(".")[0] in APPS}
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def admin_forms(superuser) -> list[tuple[str, type]]:
    request = RequestFactory().get("/")
    request.user = superuser
    result = []
    for model, model_admin in admin.site._registry.items():
        name = f"{model.__name__}Admin"
        for obj in (None, model.objects.first()):
            result.append((name, model_admin.get_form(request, obj)))
    return result


def fields_of(cls: type) -> dict:
    """The fields as a form shows them (some are changed in __init__); a form that needs arguments, its class's."""
    try:
        return cls().fields
    except TypeError:
        return cls.base_fields


def unguarded(cls: type, prefix: str) -> list[str]:
    guarded = set(getattr(cls, "guarded_fields", ()))
    return [
        f"{prefix}.{name}"
        for name, field in fields_of(cls).items()
        if is_free_text(field) and name not in guarded and f"{prefix}.{name}" not in EXEMPT
    ]


@pytest.mark.django_db
def test_every_free_text_field_of_the_products_forms_is_guarded():
    missing = []
    for cls in project_forms():
        missing += unguarded(cls, f"{cls.__module__}.{cls.__qualname__}")
    assert missing == []


@pytest.mark.django_db
def test_every_free_text_field_of_the_admins_forms_is_guarded():
    superuser = UserFactory(is_superuser=True, is_staff=True)
    missing = []
    for name, cls in admin_forms(superuser):
        missing += unguarded(cls, name)
    assert missing == []


def test_the_walker_sees_the_forms_it_should():
    names = {cls.__name__ for cls in project_forms()}
    assert {"SignalForm", "ThemeForm", "InquiryForm", "DataRequestForm", "LinkRequestForm"} <= names
    assert {"LinkDecisionForm", "SavedTableForm", "PurposeForm", "GuardedGroupForm", "ContactForm"} <= names


def _with_a_signal(data: dict) -> dict:
    SignalFactory(conversation_date="2025-03-14")  # a table to save
    return data


def _table_data() -> dict:
    return _with_a_signal({"query": "gegevens=signalen"})


def _theme() -> str:
    return str(Theme.objects.get(slug="eenzaamheid").pk)


# Per guarded form: its page, who may use it, the data to post (the text goes in `field`), and what it stores.
GUARDED_PAGES = {
    "signal": ("signals:create", "member", "summary", Signal, lambda: {
        "conversation_date": "2025-03-14", "channel": "spreekuur", "kind": "knelpunt", "residents": "1",
        "themes": [_theme()],
    }),
    "theme": ("signals:theme_create", "coordinator", "name", Theme, lambda: {"position": "1", "is_active": "on"}),
    "inquiry": ("monitoring:inquiry_create", "coordinator", "question", Inquiry, lambda: {}),
    "data request": ("monitoring:data_request_create", "coordinator", "which_data", DataRequest, lambda: {
        "theme": _theme(), "why": "Voor het advies.", "level": "gemeente",
    }),
    "link request": ("monitoring:link_request_create", "coordinator", "benefit", LinkRequest, lambda: {
        "purpose": "Eenzaamheid per wijk vergelijken.", "valid_until": "2025-09-01",
    }),
    "saved table": ("monitoring:table_save", "coordinator", "name", SavedTable, _table_data),
    "purpose": ("consent:purpose_create", "coordinator", "description", Purpose, lambda: {
        "name": "Nieuwsbrief", "slug": "nieuwsbrief", "retention_days": "365", "consent_text": "Ik wil de nieuwsbrief.",
    }),
}  # fmt: skip


@freeze_time("2025-06-01")
# Not called "page": that is pytest-playwright's fixture, which would make these browser tests.
@pytest.mark.parametrize("form_page", GUARDED_PAGES)
def test_a_guarded_form_stops_personal_data_shows_it_marked_and_stores_nothing(client, delft, form_page, request):
    url_name, role, field, model, extra = GUARDED_PAGES[form_page]
    client.force_login(request.getfixturevalue(role))
    before = model.objects.count()
    response = client.post(reverse(url_name), {**extra(), field: PERSONAL})
    html = response.content.decode()
    assert response.status_code == 200
    assert model.objects.count() == before
    assert '<mark class="finding">06-12345678' in html and '<mark class="finding">111222333' in html
    assert f'id="guard-{field}"' in html
    assert "06-12345678, BSN 111222333</textarea>" in html or 'value="Jan de Vries' in html  # what was typed stays


@pytest.mark.django_db
def test_the_link_decision_stops_personal_data(privacy_client):
    link_request = LinkRequestFactory()
    url = reverse("monitoring:link_request_decide", args=[link_request.pk])
    response = privacy_client.post(url, {"decision": "goedkeuren", "motivation": PERSONAL})
    html = response.content.decode()
    assert '<mark class="finding">06-12345678' in html
    assert f'formaction="{url}#guard-motivation"' in html  # the buttons post to the decision, not the page
    link_request.refresh_from_db()
    assert link_request.status == LinkRequest.Status.SUBMITTED and PERSONAL not in link_request.motivation


@pytest.mark.django_db
def test_the_admins_role_form_refuses_personal_data():
    from config.admin import GuardedGroupForm

    form = GuardedGroupForm(data={"name": "Bel 06-12345678"})
    assert not form.is_valid() and form.has_error("name", "personal_data")
    assert not Group.objects.filter(name__contains="06").exists()

"""The processing register (AVG artikel 30): complete for every processing, and each purpose stores
only the contact data its consent text names."""

import importlib
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consent.models import Contact, DataCategory, Purpose
from consent.receipts import consent_receipt
from consent.register import processing_register
from tests.factories import ConsentFactory, PurposeFactory

pytestmark = pytest.mark.django_db

# Which words a consent text must contain for a purpose to store each kind of data (any one of them).
# The preferred channel only chooses between the ways of contact the text names.
WORDS_IN_THE_TEXT = {
    "naam": ("naam",),
    "e-mailadres": ("e-mailadres",),
    "telefoonnummer": ("telefoonnummer",),
    "voorkeur": ("e-mailadres", "telefoonnummer"),
}
SEEDED = ["terugkoppeling", "uitnodiging", "nieuwsbrief"]


def test_the_map_covers_every_kind_of_data_a_purpose_can_store():
    assert set(WORDS_IN_THE_TEXT) == set(DataCategory.values)


@pytest.mark.parametrize("slug", SEEDED)
def test_a_seeded_purpose_stores_exactly_what_its_consent_text_names(slug):
    purpose = Purpose.objects.get(slug=slug)
    assert purpose.data_categories, "a purpose for contact data stores at least something"
    for text in purpose.texts.all():  # every version a consent may have been given under
        lowered = text.text.lower()
        for category in purpose.data_categories:
            assert any(word in lowered for word in WORDS_IN_THE_TEXT[category]), (slug, text.version, category)
        named = {category for category, words in WORDS_IN_THE_TEXT.items() if any(word in lowered for word in words)}
        assert named <= set(purpose.data_categories), (slug, text.version, named)


def test_the_newsletter_stores_no_phone_number():
    newsletter = Purpose.objects.get(slug="nieuwsbrief")
    assert "telefoonnummer" not in newsletter.current_text.text
    assert newsletter.data_categories == ["naam", "e-mailadres", "voorkeur"]
    entry = next(p for p in processing_register() if p.name == newsletter.name)
    assert [str(item) for item in entry.data] == ["naam", "e-mailadres", "voorkeur voor e-mail of telefoon"]


def test_the_migration_puts_the_newsletters_categories_right_again():
    migration = importlib.import_module("consent.migrations.0006_purpose_data_categories")
    Purpose.objects.update(data_categories=["naam", "e-mailadres", "telefoonnummer", "voorkeur"])
    own = PurposeFactory(text="Ik geef toestemming om mijn naam en telefoonnummer te bewaren.")
    Purpose.objects.filter(pk=own.pk).update(data_categories=[])
    migration.set_categories(apps, None)
    assert Purpose.objects.get(slug="nieuwsbrief").data_categories == ["naam", "e-mailadres", "voorkeur"]
    assert Purpose.objects.get(slug="terugkoppeling").data_categories == list(WORDS_IN_THE_TEXT)
    assert Purpose.objects.get(pk=own.pk).data_categories == ["naam", "telefoonnummer", "voorkeur"]


def test_a_new_consent_text_decides_what_the_purpose_stores():
    purpose = Purpose.objects.get(slug="nieuwsbrief")
    purpose.set_text("Ik geef toestemming om mijn naam, e-mailadres en telefoonnummer te bewaren.")
    assert Purpose.objects.get(pk=purpose.pk).data_categories == list(WORDS_IN_THE_TEXT)
    purpose.set_text("Ik geef toestemming om mijn e-mailadres te bewaren voor de nieuwsbrief.")
    assert Purpose.objects.get(pk=purpose.pk).data_categories == ["e-mailadres", "voorkeur"]


def test_a_purpose_made_on_the_form_stores_what_its_text_names(coordinator_client):
    data = {
        "name": "Vrijwilligerspool",
        "slug": "vrijwilligers",
        "description": "Wij vragen u voor vrijwilligerswerk.",
        "retention_days": 365,
        "is_active": "on",
        "consent_text": "Ik geef toestemming om mijn naam en e-mailadres te bewaren om mij te vragen.",
    }
    coordinator_client.post(reverse("consent:purpose_create"), data)
    assert Purpose.objects.get(slug="vrijwilligers").data_categories == ["naam", "e-mailadres", "voorkeur"]


def test_every_processing_is_in_the_register():
    names = [str(p.name) for p in processing_register()]
    for purpose in Purpose.objects.all():
        assert purpose.name in names
    assert "Signalen uit gesprekken met inwoners" in names and "Inzagelogboek" in names


def test_every_processing_names_the_controller_and_the_privacy_officer(settings):
    settings.CONTROLLER_NAME = "Adviesraad Testdorp"
    settings.CONTROLLER_EMAIL = "raad@testdorp.example"
    settings.CONTROLLER_ADDRESS = "Postbus 1, 1234 AB Testdorp"
    settings.PRIVACY_OFFICER_NAME = "FG Testdorp"
    settings.PRIVACY_OFFICER_EMAIL = "fg@testdorp.example"
    for processing in processing_register():
        assert processing.controller == {
            "name": "Adviesraad Testdorp",
            "address": "Postbus 1, 1234 AB Testdorp",
            "email": "raad@testdorp.example",
        }
        assert processing.privacy_officer == {"name": "FG Testdorp", "email": "fg@testdorp.example"}


def test_every_processing_is_complete():
    for processing in processing_register():
        for part in ("purpose", "legal_basis", "people", "data", "recipients", "retention", "security"):
            assert getattr(processing, part), (processing.name, part)
        assert str(processing.transfers).startswith("Geen")


def test_recipients_are_the_roles_that_may_see_the_data():
    by_key = {p.key: [str(r) for r in p.recipients] for p in processing_register()}
    purpose_key = f"doel-{Purpose.objects.get(slug='terugkoppeling').pk}"
    assert any("rol „coordinator”" in r for r in by_key[purpose_key])
    assert not any("rol „lid”" in r for r in by_key[purpose_key])  # members never see contact data
    assert any("Geen derden" in r for r in by_key[purpose_key])
    assert any("rol „lid”" in r for r in by_key["signalen"])
    assert [r for r in by_key["inzagelogboek"] if "rol" in r] == [
        "de privacyfunctionaris van de adviesraad (rol „privacy”)"
    ]


def test_the_signals_retention_follows_the_setting(settings):
    settings.SIGNAL_TEXT_RETENTION_YEARS = 7
    signals = next(p for p in processing_register() if p.key == "signalen")
    assert "7 jaar na de datum van het gesprek" in str(signals.retention)
    assert "vaste tekst" in str(signals.retention) and "Thema's, wijk, datum, soort" in str(signals.retention)


def test_the_security_measures_name_encryption_access_log_roles_and_the_guard():
    purpose = next(p for p in processing_register() if p.key.startswith("doel-"))
    measures = " ".join(str(m) for m in purpose.security)
    for words in ("versleuteld", "inzagelogboek", "Rollen en rechten", "toets op persoonsgegevens"):
        assert words in measures


def test_the_register_page_shows_each_processing_under_its_own_heading(privacy_client, settings):
    settings.CONTROLLER_ADDRESS = "Postbus 78, 2600 ME Delft"
    page = privacy_client.get(reverse("consent:register")).content.decode()
    processings = processing_register()
    assert len(re.findall(r"<h1[ >]", page)) == 1
    for processing in processings:
        assert re.search(rf'<h2 class="h4" id="{processing.key}">', page)
    assert page.count("<dl") == len(processings)
    assert page.count("Postbus 78, 2600 ME Delft") == len(processings)
    assert page.count("Doorgifte buiten de EER") == len(processings)
    assert "365 dagen na de toestemming" in page


def test_the_register_page_lists_the_newsletters_data_without_phone(privacy_client):
    newsletter = Purpose.objects.get(slug="nieuwsbrief")
    page = privacy_client.get(reverse("consent:register")).content.decode()
    section = page.split(f'id="doel-{newsletter.pk}"')[1].split("</section>")[0]
    data = section.split("Soorten gegevens</dt>")[1].split("</dd>")[0]
    assert "naam" in data and "e-mailadres" in data and "telefoonnummer" not in data


def test_the_register_holds_no_personal_data(privacy_client, contact):
    page = privacy_client.get(reverse("consent:register")).content.decode()
    for secret in ("Fatima", "fatima@example.nl", "06-12345678"):
        assert secret not in page


def test_members_cannot_read_the_register(member_client):
    assert member_client.get(reverse("consent:register")).status_code == 403


def test_the_register_makes_no_query_per_purpose(privacy_client):
    with CaptureQueriesContext(connection) as few:
        privacy_client.get(reverse("consent:register"))
    PurposeFactory.create_batch(5)
    with CaptureQueriesContext(connection) as more:
        privacy_client.get(reverse("consent:register"))
    assert len(more) == len(few)


def test_no_demo_contact_holds_data_that_its_consents_do_not_cover():
    from consent.demo import demo_contacts_load
    from consent.models import Contact

    demo_contacts_load()
    for contact in Contact.objects.filter(erased_at__isnull=True):
        covered = set().union(*(c.purpose.data_categories for c in contact.active_consents().select_related("purpose")))
        held = {"naam": contact.name, "e-mailadres": contact.email, "telefoonnummer": contact.phone}
        assert {category for category, value in held.items() if value} <= covered, contact.reference


def test_a_consent_receipt_names_only_the_data_its_purpose_stores():
    newsletter = Purpose.objects.get(slug="nieuwsbrief")
    receipt = consent_receipt(ConsentFactory(purpose=newsletter))
    named = receipt["services"][0]["purposes"][0]["piiCategory"]
    assert named == [str(label) for label in newsletter.data_category_labels]
    assert "telefoonnummer" not in named


def test_a_phone_number_is_refused_for_a_purpose_whose_consent_text_names_none(coordinator_client):
    """The newsletter's consent text names no phone number, so its contacts may not leave one."""
    newsletter = Purpose.objects.get(slug="nieuwsbrief")
    data = {
        "name": "Piet Jansen",
        "email": "piet@example.nl",
        "phone": "0612345678",
        "preferred_channel": "email",
        "purpose": newsletter.pk,
        "method": "papier",
        "text_confirmed": "on",
    }
    response = coordinator_client.post(reverse("consent:contact_create"), data)
    assert "Dit doel bewaart geen telefoonnummer" in response.content.decode()
    assert "Piet Jansen" in response.content.decode()
    assert not Contact.objects.exists()

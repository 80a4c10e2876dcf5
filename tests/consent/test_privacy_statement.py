"""The public privacy statement: anyone reads it without an account, it says who is responsible, which
contact data is kept for which purpose and how long, the resident's rights and how to use them, and the
right to complain to the Autoriteit Persoonsgegevens. A consent receipt's policyUrl points to it."""

import json
import re

import pytest
from django.urls import reverse

from consent.models import Consent, Purpose
from consent.receipts import consent_receipt

pytestmark = pytest.mark.django_db

STATEMENT = reverse("resident:privacy")


def text_of(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).replace("&#x27;", "'")


def test_anyone_reads_it_without_logging_in(client):
    response = client.get(STATEMENT)
    assert response.status_code == 200
    assert "Privacyverklaring" in text_of(response)


def test_it_names_the_controller_and_the_privacy_officer(client, settings):
    settings.CONTROLLER_NAME = "Adviesraad Sociaal Domein Voorbeeldstad"
    settings.CONTROLLER_ADDRESS = "Postbus 1, 1234 AB Voorbeeldstad"
    settings.CONTROLLER_EMAIL = "raad@voorbeeld.nl"
    settings.PRIVACY_OFFICER_NAME = "Mr. P. Rivacy"
    settings.PRIVACY_OFFICER_EMAIL = "fg@voorbeeld.nl"
    page = text_of(client.get(STATEMENT))
    for fact in ("Adviesraad Sociaal Domein Voorbeeldstad", "Postbus 1, 1234 AB Voorbeeldstad", "raad@voorbeeld.nl"):
        assert fact in page
    assert "Mr. P. Rivacy" in page and "fg@voorbeeld.nl" in page


def test_every_purpose_says_which_contact_data_it_keeps_and_how_long(client):
    page = text_of(client.get(STATEMENT))
    newsletter = Purpose.objects.get(slug="nieuwsbrief")  # seeded: name, e-mail, channel; 730 days
    section = page[page.index(newsletter.name) :]
    assert newsletter.description in section
    assert "naam, e-mailadres en voorkeur voor e-mail of telefoon" in section[:600]
    assert "2 jaar" in section[:800]
    feedback = Purpose.objects.get(slug="terugkoppeling")  # 365 days
    assert "telefoonnummer" in page[page.index(feedback.name) :][:600]


def test_a_purpose_follows_what_coordinators_set(client):
    Purpose.objects.filter(slug="nieuwsbrief").update(retention_days=45)
    Purpose.objects.create(
        slug="oud", name="Een oud doel", description="Niet meer in gebruik.", retention_days=30, is_active=False
    )
    page = text_of(client.get(STATEMENT))
    assert "45 dagen" in page[page.index("Nieuwsbrief van de adviesraad") :][:800]
    assert "Een oud doel" not in page  # no longer used and nobody's consent under it


def test_a_purpose_switched_off_still_shows_while_someone_holds_a_consent_for_it(client, contact):
    purpose = contact.consents.get().purpose
    Purpose.objects.filter(pk=purpose.pk).update(is_active=False)
    assert purpose.name in text_of(client.get(STATEMENT))


def test_it_explains_the_rights_and_links_to_my_data(client):
    response = client.get(STATEMENT)
    page = text_of(response)
    for right in ("inzien", "downloaden", "intrekken", "wissen", "verbeteren"):
        assert right in page, right
    assert f'href="{reverse("resident:request")}"' in response.content.decode()


def test_it_names_the_right_to_complain_to_the_autoriteit_persoonsgegevens(client):
    response = client.get(STATEMENT)
    assert "Autoriteit Persoonsgegevens" in text_of(response)
    assert 'href="https://autoriteitpersoonsgegevens.nl/' in response.content.decode()


def test_it_says_how_long_the_stories_are_kept(client, settings):
    settings.SIGNAL_TEXT_RETENTION_YEARS = 7
    assert "7 jaar" in text_of(client.get(STATEMENT))


def test_it_carries_no_inline_script_or_style(client):
    html = client.get(STATEMENT).content.decode()
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html)) and " style=" not in html


def test_a_receipt_points_to_the_public_statement(client, contact, settings):
    receipt = consent_receipt(contact.consents.get())
    assert receipt["policyUrl"] == settings.SITE_URL + STATEMENT
    assert client.get(receipt["policyUrl"].removeprefix(settings.SITE_URL)).status_code == 200


def test_the_residents_download_points_to_the_public_statement(client, contact, settings):
    from consent.services import resident_data

    data = json.loads(json.dumps(resident_data(contact)))
    assert {c["policyUrl"] for c in data["consents"]} == {settings.SITE_URL + STATEMENT}


@pytest.mark.parametrize("name", ["resident:request", "resident:overview"])
def test_the_residents_pages_link_to_it(client, contact, name, django_capture_on_commit_callbacks, eager_celery):
    from django.core import mail
    from django.core.cache import cache

    cache.clear()
    if name == "resident:overview":
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("resident:request"), {"email": "fatima@example.nl"})
        client.post(re.search(r"http\S+(/mijn-gegevens/link/\S+/)", mail.outbox[-1].body).group(1))
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert f'href="{STATEMENT}"' in response.content.decode()


def test_the_link_sent_page_links_to_it(client):
    response = client.post(reverse("resident:request"), {"email": "iemand@example.nl"})
    assert f'href="{STATEMENT}"' in response.content.decode()


def test_it_counts_no_one(client, contact):
    # A public page must not tell how many residents gave consent.
    Consent.start(contact=contact, purpose=Purpose.objects.get(slug="nieuwsbrief"), method="online")
    page = text_of(client.get(STATEMENT))
    assert not re.search(r"\b1 (inwoner|toestemming)", page)

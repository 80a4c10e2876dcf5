"""The theme taxonomy: seeded from Positive Health and the SCP, kept by coordinators in the app."""

import pytest
from django.db.models import Sum
from django.urls import reverse

from signals.counting import counts_rebuild
from signals.models import SignalCount, Theme
from tests.factories import SignalFactory

pytestmark = pytest.mark.django_db

MEEDOEN_ASPECTS = [
    "Sociale contacten",
    "Serieus genomen worden",
    "Samen leuke dingen doen",
    "Steun van anderen",
    "Erbij horen",
    "Zinvolle dingen doen",
    "Interesse in de maatschappij",
]


def test_the_six_dimensions_hold_all_42_aspects():
    dimensions = Theme.objects.filter(origin="positieve_gezondheid", parent__isnull=True)
    assert dimensions.count() == 6
    assert Theme.objects.filter(parent__in=dimensions).count() == 42


def test_meedoen_has_its_seven_aspects_in_order():
    meedoen = Theme.objects.get(slug="meedoen")
    assert [t.name for t in meedoen.children.order_by("position")] == MEEDOEN_ASPECTS


def test_scp_participation_themes_are_there():
    names = set(Theme.objects.filter(origin="scp").values_list("name", flat=True))
    assert {
        "Sociale media",
        "Vrijwilligerswerk",
        "Mantelzorg",
        "Betaald werk",
        "Digitale vaardigheden",
        "Financiële zorgen",
    } <= names


def test_a_coordinator_adds_a_theme(coordinator_client):
    response = coordinator_client.post(
        reverse("signals:theme_create"),
        {
            "name": "Stripabonnement opgezegd",
            "name_en": "Comic subscription cancelled",
            "parent": "",
            "position": 0,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    theme = Theme.objects.get(name="Stripabonnement opgezegd")
    assert theme.slug == "stripabonnement-opgezegd" and theme.origin == "adviesraad"


def test_a_coordinator_renames_and_moves_a_theme_and_old_signals_follow(coordinator_client):
    theme = Theme.objects.get(slug="sociale-media")
    signal = SignalFactory(themes=[theme])
    meedoen = Theme.objects.get(slug="meedoen")
    response = coordinator_client.post(
        reverse("signals:theme_edit", args=[theme.pk]),
        {
            "name": "Sociale media en online contact",
            "name_en": "Social media",
            "parent": meedoen.pk,
            "position": 8,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Sociale media en online contact" and theme.parent == meedoen
    assert theme.slug == "sociale-media"  # exports keep a stable key
    assert list(signal.themes.all()) == [theme]


def test_moving_a_theme_moves_its_signals_into_the_new_main_themes_family_counts(coordinator_client):
    """The kept counts per family (a main theme with its aspects) follow a move at once, not at night."""
    theme = Theme.objects.get(slug="sociale-media")
    SignalFactory(themes=[theme])
    meedoen = Theme.objects.get(slug="meedoen")
    family = SignalCount.objects.families().filter(theme=meedoen.pk)
    before = family.aggregate(total=Sum("signals"))["total"] or 0
    data = {"name": theme.name, "name_en": theme.name_en, "parent": meedoen.pk, "position": 8, "is_active": "on"}
    coordinator_client.post(reverse("signals:theme_edit", args=[theme.pk]), data)
    assert family.aggregate(total=Sum("signals"))["total"] == before + 1
    kept = sorted(SignalCount.objects.values_list("theme", "family", "district", "month", "signals", "key_sum"))
    counts_rebuild()
    assert kept == sorted(SignalCount.objects.values_list("theme", "family", "district", "month", "signals", "key_sum"))


def test_the_model_refuses_a_second_level_and_a_dimension_under_another():
    from django.core.exceptions import ValidationError

    taal = Theme.objects.get(slug="taal")
    taal.parent = Theme.objects.get(slug="erbij-horen")
    with pytest.raises(ValidationError, match="één laag diep"):
        taal.full_clean()
    meedoen = Theme.objects.get(slug="meedoen")
    meedoen.parent = Theme.objects.get(slug="zingeving")
    with pytest.raises(ValidationError, match="hoofdthema blijven"):
        meedoen.full_clean()


def test_the_form_offers_only_main_themes_as_parent(coordinator_client):
    aspect = Theme.objects.get(slug="erbij-horen")
    theme = Theme.objects.get(slug="taal")
    response = coordinator_client.post(
        reverse("signals:theme_edit", args=[theme.pk]),
        {"name": "Taal", "parent": aspect.pk, "position": 0, "is_active": "on"},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("parent")


def test_a_dimension_with_aspects_cannot_be_moved_under_another(coordinator_client):
    meedoen = Theme.objects.get(slug="meedoen")
    zingeving = Theme.objects.get(slug="zingeving")
    response = coordinator_client.post(
        reverse("signals:theme_edit", args=[meedoen.pk]),
        {"name": "Meedoen", "parent": zingeving.pk, "position": 5, "is_active": "on"},
    )
    assert response.context["form"].has_error("parent")


def test_theme_names_are_unique_whatever_the_case(coordinator_client):
    response = coordinator_client.post(
        reverse("signals:theme_create"), {"name": "mantelzorg", "parent": "", "position": 0, "is_active": "on"}
    )
    assert response.status_code == 200
    assert Theme.objects.filter(name__iexact="mantelzorg").count() == 1


def test_deactivating_and_reactivating_a_theme(coordinator_client):
    theme = Theme.objects.get(slug="taal")
    url = reverse("signals:theme_toggle", args=[theme.pk])
    coordinator_client.post(url)
    theme.refresh_from_db()
    assert not theme.is_active
    coordinator_client.post(url)
    theme.refresh_from_db()
    assert theme.is_active


def test_members_cannot_manage_themes(member_client):
    theme = Theme.objects.get(slug="taal")
    assert member_client.get(reverse("signals:themes")).status_code == 200  # reading is fine
    assert member_client.get(reverse("signals:theme_create")).status_code == 403
    assert member_client.post(reverse("signals:theme_toggle", args=[theme.pk])).status_code == 403
    theme.refresh_from_db()
    assert theme.is_active


def test_toggling_needs_a_post(coordinator_client):
    theme = Theme.objects.get(slug="taal")
    assert coordinator_client.get(reverse("signals:theme_toggle", args=[theme.pk])).status_code == 405


def test_theme_names_follow_the_language(coordinator_client):
    from django.utils import translation

    theme = Theme.objects.get(slug="mantelzorg")
    with translation.override("en"):
        assert theme.label == "Informal care"
    assert theme.label == "Mantelzorg"


def test_a_duplicate_name_gets_a_plain_message(coordinator_client):
    response = coordinator_client.post(
        reverse("signals:theme_create"), {"name": "Eenzaamheid", "parent": "", "position": 0, "is_active": "on"}
    )
    assert "Er is al een thema met deze naam." in response.content.decode()


def test_the_list_filter_shows_aspects_under_their_dimension(member_client):
    labels = [
        label for _pk, label in member_client.get(reverse("signals:list")).context["form"].fields["thema"].choices
    ]
    meedoen = labels.index("Meedoen")
    assert labels[meedoen + 1 : meedoen + 3] == ["— Sociale contacten", "— Serieus genomen worden"]

"""Logging a signal: what a member types is checked, kept on error, and stored only when clean."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from signals.guard import scan
from signals.models import DismissedFinding, Signal, Theme

pytestmark = pytest.mark.django_db

CREATE = reverse("signals:create")


def form_data(**overrides):
    data = {
        "conversation_date": "2025-03-14",
        "district": "",
        "channel": "spreekuur",
        "kind": "knelpunt",
        "residents": "2",
        "age_band": "65-79",
        "summary": "Twee oudere bewoners missen de buurtbus naar het winkelcentrum.",
        "themes": [str(Theme.objects.get(slug="vervoer-en-bereikbaarheid").pk)],
        "dismissed": "",
    }
    data.update(overrides)
    return data


def test_a_clean_signal_is_saved_with_its_themes_and_author(member_client, member, delft):
    buitenhof = delft.children.get(code="WK050325")
    response = member_client.post(CREATE, form_data(district=str(buitenhof.pk)))
    signal = Signal.objects.get()
    assert response.status_code == 302 and response.url == signal.get_absolute_url()
    assert signal.created_by == member
    assert signal.district == buitenhof
    assert [t.slug for t in signal.themes.all()] == ["vervoer-en-bereikbaarheid"]
    assert signal.residents == 2 and signal.age_band == "65-79"


def test_the_form_lists_only_the_municipalitys_districts(member_client, delft):
    page = member_client.get(CREATE).content.decode()
    assert "Buitenhof" in page and "Tanthof-Oost" in page
    assert "Wijk 25" not in page


@freeze_time("2025-06-01")
def test_a_date_in_the_future_is_refused_and_the_text_is_kept(member_client):
    response = member_client.post(
        CREATE, form_data(conversation_date="2025-06-02", summary="Verhaal dat blijft staan.")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "kan niet in de toekomst liggen" in page
    assert "Verhaal dat blijft staan." in page
    assert not Signal.objects.exists()


@pytest.mark.parametrize("residents", ["0", "-3", "veel"])
def test_residents_must_be_at_least_one(member_client, residents):
    response = member_client.post(CREATE, form_data(residents=residents))
    assert response.status_code == 200
    assert response.context["form"].has_error("residents")
    assert not Signal.objects.exists()


def test_at_least_one_theme_is_needed(member_client):
    response = member_client.post(CREATE, form_data(themes=[]))
    assert response.context["form"].has_error("themes")
    assert not Signal.objects.exists()


def test_field_errors_are_tied_to_their_field_for_screen_readers(member_client):
    page = member_client.post(CREATE, form_data(residents="0", kind="", themes=[])).content.decode()
    assert 'aria-invalid="true"' in page
    # The error summary links to a field that exists, for groups of boxes the first box; for the themes,
    # folded per dimension, the theme filter box (tests/signals/test_theme_picker.py).
    for anchor in ("id_residents", "id_kind_0", "thema-zoek"):
        assert f'href="#{anchor}"' in page and f'id="{anchor}"' in page


def test_personal_data_stops_the_save_and_is_shown_marked(member_client):
    text = "Gesproken met Jan de Vries, bereikbaar op 06-12345678, over de lange wachtlijst."
    response = member_client.post(CREATE, form_data(summary=text))
    page = response.content.decode()
    assert not Signal.objects.exists()
    assert "mogelijk persoonsgegevens" in page
    assert '<mark class="finding">Jan de Vries' in page
    assert '<mark class="finding">06-12345678' in page
    assert "Vervang door [NAAM]" in page and "Vervang door [TELEFOON]" in page
    assert "over de lange wachtlijst." in page  # the rest of what was typed stays


def test_replacing_one_finding_changes_only_that_part_and_saves_nothing(member_client):
    text = "Gesproken met Jan de Vries, bereikbaar op 06-12345678."
    phone = scan(text)[1]
    response = member_client.post(CREATE, form_data(summary=text, guard_action=f"replace:{phone.key}"))
    form = response.context["form"]
    assert form.data["summary"] == "Gesproken met Jan de Vries, bereikbaar op [TELEFOON]."
    assert [f.text for f in form.findings] == ["Jan de Vries"]
    assert not Signal.objects.exists()


def test_replace_all_then_save_stores_the_tagged_text(member_client):
    text = "Gesproken met Jan de Vries, bereikbaar op 06-12345678."
    replaced = member_client.post(CREATE, form_data(summary=text, guard_action="replace_all"))
    assert replaced.context["form"].findings == []
    assert "Alles is nagekeken" in replaced.content.decode()
    assert not Signal.objects.exists()  # the member checks the text before saving
    member_client.post(CREATE, form_data(summary=replaced.context["form"].data["summary"]))
    assert Signal.objects.get().summary == "Gesproken met [NAAM], bereikbaar op [TELEFOON]."


def test_a_finding_marked_as_not_personal_is_kept_without_its_text(member_client):
    text = "Mevrouw Blom van de bibliotheek organiseert de taalcafés."
    finding = scan(text)[0]
    reason = {f"summary_reden_{finding.key}": "organisatie_of_plek"}  # dismissing asks why
    response = member_client.post(CREATE, form_data(summary=text, guard_action=f"dismiss:{finding.key}", **reason))
    form = response.context["form"]
    assert form.findings == [] and finding.key in form.data["dismissed"]
    assert "Blom" not in form.data["dismissed"]
    member_client.post(CREATE, form_data(summary=text, dismissed=form.data["dismissed"]))
    signal = Signal.objects.get()
    assert signal.summary == text
    dismissed = DismissedFinding.objects.get(signal=signal)
    assert (dismissed.kind, dismissed.start, dismissed.end) == ("NAAM", finding.start, finding.end)
    assert dismissed.reason == "organisatie_of_plek"
    assert not any("Blom" in str(value) for value in vars(dismissed).values())


def test_a_dismissal_does_not_cover_other_personal_data(member_client):
    text = "Mevrouw Blom belde vanaf 06-12345678."
    dismissed = scan(text)[0].key
    response = member_client.post(CREATE, form_data(summary=text, dismissed=dismissed))
    assert [f.text for f in response.context["form"].findings] == ["06-12345678"]
    assert not Signal.objects.exists()


def test_a_stale_guard_button_changes_nothing_and_saves_nothing(member_client):
    response = member_client.post(CREATE, form_data(guard_action="replace:NAAM-0000000000000000"))
    assert response.status_code == 200
    assert "Die melding staat niet meer in de tekst" in response.content.decode()
    assert not Signal.objects.exists()


def test_a_button_acts_on_the_finding_the_member_saw_even_after_an_edit(member_client):
    """The member saw "Blom"; before clicking, a new name was typed in front of it."""
    seen = "Mevrouw Blom van de bibliotheek helpt."
    blom = scan(seen)[0]
    edited = "Haar buurman Piet Bakker kwam ook. " + seen
    reason = {f"summary_reden_{blom.key}": "geen_persoon"}
    response = member_client.post(CREATE, form_data(summary=edited, guard_action=f"dismiss:{blom.key}", **reason))
    form = response.context["form"]
    assert [f.text for f in form.findings] == ["Piet Bakker"]
    assert not Signal.objects.exists()


def test_replacing_a_name_replaces_it_everywhere_it_stands(member_client):
    text = "Mevrouw Blom belde. Later kwam mevrouw Blom langs."
    blom = scan(text)[0]
    response = member_client.post(CREATE, form_data(summary=text, guard_action=f"replace:{blom.key}"))
    assert response.context["form"].data["summary"] == "Mevrouw [NAAM] belde. Later kwam mevrouw [NAAM] langs."


def test_a_deactivated_theme_leaves_the_form_but_stays_on_old_signals(member_client, member):
    from tests.factories import SignalFactory

    theme = Theme.objects.get(slug="sociale-media")
    old = SignalFactory(created_by=member, themes=[theme])
    theme.is_active = False
    theme.save()
    new_form = member_client.get(CREATE).content.decode()
    assert f'value="{theme.pk}"' not in new_form
    edit_form = member_client.get(reverse("signals:edit", args=[old.pk])).content.decode()
    assert f'value="{theme.pk}"' in edit_form
    assert "Sociale media" in member_client.get(old.get_absolute_url()).content.decode()


def test_editing_runs_the_guard_too(member_client, member):
    from tests.factories import SignalFactory

    signal = SignalFactory(created_by=member)
    url = reverse("signals:edit", args=[signal.pk])
    response = member_client.post(url, form_data(summary="Bel haar op 015-2123456."))
    assert response.status_code == 200
    signal.refresh_from_db()
    assert "015-2123456" not in signal.summary


def test_the_date_field_offers_no_future_date(member_client):
    with freeze_time(datetime.date(2025, 1, 31)):
        page = member_client.get(CREATE).content.decode()
    assert 'max="2025-01-31"' in page


def test_switching_off_a_dimension_keeps_its_aspects_in_the_form(member_client):
    meedoen = Theme.objects.get(slug="meedoen")
    meedoen.is_active = False
    meedoen.save()
    form = member_client.get(CREATE).context["form"]
    groups = dict(form.fields["themes"].widget.choices)
    aspects = [label for _pk, label in groups["Meedoen"]]
    assert "Erbij horen" in aspects and "Meedoen in het algemeen" not in aspects


def test_marks_of_not_personal_survive_an_edit(member_client):
    text = "Mevrouw Blom van de bibliotheek organiseert de taalcafés."
    key = scan(text)[0].key
    member_client.post(CREATE, form_data(summary=text, dismissed=key))
    signal = Signal.objects.get()
    url = reverse("signals:edit", args=[signal.pk])
    form = member_client.get(url).context["form"]
    assert form.initial["dismissed"] == key
    response = member_client.post(url, form_data(summary=text, dismissed=form.initial["dismissed"], residents="5"))
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.residents == 5 and signal.dismissed_findings.count() == 1


def test_a_too_long_summary_is_refused_whole_not_cut_off(member_client):
    text = "Een lang verhaal over de buurtbus. " * 150  # over 4,000 characters
    response = member_client.post(CREATE, form_data(summary=text))
    page = response.content.decode()
    assert response.context["form"].has_error("summary")
    assert 'maxlength="4000"' not in page
    assert text.strip() in page
    assert not Signal.objects.exists()


@pytest.mark.parametrize("residents", ["-3", "99999999999"])
def test_residents_has_sensible_bounds(member_client, residents):
    response = member_client.post(CREATE, form_data(residents=residents))
    assert response.context["form"].has_error("residents")
    assert 'min="1"' in response.content.decode()


def test_marking_the_last_finding_as_not_personal_says_so(member_client):
    text = "Mevrouw Blom van de bibliotheek organiseert de taalcafés."
    key = scan(text)[0].key
    reason = {f"summary_reden_{key}": "geen_persoon"}
    page = member_client.post(CREATE, form_data(summary=text, guard_action=f"dismiss:{key}", **reason)).content.decode()
    assert "Gemarkeerd als geen persoonsgegeven. Alles is nagekeken" in page
    assert "Vervangen door" not in page


def test_themes_are_grouped_in_fieldsets_with_a_legend_per_dimension(member_client):
    page = member_client.get(CREATE).content.decode()
    assert '<legend class="visually-hidden">Meedoen</legend>' in page  # the summary above it shows the name
    assert page.index("Meedoen</legend>") < page.index(">Erbij horen</label>")

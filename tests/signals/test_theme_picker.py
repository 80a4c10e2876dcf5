"""The theme picker in the signal form (issue 14): each dimension folds open under a <details>, a filter
narrows the list without JavaScript and never saves, ticked themes stay ticked and submitted when the
filter hides them, and the theme error stands under the legend."""

import html
import re
import unicodedata

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from learning.suggestions import services as suggestion_services
from learning.suggestions import views as suggestion_views
from signals.models import Signal, Theme
from signals.picker import theme_matches
from tests.factories import SignalFactory
from tests.signals.test_signal_form import form_data

pytestmark = pytest.mark.django_db

CREATE = reverse("signals:create")


def theme_pk(name: str) -> str:
    return str(Theme.objects.get(name=name).pk)


def groups(page: str) -> dict[str, str]:
    """Each dimension's <details> opening tag by the dimension's name in its <summary>."""
    found = re.findall(r'(<details class="theme-group"[^>]*>)\s*<summary[^>]*>\s*<span[^>]*>([^<]+)</span>', page)
    return {html.unescape(name.strip()): tag for tag, name in found}


def option(page: str, name: str) -> str:
    """The wrapper and checkbox of one theme, as rendered."""
    pk = theme_pk(name)
    match = re.search(rf'<div class="form-check"[^>]*>\s*<input[^>]*value="{pk}"[^>]*>', page)
    assert match, name
    return match.group(0)


def test_each_dimension_folds_under_a_closed_details_with_its_aspects(member_client):
    page = member_client.get(CREATE).content.decode()
    found = groups(page)
    assert len(found) == 7
    assert "Meedoen" in found and "Meedoen volgens het SCP en eigen thema's" in found
    assert not any(" open" in tag for tag in found.values())
    assert page.count('type="checkbox" name="themes"') == Theme.objects.filter(is_active=True).count()


def test_a_dimension_holding_a_ticked_theme_is_open(member_client, member):
    signal = SignalFactory(created_by=member, themes=[Theme.objects.get(name="Erbij horen")])
    page = member_client.get(reverse("signals:edit", args=[signal.pk])).content.decode()
    found = groups(page)
    assert " open" in found["Meedoen"]
    assert [name for name, tag in found.items() if " open" in tag] == ["Meedoen"]
    assert "checked" in option(page, "Erbij horen")
    assert "1 aangevinkt" in page


def test_the_filter_button_narrows_the_list_keeps_what_was_typed_and_saves_nothing(member_client):
    data = form_data(summary="Een verhaal over geld.", themes=[], thema_zoek="FINANCIELE", thema_filter="1")
    response = member_client.post(CREATE, data)
    page = response.content.decode()
    assert response.status_code == 200 and not Signal.objects.exists()
    assert "Een verhaal over geld." in page and 'value="2025-03-14"' in page
    assert "hidden" not in option(page, "Financiële zorgen")
    assert "hidden" in option(page, "Eenzaamheid")
    assert " open" in groups(page)["Meedoen volgens het SCP en eigen thema's"]
    assert "hidden" in groups(page)["Meedoen"]
    assert "1 thema gevonden" in page
    assert not response.context["form"].errors  # filtering is not a failed save: no error summary
    assert 'value="FINANCIELE"' in page


def test_a_ticked_theme_the_filter_hides_stays_ticked_and_is_submitted(member_client):
    ticked = theme_pk("Erbij horen")
    page = member_client.post(CREATE, form_data(themes=[ticked], thema_zoek="geld", thema_filter="1")).content.decode()
    box = option(page, "Erbij horen")
    assert "hidden" in box and "checked" in box  # hidden, not dropped: the box is still in the form
    assert "Erbij horen" in re.search(r"data-picker-chosen[^>]*>(.*?)</p>", page, re.S).group(1)

    # Saving with that filter applied stores the hidden ticked theme.
    member_client.post(CREATE, form_data(themes=[ticked], thema_zoek="geld", thema_zoek_toegepast="geld"))
    assert [t.name for t in Signal.objects.get().themes.all()] == ["Erbij horen"]


def test_a_dimension_name_shows_all_its_aspects(member_client):
    page = member_client.post(CREATE, form_data(thema_zoek="meedoen", thema_filter="1")).content.decode()
    for name in ("Sociale contacten", "Erbij horen", "Interesse in de maatschappij"):
        assert "hidden" not in option(page, name)
    assert "hidden" in option(page, "Slapen")


def test_enter_in_the_filter_box_filters_instead_of_saving(member_client):
    # Enter presses the form's first button (save); a filter text not applied yet means the member filtered.
    response = member_client.post(CREATE, form_data(thema_zoek="taal"))
    assert response.status_code == 200 and not Signal.objects.exists()
    assert "hidden" not in option(response.content.decode(), "Taal")


def test_a_save_with_the_filter_applied_saves(member_client):
    response = member_client.post(CREATE, form_data(thema_zoek="taal", thema_zoek_toegepast="taal"))
    assert response.status_code == 302 and Signal.objects.count() == 1


def test_a_filter_matching_nothing_says_so_and_hides_no_ticked_theme(member_client):
    ticked = theme_pk("Taal")
    page = member_client.post(CREATE, form_data(themes=[ticked], thema_zoek="xyzzy", thema_filter="1")).content.decode()
    assert "Geen thema gevonden" in page
    assert "checked" in option(page, "Taal")


def test_the_theme_error_stands_under_the_legend_before_the_list(member_client):
    page = member_client.post(CREATE, form_data(themes=[])).content.decode()
    picker = page[page.index('id="themas"') :]
    fieldset = re.search(r'<fieldset[^>]*id="themas"[^>]*>', page).group(0)
    assert 'aria-describedby="themes-help themes-error"' in fieldset
    assert picker.index("</legend>") < picker.index('id="themes-error"') < picker.index("<details")


def test_the_error_summary_links_the_theme_error_to_the_filter_box(member_client):
    page = member_client.post(CREATE, form_data(themes=[])).content.decode()
    assert 'href="#thema-zoek"' in page and 'id="thema-zoek"' in page


def test_the_suggestions_stand_inside_the_picker_above_the_filter(member_client, monkeypatch):
    eenzaamheid = Theme.objects.get(name="Eenzaamheid")
    result = suggestion_services.SuggestionResult(
        available=True, suggestions=[suggestion_services.ShownSuggestion(eenzaamheid, 0.8, "model")]
    )
    monkeypatch.setattr(suggestion_views.services, "themes_suggest", lambda **kwargs: result)
    page = member_client.post(CREATE, form_data(thema_voorstel="voorstellen")).content.decode()
    picker = page[page.index('id="themas"') :]
    assert picker.index("</legend>") < picker.index("Eenzaamheid: 80% zeker") < picker.index('id="thema-zoek"')


def test_the_picker_loads_its_script_and_stylesheet(member_client):
    page = member_client.get(CREATE).content.decode()
    assert re.search(r'<script src="[^"]*js/theme-picker\.js" defer>', page)
    assert re.search(r'<link rel="stylesheet" href="[^"]*css/picker\.css">', page)


def test_the_agreement_tagging_page_gets_the_folding_groups_without_a_filter(member_client):
    # The blind tagging page shares the checkboxes but has no filter action: it shows no filter box.
    from django.template.loader import render_to_string

    from learning.agreement.forms import RoundTagForm

    rendered = render_to_string("signals/_theme_choices.html", {"form": RoundTagForm()})
    assert "<details" in rendered and 'name="thema_zoek"' not in rendered


def test_a_switched_off_theme_is_not_offered_in_a_new_inquiry(coordinator_client):
    Theme.objects.filter(name="Sociale media").update(is_active=False)
    page = coordinator_client.get(reverse("monitoring:inquiry_create")).content.decode()
    assert "Sociale media" not in page and "Eenzaamheid" in page
    response = coordinator_client.post(
        reverse("monitoring:inquiry_create"),
        {"question": "Hoe vaak appen ouderen?", "theme": theme_pk("Sociale media")},
    )
    assert response.status_code == 200 and response.context["form"].has_error("theme")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# Theme names are written in Latin letters, with accents (Latin-1 and Latin Extended-A, without the dotless ı
# and the long ſ, whose capitals are other letters' capitals).
NAME_LETTERS = st.characters(min_codepoint=0x20, max_codepoint=0x17E, exclude_characters="ı", categories=["L", "Zs"])


@given(name=st.text(NAME_LETTERS, min_size=1, max_size=30), start=st.integers(0, 30), length=st.integers(1, 30))
def test_a_piece_of_a_name_matches_it_in_any_case_and_without_accents(name, start, length):
    piece = name[start : start + length]
    if not piece.strip():
        return
    assert theme_matches(piece, name)
    assert theme_matches(piece.upper(), name) == theme_matches(piece.lower(), name)
    assert theme_matches(strip_accents(piece), name) == theme_matches(piece, strip_accents(name))


def test_matching_is_on_aspect_and_dimension_words():
    assert theme_matches("financiele", "Financiële zorgen")
    assert theme_matches("meedoen erbij", "Erbij horen", "Meedoen")
    assert not theme_matches("slapen", "Erbij horen", "Meedoen")
    assert theme_matches("", "Erbij horen")


def test_a_switched_off_theme_is_not_offered_in_a_new_data_request(coordinator_client):
    Theme.objects.filter(name="Sociale media").update(is_active=False)
    page = coordinator_client.get(reverse("monitoring:data_request_create")).content.decode()
    assert "Sociale media" not in page and "Eenzaamheid" in page
    response = coordinator_client.post(
        reverse("monitoring:data_request_create"),
        {"theme": theme_pk("Sociale media"), "which_data": "Gebruik van sociale media door 65-plussers."},
    )
    assert response.status_code == 200 and response.context["form"].has_error("theme")

"""Loading the indicator catalogue from a file: all or nothing, themes by name or short name."""

import io

import pytest
from django.core.management import CommandError, call_command

from monitoring.analysis.importing import FileRefused
from monitoring.models import Import, Indicator, Source
from monitoring.services import indicators_import

pytestmark = pytest.mark.django_db

HEADER = "code,name,unit,polarity,source,themes,definition,reference\n"
ROW = "eenzaam,Eenzaam,percentage,higher_is_worse,GGD-monitor,Eenzaamheid|sociale-contacten,% eenzaam,RIVM 2016\n"


def load(text, **kwargs):
    return indicators_import(data=text.encode(), file_name="catalogus.csv", **kwargs)


def test_the_catalogue_is_loaded_with_themes_by_name_or_short_name():
    summary = load(HEADER + ROW)
    indicator = Indicator.objects.get(code="eenzaam")
    assert summary.created == 1
    assert sorted(indicator.themes.values_list("slug", flat=True)) == ["eenzaamheid", "sociale-contacten"]
    assert indicator.source.linking_policy == Source.LinkingPolicy.APPROVAL  # a new source is not open by default
    assert indicator.reference == "RIVM 2016"


def test_loading_again_changes_nothing_and_a_change_is_counted():
    load(HEADER + ROW)
    again = load(HEADER + ROW)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 1)
    changed = load(HEADER + ROW.replace("higher_is_worse", "neutral"))
    assert changed.changed == 1
    assert Indicator.objects.get().polarity == "neutral"
    assert Import.objects.filter(kind="indicatoren").count() == 2


def test_a_dry_run_stores_nothing():
    assert load(HEADER + ROW, dry_run=True).created == 1
    assert not Indicator.objects.exists() and not Source.objects.exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("code,name\neenzaam,Eenzaam\n", "Deze kolommen ontbreken"),
        (HEADER + ROW.replace("higher_is_worse", "omhoog"), "rij 2, kolom polarity: „omhoog” is niet bekend"),
        (HEADER + ROW.replace("Eenzaamheid|", "Onbekend|"), "rij 2, kolom themes: Onbekend thema"),
        (HEADER + ROW + ROW, "rij 3, kolom code: Deze code staat ook in rij 2"),
        (HEADER + ROW.replace("Eenzaam,", "=HYPERLINK(1),"), "Dit lijkt een formule"),
    ],
)
def test_bad_catalogue_files_are_refused_whole(text, expected):
    with pytest.raises(FileRefused) as error:
        load(text)
    assert any(expected in str(e) for e in error.value.errors), [str(e) for e in error.value.errors]
    assert not Indicator.objects.exists()


def test_the_command_prints_the_summary(tmp_path):
    path = tmp_path / "catalogus.csv"
    path.write_text(HEADER + ROW, encoding="utf-8")
    out = io.StringIO()
    call_command("import_indicators", str(path), stdout=out)
    assert out.getvalue().strip() == "rows: 1, new: 1, changed: 0, unchanged: 0"
    path.write_text(HEADER + ROW.replace("percentage", "procent"), encoding="utf-8")
    with pytest.raises(CommandError, match="refused"):
        call_command("import_indicators", str(path), stderr=io.StringIO())


def test_a_code_that_cannot_be_in_a_web_address_is_refused_per_row():
    with pytest.raises(FileRefused) as error:
        load(HEADER + ROW.replace("eenzaam,", "eenzaam 65+,", 1))
    assert any("kan geen code zijn" in str(e) for e in error.value.errors)
    assert not Indicator.objects.exists()

"""Fixtures that mean the same in every monitoring test: the sources and indicators the figures need."""

import pytest

from monitoring.models import Area, Indicator, Source
from signals.models import Theme
from tests.exact_counts import show_counts_exactly
from tests.factories import IndicatorFactory, SourceFactory


@pytest.fixture
def exact_counts(settings, tmp_path):
    """Counts shown as they are, without the cell-key noise, for tests that read a page's numbers."""
    show_counts_exactly(settings, tmp_path)


@pytest.fixture
def buitenhof(delft):
    """A district of Delft."""
    return Area.objects.get(code="WK050325")


@pytest.fixture
def ggd(db):
    """The GGD's health monitor: public figures, open to combine."""
    return SourceFactory(name="GGD", owner="GGD Haaglanden", kind=Source.Kind.GGD)


@pytest.fixture
def lonely_indicator(ggd):
    """The GGD's indicator "eenzaam", described in full, on the theme of loneliness; no figures yet."""
    return IndicatorFactory(
        code="eenzaam",
        name="Eenzaam",
        definition="Percentage volwassenen dat zich (zeer) ernstig eenzaam voelt.",
        unit=Indicator.Unit.PERCENTAGE,
        polarity=Indicator.Polarity.HIGHER_IS_WORSE,
        source=ggd,
        periodicity=Indicator.Periodicity.BIENNIAL,
        lowest_level=Area.Level.DISTRICT,
        owner="Gemeente Delft, team Onderzoek",
        reference="Gezondheidsmonitor Volwassenen",
        benchmark_label="Nederland",
        themes=[Theme.objects.get(slug="eenzaamheid")],
    )


@pytest.fixture
def cbs_indicators(db):
    """Two counts from CBS's key figures, "inwoners" and "dichtheid", for the CBS exports in the tests."""
    source = SourceFactory(name="CBS", owner="CBS", kind=Source.Kind.CBS)
    return [
        IndicatorFactory(code=code, name=code, definition=code, unit=Indicator.Unit.COUNT, source=source)
        for code in ("inwoners", "dichtheid")
    ]

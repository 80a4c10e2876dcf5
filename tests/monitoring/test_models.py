"""The numbers side: one value per indicator, area, period and category."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from monitoring.models import Indicator, Observation, Source
from signals.models import Theme
from tests.factories import ImportFactory, IndicatorFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    return IndicatorFactory(
        code="eenzaam",
        name="Eenzaam",
        definition="% volwassenen dat eenzaam is",
        unit=Indicator.Unit.PERCENTAGE,
        polarity=Indicator.Polarity.HIGHER_IS_WORSE,
        source=SourceFactory(name="RIVM/GGD gezondheidsmonitor", owner="GGD Haaglanden", kind=Source.Kind.GGD),
        themes=[Theme.objects.get(slug="eenzaamheid")],
    )


def observe(indicator, area, **extra):
    # Every field spelled out, and stored with a plain create: these tests are about the rows the database refuses.
    data = {
        "period_start": date(2016, 1, 1),
        "period_end": date(2016, 12, 31),
        "period_label": "2016",
        "value": 40.0,
        "source_import": ImportFactory(),
    }
    data.update(extra)
    return Observation.objects.create(indicator=indicator, area=area, **data)


def test_one_value_per_indicator_area_period_and_category(indicator, delft):
    observe(indicator, delft)
    observe(indicator, delft, category="65+")
    with pytest.raises(IntegrityError), transaction.atomic():
        observe(indicator, delft, value=41.0)


def test_a_period_cannot_end_before_it_starts(indicator, delft):
    with pytest.raises(IntegrityError), transaction.atomic():
        observe(indicator, delft, period_end=date(2015, 12, 31))


def test_an_indicator_speaks_to_themes(indicator):
    assert list(Theme.objects.get(slug="eenzaamheid").indicators.all()) == [indicator]

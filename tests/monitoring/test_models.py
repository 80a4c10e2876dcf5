"""The numbers side: one value per indicator, area, period and category."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from monitoring.models import Import, Indicator, Observation, Source
from signals.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    source = Source.objects.create(
        name="RIVM/GGD gezondheidsmonitor", owner="GGD Haaglanden", kind="ggd", linking_policy="open"
    )
    indicator = Indicator.objects.create(
        code="eenzaam",
        name="Eenzaam",
        definition="% volwassenen dat eenzaam is",
        unit="percentage",
        polarity="higher_is_worse",
        source=source,
    )
    indicator.themes.add(Theme.objects.get(slug="eenzaamheid"))
    return indicator


def observe(indicator, area, **extra):
    data = {
        "period_start": date(2016, 1, 1),
        "period_end": date(2016, 12, 31),
        "period_label": "2016",
        "value": 40.0,
        "source_import": Import.objects.get_or_create(kind="waarnemingen", file_name="x.csv", file_sha256="0" * 64)[0],
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

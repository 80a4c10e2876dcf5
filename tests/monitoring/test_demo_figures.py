"""load_demo's real figures: RIVM/GGD 2016, CBS key figures 2024, Delft's social domain, youth-care referrers.

Expected numbers are read from the shipped files here, with the csv module, not
through the loader's own helpers.
"""

import csv
import io

import pytest
from django.core.management import call_command

from monitoring.demo import demo_figures_load
from monitoring.models import Area, Import, Indicator, Observation, ObservationChange, Source
from monitoring.services import DATA_DIR, areas_load

RIVM_FILE = DATA_DIR / "rivm_eenzaamheid_gezondheid_wijk_2016.csv"
ADULTS = "Bevolking 19 jaar en ouder"
LONELY = "% eenzaam*"
BUITENHOF = "WK050325"


def csv_rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def adult_weighted(rows: list[dict[str, str]], column: str) -> float:
    usable = [r for r in rows if r[ADULTS] and r[column] and 0 < float(r[ADULTS]) <= float(r["Totale bevolking"])]
    unique = {r["wijkcode"]: r for r in usable}.values()
    return sum(float(r[ADULTS]) * float(r[column]) for r in unique) / sum(float(r[ADULTS]) for r in unique)


def value(code: str, area: str, period: str, category: str = "") -> Observation:
    return Observation.objects.get(indicator__code=code, area__code=area, period_label=period, category=category)


@pytest.fixture
def demo_figures(delft):
    """The counts from loading the demo's real figures for Delft."""
    return demo_figures_load(municipality_code="GM0503")


def test_buitenhof_loneliness_is_the_published_figure(demo_figures):
    published = next(r for r in csv_rows(RIVM_FILE.name) if r["wijkcode"] == BUITENHOF)
    observation = value("eenzaam", BUITENHOF, "2016")
    assert observation.value == float(published[LONELY]) == 55
    assert observation.indicator.unit == "percentage" and observation.indicator.polarity == "higher_is_worse"


def test_delft_is_the_mean_of_its_districts_weighted_by_adults(demo_figures):
    districts = [r for r in csv_rows(RIVM_FILE.name) if r["gemnaam"] == "Delft"]
    for code, column in [("eenzaam", LONELY), ("goede-ervaren-gezondheid", "% met goede ervaren gezondheid*")]:
        assert value(code, "GM0503", "2016").value == pytest.approx(adult_weighted(districts, column), abs=0.05)


def test_the_benchmark_is_the_national_mean_and_says_it_is_derived(demo_figures):
    national = adult_weighted(csv_rows(RIVM_FILE.name), LONELY)
    assert value("eenzaam", "GM0503", "2016").benchmark == pytest.approx(national, abs=0.05)
    assert value("eenzaam", BUITENHOF, "2016").benchmark == pytest.approx(national, abs=0.05)
    indicator = Indicator.objects.get(code="eenzaam")
    assert indicator.benchmark_label.startswith("Nederland (afgeleid")
    assert "gewogen naar het aantal inwoners van 19 jaar en ouder" in indicator.definition


def test_districts_with_shifted_population_columns_are_left_out(demo_figures):
    loaded = set(Observation.objects.filter(indicator__code="eenzaam").values_list("area__code", flat=True))
    assert "WK050316" not in loaded and "WK050326" not in loaded  # Delftse Hout, Abtswoude: 19+ empty
    assert len(loaded) == 11 + 1  # the other districts and Delft itself


@pytest.mark.parametrize(
    ("code", "themes"),
    [
        ("eenzaam", {"eenzaamheid", "sociale-contacten"}),
        ("regie-eigen-leven", {"gevoel-van-controle"}),
        ("bijstand", {"financiele-zorgen", "rondkomen-met-je-geld"}),
        ("ww-uitkering", {"betaald-werk", "kunnen-werken"}),
        ("wmo-gebruikers", {"dagelijks-functioneren", "voor-jezelf-zorgen"}),
        ("jeugdhulp-gebruikers-per-1000", {"steun-van-anderen", "hulp-kunnen-vragen"}),
        ("woningvoorraad", {"hoe-je-woont"}),
    ],
)
def test_indicators_are_linked_to_their_themes(demo_figures, code, themes):
    assert set(Indicator.objects.get(code=code).themes.values_list("slug", flat=True)) == themes


def test_sources_are_open_and_of_the_right_kind(demo_figures):
    ggd = Indicator.objects.get(code="eenzaam").source
    assert (ggd.kind, ggd.owner, ggd.linking_policy) == ("ggd", "GGD Haaglanden / RIVM", "open")
    assert Indicator.objects.get(code="inwoners").source.kind == "cbs"
    assert set(Source.objects.values_list("linking_policy", flat=True)) == {"open"}


def test_key_figures_2024_are_counts_without_a_benchmark(demo_figures):
    published = {r["regiocode"]: r for r in csv_rows("cbs_kerncijfers_2024_gemeenten_wijken.csv")}
    delft = value("inwoners", "GM0503", "2024")
    assert delft.value == float(published["GM0503"]["AantalInwoners_5"]) and delft.benchmark is None
    assert value("woningvoorraad", BUITENHOF, "2024").value == float(published[BUITENHOF]["Woningvoorraad_35"])


def test_social_domain_shares_are_fractions_times_100(demo_figures):
    for row in csv_rows("delft_sociaal_domein_2009_2022.csv"):
        if row["Welfare_benefit_user"]:
            assert value("bijstand", "GM0503", row["YEAR"]).value == pytest.approx(
                float(row["Welfare_benefit_user"]) * 100, abs=0.005
            )
    y2022 = csv_rows("delft_sociaal_domein_2009_2022.csv")[-1]
    per_1000 = float(y2022["JGDHULP_user"]) / float(y2022["Total_All_Pop"]) * 1000
    assert value("jeugdhulp-gebruikers-per-1000", "GM0503", "2022").value == pytest.approx(per_1000, abs=0.05)
    assert value("werknemers", "GM0503", "2022").value == pytest.approx(35.11, abs=0.005)


def test_empty_cells_in_the_social_domain_are_skipped(demo_figures):
    years = set(Observation.objects.filter(indicator__code="wmo-gebruikers").values_list("period_label", flat=True))
    assert years == {str(y) for y in range(2015, 2023)}
    assert not Observation.objects.filter(indicator__code="bijstand", period_label__in=["2009", "2010"]).exists()


def test_youth_care_referrers_for_the_netherlands(demo_figures):
    country = Area.objects.get(code="NL01")
    assert (country.name, country.level, country.parent) == ("Nederland", "land", None)
    found = dict(
        Observation.objects.filter(indicator__code="jeugdhulptrajecten-naar-verwijzer", area=country).values_list(
            "category", "value"
        )
    )
    assert set(found) == {
        "Totaal",
        "Gemeentelijke toegang",
        "Huisarts",
        "Jeugdarts",
        "Gecertificeerde instelling",
        "Medisch specialist",
        "Rechter, Officier van Justitie",
        "Geen verwijzer",
    }
    assert found["Totaal"] == 625545 and found["Huisarts"] == 222165


def test_every_observation_comes_from_an_import_with_history(demo_figures):
    observations = Observation.objects.all()
    assert observations.count() == demo_figures["created"] > 200
    assert not observations.filter(source_import__isnull=True).exists()
    assert ObservationChange.objects.count() == observations.count()
    assert demo_figures["imports"] == Import.objects.filter(kind="waarnemingen").count() == 5  # 4 real files, 1 panel


def test_a_second_run_changes_nothing(demo_figures):
    counted = [m.objects.count() for m in (Area, Source, Indicator, Observation, ObservationChange, Import)]
    again = demo_figures_load(municipality_code="GM0503")
    assert again == {"indicators": 0, "imports": 0, "created": 0, "changed": 0}
    assert [m.objects.count() for m in (Area, Source, Indicator, Observation, ObservationChange, Import)] == counted


def test_a_second_run_keeps_a_coordinators_edits(demo_figures):
    Indicator.objects.filter(code="eenzaam").update(name="Eenzaamheid (GGD)")
    demo_figures_load(municipality_code="GM0503")
    assert Indicator.objects.get(code="eenzaam").name == "Eenzaamheid (GGD)"


def test_another_municipality_gets_what_the_files_hold_for_it(db):
    areas_load(municipality_code="GM0014")  # Groningen, which took in Haren and Ten Boer in 2019
    counts = demo_figures_load(municipality_code="GM0014")
    assert counts["imports"] == 3  # the social-domain file is about Delft only
    assert not Observation.objects.filter(indicator__code="bijstand").exists()
    assert value("inwoners", "GM0014", "2024").value > 200_000
    groningen_2016 = [r for r in csv_rows(RIVM_FILE.name) if r["gemnaam"] == "Groningen"]
    assert value("eenzaam", "GM0014", "2016").value == pytest.approx(adult_weighted(groningen_2016, LONELY), abs=0.05)


def test_load_demo_leaves_the_figures_out_when_debug_is_off(db, settings):
    settings.DEBUG = False  # a production database: its figures come from the council's own imports
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "demo figures, accounts and signals: skipped" in out.getvalue()
    assert not Observation.objects.exists()

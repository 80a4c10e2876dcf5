"""The chart module: plain data in, figures, sentences and SVG out. No database."""

import re

import pytest
from django.utils import translation

from monitoring.charts import (
    MAX_SERIES,
    PALETTE,
    Point,
    Series,
    decimals_for,
    extremes,
    figures,
    line_chart,
    number,
    summary,
    ticks,
)


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def chart(periods, series, **kwargs):
    defaults = {"title": "Eenzaam per gebied", "description": "Een lijn per gebied."}
    return str(line_chart(periods=periods, series=series, **{**defaults, **kwargs}))


def y_values(svg: str) -> list[float]:
    """The y coordinates of every marker and line point in the plot (not the legend)."""
    svg = svg.split('<g class="chart-legend">')[0]
    ys = [float(y) for y in re.findall(r'cy="([-\d.]+)"', svg)]
    for d in re.findall(r'class="chart-(?:line|benchmark)" d="([^"]*)"', svg):
        ys += [float(y) for y in re.findall(r"[ML][-\d.]+ ([-\d.]+)", d)]
    return ys


# Numbers and scales


def test_numbers_are_written_the_dutch_way():
    assert number(1234.5, 1) == "1.234,5"
    assert number(38.5, 2) == "38,50"
    assert number(-3, 0) == "-3"


def test_as_many_decimals_as_the_figures_need_and_no_more_than_two():
    assert decimals_for([46, 38.5, 12.25]) == 2
    assert decimals_for([46.0, 12.0]) == 0
    assert decimals_for([1 / 3]) == 2
    assert decimals_for([]) == 0


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (38, 54, [35, 40, 45, 50, 55]),
        (0, 100, [0, 20, 40, 60, 80, 100]),
        (-3, 7, [-4, -2, 0, 2, 4, 6, 8]),
        (0.012, 0.019, [0.012, 0.014, 0.016, 0.018, 0.02]),
    ],
)
def test_ticks_are_round_numbers_that_span_the_values(low, high, expected):
    assert ticks(low, high) == pytest.approx(expected)


def test_equal_values_still_get_an_axis_around_them():
    around = ticks(46, 46)
    assert around[0] < 46 < around[-1] and len(around) >= 3
    assert ticks(0, 0)[0] < 0 < ticks(0, 0)[-1]


# Figures: the pivot behind the table and the chart


def test_figures_pivot_points_into_a_series_per_area_and_a_row_per_period():
    points = [
        Point("GM", "2016", 38.5, 37, 40, 1200, 43),
        Point("WK25", "2016", 54, n=120, benchmark=43),
        Point("GM", "2020", 41, benchmark=45),
        Point("XX", "2020", 99),  # an area not asked for
    ]
    result = figures(points, [("GM", "Delft"), ("WK25", "Buitenhof")])
    assert result.periods == ["2016", "2020"]
    assert [s.label for s in result.series] == ["Delft", "Buitenhof"]
    assert result.series[1].values == {"2016": 54}
    assert result.benchmark == {"2016": 43, "2020": 45}
    assert result.decimals == 1
    first, second = result.rows
    assert first.cells[0].value == "38,5" and first.cells[0].note == "37,0–40,0 · n\u00a0=\u00a01.200"
    assert first.cells[1].note == "n\u00a0=\u00a0120" and first.benchmark == "43,0"
    assert second.cells[1] is None  # Buitenhof has no figure for 2020


# Sentences


def test_the_summary_names_the_whole_and_the_highest_and_lowest_area_in_the_latest_period():
    whole = Series("Delft", {"2016": 40, "2020": 41})
    parts = [Series("Buitenhof", {"2020": 52}), Series("Tanthof-Oost", {"2020": 33}), Series("Ruiven", {"2016": 99})]
    text = summary(["2016", "2020"], [whole, *parts], whole=whole, text=lambda v: f"{number(v, 0)} %")
    assert text == (
        "In 2020 was de waarde voor Delft 41 %. "
        "Buitenhof had in 2020 de hoogste waarde: 52 %. Tanthof-Oost had de laagste: 33 %."
    )


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        ([Series("Buitenhof", {"2020": 52})], "Buitenhof had in 2020 de waarde 52."),
        (
            [Series("Buitenhof", {"2020": 5}), Series("Voorhof", {"2020": 5})],
            "In 2020 hadden alle gebieden dezelfde waarde: 5.",
        ),
        ([Series("Buitenhof", {})], "Er zijn nog geen cijfers voor deze keuze."),
        ([], "Er zijn nog geen cijfers voor deze keuze."),
    ],
)
def test_the_summary_for_one_area_equal_values_and_no_figures(series, expected):
    assert summary(["2020"], series, whole=None, text=lambda v: number(v, 0)) == expected


def test_extremes_keep_the_lowest_and_highest_in_their_own_order():
    series = [
        Series(name, {"2020": value}) for name, value in zip("abcdefghij", [5, 1, 9, 3, 7, 2, 8, 4, 6, 0], strict=True)
    ]
    chosen = extremes(series, ["2020"], 4)
    assert [s.label for s in chosen] == ["b", "c", "g", "j"]  # 0 and 1 lowest, 9 and 8 highest; in list order
    assert extremes(series[:3], ["2020"], 4) == series[:3]


# The SVG


def test_a_line_per_series_a_marker_per_figure_and_the_benchmark_dashed():
    svg = chart(
        ["2016", "2018", "2020"],
        [Series("Delft", {"2016": 40, "2018": 42, "2020": 41}), Series("Buitenhof", {"2016": 54, "2020": 52})],
        benchmark={"2016": 43, "2020": 45},
        benchmark_label="Nederland",
        y_label="percentage",
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img" aria-labelledby="grafiek-title grafiek-desc"' in svg
    assert '<title id="grafiek-title">Eenzaam per gebied</title><desc id="grafiek-desc">' in svg
    lines = re.findall(r'<path class="chart-line" d="([^"]*)"', svg)
    assert len(lines) == 2
    assert lines[0].count("L") == 2
    assert lines[1].count("M") == 2 and "L" not in lines[1]  # no figure for 2018: the line breaks
    assert svg.count("<circle") == 3 + 1 and svg.count("<rect") == 2 + 1  # markers, and one in the legend
    [benchmark] = re.findall(r'<path class="chart-benchmark"[^>]*>', svg)
    assert 'stroke-dasharray="6 4"' in benchmark and benchmark.count("M") == 2  # two lone points: two strokes
    assert "Vergelijkingswaarde: Nederland" in svg and ">percentage</text>" in svg
    assert "<title>Buitenhof, 2020: 52</title>" in svg


def test_no_benchmark_no_dashed_line():
    svg = chart(["2020"], [Series("Delft", {"2020": 41})])
    assert "chart-benchmark" not in svg and "stroke-dasharray" not in svg and "Vergelijkingswaarde" not in svg


def test_one_period_shows_dots_in_the_middle():
    svg = chart(["2020"], [Series("Delft", {"2020": 41}), Series("Buitenhof", {"2020": 52})], benchmark={"2020": 45})
    lines = re.findall(r'class="chart-line" d="([^"]*)"', svg)
    assert len(lines) == 2 and all(re.fullmatch(r"M[\d.]+ [\d.]+", d) for d in lines)  # a move only: no line
    xs = {float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)} - {12.0}
    assert len(xs) == 1 and 300 < xs.pop() < 420
    assert re.search(r'class="chart-benchmark" d="M[\d.]+ [\d.]+ H[\d.]+"', svg)  # a short level stroke


def test_all_values_equal_stay_inside_the_plot():
    svg = chart(["2019", "2020"], [Series("Delft", {"2019": 7, "2020": 7}), Series("Voorhof", {"2019": 7})])
    ys = y_values(svg)
    assert ys and all(32 < y < 272 for y in ys) and len(set(ys)) == 1


def test_negative_values_get_a_zero_line_and_stay_inside_the_plot():
    svg = chart(["2019", "2020"], [Series("Saldo", {"2019": -12.5, "2020": 8})], decimals=1)
    assert 'class="chart-zero"' in svg
    assert all(32 <= y <= 272 for y in y_values(svg))
    assert ">-15</text>" in svg or ">-20</text>" in svg


def test_nothing_to_draw_gives_no_chart():
    assert chart([], []) == ""
    assert chart(["2020"], [Series("Delft", {})]) == ""


def test_a_series_without_figures_is_left_out_of_the_chart_and_the_legend():
    svg = chart(["2020"], [Series("Delft", {"2020": 41}), Series("Ruiven", {})])
    assert svg.count('class="chart-line"') == 1 and "Ruiven" not in svg


def test_at_most_eight_series_each_with_its_own_colour_and_marker():
    series = [Series(f"Wijk {n}", {"2019": n, "2020": n + 1}) for n in range(12)]
    svg = chart(["2019", "2020"], series)
    groups = re.findall(r'<g class="chart-series">(.*?)</g>', svg)
    assert len(groups) == MAX_SERIES and "Wijk 8" not in svg
    colours = [re.search(r'stroke="(#\w+)"', g).group(1) for g in groups]
    assert colours == PALETTE and len(set(colours)) == MAX_SERIES
    markers = [re.search(r"<(circle|rect|polygon)[^>]*fill=\"(#\w+)\"", g) for g in groups]
    shapes = [(m.group(1), m.group(2) == "#ffffff", m.group(0).count(",")) for m in markers]
    assert len(set(shapes)) == MAX_SERIES  # shape and fill differ too: colour is not the only difference


def test_many_periods_get_fewer_labels():
    periods = [f"{year}-{month:02d}" for year in (2020, 2021, 2022) for month in range(1, 13)]
    svg = chart(periods, [Series("Delft", {p: i for i, p in enumerate(periods)})])
    labels = re.findall(r'text-anchor="middle">(\d{4}-\d{2})</text>', svg)
    assert 3 <= len(labels) <= 12 and labels[0] == "2020-01"
    assert svg.count("<circle") == 36 + 1


def test_every_text_in_the_svg_is_escaped():
    evil = '<script>alert("x")</script>'
    svg = chart(
        [evil],
        [Series(evil, {evil: 1})],
        benchmark={evil: 2},
        benchmark_label=evil,
        title=evil,
        description=evil,
        y_label=evil,
        chart_id='x" onload="alert(1)',
    )
    assert "<script" not in svg and 'onload="' not in svg
    assert svg.count("&lt;script&gt;") >= 6


def test_the_svg_has_no_style_attributes():
    svg = chart(["2020"], [Series("Delft", {"2020": 41})], benchmark={"2020": 45})
    assert "style=" not in svg and "<style" not in svg

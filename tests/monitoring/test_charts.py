"""The chart module: plain data in, figures, sentences and SVG out. No database."""

import re

import pytest
from django.utils import translation

from monitoring.analysis.charts import (
    MAX_SERIES,
    PALETTE,
    STUB_WIDTH,
    Bar,
    BarGroup,
    Point,
    Series,
    bar_chart,
    coverage_matrix,
    decimals_for,
    extremes,
    figures,
    line_chart,
    number,
    summary,
    ticks,
    wrap,
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


# Bars (the dashboard)


def bars(groups, **kwargs):
    defaults = {"title": "Signalen per thema", "description": "Een staaf per jaar.", "chart_id": "staaf"}
    return str(bar_chart(groups=groups, **{**defaults, **kwargs}))


def bar_widths(svg: str) -> list[float]:
    return [float(w) for w in re.findall(r'class="chart-(?:bar|hidden)" x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)]


def test_bars_start_at_zero_and_are_as_long_as_their_value():
    svg = bars([BarGroup("Eenzaamheid", [Bar(10, "10", "2024"), Bar(5, "5", "2025")]), BarGroup("Taal", [Bar(0, "0")])])
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img" aria-labelledby="staaf-title staaf-desc"' in svg
    longest, half = bar_widths(svg)
    assert half == pytest.approx(longest / 2) and longest > 300
    assert set(re.findall(r'class="chart-bar" x="([\d.]+)"', svg)) == {"200.0"}  # all from the same zero line
    assert ">2024: 10</text>" in svg and ">2025: 5</text>" in svg and ">Eenzaamheid</text>" in svg
    assert ">0</text>" in svg and svg.count("<rect class=") == 2  # a zero gets its number, not a bar


def test_bars_in_a_group_differ_in_colour_and_are_named_in_words():
    svg = bars([BarGroup("Meedoen", [Bar(3, "3", "2024"), Bar(4, "4", "2025"), Bar(5, "5", "2026")])])
    colours = re.findall(r'class="chart-bar"[^>]* fill="(#\w+)"', svg)
    assert len(set(colours)) == 3 and PALETTE[0] not in colours
    assert re.findall(r">20\d\d: \d<", svg) == [">2024: 3<", ">2025: 4<", ">2026: 5<"]


def test_a_hidden_value_is_a_hatched_stub_with_its_text_and_never_its_size():
    svg = bars(
        [BarGroup("Mantelzorg", [Bar(None, "<5", "2025"), Bar(40, "40", "2026")])],
        note="Gearceerd: minder dan 5 signalen.",
    )
    stub, full = bar_widths(svg)
    assert stub == STUB_WIDTH and full > 300
    assert 'class="chart-hidden"' in svg and 'fill="url(#staaf-hatch)"' in svg and '<pattern id="staaf-hatch"' in svg
    assert ">2025: &lt;5</text>" in svg
    assert "Gearceerd: minder dan 5 signalen." in svg
    assert "Gearceerd" not in bars([BarGroup("Taal", [Bar(7, "7")])], note="Gearceerd: minder dan 5 signalen.")


def test_only_hidden_values_still_draw_stubs_without_dividing_by_zero():
    svg = bars([BarGroup("Taal", [Bar(None, "<5")])])
    assert bar_widths(svg) == [STUB_WIDTH]


def test_no_groups_or_no_bars_give_no_chart():
    assert bars([]) == "" and bars([BarGroup("Taal", [])]) == ""


def test_every_text_in_the_bar_chart_is_escaped_and_there_are_no_style_attributes():
    evil = '<script>alert("x")</script>'
    svg = bars(
        [BarGroup(evil, [Bar(None, evil, evil), Bar(3, evil)])],
        title=evil,
        description=evil,
        note=evil,
        chart_id='x" onload="alert(1)',
    )
    assert "<script" not in svg and 'onload="' not in svg and "style=" not in svg
    assert svg.count("&lt;script&gt;") >= 5


# The coverage matrix


def matrix(rows, columns, counts, **kwargs):
    defaults = {"title": "Cijfers per thema en bron", "description": "Een cel per thema en bron."}
    return str(
        coverage_matrix(rows=rows, columns=columns, counts=counts, empty_text="geen cijfers", **{**defaults, **kwargs})
    )


def test_an_empty_cell_says_so_in_words_with_a_dashed_border_not_only_a_colour():
    svg = matrix(["Eenzaamheid", "Taal"], ["GGD", "Panel"], [[2, 0], [0, 0]])
    assert 'role="img"' in svg and ">Eenzaamheid</text>" in svg and ">Panel</text>" in svg
    assert svg.count('class="chart-empty"') == 3 and svg.count(">geen cijfers</text>") == 3
    assert 'stroke-dasharray="3 3"' in svg
    assert svg.count('class="chart-cell"') == 1 and ">2</text>" in svg


def test_more_figures_are_a_darker_cell_and_the_darkest_has_light_text():
    svg = matrix(["A"], ["1", "2", "3", "4"], [[1, 2, 4, 1200]])
    fills = re.findall(r'class="chart-cell"[^>]* fill="(#\w+)"', svg)
    assert len(set(fills)) == 4
    assert svg.count("chart-on-dark") == 1 and ">1.200</text>" in svg


def test_long_source_names_wrap_over_at_most_three_lines_and_a_long_word_breaks_with_a_hyphen():
    assert wrap("Gezondheidsmonitor Volwassenen en Ouderen", 16) == [
        "Gezondheidsmoni-",
        "tor Volwassenen",
        "en Ouderen",
    ]
    assert wrap("een twee drie vier vijf zes zeven", 9) == ["een twee", "drie vier", "vijf zes…"]
    assert wrap("CBS", 16) == ["CBS"]


def test_no_rows_or_no_columns_give_no_matrix():
    assert matrix([], ["GGD"], []) == "" and matrix(["Taal"], [], [[]]) == ""


def test_every_text_in_the_matrix_is_escaped():
    evil = '<script>alert("x")</script>'
    svg = matrix([evil], [evil], [[0]], title=evil, description=evil, chart_id='x" onload="alert(1)')
    assert "<script" not in svg and 'onload="' not in svg and "style=" not in svg


@pytest.mark.parametrize("values", [(1e-300, 2e-300), (-1e12, 1e12), (1e12, 1e12), (0.0, 1e-9)])
def test_extreme_but_allowed_values_still_give_a_chart(values):
    series = [Series("Delft", {"2020": values[0], "2021": values[1]})]
    svg = line_chart(
        periods=["2020", "2021"], series=series, benchmark={}, benchmark_label="", title="t", description="d",
        y_label="y", decimals=2,
    )  # fmt: skip
    assert svg.startswith("<svg")
    assert not re.search(r'[="\s,](-?nan|-?inf)[\s",]', svg.lower())  # every coordinate is a number


def test_figures_are_rounded_half_up_not_cut_off():
    # Django's number_format cuts digits off; a figure of 73.2591 % must read 73,26 %, not 73,25 %.
    from monitoring.analysis.charts import number

    assert (number(73.2591, 2), number(2.675, 2), number(12.5, 0), number(1234567, 0)) == (
        "73,26",
        "2,68",
        "13",
        "1.234.567",
    )

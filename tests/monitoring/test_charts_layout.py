"""The narrow drawings for phones and the coverage matrix's headings, without a browser (the browser
test, tests/browser/test_charts_phone.py, measures the same on screen)."""

import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from monitoring.analysis.charts import (
    NARROW,
    WIDTH,
    Bar,
    BarGroup,
    Reference,
    Series,
    bar_chart,
    coverage_matrix,
    for_screens,
    series_chart,
)
from monitoring.analysis.charts.lines import BOLD_CHAR_WIDTH, CHAR_WIDTH

SVG = "{http://www.w3.org/2000/svg}"
SOURCES = [
    "CBS StatLine",
    "CBS-microdata sociaal domein (bewerking elan-dcc/wijkprofielen)",
    "Gezondheidsmonitor Volwassenen en Ouderen (GGD'en, CBS en RIVM)",
    "Inwonerspanel Delft (fictief, alleen demo)",
]


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def texts(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{SVG}text"))


def estimated_extent(text: ET.Element, char_width: int) -> tuple[float, float]:
    """Where a text starts and ends, at about `char_width` units a character."""
    x, length = float(text.get("x")), len(text.text or "") * char_width
    anchor = text.get("text-anchor", "start")
    start = x - length if anchor == "end" else x - length / 2 if anchor == "middle" else x
    return start, start + length


def matrix(width: int) -> str:
    counts = [[0, 1, 2, 0], [1, 7, 1, 1], [0, 0, 4, 1]]
    return str(
        coverage_matrix(
            rows=["Lichaamsfuncties", "Dagelijks functioneren", "Vervoer en bereikbaarheid"],
            columns=SOURCES,
            counts=counts,
            empty_text="geen cijfers",
            title="Cijfers per thema en bron",
            description="d",
            width=width,
        )
    )


def test_the_matrix_headings_wrap_within_their_column_even_in_a_wide_bold_font():
    headings = [t for t in texts(matrix(WIDTH)) if t.get("class") == "chart-label" and t.get("text-anchor")]
    by_column: dict[str, list[tuple[float, float]]] = {}
    for text in headings:
        if not re.fullmatch(r"[\d.]+", text.text):
            by_column.setdefault(text.get("x"), []).append(estimated_extent(text, BOLD_CHAR_WIDTH))
    assert len(by_column) == 4
    extents = sorted((min(s for s, _e in lines), max(e for _s, e in lines)) for lines in by_column.values())
    assert all(left[1] <= right[0] for left, right in itertools.pairwise(extents))  # apart
    assert all(len(lines) <= 4 for lines in by_column.values())
    assert "CBS StatLine" in matrix(WIDTH) and re.search(
        r">Gezondheids\w*-</text>", matrix(WIDTH)
    )  # a long word breaks


def test_on_a_phone_the_matrix_names_its_columns_by_letter_in_a_key_and_dashes_say_no_figures():
    svg = matrix(NARROW)
    assert 'viewBox="0 0 320' in svg
    letters = [t.text for t in texts(svg) if t.get("class") == "chart-label" and len(t.text) == 1]
    assert letters[:4] == ["A", "B", "C", "D"] and letters[4:8] == ["A", "B", "C", "D"]  # key, then columns
    assert ">CBS StatLine</text>" in svg and ">– = geen cijfers</text>" in svg
    assert ">geen cijfers</text>" not in svg  # too long for a phone's cell: a dash, and the key says so
    for text in texts(svg):
        start, end = estimated_extent(text, BOLD_CHAR_WIDTH if "chart-label" in text.get("class") else CHAR_WIDTH)
        assert start >= 0 and end <= NARROW, text.text


def test_on_a_phone_a_group_label_stands_above_its_bars_within_the_width():
    groups = [BarGroup("Vervoer en bereikbaarheid", [Bar(30, "30", "2024"), Bar(12, "12", "2025")])]
    svg = str(bar_chart(groups=groups, title="t", description="d", width=NARROW))
    label = next(t for t in texts(svg) if t.text == "Vervoer en bereikbaarheid")
    first_bar = ET.fromstring(svg).find(f".//{SVG}rect[@class='chart-bar']")
    assert float(label.get("y")) < float(first_bar.get("y")) and float(label.get("x")) == float(first_bar.get("x"))
    for text in texts(svg):
        assert estimated_extent(text, CHAR_WIDTH)[1] <= NARROW, text.text


def test_one_period_is_bars_with_the_benchmark_as_a_line_and_several_are_lines():
    one = str(
        series_chart(
            periods=["2025"],
            series=[Series("Delft", {"2025": 14.2})],
            benchmark={"2025": 11.0},
            benchmark_label="Nederland",
            title="Vaak eenzaam in Delft",
            summary="Delft deed het slechter.",
            decimals=1,
        )
    )
    assert 'class="chart-bar"' in one and "chart-line" not in one and "<circle" not in one
    assert re.search(r'<line class="chart-benchmark" x1="([\d.]+)" x2="\1" y1="[\d.]+" y2="[\d.]+"', one)
    assert ">Nederland: 11,0</text>" in one and ">14,2</text>" in one
    assert "Staafgrafiek met een staaf per gebied, voor 2025. De vergelijkingswaarde is een gestippelde lijn" in one
    two = str(
        series_chart(
            periods=["2024", "2025"],
            series=[Series("Delft", {"2024": 13.0, "2025": 14.2})],
            benchmark={"2025": 11.0},
            title="t",
            summary="s",
            decimals=1,
        )
    )
    assert 'class="chart-line"' in two and "chart-bar" not in two and "Lijngrafiek met een lijn per gebied." in two


def test_a_reference_keeps_its_value_when_its_name_is_cut():
    long = "Nederland (afgeleid: naar inwoners van 19 jaar en ouder gewogen gemiddelde van alle wijken)"
    for width in (WIDTH, NARROW):
        svg = str(
            bar_chart(
                groups=[BarGroup("Delft", [Bar(50.5, "50,5")])],
                title="t",
                description="d",
                width=width,
                reference=Reference(44.0, "44,0", long),
            )
        )
        [text] = [t.text for t in texts(svg) if t.text.startswith("Nederland")]
        assert text.endswith("…: 44,0") and len(text) * CHAR_WIDTH <= width


def test_negative_bars_run_left_of_the_zero_line():
    svg = str(
        bar_chart(
            groups=[BarGroup("Saldo", [Bar(-20, "-20", "2024"), Bar(40, "40", "2025")])], title="t", description="d"
        )
    )
    zero = float(re.search(r'<line class="chart-axis" x1="([\d.]+)"', svg).group(1))
    (neg_x, neg_w), (pos_x, pos_w) = [
        (float(x), float(w)) for x, w in re.findall(r'class="chart-bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    ]
    assert neg_x + neg_w == pytest.approx(zero, abs=0.1) and pos_x == pytest.approx(zero, abs=0.1)
    assert pos_w == pytest.approx(2 * neg_w, abs=0.2)


def test_for_screens_wraps_both_drawings_and_nothing_when_there_is_nothing_to_draw():
    both = str(
        for_screens(bar_chart, groups=[BarGroup("Taal", [Bar(3, "3")])], title="t", description="d", chart_id="x")
    )
    assert both.startswith('<div class="chart-wide"><svg') and '<div class="chart-narrow"><svg' in both
    assert 'id="x-title"' in both and 'id="x-smal-title"' in both
    assert str(for_screens(bar_chart, groups=[], title="t", description="d", chart_id="x")) == ""

"""Delft's comparison on the demo data, read as a coordinator would: every explanation is true to the
numbers beside it, and the user guide's example rows (docs/users/vergelijking.md) are what the demo gives."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from monitoring.analysis.explanations import percent, value_text
from monitoring.models import Area
from monitoring.services.comparing import comparison_run

pytestmark = pytest.mark.django_db

# The worked example moved from the README to the user guide.
README = Path(__file__).resolve().parents[2] / "docs" / "users" / "vergelijking.md"
COUNT = re.compile(r"^(Geen|Minder dan 5|[\d.]+) van de ([\d.]+) knelpunten in (\S+) in 2026 tot en met 25 november")


def signals_part_is_true(row) -> None:
    """The first sentence quotes the shown count, the shown total and the share between them."""
    found = COUNT.match(row.explanation)
    assert found, row.explanation
    count, total = found.group(1), int(found.group(2).replace(".", ""))
    assert total == row.total_shown
    if row.shown_signals < 5:  # a shown 0 can stand for 1 to 3 too: never "none"
        assert count == "Minder dan 5" and "%)" not in row.explanation.split(".")[0].split(";")[0]
    else:
        assert int(count.replace(".", "")) == row.shown_signals
        assert f"({percent(row.shown_signals / row.total_shown)})" in row.explanation
    first = row.explanation.split(". Het ")[0]
    # An expected count, or (when it would give a small earlier count away) the direction only.
    assert "verwachten" in first or "het verschil met het aandeel" in first or " dan in " in first, first
    chance = "vrijwel zeker geen toeval" in first
    if row.verdict not in ("blinde_vlek", "te_weinig") and row.p_value is not None and row.p_value == row.p_value:
        assert chance == bool(row.change_significant), row.explanation


def figures_part_is_true(row) -> None:
    """The second sentence quotes the figure that decided, its period, and its benchmark with its label."""
    figures = row.explanation[row.explanation.index(". ") + 2 :] if ". " in row.explanation else ""
    if not isinstance(row.indicator, str):
        assert "Er zijn geen cijfers over" in figures
        return
    assert f"„{row.indicator_name}”" in figures and str(row.latest_period) in figures
    assert value_text(row.latest_value, row.unit) in figures
    if "slechter, en dat is vrijwel zeker geen toeval" in figures:
        assert row.data_problem and row.gap_p < 0.05
    if row.reference == "benchmark" and "te oud" not in figures and "achtergrond" not in figures:
        assert f"({row.benchmark_label}: {value_text(row.benchmark, row.unit)})" in figures
    if row.verdict == "bevestigd":
        assert row.data_problem and not row.too_few


@freeze_time("2026-11-25")
def test_every_explanation_is_true_to_its_numbers_and_the_readme_rows_are_the_demos(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    delft = comparison_run(area=Area.objects.get(code="GM0503"))
    buitenhof = comparison_run(area=Area.objects.get(code="WK050325"))
    for result in (delft, buitenhof):
        for row in result.table.itertuples(index=False):
            signals_part_is_true(row)
            figures_part_is_true(row)
    assert not delft.table["change_significant"].any()  # more logging in 2026 is no trend
    readme = README.read_text(encoding="utf-8")
    for result, name, verdict in (
        (delft, "Financiële zorgen", "bevestigd"),
        (delft, "Hoe je woont", "datagat"),
        (buitenhof, "Eenzaamheid", "te_weinig"),
    ):
        row = result.table[result.table["name"] == name].iloc[0]
        assert row.verdict == verdict
        figures = row.explanation[row.explanation.index(". Het ") + 2 :].replace("\u00a0", " ")
        assert figures in readme, figures  # the README quotes the demo's own sentence about the figures

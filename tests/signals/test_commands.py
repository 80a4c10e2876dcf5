"""The command-line interface: export_signals, scan_personal_data, load_demo, load_areas."""

import csv
import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command

from monitoring.models import Area
from signals.guard import scan
from signals.models import Signal, Theme
from tests.factories import SignalFactory

pytestmark = pytest.mark.django_db


def run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def two_signals(delft):
    SignalFactory(
        summary="=SOM(A1:A9) is geen formule",
        district=delft.children.get(code="WK050325"),
        themes=[Theme.objects.get(slug="taal"), Theme.objects.get(slug="eenzaamheid")],
    )
    SignalFactory(summary="Tweede signaal, met een komma", residents=4)


def test_export_csv_has_all_signals_with_their_themes(two_signals):
    rows = list(csv.DictReader(io.StringIO(run("export_signals", "--format", "csv"))))
    assert len(rows) == 2
    first = next(r for r in rows if r["district_code"] == "WK050325")
    assert set(first["themes"].split("|")) == {"taal", "eenzaamheid"}
    assert first["district"] == "Buitenhof"
    assert first["summary"].startswith("'=")  # a spreadsheet will not run it
    assert "created_by" not in first


def test_export_jsonl_is_one_object_per_signal(two_signals):
    lines = run("export_signals", "--format", "jsonl").splitlines()
    objects = [json.loads(line) for line in lines]
    assert len(objects) == 2
    assert {o["residents"] for o in objects} == {1, 4}
    assert all(isinstance(o["themes"], list) for o in objects)


def test_export_refuses_an_unknown_format():
    with pytest.raises(CommandError):
        call_command("export_signals", "--format", "xml")


def test_scan_personal_data_reads_a_file_and_prints_json_lines(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Bel mevrouw Jansen op 06-12345678.\nEen schone zin over de buurtbus.\n", encoding="utf-8")
    lines = [json.loads(line) for line in run("scan_personal_data", str(path)).splitlines()]
    assert [line["line"] for line in lines] == [1, 2]
    assert lines[0]["findings"] == [
        {"start": 12, "end": 18, "kind": "NAAM", "text": "Jansen"},
        {"start": 22, "end": 33, "kind": "TELEFOON", "text": "06-12345678"},
    ]
    assert lines[1]["findings"] == []


def test_scan_personal_data_reads_stdin(monkeypatch):
    output = run("scan_personal_data", "-", stdin="BSN 2345.67.892\n", monkeypatch=monkeypatch)
    assert json.loads(output)["findings"][0]["kind"] == "BSN"


def test_scan_personal_data_prints_licence_plates_and_soft_hints_in_the_same_format(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Auto 12-AB-34 van de imam van de moskee.\n", encoding="utf-8")
    (line,) = [json.loads(line) for line in run("scan_personal_data", str(path)).splitlines()]
    assert line["findings"] == [
        {"start": 5, "end": 13, "kind": "KENTEKEN", "text": "12-AB-34"},
        {"start": 18, "end": 39, "kind": "HERKENBAAR", "text": "de imam van de moskee"},
    ]


def test_scan_personal_data_points_at_what_was_typed_in_a_disguised_line(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Bel 06\u200b-\u200b12345678.\n", encoding="utf-8")
    (line,) = [json.loads(line) for line in run("scan_personal_data", str(path)).splitlines()]
    assert line["findings"] == [{"start": 4, "end": 17, "kind": "TELEFOON", "text": "06\u200b-\u200b12345678"}]


def test_scan_personal_data_explains_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("scan_personal_data", str(tmp_path / "nope.txt"))


def test_scan_personal_data_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("caf\xe9 op de hoek\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("scan_personal_data", str(path))


def test_load_areas_loads_any_municipality():
    output = run("load_areas", "--municipality", "GM0014")
    groningen = Area.objects.get(code="GM0014")
    assert groningen.name == "Groningen" and groningen.level == "gemeente"
    assert groningen.children.filter(level="wijk").count() > 5
    assert output.startswith("GM0014 Groningen:")


def test_load_areas_refuses_an_unknown_code():
    with pytest.raises(CommandError, match="GM9999"):
        call_command("load_areas", "--municipality", "GM9999")


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    return run("load_demo")


def test_load_demo_makes_delft_users_and_about_400_signals(demo):
    assert Area.objects.filter(parent__code="GM0503", level="wijk").count() == 13
    assert Signal.objects.count() == 400
    assert "signals: 400 created" in demo
    assert "figures: 26 indicators created" in demo  # the real figures and the fictional panel come with the demo
    span = Signal.objects.order_by("conversation_date")
    assert (span.last().conversation_date - span.first().conversation_date).days > 600
    assert len({s.channel for s in Signal.objects.all()}) == 6


def test_load_demo_is_idempotent(demo):
    again = run("load_demo")
    assert Signal.objects.count() == 400
    assert "signals: 0 created" in again
    assert "figures: 0 indicators created, 0 observations created, 0 changed in 0 imports" in again


def test_demo_signals_hold_no_personal_data(demo):
    texts = set(Signal.objects.values_list("summary", flat=True))
    flagged = [text for text in texts if scan(text)]
    # The guard's false-alarm target is 10% of clean notes; demo notes are clean.
    assert len(flagged) <= 0.02 * len(texts), flagged


def test_demo_loneliness_leans_to_districts_with_more_older_residents(demo):
    lonely = Theme.objects.get(slug="eenzaamheid")

    def share(code):
        in_district = Signal.objects.filter(district__code=code)
        return in_district.filter(themes=lonely).count() / max(in_district.count(), 1)

    # Buitenhof has about three times the share of residents aged 65+ of Binnenstad (RIVM 2016).
    assert share("WK050325") > share("WK050311")


def test_load_demo_adds_no_fictional_data_when_debug_is_off(settings):
    settings.DEBUG = False
    output = run("load_demo")
    assert "skipped (DEBUG is off)" in output
    assert not Signal.objects.exists()
    assert Area.objects.filter(code="GM0503").exists()

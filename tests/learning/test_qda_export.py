"""The REFI-QDA exports: what a researcher opens in QualCoder, ATLAS.ti, MAXQDA or NVivo fits the
consortium's XSDs, reads back to the same codes, sources and codings, and follows the need-to-know
rules of the pages (a member's export: other members' signals without author, their dates to the month)."""

import datetime
import io
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from learning.qda.guids import guid, theme_guid
from learning.qda.schema import schema_errors
from monitoring.models import Area
from signals.models import Signal, Theme
from tests.factories import SignalFactory

P = "{urn:QDA-XML:project:1.0}"
C = "{urn:QDA-XML:codebook:1.0}"


def read_project(data: bytes) -> dict:
    """A .qdpx read back: the codes (guid -> (name, parent guid)), the users and per source its text,
    attributes, variable values and the codes of its selections."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(archive.read("project.qde"))
    codes = {}
    for code in root.iter(f"{P}Code"):
        parent = code.getparent()
        codes[code.get("guid")] = (code.get("name"), parent.get("guid") if parent.tag == f"{P}Code" else None)
    variables = {v.get("guid"): v.get("name") for v in root.iter(f"{P}Variable")}
    sources = {}
    for source in root.iter(f"{P}TextSource"):
        path = source.get("plainTextPath").removeprefix("internal://")
        text = archive.read(f"sources/{path}").decode("utf-8")
        selections = source.findall(f"{P}PlainTextSelection")
        sources[source.get("name")] = {
            "text": text,
            "attrib": dict(source.attrib),
            "selections": [
                (int(s.get("startPosition")), int(s.get("endPosition")), dict(s.attrib)) for s in selections
            ],
            "codes": {ref.get("targetGUID") for ref in source.iter(f"{P}CodeRef")},
            "codings": [dict(c.attrib) for c in source.iter(f"{P}Coding")],
            "values": {
                variables[v.find(f"{P}VariableRef").get("targetGUID")]: v[1].text
                for v in source.findall(f"{P}VariableValue")
            },
        }
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{P}User")}
    return {"root": root, "codes": codes, "sources": sources, "users": users, "names": archive.namelist()}


def project_xml(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("project.qde")


@pytest.fixture
def signals(member, coordinator, delft):
    district = Area.objects.districts().first()
    own = SignalFactory(
        created_by=member,
        conversation_date=datetime.date(2025, 3, 14),
        district=district,
        age_band=Signal.AgeBand.OLDER,
        summary="Mevrouw mist de buurtbus sinds de dienstregeling is veranderd. Ze komt niet meer bij de markt.",
        themes=[Theme.objects.get(slug="eenzaamheid"), Theme.objects.get(slug="vervoer-en-bereikbaarheid")],
    )
    other = SignalFactory(
        created_by=coordinator,
        conversation_date=datetime.date(2025, 4, 2),
        summary="Een jongere zoekt vrijwilligerswerk maar vindt de weg niet — ‘te veel formulieren’.",
        themes=[Theme.objects.get(slug="vrijwilligerswerk")],
    )
    return {"own": own, "other": other}


def test_the_codebook_fits_the_refi_qda_codebook_xsd_and_holds_the_theme_tree(coordinator_client):
    response = coordinator_client.get(reverse("learning:qda_codebook"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="meedoen-themas-')
    assert schema_errors(response.content, codebook=True) == []
    root = etree.fromstring(response.content)
    assert root.tag == f"{C}CodeBook"
    tops = root.find(f"{C}Codes").findall(f"{C}Code")
    dimension = Theme.objects.get(slug="lichaamsfuncties")
    element = next(c for c in tops if c.get("guid") == theme_guid(dimension.pk))
    assert element.get("name") == "Lichaamsfuncties"
    aspects = set(dimension.children.values_list("name", flat=True))
    assert {c.get("name") for c in element.findall(f"{C}Code")} == aspects
    assert len(list(root.iter(f"{C}Code"))) == Theme.objects.count()


def test_a_project_fits_the_refi_qda_project_xsd(coordinator_client, signals):
    response = coordinator_client.get(reverse("learning:qda_project"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert schema_errors(project_xml(response.content)) == []


def test_the_project_reads_back_with_the_same_codes_sources_and_codings(coordinator_client, signals):
    project = read_project(coordinator_client.get(reverse("learning:qda_project")).content)
    # the codes: the theme tree, with GUIDs from the ids
    for theme in Theme.objects.all():
        parent = theme_guid(theme.parent_id) if theme.parent_id else None
        assert project["codes"][theme_guid(theme.pk)] == (theme.name, parent)
    # every signal one plain-text source under sources/, coded with its themes over the whole text
    assert len(project["sources"]) == 2
    for signal in signals.values():
        source = project["sources"][f"Signaal {signal.pk}"]
        assert f"sources/{guid('signal', signal.pk)}.txt" in project["names"]
        assert source["text"] == signal.summary
        assert source["codes"] == {theme_guid(t.pk) for t in signal.themes.all()}
        assert {(start, end) for start, end, _attrib in source["selections"]} == {(0, len(signal.summary))}
        assert len(source["selections"]) == signal.themes.count()
    own = project["sources"][f"Signaal {signals['own'].pk}"]
    assert own["values"]["Datum van het gesprek"] == "2025-03-14"
    assert own["values"]["Leeftijd"] == "65 tot 80 jaar"
    assert own["values"]["Aantal inwoners"] == "1"


def test_two_exports_give_the_same_guids(coordinator_client, signals):
    first = read_project(coordinator_client.get(reverse("learning:qda_project")).content)
    second = read_project(coordinator_client.get(reverse("learning:qda_project")).content)
    assert first["codes"] == second["codes"]
    assert first["names"] == second["names"]


def test_a_members_export_has_no_author_and_only_the_month_of_other_members_signals(member_client, signals):
    data = member_client.get(reverse("learning:qda_project")).content
    assert schema_errors(project_xml(data)) == []
    project = read_project(data)
    other = project["sources"][f"Signaal {signals['other'].pk}"]
    assert "creatingUser" not in other["attrib"] and "creationDateTime" not in other["attrib"]
    for _start, _end, attrib in other["selections"]:
        assert "creatingUser" not in attrib and "creationDateTime" not in attrib
    for attrib in other["codings"]:
        assert "creatingUser" not in attrib and "creationDateTime" not in attrib
    assert other["values"]["Datum van het gesprek"] == "2025-04"
    assert "2025-04-02" not in project_xml(data).decode()
    assert signals["other"].created_by.username not in project_xml(data).decode()
    # their own signal they see in full, as on the pages
    own = project["sources"][f"Signaal {signals['own'].pk}"]
    assert own["values"]["Datum van het gesprek"] == "2025-03-14"
    assert project["users"] == {guid("user", signals["own"].created_by_id): signals["own"].created_by.username}
    assert own["attrib"]["creatingUser"] == guid("user", signals["own"].created_by_id)


def test_a_coordinators_export_has_every_author_and_date(coordinator_client, signals):
    project = read_project(coordinator_client.get(reverse("learning:qda_project")).content)
    other = project["sources"][f"Signaal {signals['other'].pk}"]
    assert other["values"]["Datum van het gesprek"] == "2025-04-02"
    assert project["users"][other["attrib"]["creatingUser"]] == signals["other"].created_by.username
    created = datetime.datetime.fromisoformat(other["attrib"]["creationDateTime"])
    assert abs(created - signals["other"].created_at) < datetime.timedelta(seconds=1)


def test_a_signal_flagged_by_the_rescan_is_left_out_and_counted_on_the_page(member_client, signals):
    Signal.objects.filter(pk=signals["other"].pk).update(guard_flagged_at=timezone.now())
    project = read_project(member_client.get(reverse("learning:qda_project")).content)
    assert set(project["sources"]) == {f"Signaal {signals['own'].pk}"}
    page = member_client.get(reverse("learning:qda"))
    assert "1 signaal gaat niet mee" in page.content.decode()


def test_the_filters_choose_theme_district_and_period(member_client, signals):
    district = signals["own"].district
    url = reverse("learning:qda_project")
    by_theme = read_project(member_client.get(url, {"thema": Theme.objects.get(slug="vrijwilligerswerk").pk}).content)
    assert set(by_theme["sources"]) == {f"Signaal {signals['other'].pk}"}
    by_district = read_project(member_client.get(url, {"wijk": district.pk}).content)
    assert set(by_district["sources"]) == {f"Signaal {signals['own'].pk}"}
    # a member's period is widened to whole months, as in the list: 3 April finds the 2nd
    by_period = read_project(member_client.get(url, {"van": "2025-04-03", "tot": "2025-04-30"}).content)
    assert set(by_period["sources"]) == {f"Signaal {signals['other'].pk}"}


def test_an_export_with_no_signals_still_fits_the_xsd(coordinator_client, db):
    data = coordinator_client.get(reverse("learning:qda_project")).content
    assert schema_errors(project_xml(data)) == []
    assert read_project(data)["sources"] == {}


@pytest.mark.parametrize(
    "query",
    [
        {"thema": "99999999999999999999999"},
        {"wijk": "x"},
        {"van": "gisteren"},
        {"van": "2025-05-01", "tot": "2025-04-01"},
    ],
)
def test_junk_in_the_filters_shows_the_form_again_not_a_500(member_client, query):
    response = member_client.get(reverse("learning:qda_project"), query)
    assert response.status_code == 400
    assert "Het project is niet gemaakt" in response.content.decode()


def test_the_privacy_officer_may_not_export_and_a_visitor_must_log_in(privacy_client, client, db):
    assert privacy_client.get(reverse("learning:qda_project")).status_code == 403
    assert privacy_client.get(reverse("learning:qda_codebook")).status_code == 403
    assert privacy_client.get(reverse("learning:qda")).status_code == 403
    client.logout()
    assert client.get(reverse("learning:qda_codebook")).status_code in (302, 403)


def test_the_hub_shows_the_exchange_to_members_and_coordinators(member_client):
    page = member_client.get(reverse("learning:index")).content.decode()
    assert reverse("learning:qda") in page
    assert reverse("learning:qda_import") not in page  # importing themes is the coordinators' work


def test_the_commands_write_files_that_fit_the_xsds(tmp_path, member, signals):
    project, codebook = tmp_path / "signalen.qdpx", tmp_path / "themas.qdc"
    call_command("export_qdpx", str(project), "--as-user", member.username, stdout=io.StringIO())
    call_command("export_qdc", str(codebook), stdout=io.StringIO())
    assert schema_errors(codebook.read_bytes(), codebook=True) == []
    read = read_project(project.read_bytes())
    assert read["sources"][f"Signaal {signals['other'].pk}"]["values"]["Datum van het gesprek"] == "2025-04"


def test_the_command_refuses_a_user_who_may_not_export(tmp_path, privacy_officer):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("export_qdpx", str(tmp_path / "x.qdpx"), "--as-user", privacy_officer.username)
    assert not (tmp_path / "x.qdpx").exists()


def test_a_signal_outside_every_district_and_without_age_band_still_fits(coordinator_client, db):
    SignalFactory(district=None, age_band="", summary="Kort.")
    data = coordinator_client.get(reverse("learning:qda_project")).content
    assert schema_errors(project_xml(data)) == []

"""Reading a REFI-QDA codebook (.qdc) as themes: upload, preview of what is created, renamed or moved,
confirm; all or nothing, and never a 500, whatever the file holds."""

import html
import time
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree

from learning.qda.guids import theme_guid
from learning.qda.models import CodebookUpload
from learning.qda.reading import MAX_BYTES
from signals.models import SignalCount, Theme
from tests.factories import SignalFactory

C = "{urn:QDA-XML:codebook:1.0}"


def code(name: str, *children: str, guid: str | None = None) -> str:
    inner = "".join(children)
    return f'<Code guid="{guid or uuid.uuid4()}" name="{name}" isCodable="true">{inner}</Code>'


def qdc(*codes: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="QualCoder 3.5">\n'
        f"<Codes>{''.join(codes)}</Codes></CodeBook>"
    ).encode()


def upload(client, data: bytes, name: str = "codes.qdc"):
    return client.post(reverse("learning:qda_import"), {"file": SimpleUploadedFile(name, data)})


def confirm(client):
    return client.post(reverse("learning:qda_confirm"))


def page(response) -> str:
    return html.unescape(response.content.decode())


def refused(response) -> str:
    assert response.status_code == 200
    text = page(response)
    assert "Het codeboek is geweigerd" in text
    assert not CodebookUpload.objects.exists()
    return text


def test_a_codebook_is_previewed_first_and_stored_only_when_confirmed(coordinator_client):
    themes = Theme.objects.count()
    response = upload(coordinator_client, qdc(code("Wonen in de wijk", code("Geluidsoverlast")), code("EENZAAMHEID")))
    assert response.status_code == 302 and response["Location"] == reverse("learning:qda_preview")
    assert Theme.objects.count() == themes  # nothing stored yet
    preview = page(coordinator_client.get(reverse("learning:qda_preview")))
    assert "nieuwe thema's: 2" in preview
    assert "Geluidsoverlast" in preview and "bestaat al" in preview

    response = confirm(coordinator_client)
    assert response.status_code == 302 and response["Location"] == reverse("signals:themes")
    wonen = Theme.objects.get(name="Wonen in de wijk")
    noise = Theme.objects.get(name="Geluidsoverlast")
    assert wonen.parent is None and noise.parent == wonen
    assert {wonen.origin, noise.origin} == {Theme.Origin.COUNCIL}
    assert Theme.objects.count() == themes + 2  # Eenzaamheid was matched, whatever its case
    assert not CodebookUpload.objects.exists()


def test_our_own_codebook_read_back_unchanged_changes_nothing(coordinator_client):
    before = list(Theme.objects.values_list("pk", "name", "parent_id").order_by("pk"))
    data = coordinator_client.get(reverse("learning:qda_codebook")).content
    assert upload(coordinator_client, data).status_code == 302
    preview = page(coordinator_client.get(reverse("learning:qda_preview")))
    assert "nieuwe thema's: 0" in preview and "verplaatst: 0" in preview and "nieuwe namen: 0" in preview
    confirm(coordinator_client)
    assert list(Theme.objects.values_list("pk", "name", "parent_id").order_by("pk")) == before


def test_a_codebook_we_exported_and_edited_elsewhere_renames_and_moves_by_guid(coordinator_client):
    language = Theme.objects.get(slug="taal")
    loneliness = Theme.objects.get(slug="eenzaamheid")
    dimension = Theme.objects.filter(parent=None, origin=Theme.Origin.POSITIVE_HEALTH).first()
    SignalFactory(themes=[language])
    root = etree.fromstring(coordinator_client.get(reverse("learning:qda_codebook")).content)
    codes = {c.get("guid"): c for c in root.iter(f"{C}Code")}
    codes[theme_guid(loneliness.pk)].set("name", "Eenzaamheid en isolement")
    codes[theme_guid(dimension.pk)].append(codes[theme_guid(language.pk)])  # Taal becomes its aspect
    assert upload(coordinator_client, etree.tostring(root)).status_code == 302

    preview = page(coordinator_client.get(reverse("learning:qda_preview")))
    assert "was „Eenzaamheid”" in preview and "verplaatst (was een hoofdthema)" in preview
    confirm(coordinator_client)
    loneliness.refresh_from_db()
    language.refresh_from_db()
    assert loneliness.name == "Eenzaamheid en isolement" and loneliness.slug == "eenzaamheid"
    assert language.parent == dimension
    # the dimension's family now counts the signal tagged with its new aspect
    family = SignalCount.objects.families().filter(theme=dimension.pk)
    assert sum(family.values_list("signals", flat=True)) == 1


def test_codes_deeper_than_two_levels_go_under_their_outermost_code_with_a_note(coordinator_client):
    upload(coordinator_client, qdc(code("Buurt", code("Voorzieningen", code("Bibliotheek", code("Leesclub"))))))
    preview = page(coordinator_client.get(reverse("learning:qda_preview")))
    assert preview.count("Deze code lag dieper dan twee lagen.") == 2
    confirm(coordinator_client)
    top = Theme.objects.get(name="Buurt")
    assert set(top.children.values_list("name", flat=True)) == {"Voorzieningen", "Bibliotheek", "Leesclub"}


def test_one_bad_code_refuses_the_whole_file_and_stores_nothing(coordinator_client):
    themes = Theme.objects.count()
    page = refused(upload(coordinator_client, qdc(code("Wonen"), code("   "), code("Werk"))))
    assert "Deze code heeft geen naam." in page
    assert Theme.objects.count() == themes


def test_a_name_with_personal_data_is_refused_and_never_shown(coordinator_client):
    page = refused(upload(coordinator_client, qdc(code("Wonen"), code("Gebeld door Jan de Vries 06-12345678"))))
    assert "persoonsgegevens" in page
    assert "Jan de Vries" not in page and "06-12345678" not in page and "12345678" not in page
    assert not Theme.objects.filter(name__icontains="Jan").exists()


def test_the_same_code_twice_is_refused(coordinator_client):
    page = refused(upload(coordinator_client, qdc(code("Wonen"), code("Werk", code("wonen")))))
    assert "staat twee keer in het bestand" in page


def test_a_new_name_of_another_theme_is_refused(coordinator_client):
    loneliness = Theme.objects.get(slug="eenzaamheid")
    page = refused(upload(coordinator_client, qdc(code("Taal", guid=theme_guid(loneliness.pk)))))
    assert "Er is al een ander thema met deze naam." in page


def test_a_main_theme_with_aspects_cannot_become_an_aspect(coordinator_client):
    dimension = Theme.objects.filter(parent=None, origin=Theme.Origin.POSITIVE_HEALTH).first()
    page = refused(upload(coordinator_client, qdc(code("Eenzaamheid", code(dimension.name)))))
    assert "eigen aspecten" in page
    assert dimension.children.exists() and Theme.objects.get(pk=dimension.pk).parent is None


def test_a_file_that_no_longer_fits_at_confirm_stores_nothing(coordinator_client):
    upload(coordinator_client, qdc(code("Wonen", code("Taal"))))
    Theme.objects.create(name="Nederlands leren", parent=Theme.objects.get(slug="taal"))
    response = confirm(coordinator_client)
    assert response["Location"] == reverse("learning:qda_preview")
    assert Theme.objects.get(slug="taal").parent is None and not Theme.objects.filter(name="Wonen").exists()
    assert "past niet meer" in coordinator_client.get(reverse("learning:qda_preview")).content.decode()


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="7c9f7f6e-4c8e-4a4e-9c55-2c1d0c3c1a11" name="&lol9;" isCodable="true"/>
</Codes></CodeBook>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE c [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="7c9f7f6e-4c8e-4a4e-9c55-2c1d0c3c1a11" name="&secret;" isCodable="true"/>
</Codes></CodeBook>"""


def test_an_xml_bomb_is_refused_fast(coordinator_client):
    start = time.monotonic()
    page = refused(upload(coordinator_client, BOMB))
    assert time.monotonic() - start < 2
    assert "DOCTYPE" in page and "lollol" not in page


def test_an_external_entity_is_never_read(coordinator_client):
    page = refused(upload(coordinator_client, XXE))
    assert "root:" not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "geen leesbaar XML-bestand"),
        (b"name,parent\nWonen,\n", "geen leesbaar XML-bestand"),
        (b"<CodeBook><Codes>", "geen leesbaar XML-bestand"),
        (b"PK\x03\x04rest of a zip", "zip-bestand"),
        (b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>', "geen codeboek"),
        (b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>', "geen codes"),
        ("<CodeBook><Codes><Code name='Wonen'/></Codes></CodeBook>".encode("utf-16"), "Wonen"),
    ],
)
def test_junk_is_refused_with_a_clear_message_not_a_500(coordinator_client, data, message):
    response = upload(coordinator_client, data)
    if message == "Wonen":  # UTF-16 with a byte-order mark is XML too: read and previewed
        assert response.status_code == 302
        assert message in coordinator_client.get(reverse("learning:qda_preview")).content.decode()
        return
    assert message in refused(response)


def test_a_file_over_the_size_limit_is_refused(coordinator_client):
    data = qdc(code("Wonen")) + b" " * MAX_BYTES
    response = upload(coordinator_client, data)
    assert response.status_code == 200
    assert "Het bestand is te groot" in response.content.decode()
    assert not CodebookUpload.objects.exists()


def test_cancelling_keeps_nothing(coordinator_client):
    upload(coordinator_client, qdc(code("Wonen")))
    response = coordinator_client.post(reverse("learning:qda_cancel"))
    assert response["Location"] == reverse("learning:qda_import")
    assert not CodebookUpload.objects.exists() and not Theme.objects.filter(name="Wonen").exists()
    assert confirm(coordinator_client)["Location"] == reverse("learning:qda_import")
    assert coordinator_client.get(reverse("learning:qda_preview"))["Location"] == reverse("learning:qda_import")


def test_a_new_upload_replaces_the_one_waiting(coordinator_client):
    upload(coordinator_client, qdc(code("Wonen")))
    upload(coordinator_client, qdc(code("Werk")))
    assert CodebookUpload.objects.count() == 1
    confirm(coordinator_client)
    assert Theme.objects.filter(name="Werk").exists() and not Theme.objects.filter(name="Wonen").exists()


def test_members_and_the_privacy_officer_may_not_import(member_client, privacy_client):
    for client in (member_client, privacy_client):
        assert client.get(reverse("learning:qda_import")).status_code == 403
        assert upload(client, qdc(code("Wonen"))).status_code == 403
        assert client.get(reverse("learning:qda_preview")).status_code == 403
        assert confirm(client).status_code == 403
        assert client.post(reverse("learning:qda_cancel")).status_code == 403
    assert not Theme.objects.filter(name="Wonen").exists()


def test_the_upload_page_without_a_file_or_with_an_empty_one_says_so(coordinator_client):
    for data in ({}, {"file": SimpleUploadedFile("leeg.qdc", b"")}):
        response = coordinator_client.post(reverse("learning:qda_import"), data)
        assert response.status_code == 200
        assert "Het codeboek is nog niet geüpload" in page(response)
    assert not CodebookUpload.objects.exists()

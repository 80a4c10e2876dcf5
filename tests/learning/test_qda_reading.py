"""Reading a codebook file and planning what it does, without a database: whatever the bytes, the
reader refuses them or gives codes; whatever the tree, the plan keeps themes two levels deep."""

import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from learning.qda.codebook import ExistingTheme, codebook_plan
from learning.qda.guids import theme_guid
from learning.qda.reading import MAX_CODES, CodebookRefused, codebook_read

NS = "urn:QDA-XML:codebook:1.0"
THEMES = [ExistingTheme(1, "Meedoen", None), ExistingTheme(2, "Erbij horen", 1), ExistingTheme(3, "Taal", None)]


def no_personal_data(name: str) -> list[str]:
    return []


def qdc(body: str) -> bytes:
    return f'<CodeBook xmlns="{NS}"><Codes>{body}</Codes></CodeBook>'.encode()


def tree_xml(tree) -> str:
    return "".join(
        f'<Code guid="{uuid.uuid4()}" name="{name}" isCodable="true">{tree_xml(kids)}</Code>' for name, kids in tree
    )


names = st.sampled_from(["Wonen", "wonen", "Werk", "Taal", "Meedoen", "Erbij horen", "Zorg", "Buurt", " ", "Geld"])
trees = st.recursive(st.just([]), lambda kids: st.lists(st.tuples(names, kids), min_size=1, max_size=4), max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_are_read_or_refused_never_an_error(data):
    try:
        entries = codebook_read(data)
    except CodebookRefused as refused:
        assert refused.problems and all(p.problem for p in refused.problems)
    else:
        assert entries


@settings(max_examples=200, deadline=None)
@given(trees.filter(bool))
def test_a_plan_without_problems_keeps_every_code_and_the_tree_two_levels_deep(tree):
    plan = codebook_plan(codebook_read(qdc(tree_xml(tree))), THEMES, no_personal_data)
    if plan.problems:
        return
    keys = {row.index: ("id", row.theme_id) if row.theme_id else ("new", row.index) for row in plan.rows}
    parents = {keys[row.index]: row.parent for row in plan.rows}
    parents.update(
        {("id", t.id): ("id", t.parent_id) if t.parent_id else None for t in THEMES if ("id", t.id) not in parents}
    )
    for child, parent in parents.items():
        assert parent is None or parents[parent] is None, (child, parent)
    assert len({row.name.lower() for row in plan.rows}) == len(plan.rows)


def test_a_code_is_our_theme_by_its_guid_before_its_name():
    entries = codebook_read(qdc(f'<Code guid="{{{theme_guid(3).upper()}}}" name="Taal en lezen" isCodable="true"/>'))
    (row,) = codebook_plan(entries, THEMES, no_personal_data).rows
    assert (row.theme_id, row.old_name, row.name) == (3, "Taal", "Taal en lezen")


def test_an_aspect_at_the_top_of_the_file_becomes_a_main_theme():
    (row,) = codebook_plan(codebook_read(qdc('<Code guid="x" name="erbij horen"/>')), THEMES, no_personal_data).rows
    assert (row.theme_id, row.moved, row.parent, row.name) == (2, True, None, "erbij horen")


def test_more_codes_than_the_limit_are_refused():
    body = "".join(f'<Code guid="{uuid.uuid4()}" name="c{n}" isCodable="true"/>' for n in range(MAX_CODES + 1))
    try:
        codebook_read(qdc(body))
    except CodebookRefused as refused:
        assert "meer dan" in refused.problems[0].problem
    else:
        raise AssertionError("refused expected")


def test_a_codebook_without_namespace_and_with_comments_is_read():
    data = (
        b"<?xml version='1.0'?><!-- made by hand -->"
        b"<CodeBook><Codes><Code name='Wonen'><Code name='Huur'/></Code></Codes></CodeBook>"
    )
    entries = codebook_read(data)
    assert [(e.name, e.depth, e.parent) for e in entries] == [("Wonen", 1, None), ("Huur", 2, 0)]


def test_a_name_the_guard_blocks_is_a_problem_without_the_name():
    entries = codebook_read(qdc('<Code guid="x" name="Bel 0612345678"/>'))
    plan = codebook_plan(entries, THEMES, lambda name: ["telefoonnummer"] if "06" in name else [])
    assert [(p.code, "telefoonnummer" in p.problem) for p in plan.problems] == [("", True)]

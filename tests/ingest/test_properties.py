"""Property-based tests (hypothesis): arbitrary input never crashes the ingester, exports
re-parse to the same triples, builds are deterministic, name resolution never raises."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import RdfFormat, parse

from jobkg.errors import PageError
from jobkg.ingest.markdown import parse_page
from jobkg.ingest.sections import read_sections
from jobkg.kb import KnowledgeBase

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

words = st.sampled_from(
    [
        "Senior",
        "Staff",
        "Manager",
        "Director",
        "Engineer",
        "grade",
        "7",
        "reports",
        "to",
        "the",
        "plus",
        "All",
        "responsibilities",
        "requirements",
        "of",
        "previous",
        "roles",
        "extends",
        "role",
        "[x](/job-families/a/b)",
        "<b>",
        "Sr.",
        "VP",
        "&",
        ",",
        "#",
        "*",
        "|",
        "---",
        "`",
        ":",
        "\u00e9",
        "\u4e2d",
    ]
)
line = st.one_of(
    st.builds(
        lambda level, text: "#" * level + " " + text,
        st.integers(1, 6),
        st.lists(words, min_size=1, max_size=6).map(" ".join),
    ),
    st.builds(
        lambda depth, text: "  " * depth + "- " + text, st.integers(0, 4), st.lists(words, max_size=8).map(" ".join)
    ),
    st.lists(words, max_size=12).map(" ".join),
    st.text(max_size=40),
)
markdown = st.lists(line, max_size=30).map("\n".join)


@SETTINGS
@given(st.one_of(markdown, st.text(max_size=300)), st.booleans())
def test_arbitrary_markdown_never_crashes_the_ingester(text, front_matter):
    raw = (f"---\ntitle: T\n---\n{text}" if front_matter else text).encode("utf-8", "surrogatepass")
    try:
        record = read_sections(parse_page(raw, "d/p.md", "d"))
    except PageError as error:
        assert error.reason  # refused with a reason
        return
    for role in record.roles:
        assert role.title


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash_the_ingester(raw):
    try:
        read_sections(parse_page(raw, "d/p.md", "d"))
    except PageError as error:
        assert error.reason


titles = st.lists(
    st.builds(
        lambda level, noun: f"{level} {noun}",
        st.sampled_from(["Junior", "Senior", "Staff", "Principal"]),
        st.sampled_from(["Widget Engineer", "Gadget Analyst", "Manager, Widgets"]),
    ),
    min_size=1,
    max_size=4,
    unique=True,
)


def page_for(role_titles: list[str], grades: list[int]) -> str:
    parts = ["---", "title: Widgets", "---", "## Responsibilities", "- Build widgets", "## Levels"]
    for title, grade in zip(role_titles, grades, strict=False):
        parts += [
            f"### {title}",
            f"The {title} is a grade {grade}.",
            "#### Responsibilities",
            "All responsibilities of previous roles plus:",
            f"- Do {title} things",
        ]
    return "\n".join(parts) + "\n"


@SETTINGS
@given(titles, st.lists(st.integers(1, 15), min_size=4, max_size=4))
def test_export_reparses_to_the_same_triples_and_builds_are_deterministic(tmp_path_factory, role_titles, grades):
    folder: Path = tmp_path_factory.mktemp("prop") / "dept"
    folder.mkdir()
    (folder / "widgets.md").write_text(page_for(role_titles, grades))
    first = KnowledgeBase.build([folder.parent])
    second = KnowledgeBase.build([folder.parent])
    nt = first.export("nt")
    assert nt == second.export("nt")
    reparsed = {q.triple for q in parse(nt, format=RdfFormat.N_TRIPLES)}
    assert reparsed == {q.triple for q in first.quads()}
    turtle = {q.triple for q in parse(first.export("turtle"), format=RdfFormat.TURTLE)}
    assert turtle == reparsed


@SETTINGS
@given(st.text(max_size=200))
def test_role_resolution_never_raises(seeds_kb, text):
    resolution = seeds_kb.role_resolver.resolve(text)
    assert resolution.match is None or resolution.match.iri.startswith("https://w3id.org/jobkg/id/")


def test_a_lowercase_roman_level_is_read_not_a_crash():
    """Found by the property test above: a page '### Senior / v / - ' crashed on 'v'."""
    assert read_sections(parse_page(b"### Senior\nv\n- ", "d/p.md", "d")) is not None

"""Career paths: the moves a role's pages state (up, across at the same or next grade on the
same track, to an equivalent, and two of those), each target's items met and missing, strict
about what counts as met."""

from __future__ import annotations

import pytest

from jobkg.kb import KnowledgeBase

PAGES = {
    "eng/widgets.md": """
        # Widget Engineer

        ## Levels

        ### Widget Engineer

        The Widget Engineer is a grade 6.

        #### Responsibilities

        - Build reliable widgets for our customers
        - Review widget code written by other engineers
        - Mentor others

        ### Senior Widget Engineer

        The Senior Widget Engineer is a grade 7. It is the IC equivalent of the Manager, Widgets.

        #### Responsibilities

        - Build reliable widgets for our customers
        - Design widget systems across several teams
        - Mentor others across the department and lead hiring of widget engineers
        """,
    "eng/gadgets.md": """
        # Gadget Engineer

        ## Levels

        ### Gadget Engineer

        The Gadget Engineer is a grade 6.

        #### Responsibilities

        - Build reliable gadgets for our customers
        - Review gadget code written by other engineers

        ### Senior Gadget Engineer

        The Senior Gadget Engineer is a grade 7.

        #### Responsibilities

        - Review widget code written by other engineers.
        - Plan the gadget roadmap
        """,
    "eng/widget-management.md": """
        # Widget Management

        ## Manager, Widgets

        The Manager, Widgets is a grade 7.

        ### Responsibilities

        - Hire widget engineers
        - Run the widget team's planning
        """,
}


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    for name, text in PAGES.items():
        import textwrap

        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return KnowledgeBase.build([folder])


def routes(kb, title):
    return {p.target.title: p.moves for p in kb.career_paths(kb.resolve(title).iri)}


def test_moves_up_across_and_to_an_equivalent(kb):
    found = routes(kb, "Widget Engineer")
    assert found["Senior Widget Engineer"] == ("up",)
    assert found["Gadget Engineer"] == ("across",)  # same grade, same track, another family
    assert found["Senior Gadget Engineer"] == ("across",)  # the next grade
    assert found["Manager, Widgets"] == ("up", "equivalent")  # two moves
    assert "Widget Engineer" not in found


def test_across_stays_on_its_track_and_a_track_changes_through_a_stated_equivalent(kb):
    found = routes(kb, "Senior Widget Engineer")
    assert found["Manager, Widgets"] == ("equivalent",)
    # a manager of the same grade is no move 'across' for an IC: across to the IC, then its equivalent
    assert routes(kb, "Senior Gadget Engineer")["Manager, Widgets"] == ("across", "equivalent")


def test_met_is_strict_and_names_the_item_that_meets_it(kb):
    [path] = kb.career_paths(kb.resolve("Widget Engineer").iri, kb.resolve("Senior Gadget Engineer").iri)
    met = {item.text: item.met_by for item in path.met}
    assert met == {"Review widget code written by other engineers.": "Review widget code written by other engineers"}
    assert {item.text for item in path.missing} == {"Plan the gadget roadmap"}
    [up] = kb.career_paths(kb.resolve("Widget Engineer").iri, kb.resolve("Senior Widget Engineer").iri)
    missing = {item.text for item in up.missing}
    # 'Mentor others' is short: it does not meet the longer, larger duty
    assert "Mentor others across the department and lead hiring of widget engineers" in missing
    assert "Design widget systems across several teams" in missing
    assert up.share_met == pytest.approx(1 / 3)


def test_a_target_no_move_reaches_is_a_plain_comparison(kb):
    [path] = kb.career_paths(kb.resolve("Manager, Widgets").iri, kb.resolve("Gadget Engineer").iri)
    assert path.moves == () and len(path.items) == 2


def test_the_moves_are_those_the_career_moves_query_states(kb, seeds_kb):
    """Paths find moves from the role views, once per KB; the canned query people run states
    the same moves for each role."""
    for base in (kb, seeds_kb):
        for role in base.roles():
            stated = {(str(row["target"]), str(row["move"])) for row in base.run("career-moves", {"role": role.iri})}
            assert set(base._moves.from_role(role)) == stated, role.title


def test_a_position_no_page_describes_is_said_to_have_no_stated_duties(seeds_kb):
    from jobkg.questions import ask

    answer = ask(seeds_kb, "how do I move from Senior ITPM to VP of Infrastructure")
    assert "named on the pages but no page describes it" in answer.answer
    assert "Vice President of Infrastructure & Quality" in answer.answer

"""Inherited items a role's own item restates with other years are marked, never dropped."""

from __future__ import annotations

import pytest

from jobkg.superseded import restated_key, superseded_by

OWN = "7+ years of experience in technical program/project management or equivalent"


@pytest.mark.parametrize(
    "inherited",
    [
        "3-5 years of experience in technical program/project management or equivalent",
        "5+ years of experience in technical program/project management or equivalent.",
        "At least 5 years of experience in technical program/project management or equivalent",
    ],
)
def test_an_own_item_with_other_years_supersedes_the_inherited_one(inherited):
    assert superseded_by([(OWN, True), (inherited, False)]) == {inherited: OWN}


@pytest.mark.parametrize(
    "inherited",
    [
        "5+ years of experience in IT program management",  # another subject
        "Experience in technical program/project management",  # no years
        OWN,  # the same line, inherited and own: nothing to replace
    ],
)
def test_anything_else_is_kept_as_stated(inherited):
    assert superseded_by([(OWN, True), (inherited, False)]) == {}


def test_only_an_own_item_supersedes():
    two_inherited = [("3-5 years of experience in X", False), ("5+ years of experience in X", False)]
    assert superseded_by(two_inherited) == {}


def test_items_without_years_have_no_key():
    assert restated_key("Advanced analytical skills") is None
    assert restated_key("A minimum of 2 years experience working with incident response") == (
        "# experience working with incident response"
    )


def test_the_roles_view_marks_them_and_keeps_them(seeds_kb):
    staff = next(r for r in seeds_kb.roles() if r.title == "Staff Infrastructure Technical Program Manager")
    marked = [item for item in staff.requirements if item.superseded_by]
    assert [item.text[:4] for item in marked] == ["3-5 ", "5+ y"]
    assert {item.superseded_by for item in marked} == {OWN}
    assert len(staff.requirements) == 20  # kept in the view and in the KB


def test_an_own_item_with_a_changed_qualifier_supersedes_the_inherited_one():
    inherited = "Solves technical problems of moderate scope and complexity"
    own = "Solves technical problems of high scope and complexity"
    assert superseded_by([(own, True), (inherited, False)]) == {inherited: own}
    other = "Mentors engineers across several teams"
    assert superseded_by([(other, True), (inherited, False)]) == {}

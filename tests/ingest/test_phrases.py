"""The sentences pages use, one parametrised case each."""

from __future__ import annotations

import pytest

from jobkg.ingest import phrases
from jobkg.ingest.records import ExtendsKind, Link


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "This position reports to the Vice President of Infrastructure & Quality at GitLab.",
            ["Vice President of Infrastructure & Quality"],
        ),
        ("This position reports to a Director+ at GitLab.", ["a Director or above"]),
        ("This position reports to a Sr. Director+ at GitLab.", ["a Senior Director or above"]),
        ("This position reports into Engineering leadership.", ["Engineering leadership"]),
        (
            "Reports intot the Manager, Inside Sales or Senior Manager, Inside Sales",
            ["Manager, Inside Sales", "Senior Manager, Inside Sales"],
        ),
        ("Help your direct reports to grow.", []),
        ("Build a team.", []),
    ],
)
def test_reporting_targets(text, labels):
    assert [m.label for m in _targets(text, 1, ())] == labels


def _targets(text, line, links):
    found = phrases.reporting(text, line, links)
    return list(found.targets) if found else []


def test_reporting_target_keeps_its_link():
    links = (Link("VP of Sales", "/job-families/sales/vp/"),)
    mention = _targets("This role reports to the VP of Sales.", 3, links)[0]
    assert mention.href == "/job-families/sales/vp/" and mention.line == 3


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        ("All responsibilities of previous roles plus:", ExtendsKind.RESPONSIBILITIES, None),
        ("All requirements of previous roles plus:", ExtendsKind.REQUIREMENTS, None),
        (
            "Extends the Senior IT Program Management responsibilities plus:",
            ExtendsKind.RESPONSIBILITIES,
            "Senior IT Program Management",
        ),
        (
            "The Senior Engineering Manager role extends the Engineering Manager role.",
            ExtendsKind.ROLE,
            "Engineering Manager",
        ),
        ("Extends that of the Director, Sales requirements", ExtendsKind.REQUIREMENTS, "Director, Sales"),
        (
            "The Associate Widget Engineer has the same responsibilites and requirements as a Widget Engineer, "
            "but with less experience.",
            ExtendsKind.ROLE,
            "Widget Engineer",
        ),
        ("It shares the same requirements as the Senior Analyst.", ExtendsKind.REQUIREMENTS, "Senior Analyst"),
        ("All requirements of a Senior Data Engineer", ExtendsKind.REQUIREMENTS, "Senior Data Engineer"),
    ],
)
def test_extensions(text, kind, target):
    found_kind, mention = phrases.extension(text, 1, ())
    assert found_kind is kind
    assert (mention.label if mention else None) == target


def test_family_inheritance_phrase():
    assert phrases.is_family_inheritance("All responsibilities listed above (applicable to all roles) plus:")


@pytest.mark.parametrize(
    ("text", "grade"),
    [("The role is a grade 7.", 7), ("Grade: 9", 9), ("grades 6-9 across the family", None), ("No grade here", None)],
)
def test_grades(text, grade):
    assert phrases.grade(text) == grade


def test_grade_as_a_linked_number():
    assert phrases.grade("The Director is a 10.", (Link("10", "/handbook/#gitlab-job-grades"),)) == 10


def test_equivalents_and_management():
    eq = phrases.equivalents("... as the individual equivalent of a Director, Engineering.", 1, ())
    assert [m.label for m in eq] == ["Director, Engineering"]
    pairs = phrases.management(
        "a Senior Manager, Engineering will manage both the Frontend and Backend Engineering Managers.", 1, ()
    )
    assert [(a.label, b.label) for a, b in pairs] == [
        ("Senior Manager, Engineering", "Frontend Engineering Manager"),
        ("Senior Manager, Engineering", "Backend Engineering Manager"),
    ]

"""Scoring occupation proposals against a gold file: per list, a missing role counted and named,
and the roles with a gold sibling scored before and after the sibling's review."""

from __future__ import annotations

import json
from pathlib import Path

from jobkg.occupationscore import score_occupations

CORPORA = Path(__file__).parents[1] / "queries"  # holds fixture_pages
MECHANICAL = "17-2141"


def gold(tmp_path: Path, *entries: tuple[str, str, list[str]]) -> Path:
    roles = [
        {"source": f"fixture_pages/{file}", "title": title, "esco": [], "soc": soc} for file, title, soc in entries
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"about": "test", "roles": roles}), encoding="utf-8")
    return path


def test_a_role_the_kb_lacks_is_a_named_miss(tmp_path):
    score = score_occupations(gold(tmp_path, ("eng/widget-engineer.md", "Widget Wrangler", [MECHANICAL])), CORPORA)
    assert score.not_found == ["fixture_pages/eng/widget-engineer.md: Widget Wrangler"]
    assert score.lists["soc"].roles == 1 and score.lists["soc"].top3 == 0
    assert score.lists["esco"].roles == 0  # a list the gold gives no code for is not scored


def test_siblings_are_scored_before_and_after_review(tmp_path):
    entries = [
        ("eng/widget-engineer.md", "Senior Widget Engineer", [MECHANICAL]),
        ("eng/widget-engineer.md", "Staff Widget Engineer", [MECHANICAL]),
        ("eng/widget-engineer.md", "Manager, Widgets", ["11-9041"]),  # another track: no sibling here
    ]
    score = score_occupations(gold(tmp_path, *entries), CORPORA).to_dict()
    assert score["soc"]["roles"] == 3
    assert score["before_sibling_review"]["soc"]["roles"] == 2
    assert score["after_sibling_review"]["soc"] == {"roles": 2, "top1": 1.0, "top3": 1.0}

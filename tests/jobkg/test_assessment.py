"""The self-assessment file: the next level's own items only, ticks as the person set them."""

from __future__ import annotations

import csv
import io

from jobkg import assessment


def test_the_next_levels_own_items_only_with_their_ticks(seeds_kb):
    senior = seeds_kb.role(seeds_kb.resolve("Senior ITPM").iri)
    staff = seeds_kb.role(seeds_kb.resolve("Staff ITPM").iri)
    items = assessment.next_level_items(staff)
    inherited = {item.text for item in staff.responsibilities + staff.requirements if item.inherited_from}
    assert items and not {item.text for item in items} & inherited
    ticked = [index == 0 for index in range(len(items))]
    rows = list(csv.DictReader(io.StringIO(assessment.as_csv(items, ticked))))
    assert [row["done"] for row in rows] == ["yes"] + ["no"] * (len(items) - 1)
    assert rows[0]["source"] == f"{staff.source.file}:{items[0].line}"
    markdown = assessment.as_markdown(senior, staff, items, ticked)
    assert markdown.count("- [x]") == 1 and markdown.count("- [ ]") == len(items) - 1
    assert "not a promotion checklist" in markdown

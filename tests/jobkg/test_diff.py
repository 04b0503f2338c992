"""`jobkg diff` on a modified copy of the seeds."""

from __future__ import annotations

import shutil

from jobkg.diff import describe, diff
from jobkg.kb import BUNDLED_CORPUS, KnowledgeBase

ITPM = "engineering/infrastructure-technical-program-manager.md"


def test_diff_lists_added_removed_and_changed_roles_with_lines(tmp_path, seeds_kb):
    copy = tmp_path / "handbook"
    shutil.copytree(BUNDLED_CORPUS, copy)
    page = copy / ITPM
    text = page.read_text()
    text = text.replace("The role is a [grade 8]", "The role is a [grade 9]")
    text = text.replace(
        "- Develop repeatable, scalable, efficient, and effective processes\n", "- Run the weekly review\n"
    )
    text = text.replace(
        "### Principal Infrastructure Technical Program Manager\n\nThis position reports to the Vice President",
        "### Principal Infrastructure Technical Program Manager\n\n"
        "This position reports to the CTO. Formerly the Vice President",
    )
    page.write_text(text)
    (copy / "finance" / "it-program-management-office.md").unlink()
    (copy / "engineering" / "new.md").write_text(
        "---\ntitle: Widgets\n---\n## Levels\n### Widget Engineer\nThe Widget Engineer is a grade 6.\n"
    )

    result = diff(seeds_kb.roles(), KnowledgeBase.build([copy]).roles())
    assert [r["title"] for r in result.added] == ["Widget Engineer"]
    assert len(result.removed) == 9
    changed = {c.title: c for c in result.changed}
    staff = changed["Staff Infrastructure Technical Program Manager"]
    assert staff.grade == (8, 9)
    assert [i["text"] for i in staff.responsibilities_added] == ["Run the weekly review"]
    assert staff.responsibilities_removed[0]["text"].startswith("Develop repeatable")
    assert staff.responsibilities_added[0]["line"] == staff.responsibilities_removed[0]["line"]
    principal = changed["Principal Infrastructure Technical Program Manager"]
    assert principal.reports_to == (["Vice President of Infrastructure & Quality"], ["CTO"])
    lines = describe(result)
    assert "    grade: 8 -> 9" in lines
    assert any(line.startswith("+ role Widget Engineer  (engineering/new.md:") for line in lines)


def test_no_change_is_an_empty_diff(seeds_kb):
    assert diff(seeds_kb.roles(), KnowledgeBase.build().roles()).empty

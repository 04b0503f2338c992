"""The everyday-question suite (everyday.yaml): questions as people type them, each with the
intent it asks, what it mentions, and a fact its answer states. Tests check answers against it;
`jobkg bench --only ask` times the question box over it."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml


@cache
def everyday() -> list[dict[str, object]]:
    """[{q, intent, entities, expect, corpus}, ...]; corpus 'seeds', 'dev' (the 2022 pages) or
    'fixture' (tests/queries/fixture_pages, whose review file accepts an occupation)."""
    return yaml.safe_load((files("jobkg.questions") / "everyday.yaml").read_text(encoding="utf-8"))

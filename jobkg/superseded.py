"""Inherited items a role's own item replaces. Levels restate a requirement with a new number
("3-5 years of experience in X" for Intermediate, "7+ years of experience in X" for Staff):
the Staff role inherits the Intermediate line, and shows it beside its own as if both held.
An inherited item is superseded when an own item of the role says the same thing with other
years. Only that: two items that differ in anything but their years are both kept as stated.
The KB keeps every inherited item; this only marks which one the role's own line replaces."""

from __future__ import annotations

import re
from collections.abc import Iterable

YEARS = re.compile(
    r"\b(?:a\s+minimum\s+of\s+|minimum\s+(?:of\s+)?|at\s+least\s+|over\s+|more\s+than\s+)?"
    r"\d+(?:\s*(?:-|–|to)\s*\d+)?\s*\+?\s*(?:years?|yrs)(?:['’]s?)?(?:\s+or\s+more)?",
    re.IGNORECASE,
)


def restated_key(text: str) -> str | None:
    """The item with its years taken out, or None when it states no years."""
    if not YEARS.search(text):
        return None
    without = YEARS.sub("#", text.lower())
    return re.sub(r"[\s.;,:]+", " ", without).strip()


def superseded_by(items: Iterable[tuple[str, bool]]) -> dict[str, str]:
    """For (text, own) items of one role and kind: inherited text -> the own text replacing it."""
    items = list(items)
    own = {restated_key(text): text for text, is_own in items if is_own}
    own.pop(None, None)
    replaced = {}
    for text, is_own in items:
        key = restated_key(text)
        if not is_own and key in own and own[key] != text:
            replaced[text] = own[key]
    return replaced

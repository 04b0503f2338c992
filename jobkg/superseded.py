"""Inherited items a role's own item replaces. Levels restate a requirement with a new number
("3-5 years of experience in X" for Intermediate, "7+ years of experience in X" for Staff) or
a new qualifier ("Solves problems of moderate scope" -> "Solves problems of high scope"): the
Staff role inherits the lower line, and shows it beside its own as if both held. An inherited
item is superseded when an own item of the role says the same thing with other years, or with
at most two words changed in a statement of at least five words (a word-level edit distance,
rapidfuzz). Anything that differs more is kept as stated. The KB keeps every inherited item;
this only marks which one the role's own line replaces."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

YEARS = re.compile(
    r"\b(?:a\s+minimum\s+of\s+|minimum\s+(?:of\s+)?|at\s+least\s+|over\s+|more\s+than\s+)?"
    r"\d+(?:\s*(?:-|–|to)\s*\d+)?\s*\+?\s*(?:years?|yrs)(?:['’]s?)?(?:\s+or\s+more)?",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 16)  # the same inherited line recurs in every role above it
def restated_key(text: str) -> str | None:
    """The item with its years taken out, or None when it states no years."""
    if not YEARS.search(text):
        return None
    without = YEARS.sub("#", text.lower())
    return re.sub(r"[\s.;,:]+", " ", without).strip()


MIN_WORDS = 5  # a shorter line is a name, not a statement a qualifier can change
MAX_CHANGED_WORDS = 2


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9#]+", YEARS.sub("#", text.lower())))


def rewords(inherited: str, own: str) -> bool:
    """The own line restates the inherited one with a qualifier or two changed."""
    return _rewords(_words(inherited), _words(own))


def _rewords(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if a == b or min(len(a), len(b)) < MIN_WORDS or abs(len(a) - len(b)) > MAX_CHANGED_WORDS:
        return False  # lengths this far apart are more than two words changed
    changed = Levenshtein.distance(a, b)
    return changed <= MAX_CHANGED_WORDS and changed * 4 <= len(a)


def superseded_by(items: Iterable[tuple[str, bool]]) -> dict[str, str]:
    """For (text, own) items of one role and kind: inherited text -> the own text replacing it."""
    items = list(items)
    own_texts = [text for text, is_own in items if is_own]
    own_words = [(text, _words(text)) for text in own_texts]
    own = {restated_key(text): text for text in own_texts}
    own.pop(None, None)
    replaced = {}
    for text, is_own in items:
        if is_own or text in own_texts:
            continue
        key = restated_key(text)
        if key in own and own[key] != text:
            replaced[text] = own[key]
            continue
        words = _words(text)
        reworded = next((mine for mine, theirs in own_words if _rewords(words, theirs)), None)
        if reworded is not None:
            replaced[text] = reworded
    return replaced

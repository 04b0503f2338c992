"""Resolve what people type ("Staff ITPM", "Sr. TPM", "Principal IT PM", "EVP Engineering")
to roles of the KB: by title, alias, acronym and abbreviation, case-insensitively.
Never raises: the answer is a match, a list of candidates, or close suggestions."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from jobkg.errors import QueryError
from jobkg.ingest.titles import title_key


@dataclass(frozen=True)
class Named:
    iri: str
    title: str
    context: str = ""  # e.g. the family, to tell candidates apart


@dataclass(frozen=True)
class Resolution:
    mention: str
    match: Named | None = None
    candidates: tuple[Named, ...] = ()  # ambiguous: more than one fits
    suggestions: tuple[Named, ...] = ()  # nothing fits: these are close


class UnresolvedNameError(QueryError):
    """A role or family name matches nothing, or more than one thing; the message lists the
    candidates or close names, and `resolution` carries them for the app."""

    def __init__(self, param: str, resolution: Resolution) -> None:
        self.param = param
        self.resolution = resolution
        if resolution.candidates:
            names = "; ".join(f"{c.title} ({c.context})" if c.context else c.title for c in resolution.candidates)
            message = f"'{resolution.mention}' is ambiguous: {names}"
        elif resolution.suggestions:
            names = "; ".join(s.title for s in resolution.suggestions)
            message = f"no {param} matches '{resolution.mention}'; did you mean: {names}?"
        else:
            message = f"no {param} matches '{resolution.mention}'"
        super().__init__(message)


@dataclass
class Resolver:
    """Names (titles and aliases) of one kind of thing, e.g. roles or families."""

    by_key: dict[str, set[Named]] = field(default_factory=lambda: defaultdict(set))
    things: dict[str, Named] = field(default_factory=dict)

    def add(self, iri: str, title: str, names: list[str], context: str = "") -> None:
        thing = self.things.setdefault(iri, Named(iri, title, context))
        for name in [title, *names]:
            key = title_key(name)
            if key:
                self.by_key[key].add(thing)

    def resolve(self, mention: str) -> Resolution:
        text = mention.strip()
        if text in self.things:  # an IRI
            return Resolution(mention, self.things[text])
        text = re.sub(r"^(?:an?|the)\s+", "", text, flags=re.IGNORECASE)
        key = title_key(text)
        if not key:
            return Resolution(mention)
        exact = self.by_key.get(key, set())
        if len(exact) == 1:
            return Resolution(mention, next(iter(exact)))
        if exact:
            return Resolution(mention, candidates=_sorted(exact))
        tokens = set(key.split())
        containing = {thing for k, things in self.by_key.items() if tokens <= set(k.split()) for thing in things}
        if len(containing) == 1:
            return Resolution(mention, next(iter(containing)))
        if containing:
            return Resolution(mention, candidates=_sorted(containing)[:12])
        close = difflib.get_close_matches(key, list(self.by_key), n=5, cutoff=0.6)
        suggestions = {thing for k in close for thing in self.by_key[k]}
        return Resolution(mention, suggestions=_sorted(suggestions)[:5])


def _sorted(things: set[Named]) -> tuple[Named, ...]:
    return tuple(sorted(things, key=lambda t: (t.title, t.context)))

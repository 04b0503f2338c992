"""Every name the things of a KB go by, for reading questions: roles (titles, aliases,
acronyms), families (titles, plurals, the base title and acronym their levels share: 'Technical
Program Managers', 'TPM family'), departments. Built once per KB from canned queries, so it
reads the embedded store and an endpoint alike."""

from __future__ import annotations

import re
import weakref
from collections import defaultdict
from dataclasses import dataclass, field

from jobkg.ingest.titles import acronym, base_title, title_key
from jobkg.kb import KnowledgeBase
from jobkg.queries import cells
from jobkg.queries.mentions import Named

_LEXICONS: dict[int, Lexicon] = {}
_PLURAL = re.compile(r"(?<=[a-z])s\b")


@dataclass
class Names:
    """Things of one kind by the title keys of every name they go by."""

    by_key: dict[str, set[Named]] = field(default_factory=lambda: defaultdict(set))

    def add(self, thing: Named, *names: str) -> None:
        for name in names:
            key = title_key(name)
            if key:
                self.by_key[key].add(thing)
            singular = _PLURAL.sub("", key)  # 'technical program managers' -> '... manager'
            if singular and singular != key:
                self.by_key[singular].add(thing)


@dataclass
class Lexicon:
    roles: Names = field(default_factory=Names)
    positions: Names = field(default_factory=Names)  # what roles report to without a page of its own
    shortened: Names = field(default_factory=Names)  # titles with runs of words as acronyms ('Staff Infra TPM')
    families: Names = field(default_factory=Names)
    departments: Names = field(default_factory=Names)
    role_family: dict[str, str] = field(default_factory=dict)  # role IRI -> family title
    role_department: dict[str, str] = field(default_factory=dict)  # role IRI -> department label


def lexicon(kb: KnowledgeBase) -> Lexicon:
    """The KB's lexicon, built on first use and kept while the KB lives."""
    found = _LEXICONS.get(id(kb))
    if found is None:
        found = _build(kb)
        _LEXICONS[id(kb)] = found
        weakref.finalize(kb, _LEXICONS.pop, id(kb), None)
    return found


def _shortened(title: str) -> list[str]:
    """'IT Program Management Office' -> 'IT PMO', 'ITPMO': runs of capitalised words as acronyms."""
    words = title.split()
    found = []
    for start in range(len(words)):
        for end in range(start + 2, len(words) + 1):
            run = words[start:end]
            if all(w[:1].isupper() for w in run):
                found.append(" ".join([*words[:start], acronym(" ".join(run)), *words[end:]]))
    return found


def _build(kb: KnowledgeBase) -> Lexicon:
    words = Lexicon()
    for key, things in kb.role_resolver.by_key.items():
        for thing in things:
            (words.positions if "named on a page" in thing.context else words.roles).by_key[key].add(thing)
    for thing in kb.role_resolver.things.values():
        plain = re.sub(r"\s*\([^)]*\)", "", thing.title).strip()  # 'Group Manager, Product (GMP)'
        names = words.positions if "named on a page" in thing.context else words.roles
        if plain != thing.title and len(plain.split()) > 1:
            names.add(thing, plain)  # 'Vice President (VP), Security' -> 'Vice President, Security'
        if names is words.positions and len(plain.split()) > 1:
            names.add(thing, acronym(plain))  # 'CRO' for the Chief Revenue Officer a page names
        if names is words.roles and len(plain.split()) <= 8:
            words.shortened.add(thing, *_shortened(plain))  # 'Staff Infrastructure TPM', 'Staff ITPM'
    bases: dict[str, set[str]] = defaultdict(set)  # family title -> the base titles of its levels
    for row in kb.run("role-names"):
        words.role_family[cells.text(row, "role")] = cells.text(row, "family_title")
        for name in (cells.text(row, "title"), cells.maybe_text(row, "alias") or ""):
            base = re.sub(r"\s*\([^)]*\)", "", base_title(name)).strip(" ,")
            if len(base.split()) > 1:  # 'Technical Program Manager' names its family; 'Engineer' alone does not
                bases[cells.text(row, "family_title")].add(base)
    for row in kb.run("families"):
        named_family = Named(
            cells.text(row, "family"), cells.text(row, "title"), cells.maybe_text(row, "department") or ""
        )
        title = cells.text(row, "title")
        plain = re.sub(
            r"\s+(?:roles?|job famil(?:y|ies)|family|individual contributors?|leadership)$", "", title, flags=re.I
        )
        words.families.add(named_family, title, plain, *sorted(bases.get(title, ())), *_shortened(plain))
    for row in kb.run("departments"):
        label = cells.text(row, "department_label")
        words.departments.add(Named(label, label), label, *_initials(label))
    for row in kb.run("roles"):
        iri = cells.text(row, "role")
        if row.get("department") is not None:
            words.role_department[iri] = cells.text(row, "department")
        level = str(row.get("level") or "")
        role = kb.role_resolver.things.get(iri)
        if role is not None and re.search(r"\d", level):  # 'L3', 'D4', 'IC3': a level code names its role
            words.roles.add(role, level)
    return words


def _initials(label: str) -> list[str]:
    """'Invitation Homes' -> 'IH': what people call an organisation of several words."""
    parts = label.split()
    return [acronym(label)] if len(parts) > 1 else []

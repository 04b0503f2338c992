"""Stage 3: resolve the names a page uses (reporting lines, extended roles, equivalents,
managed roles, career steps) to roles defined anywhere in the corpus, by link or by name."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from pyoxigraph import NamedNode
from rapidfuzz import fuzz

from jobkg.ingest import iris
from jobkg.ingest.profile import Profile, load
from jobkg.ingest.records import IngestWarning, Mention, PageRecord, RoleRecord
from jobkg.ingest.titles import LEVEL_WORDS, acronym, slug, title_key

LINK_AGREES = 75  # rapidfuzz ratio between a link's text and the linked role's title
SAME_FAMILY_NAME = 90  # rapidfuzz ratio of two title keys in one family: a misspelling, not another role


def read_tracks(pages: list[PageRecord]) -> tuple[list[PageRecord], dict[str, str]]:
    """Pages that are a career track of another page's levels table, not a role: a page read as
    one job whose title is the track column of a table in its own folder or one above it ('#
    Engineer' under career-tracks/, beside a grades table whose rows say 'Career Track:
    Engineer') describes that track, so its duties are the family's of those levels. Returns the
    pages with those made families, and '<table page key>/<track>' -> the family its levels join."""
    tables = [
        (page, title_key(role.group)) for page in pages for role in page.roles if role.group and not page.single_role
    ]
    tracks: dict[str, str] = {}
    read = []
    for page in pages:
        key = title_key(page.title)
        table = next((t for t, group in tables if group == key and _above(t, page)), None) if page.single_role else None
        if table is None:
            read.append(page)
            continue
        tracks[f"{table.page.key}/{key}"] = family_key(page)
        role = page.roles[0]
        reason = (
            f"'{page.title}' is a career track of the levels table in {table.page.path}: its duties are its levels'"
        )
        read.append(
            replace(
                page,
                roles=(),
                responsibilities=(*page.responsibilities, *role.responsibilities),
                requirements=(*page.requirements, *role.requirements),
                single_role=False,
                no_role_reason=reason,
                warnings=(*page.warnings, IngestWarning(page.page.path, page.title_line, reason)),
            )
        )
    return read, tracks


def _above(table: PageRecord, page: PageRecord) -> bool:
    """The table's page stands in the page's folder or one above it."""
    folder = posixpath.dirname(table.page.path)
    return not folder or page.page.path.startswith(folder + "/")


def family_key(page: PageRecord) -> str:
    """The family a page's roles belong to: its folder's for a level file, else its own."""
    return page.page.family_key or page.page.key


@dataclass(frozen=True)
class RoleRef:
    page: PageRecord
    role: RoleRecord

    @property
    def iri(self) -> NamedNode:
        return iris.role(family_key(self.page), self.role.title)


def linked_page(href: str, from_key: str, keys: set[str], profile: Profile) -> str | None:
    """The key of the corpus page a link points to ('/job-families/x/y/#z', '../y', 'y.md',
    'https://site/x/y'); None when it points elsewhere. Hosts and path prefixes of the
    organisation's site come from the profile."""
    target = re.split(r"[#?]", href, maxsplit=1)[0].strip()
    if not target:
        return from_key if href.startswith("#") else None
    host = re.match(r"^[a-z]+://([^/]+)(.*)$", target, re.I)
    if host:
        if host.group(1).lower() not in profile.site_hosts:
            return None
        target = host.group(2) or "/"
    if target.startswith("/"):
        prefix = next((p for p in profile.page_prefixes if target.startswith(p)), "/")
        candidates = [target[len(prefix) :]]
    else:
        candidates = [posixpath.join(from_key, target), posixpath.join(posixpath.dirname(from_key), target)]
    for candidate in candidates:
        key = re.sub(r"(/_?index)?(\.html)?(\.md)?/?$", "", posixpath.normpath(candidate)).strip("/")
        if key in keys:
            return key
        ends = [k for k in keys if k.endswith("/" + key) or key.endswith("/" + k)]
        if len(ends) == 1:
            return ends[0]
    return None


def external_family_key(href: str, profile: Profile) -> str | None:
    """A job-family page of the site that is not in the corpus ('/job-families/sales/x/')."""
    path = re.sub(r"^[a-z]+://[^/]+", "", re.split(r"[#?]", href, maxsplit=1)[0], flags=re.I)
    prefix = next((p for p in profile.page_prefixes if path.startswith(p)), None)
    return path[len(prefix) :].strip("/") or None if prefix else None


_GENERIC_TOKENS = set(LEVEL_WORDS) | {
    "manag",
    "director",
    "vice",
    "president",
    "executive",
    "head",
    "lead",
    "chief",
    "officer",
    "engineer",
    "specialist",
    "analyst",
    "individual",
    "contributor",
    "group",
    "team",
    "member",
    "leader",
    "leadership",
}


def is_specific(key: str) -> bool:
    """'senior manag' names a level, not a role; only titles with a subject resolve across pages."""
    return any(token not in _GENERIC_TOKENS for token in key.split())


class RoleIndex:
    """Every role of the corpus, findable by page, link and name variant."""

    def __init__(self, pages: list[PageRecord]) -> None:
        self.pages = {page.page.key: page for page in pages}
        self.keys = set(self.pages)
        self.by_key: dict[str, list[RoleRef]] = defaultdict(list)
        for page in pages:
            for role in page.roles:
                ref = RoleRef(page, role)
                keys = {title_key(role.title)} | {title_key(alias) for alias in role.aliases}
                for key in keys:
                    if key:
                        self.by_key[key].append(ref)
        self.ambiguous: list[tuple[PageRecord, Mention, list[RoleRef]]] = []
        self._merge_linked_rows(pages)

    def _merge_linked_rows(self, pages: list[PageRecord]) -> None:
        """A levels-table row that links to the page defining its role is another name of
        that role, not a role of its own ('VP, Internal Audit' -> 'Vice President, Internal Audit')."""
        for page in pages:
            for role in page.roles:
                if not role.href:
                    continue
                linked = self._by_link(Mention(role.title, role.line, role.href), page)
                if linked is None or linked.page is page:
                    continue
                key = title_key(role.title)
                self.by_key[key] = [ref for ref in self.by_key[key] if ref.role is not role]
                if linked not in self.by_key[key]:
                    self.by_key[key].append(linked)

    def resolve(self, mention: Mention, page: PageRecord) -> RoleRef | None:
        """The role a mention names, or None when no single role matches."""
        if mention.href:
            found = self._by_link(mention, page)
            if found:
                return found
        key = title_key(mention.label)
        candidates = self.by_key.get(key, [])
        if not candidates:
            return self._by_prefix_on_page(key, page) or self._misspelt_in_family(key, page)
        same_page = [ref for ref in candidates if ref.page is page]
        if len(same_page) == 1:
            return same_page[0]
        if not is_specific(title_key(mention.label)):
            return None
        distinct = {(ref.page.page.key, ref.role.title) for ref in candidates}
        if len(distinct) == 1:
            return candidates[0]
        same_department = [ref for ref in candidates if ref.page.page.department == page.page.department]
        if len({(r.page.page.key, r.role.title) for r in same_department}) == 1:
            return same_department[0]
        self.ambiguous.append((page, mention, candidates))
        return None

    def _by_prefix_on_page(self, key: str, page: PageRecord) -> RoleRef | None:
        """'the Senior Manager' on a page whose only Senior Manager is 'Senior Manager, X'
        (a generic name only: 'VP, People Operations' is not 'VP, People Operations, Tech')."""
        tokens = key.split()
        if not tokens or is_specific(key):
            return None
        matches = [role for role in page.roles if title_key(role.title).split()[: len(tokens)] == tokens]
        return RoleRef(page, matches[0]) if len(matches) == 1 else None

    def _misspelt_in_family(self, key: str, page: PageRecord) -> RoleRef | None:
        """'Renewal Manager' on a page whose family has a 'Renewals Manager' and nothing closer:
        within one family a near-identical name is a slip of the pen, never across families."""
        family = family_key(page)
        scored = [
            (fuzz.ratio(key, title_key(role.title)), other, role)
            for other in self.pages.values()
            if family_key(other) == family
            for role in other.roles
        ]
        close = sorted((entry for entry in scored if entry[0] >= SAME_FAMILY_NAME), key=lambda e: -e[0])
        if not close or (len(close) > 1 and close[1][0] == close[0][0]):
            return None
        return RoleRef(close[0][1], close[0][2])

    def _by_link(self, mention: Mention, page: PageRecord) -> RoleRef | None:
        """The role a link points to, when the link's text agrees with it: a link whose target
        names another role than its text is resolved by its text instead."""
        href = mention.href or ""
        anchor = href.split("#", 1)[1] if "#" in href else ""
        key = linked_page(href, page.page.key, self.keys, load(page.page.profile))
        target = self.pages.get(key) if key else None
        if target is None:
            return None
        found = None
        if anchor:
            for role in target.roles:
                if slug(role.title) == anchor or title_key(role.title) == title_key(anchor.replace("-", " ")):
                    found = role
                    break
        if found is None:
            matches = [role for role in target.roles if title_key(role.title) == title_key(mention.label)]
            found = matches[0] if len(matches) == 1 else None
        if found is None and len(target.roles) == 1 and not anchor:
            found = target.roles[0]
        return RoleRef(target, found) if found is not None and _agrees(mention.label, found) else None

    def previous_on_track(self, page: PageRecord, role: RoleRecord) -> RoleRecord | None:
        """The role listed before this one on the same track of the same page."""
        earlier = None
        for other in page.roles:
            if other is role:
                return earlier
            if other.track == role.track:
                earlier = other
        return None


def _agrees(label: str, role: RoleRecord) -> bool:
    """Whether a link's text can name the role ('CISO' may not name the Chief Legal Officer)."""
    text = title_key(label)
    names = [role.title, *role.aliases]
    if any(fuzz.token_sort_ratio(text, title_key(name)) >= LINK_AGREES for name in names):
        return True
    return label.replace(".", "").strip().upper() in {acronym(name) for name in names}

"""Stage 3: resolve the names a page uses (reporting lines, extended roles, equivalents,
managed roles, career steps) to roles defined anywhere in the corpus, by link or by name."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pyoxigraph import NamedNode

from jobkg.ingest import iris
from jobkg.ingest.records import Mention, PageRecord, RoleRecord
from jobkg.ingest.titles import LEVEL_WORDS, slug, title_key


@dataclass(frozen=True)
class RoleRef:
    page: PageRecord
    role: RoleRecord

    @property
    def iri(self) -> NamedNode:
        return iris.role(self.page.page.key, self.role.title)


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
        self.by_key: dict[str, list[RoleRef]] = defaultdict(list)
        for page in pages:
            for role in page.roles:
                ref = RoleRef(page, role)
                keys = {title_key(role.title)} | {title_key(alias) for alias in role.aliases}
                for key in keys:
                    if key:
                        self.by_key[key].append(ref)
        self.ambiguous: list[tuple[PageRecord, Mention, list[RoleRef]]] = []

    def resolve(self, mention: Mention, page: PageRecord) -> RoleRef | None:
        """The role a mention names, or None when no single role matches."""
        if mention.href:
            found = self._by_link(mention, page)
            if found:
                return found
        key = title_key(mention.label)
        candidates = self.by_key.get(key, [])
        if not candidates:
            return self._by_prefix_on_page(key, page)
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
        """'the Senior Manager' on a page whose only Senior Manager is 'Senior Manager, X'."""
        tokens = key.split()
        if not tokens:
            return None
        matches = [role for role in page.roles if title_key(role.title).split()[: len(tokens)] == tokens]
        return RoleRef(page, matches[0]) if len(matches) == 1 else None

    def _by_link(self, mention: Mention, page: PageRecord) -> RoleRef | None:
        href = mention.href or ""
        anchor = href.split("#", 1)[1] if "#" in href else ""
        path = iris.job_family_path(href)
        target = page if href.startswith("#") else self.pages.get(path or "")
        if target is None:
            return None
        if anchor:
            for role in target.roles:
                if slug(role.title) == anchor or title_key(role.title) == title_key(anchor.replace("-", " ")):
                    return RoleRef(target, role)
        matches = [role for role in target.roles if title_key(role.title) == title_key(mention.label)]
        if len(matches) == 1:
            return RoleRef(target, matches[0])
        if len(target.roles) == 1 and not anchor:
            return RoleRef(target, target.roles[0])
        return None

    def previous_on_track(self, page: PageRecord, role: RoleRecord) -> RoleRecord | None:
        """The role listed before this one on the same track of the same page."""
        earlier = None
        for other in page.roles:
            if other is role:
                return earlier
            if other.track == role.track:
                earlier = other
        return None

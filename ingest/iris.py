"""Deterministic IRIs: the same corpus always gives the same IRIs (no blank nodes)."""

from __future__ import annotations

import hashlib
import re

from pyoxigraph import NamedNode

from jobkg.ingest.titles import slug
from jobkg.ontology.vocab import DATA_NS


def _path(key: str) -> str:
    return "/".join(slug(part) for part in key.split("/") if part)


def family(key: str) -> NamedNode:
    return NamedNode(f"{DATA_NS}family/{_path(key)}")


def team(key: str) -> NamedNode:
    return NamedNode(f"{DATA_NS}team/{_path(key)}")


def role(key: str, title: str) -> NamedNode:
    return NamedNode(f"{DATA_NS}role/{_path(key)}/{slug(title)}")


def family_of_role(role_iri: str) -> str:
    """The family part of a role's IRI (what role(key, title) puts before the title): the key of
    the page or family folder that describes it. The roles of one family share it (across the
    files of a family folder too); one page may describe several families."""
    return role_iri.rpartition("/")[0]


def target(label: str, scope_key: str | None = None) -> NamedNode:
    """A named position; generic names ('Senior Manager') are scoped to the page's family."""
    if scope_key:
        return NamedNode(f"{DATA_NS}target/{_path(scope_key)}/{slug(label)}")
    return NamedNode(f"{DATA_NS}target/{slug(label)}")


def department(name: str) -> NamedNode:
    return NamedNode(f"{DATA_NS}department/{slug(name)}")


def grade(number: int) -> NamedNode:
    return NamedNode(f"{DATA_NS}grade/{number}")


def source(path: str) -> NamedNode:
    return NamedNode(f"{DATA_NS}source/{_path(path.replace('.', '-'))}")


def part(scope: NamedNode, kind: str, index: int) -> NamedNode:
    """An item stated on a page: '<role>/responsibility/3'."""
    return NamedNode(f"{scope.value}/{kind}/{index}")


def specialty(scope: NamedNode, title: str) -> NamedNode:
    return NamedNode(f"{scope.value}/specialty/{slug(title)}")


def indicator(href: str | None, family_iri: NamedNode, label: str) -> NamedNode:
    """A linked indicator is one node across families; an unlinked one belongs to its family."""
    if href and href.startswith(("/", "http")):
        path = re.sub(r"^https?://[^/]+", "", href)
        return NamedNode(f"{DATA_NS}indicator/{slug(path)}")
    return NamedNode(f"{family_iri.value}/indicator/{slug(label)}")


def statement(subject: NamedNode, predicate: NamedNode, obj: object) -> NamedNode:
    digest = hashlib.sha1(f"{subject}|{predicate}|{obj}".encode()).hexdigest()[:20]
    return NamedNode(f"{DATA_NS}statement/{digest}")

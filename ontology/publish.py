"""The ontology published from its Turtle: a JSON-LD @context and a readable Markdown page.

Both are generated, never hand-edited: `jobkg ontology --write` refreshes
ontology/context.jsonld and docs/ontology.md, and a test fails when they drift.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from jobkg.ontology import ONTOLOGY_FILE, ontology_triples
from jobkg.ontology.vocab import JOBKG, OWL, PREFIXES, RDF, RDFS

CONTEXT_FILE = ONTOLOGY_FILE.with_name("context.jsonld")
DOC_FILE = ONTOLOGY_FILE.parent.parent / "docs" / "ontology.md"


Subject = NamedNode | BlankNode | Triple
Term = NamedNode | BlankNode | Literal | Triple


def _short(term: object) -> str:
    if isinstance(term, NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
        return f"<{term.value}>"
    if isinstance(term, Literal):
        return term.value
    return "_:b"


def _index(triples: list[Triple]) -> dict[Subject, dict[NamedNode, list[Term]]]:
    by_subject: dict[Subject, dict[NamedNode, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        by_subject[t.subject][t.predicate].append(t.object)
    return by_subject


def context() -> dict[str, object]:
    """A compact JSON-LD @context: prefixes, and each jobkg property by its local name."""
    triples = ontology_triples()
    facts = _index(triples)
    terms: dict[str, object] = dict(PREFIXES)
    for subject, properties in sorted(facts.items(), key=lambda item: str(item[0])):
        if not isinstance(subject, NamedNode) or subject.value not in JOBKG:
            continue
        name = subject.value[len(JOBKG.namespace) :]
        types = properties.get(RDF.type, [])
        if OWL.ObjectProperty in types:
            terms[name] = {"@id": f"jobkg:{name}", "@type": "@id"}
        elif OWL.DatatypeProperty in types:
            ranges = properties.get(RDFS.range, [])
            entry: dict[str, str] = {"@id": f"jobkg:{name}"}
            if ranges:
                entry["@type"] = _short(ranges[0])
            terms[name] = entry
        else:
            terms[name] = f"jobkg:{name}"
    terms |= {
        "label": "rdfs:label",
        "comment": "rdfs:comment",
        "prefLabel": "skos:prefLabel",
        "altLabel": "skos:altLabel",
        "reportsTo": {"@id": "org:reportsTo", "@type": "@id"},
        "wasDerivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
        "description": "dcterms:description",
        "identifier": "dcterms:identifier",
    }
    return {"@context": terms}


def context_text() -> str:
    return json.dumps(context(), indent=2, sort_keys=False) + "\n"


def schema() -> dict[str, list[dict[str, str]]]:
    """The ontology's classes and properties as rows (term, comment, ...), for the Markdown page
    and the app's schema panel; and the terms it reuses that queries need."""
    triples = ontology_triples()
    facts = _index(triples)
    lists = {t.subject: t.object for t in triples if t.predicate == RDF.first}
    rests = {t.subject: t.object for t in triples if t.predicate == RDF.rest}

    def chain(head: Term) -> str:
        items = []
        while head != RDF.nil and not isinstance(head, Literal) and head in lists:
            items.append(_short(lists[head]))
            head = rests[head]
        return " ∘ ".join(items)

    def entries(kind: NamedNode) -> list[tuple[NamedNode, dict[NamedNode, list[Term]]]]:
        found = [(s, p) for s, p in facts.items() if isinstance(s, NamedNode) and kind in p.get(RDF.type, [])]
        return sorted(found, key=lambda item: item[0].value)

    classes = [
        {
            "term": _short(subject),
            "label": _text(properties, RDFS.label),
            "supers": ", ".join(_short(o) for o in properties.get(RDFS.subClassOf, [])),
            "comment": _text(properties, RDFS.comment),
        }
        for subject, properties in entries(OWL.Class)
    ]
    properties_rows = []
    seen = entries(OWL.ObjectProperty) + entries(OWL.DatatypeProperty)
    for subject, properties in sorted(seen, key=lambda item: item[0].value):
        types = properties.get(RDF.type, [])
        axioms = ["transitive"] * (OWL.TransitiveProperty in types) + ["symmetric"] * (OWL.SymmetricProperty in types)
        axioms += [f"sub-property of `{_short(o)}`" for o in properties.get(RDFS.subPropertyOf, [])]
        axioms += [f"inverse of `{_short(o)}`" for o in properties.get(OWL.inverseOf, [])]
        axioms += [
            f"`{chain(o)}` ⊑ it" for o in properties.get(OWL.propertyChainAxiom, []) if not isinstance(o, Literal)
        ]
        properties_rows.append(
            {
                "term": _short(subject),
                "kind": "object" if OWL.ObjectProperty in types else "datatype",
                "domain": ", ".join(_short(o) for o in properties.get(RDFS.domain, [])) or "—",
                "range": ", ".join(_short(o) for o in properties.get(RDFS.range, [])) or "—",
                "axioms": "; ".join(axioms) or "—",
                "comment": _text(properties, RDFS.comment),
            }
        )
    return {"classes": classes, "properties": properties_rows, "reused": REUSED}


REUSED = [  # terms from other vocabularies every KB uses (docs/ontology.md's example shows them)
    {"term": "rdfs:label", "comment": "The name of anything: a role, an item's text, a target."},
    {"term": "skos:prefLabel", "comment": "A role's or family's title."},
    {"term": "skos:altLabel", "comment": "Another name a page gives a role (an abbreviation, an older title)."},
    {"term": "org:reportsTo", "comment": "Who a role reports to, as the page states it."},
    {"term": "prov:wasDerivedFrom", "comment": "The source page a node was read from (a jobkg:SourcePage)."},
    {"term": "dcterms:identifier", "comment": "A source page's path, relative to the corpus folder."},
]


def markdown() -> str:
    """A human-readable page of classes, properties and axioms, with an example."""
    triples = ontology_triples()
    facts = _index(triples)
    terms = schema()
    lines = [
        "# The jobkg ontology",
        "",
        "Generated from `ontology/jobkg.ttl` by `jobkg ontology --write`; do not edit by hand.",
        "",
        "Namespace: `https://w3id.org/jobkg/ontology#` (prefix `jobkg:`). Reused: W3C ORG, SKOS, PROV, DCTERMS.",
        "Every rule the reasoner applies is one of the axioms below (OWL 2 RL).",
        "",
        "## Classes",
        "",
        "| class | label | sub-class of | comment |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| `{c['term']}` | {c['label']} | {c['supers']} | {c['comment']} |" for c in terms["classes"]]
    lines += [
        "",
        "## Properties",
        "",
        "| property | kind | domain → range | axioms | comment |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| `{p['term']}` | {p['kind']} | {p['domain']} → {p['range']} | {p['axioms']} | {p['comment']} |"
        for p in terms["properties"]
    ]
    reused = [
        (s, p)
        for s, p in facts.items()
        if isinstance(s, NamedNode) and s.value not in JOBKG and RDFS.subPropertyOf in p
    ]
    if reused:
        lines += ["", "## Axioms on reused terms", ""]
        for subject, properties in reused:
            for sup in properties[RDFS.subPropertyOf]:
                lines.append(f"- `{_short(subject)}` sub-property of `{_short(sup)}`")
    lines += ["", "## Individuals", ""]
    for node, properties in sorted(facts.items(), key=lambda item: str(item[0])):
        if isinstance(node, NamedNode) and JOBKG.Track in properties.get(RDF.type, []):
            lines.append(f"- `{_short(node)}` ({_text(properties, RDFS.label)}): {_text(properties, RDFS.comment)}")
    lines += ["", "## Example", "", "```turtle", _EXAMPLE.strip(), "```", ""]
    return "\n".join(lines)


def _text(properties: dict[NamedNode, list[Term]], predicate: NamedNode) -> str:
    values = [o.value for o in properties.get(predicate, []) if isinstance(o, Literal)]
    return " ".join(values).replace("|", "\\|")


_EXAMPLE = """
# From engineering/infrastructure-technical-program-manager.md (bundled corpus):
role:staff-itpm a jobkg:Role ;
    skos:prefLabel "Staff Infrastructure Technical Program Manager" ;
    skos:altLabel "Staff ITPM" ;
    jobkg:inFamily family:itpm ;
    jobkg:hasGrade <https://w3id.org/jobkg/id/grade/8> ;
    org:reportsTo target:vice-president-of-infrastructure-quality ;
    jobkg:extendsResponsibilities role:senior-itpm ;
    prov:wasDerivedFrom source:itpm-page ;
    jobkg:sourceLine 89 .
# The reasoner adds, among others:
role:staff-itpm jobkg:hasResponsibility role:senior-itpm/responsibility/1 ;   # inherited
    jobkg:reportsUpTo target:vice-president-of-infrastructure-quality ;
    a org:Post .
"""


def write() -> list[Path]:
    CONTEXT_FILE.write_text(context_text(), encoding="utf-8")
    DOC_FILE.parent.mkdir(parents=True, exist_ok=True)
    DOC_FILE.write_text(markdown(), encoding="utf-8")
    return [CONTEXT_FILE, DOC_FILE]

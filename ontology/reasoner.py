"""The reasoner: materialise what the ontology's OWL 2 RL axioms entail for a KB.

The default engine ("jobkg") reads the axioms from the ontology graph and applies the OWL 2
RL rules they trigger (prp-spo1, prp-spo2, prp-inv1/2, prp-symp, prp-trp, prp-dom, prp-rng,
cax-sco), semi-naively, over indexed sets. It derives exactly what owlrl derives for the
ontology's own vocabulary (a test holds it to that), far faster. owlrl stays selectable as
the reference ("owlrl"). An axiom kind the engine does not implement is an error, so the
ontology can never say more than the engine derives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, parse, serialize

from ontology.vocab import OWL, RDF, RDFS

Node = NamedNode | BlankNode | Literal

ENGINES = ("jobkg", "owlrl")

_OWL = "http://www.w3.org/2002/07/owl#"
_HANDLED_TYPES = {
    OWL.Ontology,
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.TransitiveProperty,
    OWL.SymmetricProperty,
}
_HANDLED_PREDICATES = {
    RDF.type,
    RDF.first,
    RDF.rest,
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    RDFS.domain,
    RDFS.range,
    RDFS.label,
    RDFS.comment,
    OWL.inverseOf,
    OWL.propertyChainAxiom,
    OWL.equivalentProperty,
    OWL.equivalentClass,
    OWL.versionInfo,
}


class UnknownEngineError(ValueError):
    """A reasoner name that is not one of ENGINES."""


class UnsupportedAxiomError(ValueError):
    """The ontology uses an OWL construct the jobkg engine does not implement."""


@dataclass
class Axioms:
    """The OWL 2 RL axioms of an ontology that the engine applies."""

    super_properties: dict[NamedNode, set[NamedNode]] = field(default_factory=lambda: defaultdict(set))
    inverses: list[tuple[NamedNode, NamedNode]] = field(default_factory=list)
    transitive: set[NamedNode] = field(default_factory=set)
    symmetric: set[NamedNode] = field(default_factory=set)
    chains: list[tuple[NamedNode, tuple[NamedNode, ...]]] = field(default_factory=list)
    super_classes: dict[NamedNode, set[NamedNode]] = field(default_factory=lambda: defaultdict(set))
    domains: dict[NamedNode, set[NamedNode]] = field(default_factory=lambda: defaultdict(set))
    ranges: dict[NamedNode, set[NamedNode]] = field(default_factory=lambda: defaultdict(set))

    def properties(self) -> set[NamedNode]:
        """Every property an axiom mentions: the only ones whose triples the engine reads."""
        found: set[NamedNode] = set(self.transitive) | set(self.symmetric)
        for sub, supers in self.super_properties.items():
            found |= {sub} | supers
        for a, b in self.inverses:
            found |= {a, b}
        for result, chain in self.chains:
            found |= {result, *chain}
        found |= set(self.domains) | set(self.ranges)
        return found

    def classes(self) -> set[NamedNode]:
        found: set[NamedNode] = set()
        for sub, supers in self.super_classes.items():
            found |= {sub} | supers
        for classes in list(self.domains.values()) + list(self.ranges.values()):
            found |= classes
        return found


def read_axioms(ontology: Iterable[Triple]) -> Axioms:
    """Collect the axioms; raise UnsupportedAxiomError for anything the engine cannot apply."""
    triples = list(ontology)
    rest: dict[Node, Node] = {}
    first: dict[Node, Node] = {}
    axioms = Axioms()
    for t in triples:
        if t.predicate == RDF.first:
            first[t.subject] = t.object
        elif t.predicate == RDF.rest:
            rest[t.subject] = t.object

    def as_list(head: Node) -> tuple[NamedNode, ...]:
        items = []
        while head != RDF.nil:
            items.append(first[head])
            head = rest[head]
        return tuple(items)

    for t in triples:
        s, p, o = t.subject, t.predicate, t.object
        if p == RDF.type:
            if o == OWL.TransitiveProperty:
                axioms.transitive.add(s)
            elif o == OWL.SymmetricProperty:
                axioms.symmetric.add(s)
            elif isinstance(o, NamedNode) and o.value.startswith(_OWL) and o not in _HANDLED_TYPES:
                raise UnsupportedAxiomError(f"{s} is declared {o}, which the jobkg reasoner does not implement")
        elif p == RDFS.subPropertyOf:
            axioms.super_properties[s].add(o)
        elif p == OWL.equivalentProperty:
            axioms.super_properties[s].add(o)
            axioms.super_properties[o].add(s)
        elif p == OWL.inverseOf:
            axioms.inverses.append((s, o))
        elif p == OWL.propertyChainAxiom:
            axioms.chains.append((s, as_list(o)))
        elif p == RDFS.subClassOf:
            axioms.super_classes[s].add(o)
        elif p == OWL.equivalentClass:
            axioms.super_classes[s].add(o)
            axioms.super_classes[o].add(s)
        elif p == RDFS.domain:
            axioms.domains[s].add(o)
        elif p == RDFS.range:
            axioms.ranges[s].add(o)
        elif p.value.startswith(_OWL) and p not in _HANDLED_PREDICATES:
            raise UnsupportedAxiomError(f"axiom {p} on {s} is not implemented by the jobkg reasoner")
    for result, chain in axioms.chains:
        if len(chain) < 2:
            raise UnsupportedAxiomError(f"property chain of {result} has fewer than two links")
    _close(axioms.super_properties)
    _close(axioms.super_classes)
    return axioms


def _close(hierarchy: dict[NamedNode, set[NamedNode]]) -> None:
    """Reflexive-transitive closure of a sub-property or sub-class hierarchy, in place."""
    changed = True
    while changed:
        changed = False
        for supers in list(hierarchy.values()):
            extra = set().union(*(hierarchy.get(s, set()) for s in supers)) - supers
            if extra:
                supers |= extra
                changed = True
    for sub in list(hierarchy):
        hierarchy[sub].add(sub)


class _Relation:
    """The pairs of one property, indexed both ways."""

    __slots__ = ("by_object", "by_subject")

    def __init__(self) -> None:
        self.by_subject: dict[Node, set[Node]] = defaultdict(set)
        self.by_object: dict[Node, set[Node]] = defaultdict(set)

    def add(self, s: Node, o: Node) -> bool:
        objects = self.by_subject[s]
        if o in objects:
            return False
        objects.add(o)
        self.by_object[o].add(s)
        return True

    def pairs(self) -> Iterable[tuple[Node, Node]]:
        for s, objects in self.by_subject.items():
            for o in objects:
                yield s, o


@dataclass
class Inference:
    """The triples the reasoner added, and the cycles it found (data problems)."""

    triples: set[Triple]
    cycles: list[tuple[str, str]]  # (property IRI, node IRI) with node P+ node


def materialise(data: Iterable[Triple], axioms: Axioms) -> Inference:
    """Apply the axioms to the data until nothing new follows (semi-naive evaluation)."""
    properties = axioms.properties()
    classes_in_play = axioms.classes()
    relations: dict[NamedNode, _Relation] = defaultdict(_Relation)
    types: set[tuple[Node, Node]] = set()
    asserted: set[Triple] = set()
    delta: dict[NamedNode, set[tuple[Node, Node]]] = defaultdict(set)
    type_delta: set[tuple[Node, Node]] = set()
    for t in data:
        if t.predicate in properties:
            if relations[t.predicate].add(t.subject, t.object):
                delta[t.predicate].add((t.subject, t.object))
            asserted.add(t)
        elif t.predicate == RDF.type and t.object in classes_in_play:
            types.add((t.subject, t.object))
            type_delta.add((t.subject, t.object))
            asserted.add(t)

    supers = axioms.super_properties
    while delta or type_delta:
        new: dict[NamedNode, set[tuple[Node, Node]]] = defaultdict(set)
        new_types: set[tuple[Node, Node]] = set()
        for p, pairs in delta.items():
            for q in supers.get(p, ()):  # prp-spo1
                if q != p:
                    new[q] |= pairs
            if p in axioms.symmetric:  # prp-symp
                new[p] |= {(o, s) for s, o in pairs}
            for a, b in axioms.inverses:  # prp-inv1, prp-inv2
                if p == a:
                    new[b] |= {(o, s) for s, o in pairs}
                if p == b:
                    new[a] |= {(o, s) for s, o in pairs}
            if p in axioms.transitive:  # prp-trp
                relation = relations[p]
                for s, o in pairs:
                    new[p] |= {(s, z) for z in relation.by_subject.get(o, ())}
                    new[p] |= {(x, o) for x in relation.by_object.get(s, ())}
            for cls in axioms.domains.get(p, ()):  # prp-dom
                new_types |= {(s, cls) for s, _ in pairs}
            for cls in axioms.ranges.get(p, ()):  # prp-rng
                new_types |= {(o, cls) for _, o in pairs if not isinstance(o, Literal)}
        for result, chain in axioms.chains:  # prp-spo2
            if any(link in delta for link in chain):
                new[result] |= _chain_delta(chain, relations, delta)
        for node, cls in type_delta:  # cax-sco
            new_types |= {(node, sup) for sup in axioms.super_classes.get(cls, ()) if sup != cls}
        delta = defaultdict(set)
        for p, pairs in new.items():
            relation = relations[p]
            for s, o in pairs:
                if relation.add(s, o):
                    delta[p].add((s, o))
        type_delta = new_types - types
        types |= type_delta
        delta = {p: pairs for p, pairs in delta.items() if pairs}

    inferred: set[Triple] = set()
    for p, relation in relations.items():
        for s, o in relation.pairs():
            if isinstance(s, Literal):
                continue
            inferred.add(Triple(s, p, o))
    for node, cls in types:
        if not isinstance(node, Literal):
            inferred.add(Triple(node, RDF.type, cls))
    inferred -= asserted
    cycles = [
        (p.value, s.value)
        for p in axioms.transitive
        for s, objects in relations[p].by_subject.items()
        if s in objects and isinstance(s, NamedNode)
    ]
    return Inference(inferred, sorted(cycles))


def _chain_delta(
    chain: tuple[NamedNode, ...],
    relations: dict[NamedNode, _Relation],
    delta: dict[NamedNode, set[tuple[Node, Node]]],
) -> set[tuple[Node, Node]]:
    """Pairs (x, z) joined along the chain where at least one link is new this round."""
    out: set[tuple[Node, Node]] = set()
    for position, link in enumerate(chain):
        if link not in delta:
            continue
        frontier = set(delta[link])
        for before in reversed(chain[:position]):  # extend leftwards over full relations
            relation = relations[before]
            frontier = {(x, o) for s, o in frontier for x in relation.by_object.get(s, ())}
        for after in chain[position + 1 :]:  # and rightwards
            relation = relations[after]
            frontier = {(s, z) for s, o in frontier for z in relation.by_subject.get(o, ())}
        out |= frontier
    return out


def owlrl_closure(data: Iterable[Triple], ontology: Iterable[Triple]) -> set[Triple]:
    """The reference: owlrl's OWL-RL closure, restricted to the ontology's vocabulary."""
    import owlrl
    import rdflib

    ontology = list(ontology)
    data = list(data)
    graph = rdflib.Graph()
    graph.parse(data=serialize(ontology + data, format=RdfFormat.N_TRIPLES), format="nt")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    axioms = read_axioms(ontology)
    vocabulary = axioms.properties()
    classes = axioms.classes()
    before = set(data) | set(ontology)
    kept = rdflib.Graph()
    for triple in graph:
        if not isinstance(triple[0], rdflib.Literal):
            kept.add(triple)
    closure = kept.serialize(format="nt", encoding="utf-8")
    result: set[Triple] = set()
    for quad in parse(closure, format=RdfFormat.N_TRIPLES):
        t = quad.triple
        if t in before or not isinstance(t.subject, NamedNode):
            continue
        if t.predicate in vocabulary or (t.predicate == RDF.type and t.object in classes):
            result.add(t)
    return result


def reason(data: Iterable[Triple], ontology: Iterable[Triple], engine: str = "jobkg") -> Inference:
    """Entailed triples by the named engine: 'jobkg' (default) or 'owlrl' (reference)."""
    if engine not in ENGINES:
        raise UnknownEngineError(f"unknown reasoner {engine!r}; choose one of {', '.join(ENGINES)}")
    ontology = list(ontology)
    if engine == "owlrl":
        data = list(data)
        inferred = owlrl_closure(data, ontology)
        cycles = [
            (t.predicate.value, t.subject.value)
            for t in inferred
            if t.subject == t.object and isinstance(t.subject, NamedNode)
        ]
        return Inference(inferred, sorted(cycles))
    inference = materialise(data, read_axioms(ontology))
    inference.triples -= set(ontology)
    return inference

"""Help for people writing their own SPARQL: the ontology's prefixes put in for them, a
misspelt keyword named with the word it was probably meant to be, a parse error as its line
and column with the parser's expectations in words, and terms the ontology does not have
named before a query quietly returns nothing."""

from __future__ import annotations

import re

from rapidfuzz import process

from jobkg.ontology import ontology_triples
from jobkg.ontology.vocab import PREFIXES

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_DECLARED = re.compile(r"(?im)^\s*PREFIX\s+([\w-]*):")
_PREFIXED = re.compile(r"(?<![\w.-])([a-z][\w-]*):([A-Za-z_][\w-]*)")
_NOT_CODE = re.compile(r'(?m)#.*$|<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_TOKEN = re.compile(r'"([^"]+)"')  # the punctuation the engine expected; its keyword lists mislead more than help


def with_known_prefixes(sparql: str) -> tuple[str, int]:
    """The query with a PREFIX line for each of the ontology's prefixes it uses without
    declaring, and how many lines were put in front (error positions are shifted back)."""
    code = _NOT_CODE.sub(" ", sparql)
    declared = {match.group(1) for match in _DECLARED.finditer(code)}
    used = {match.group(1) for match in _PREFIXED.finditer(code)}
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if p in used and p not in declared]
    return ("\n".join(lines) + "\n" + sparql, len(lines)) if lines else (sparql, 0)


def misspelt_form(sparql: str) -> str | None:
    """'SELEC is not a SPARQL keyword: did you mean SELECT?' for a query that has no query form."""
    code = _NOT_CODE.sub(" ", sparql)
    code = _DECLARED.sub(" ", re.sub(r"(?im)^\s*(?:PREFIX|BASE)\b[^\n]*", " ", code))
    words = re.findall(r"\b[A-Za-z]{3,}\b", code)
    for word in words[:3]:
        found = process.extractOne(word.upper(), FORMS, score_cutoff=70)
        if found and found[0] != word.upper():
            return f"{word} is not a SPARQL keyword: did you mean {found[0]}?"
    return None


def syntax_message(raw: str, sparql: str, shift: int = 0) -> str:
    """The engine's 'error at L:C: expected one of …' as a line and column of what the user
    wrote, the line itself, and what could have come there in words."""
    found = _AT.search(raw)
    if not found:
        return f"SPARQL syntax error: {raw.splitlines()[0] if raw else 'the query cannot be read'}"
    line, column, expected = int(found.group(1)) - shift, int(found.group(2)), found.group(3)
    lines = sparql.splitlines()
    shown = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    if "Prefix not found" in expected:
        prefixes = ", ".join(f"{p}:" for p in PREFIXES)
        return (
            f"Line {line}, column {column}: a prefix that is not declared (in `{shown}`). "
            f"Declare it with PREFIX, or use one jobkg knows: {prefixes}"
        )
    tokens = _TOKEN.findall(expected)[:8]
    hint = f"; what can come there: {' '.join(tokens)}" if tokens else ""
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip()) if shown else 0
    pointer = f"{shown}\n{' ' * max(0, column - 1 - indent)}^" if shown else ""
    return f"Line {line}, column {column}: the query cannot be read from there{hint}.\n{pointer}".rstrip()


def unknown_terms(sparql: str) -> list[str]:
    """'jobkg:grade is not in the ontology: did you mean jobkg:hasGrade?' for each jobkg term
    the query names that the ontology does not define."""
    known = _jobkg_terms()
    code = _NOT_CODE.sub(" ", sparql)
    messages = []
    for prefix, name in dict.fromkeys(_PREFIXED.findall(code)):
        if prefix != "jobkg" or name in known:
            continue
        close = [f"jobkg:{term}" for term, _score, _i in process.extract(name, known, limit=3, score_cutoff=60)]
        guess = f": did you mean {' or '.join(close)}?" if close else ""
        messages.append(f"jobkg:{name} is not in the ontology{guess}")
    return messages


def _jobkg_terms() -> list[str]:
    namespace = PREFIXES["jobkg"]
    names = {
        term.value[len(namespace) :]
        for triple in ontology_triples()
        for term in (triple.subject, triple.object)
        if hasattr(term, "value") and str(term.value).startswith(namespace)
    }
    return sorted(names | {"sourceLine", "statedFor", "reportsUpTo"})

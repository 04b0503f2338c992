"""The question box: map a question to an intent and its role mentions, run the canned
query behind that intent, and phrase a one-sentence answer with its rows, SPARQL and
source lines. When the page states nothing, the answer says "not stated" and never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from jobkg import views
from jobkg.kb import KnowledgeBase
from jobkg.queries import catalog
from jobkg.queries.backends import Row
from jobkg.queries.mentions import Named, Resolution

_X = r"(?P<x>.+?)"
_Y = r"(?P<y>.+?)"


@dataclass(frozen=True)
class Intent:
    name: str
    query: str
    patterns: tuple[str, ...]
    phrase: Callable[[str, list[Row]], str]
    param: str = "role"


def _names(rows: list[Row], key: str) -> str:
    values = [str(r[key]) for r in rows if r.get(key) is not None]
    unique = list(dict.fromkeys(values))
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + " and " + unique[-1]


def _listing(none: str, found: str, key: str) -> Callable[[str, list[Row]], str]:
    """A phrase that says `none` when there are no rows, else `found` with {title}, {count}
    and {names} (the distinct values of column `key`)."""

    def phrase(title: str, rows: list[Row]) -> str:
        if not rows:
            return none.format(title=title)
        return found.format(title=title, count=len(rows), names=_names(rows, key))

    return phrase


_reports_to = _listing(
    "The page does not state who a {title} reports to (not stated).",
    "A {title} reports to {names}.",
    "target_label",
)


def _reports(title: str, rows: list[Row]) -> str:
    if not rows:
        return f"No role in the KB reports to {title}."
    direct = [r for r in rows if r.get("direct")]
    return f"{len(rows)} role(s) report to {title}, {len(direct)} directly: {_names(direct or rows, 'report_label')}."


def _grade(title: str, rows: list[Row]) -> str:
    if not rows:
        return f"The page does not state a grade for {title} (not stated)."
    return f"{title} is grade {rows[0]['grade']}."


def _items(kind: str) -> Callable[[str, list[Row]], str]:
    def phrase(title: str, rows: list[Row]) -> str:
        texts = {r["text"] for r in rows}
        own = {r["text"] for r in rows if r.get("own")}
        if not texts:
            return f"The pages state no {kind} for {title} (not stated)."
        return f"{title} has {len(texts)} {kind}: {len(own)} of its own and {len(texts - own)} inherited."

    return phrase


def _adjacent(relation: str) -> Callable[[str, list[Row]], str]:
    def phrase(title: str, rows: list[Row]) -> str:
        chosen = [r for r in rows if r["relation"] == relation]
        if not chosen:
            word = "after" if relation == "next" else "before"
            return f"No level comes {word} {title} on its track (not stated)."
        rows[:] = chosen
        word = "after" if relation == "next" else "before"
        return f"{_names(chosen, 'other_title')} comes {word} {title}."

    return phrase


def _interviewers(title: str, rows: list[Row]) -> str:
    if not rows:
        return f"No hiring process is stated for {title} (not stated)."
    people = [str(r["interviewer"]) for r in rows if r.get("interviewer")]
    return f"Candidates for {title} go through {len(rows)} stages, interviewed by: {', '.join(dict.fromkeys(people))}."


_indicators = _listing(
    "No performance indicators are stated for {title} (not stated).",
    "{title} is measured by {count} indicator(s): {names}.",
    "label",
)
_equivalents = _listing(
    "No IC/manager equivalent is stated for {title} (not stated).",
    "{title} is the equivalent of {names}.",
    "equivalent_label",
)
_grade_roles = _listing("No role is stated at {title}.", "{count} role(s) at {title}: {names}.", "title")


def _compare(title: str, rows: list[Row]) -> str:
    return f"{title}: {len(rows)} responsibilities and requirements that the other role does not have."


INTENTS: tuple[Intent, ...] = (
    Intent(
        "compare",
        "compare-roles",
        (
            rf"^compare {_X} (?:and|with|to|vs\.?|versus) {_Y}$",
            rf"^(?:what is the )?difference between {_X} and {_Y}$",
            rf"^what does {_X} (?:add|have) (?:over|beyond|more than) {_Y}$",
        ),
        _compare,
    ),
    Intent(
        "reports_to",
        "reports-to",
        (
            rf"^who (?:does|do|did|would|will) {_X} report(?:s|ing)? (?:in)?to$",
            rf"^(?:to )?whom does {_X} report(?: to)?$",
            rf"^(?:who is|who's) (?:the )?(?:manager|boss|supervisor) of {_X}$",
            rf"^(?:what is )?(?:the )?reporting line (?:of|for) {_X}$",
            rf"^{_X} reports? to (?:who|whom)$",
        ),
        _reports_to,
    ),
    Intent(
        "direct_reports",
        "all-reports",
        (
            rf"^who reports (?:directly )?(?:in)?to {_X}$",
            rf"^who (?:does|do) {_X} manage$",
            rf"^(?:who are )?(?:the )?(?:direct )?reports of {_X}$",
        ),
        _reports,
    ),
    Intent(
        "roles_at_grade",
        "roles-at-grade",
        (
            r"^(?:which|what) (?:roles?|jobs?|positions?) (?:are |is )?(?:at|in|on) (?:job )?grade (?P<n>\d+)$",
            r"^(?:roles?|jobs?) (?:at|in) (?:job )?grade (?P<n>\d+)$",
            r"^grade (?P<n>\d+) (?:roles?|jobs?)$",
        ),
        _grade_roles,
        param="grade",
    ),
    Intent(
        "grade",
        "role-grade",
        (
            rf"^what(?:'s| is)? (?:the )?(?:job )?grade (?:is |of |for )?{_X}$",
            rf"^(?:which|what) grade (?:is|does) {_X}(?: have| at)?$",
            rf"^{_X}(?:'s| job)? grade$",
        ),
        _grade,
    ),
    Intent(
        "responsibilities",
        "responsibilities",
        (
            rf"^what does {_X} do$",
            rf"^(?:what are )?(?:the )?(?:responsibilities|duties) (?:of|for) {_X}$",
            rf"^{_X}(?:'s)? responsibilities$",
        ),
        _items("responsibilities"),
    ),
    Intent(
        "requirements",
        "requirements",
        (
            rf"^(?:what are )?(?:the )?(?:requirements|qualifications) (?:of|for) {_X}$",
            rf"^what (?:does it take|do i need) to (?:be|become) {_X}$",
            rf"^{_X}(?:'s)? requirements$",
        ),
        _items("requirements"),
    ),
    Intent(
        "next_level",
        "adjacent-levels",
        (
            rf"^what (?:comes|is) (?:after|above|next after) {_X}$",
            rf"^(?:what is )?(?:the )?next (?:level|step|role) (?:after|above|for|from) {_X}$",
            rf"^(?:where can|how can) {_X} (?:be promoted|get promoted|grow)(?: to)?$",
        ),
        _adjacent("next"),
    ),
    Intent(
        "previous_level",
        "adjacent-levels",
        (
            rf"^what (?:comes|is) (?:before|below) {_X}$",
            rf"^(?:what is )?(?:the )?(?:previous|prior|lower) (?:level|role) (?:before|below|for|from) {_X}$",
        ),
        _adjacent("previous"),
    ),
    Intent(
        "interviewers",
        "interviewers",
        (
            rf"^who interviews (?:candidates )?(?:for )?{_X}$",
            rf"^(?:what is )?(?:the )?(?:hiring|interview) process (?:of|for) {_X}$",
            rf"^how (?:do i|to) (?:get hired|apply) (?:as|for) {_X}$",
        ),
        _interviewers,
    ),
    Intent(
        "indicators",
        "performance-indicators",
        (
            rf"^(?:what are )?(?:the )?(?:performance indicators|kpis|pis|metrics) (?:of|for) {_X}$",
            rf"^how is {_X} measured$",
        ),
        _indicators,
    ),
    Intent(
        "equivalent",
        "equivalents",
        (
            rf"^(?:what is )?(?:the )?(?:ic|individual contributor|manager|management) equivalent (?:of|to|for) {_X}$",
            rf"^what is {_X} equivalent to$",
            rf"^{_X}(?:'s)? (?:ic )?equivalent$",
        ),
        _equivalents,
    ),
)


@dataclass
class Answer:
    question: str
    intent: str | None
    entities: list[dict[str, object]] = field(default_factory=list)
    answer: str = ""
    rows: list[Row] = field(default_factory=list)
    sparql: str = ""
    sources: list[dict[str, object]] = field(default_factory=list)
    candidates: list[dict[str, str]] = field(default_factory=list)
    suggested_queries: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def normalise(question: str) -> str:
    text = re.sub(r"\s+", " ", question.strip().lower())
    return text.rstrip("?.! ").strip()


def ask(kb: KnowledgeBase, question: str) -> Answer:
    """Answer a question; never raises for what a user types."""
    text = normalise(question)
    for intent in INTENTS:
        for pattern in intent.patterns:
            match = re.match(pattern, text)
            if match:
                return _answer(kb, question, intent, match.groupdict())
    return _unmapped(kb, question, text)


def _answer(kb: KnowledgeBase, question: str, intent: Intent, groups: dict[str, str]) -> Answer:
    answer = Answer(question, intent.name)
    query = catalog.get(intent.query)
    answer.sparql = query.sparql
    if intent.param == "grade":
        number = int(groups["n"])
        answer.entities.append({"mention": groups["n"], "grade": number})
        answer.rows = kb.run(intent.query, {"grade": str(number)})
        answer.answer = intent.phrase(f"grade {number}", answer.rows)
        return answer
    resolved: list[Named] = []
    for key in ("x", "y"):
        if key not in groups:
            continue
        resolution = kb.role_resolver.resolve(_strip_mention(groups[key]))
        if resolution.match is None:
            return _unresolved(answer, resolution)
        resolved.append(resolution.match)
        answer.entities.append({"mention": groups[key], "iri": resolution.match.iri, "title": resolution.match.title})
    params = {"role": resolved[0].iri}
    if len(resolved) > 1:
        params["other"] = resolved[1].iri
    answer.rows = kb.run(intent.query, params)
    answer.answer = intent.phrase(resolved[0].title, answer.rows)
    answer.sources = _sources(kb, answer.rows, resolved[0])
    return answer


def _strip_mention(text: str) -> str:
    text = re.sub(r"^(?:a|an|the|our)\s+", "", text.strip())
    return re.sub(r"\s+(?:role|position|job)$", "", text)


def _unresolved(answer: Answer, resolution: Resolution) -> Answer:
    if resolution.candidates:
        answer.answer = f"'{resolution.mention}' could mean several roles; which one?"
        answer.candidates = [{"iri": c.iri, "title": c.title, "context": c.context} for c in resolution.candidates]
    else:
        answer.answer = f"No role matches '{resolution.mention}'."
        if resolution.suggestions:
            answer.answer += " Did you mean: " + "; ".join(s.title for s in resolution.suggestions) + "?"
        answer.candidates = [{"iri": s.iri, "title": s.title, "context": s.context} for s in resolution.suggestions]
    return answer


def _sources(kb: KnowledgeBase, rows: list[Row], role: Named) -> list[dict[str, object]]:
    found = [{"file": r["file"], "line": r["line"]} for r in rows if r.get("file") and r.get("line")]
    if not found:
        found = [{"file": s.file, "line": s.line} for s in views.sources_of(kb, role.iri)]
    return list({(s["file"], s["line"]): s for s in found}.values())


def _unmapped(kb: KnowledgeBase, question: str, text: str) -> Answer:
    answer = Answer(question, None)
    spans = kb.role_resolver.find_in(text)
    for _, _, match, resolution in spans:
        if match is not None:
            answer.entities.append({"mention": resolution.mention, "iri": match.iri, "title": match.title})
    answer.suggested_queries = closest_queries(text)
    names = ", ".join(q["name"] for q in answer.suggested_queries)
    answer.answer = f"I could not map that question. Closest canned queries: {names}."
    return answer


def closest_queries(text: str, limit: int = 3) -> list[dict[str, str]]:
    """Canned queries whose title and description share the most words with the text."""
    words = set(re.findall(r"[a-z]{3,}", text.lower())) - {"who", "what", "the", "does", "for", "and", "with"}
    scored = []
    for query in catalog.public().values():
        vocabulary = set(re.findall(r"[a-z]{3,}", f"{query.name} {query.title} {query.description}".lower()))
        scored.append((len(words & vocabulary), query.name, query.title))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [{"name": name, "title": title} for _, name, title in scored[:limit]]

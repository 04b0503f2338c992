"""The question box: read a question in two steps (what it mentions, then what it asks), run
the canned queries that answer it, and say the facts with the SPARQL that ran and the source
lines. Deterministic and explainable: every answer says how the question was understood and,
when another reading came close, offers it. When the pages state nothing, the answer says
"not stated" and never guesses."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace

from jobkg import views
from jobkg.kb import KnowledgeBase
from jobkg.queries import catalog
from jobkg.queries.backends import Row, bind_into
from jobkg.queries.mentions import Named
from jobkg.questions.answers import ANSWERS, Context
from jobkg.questions.examples import proposed
from jobkg.questions.intents import BY_NAME, SUMMARY, Intent, topics
from jobkg.questions.lexicon import lexicon
from jobkg.questions.mentions import Mention, Mentions, find_mentions, is_cue
from jobkg.questions.reading import CLOSE, Reading, bare, closest, normalised, readings, wanted

__all__ = ["Answer", "ask", "examples"]


@dataclass
class Answer:
    question: str
    intent: str | None
    entities: list[dict[str, object]] = field(default_factory=list)
    answer: str = ""
    understood: str = ""  # 'who a role reports to (Staff Infrastructure Technical Program Manager)'
    rows: list[Row] = field(default_factory=list)
    sparql: str = ""  # the queries that ran, parameters bound: pasted into the SPARQL page, the same rows
    sources: list[dict[str, object]] = field(default_factory=list)
    status: str = "answered"  # "not stated", "not covered", "ambiguous", "unknown", or "unread"
    candidates: list[dict[str, str]] = field(default_factory=list)
    unclear: str = ""  # the name that was ambiguous or unknown; a candidate's title may replace it
    alternatives: list[dict[str, str]] = field(default_factory=list)  # other readings: {intent, label}
    suggested_queries: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


TWO_PARTS = re.compile(r"\band\b|,|;|\bplus\b|\balso\b")
# readings a second part of a question may ask of the same role ('the grade and the manager of X')
SECOND_PARTS = frozenset(
    (
        "grade",
        "level",
        "reports_to",
        "responsibilities",
        "requirements",
        "next_level",
        "previous_level",
        "family_of_role",
        "direct_reports",
        "interviewers",
        "indicators",
        "extends",
        "equivalent",
    )
)


def examples(kb: KnowledgeBase, count: int = 8) -> list[str]:
    """Example questions made from the KB's own roles and families, each asked before it is
    offered: a name the box cannot read back (a family called 'Grades') drops its example."""
    return [q for q in proposed(kb) if ask(kb, q).status in ("answered", "not stated")][:count]


def ask(kb: KnowledgeBase, question: str, intent: str | None = None) -> Answer:
    """Answer a question; `intent` forces one reading (the app's 'did you mean'). Never raises
    for what a person types, and never answers about a thing the question does not name: a
    name that fits several things is asked back, one that fits none is said, a question that is
    not read says so and offers the closest readings."""
    mentions = find_mentions(question, lexicon(kb))
    topic = _not_covered(normalised(question, mentions)) if intent is None else None
    if topic is not None:
        return _uncovered(kb, question, mentions, topic)
    unknown = next((m for m in mentions.found if m.kind == "role" and not m.things), None)
    if unknown is not None:
        return _no_such_role(kb, question, unknown)
    found = readings(question, mentions, forced=intent)
    if not found:
        roles = tuple(m for m in mentions.found if m.kind == "role")
        if not roles or not bare(question, mentions):
            return _searched(kb, question, mentions) or _unread(kb, question, mentions)
        text = normalised(question, mentions)
        found = [Reading(SUMMARY, 0, roles, None, None, None, text)]
    reading = found[0]
    answer = Answer(question, reading.intent.name)
    ambiguous = next((m for m in reading.roles if m.thing is None), None)
    if reading.intent.needs and "role" in reading.intent.needs[0] and ambiguous is not None:
        return _which(answer, ambiguous, lexicon(kb).role_department)
    context = _context(kb, reading, question)
    said = ANSWERS[reading.intent.name](context)
    if _for_each(reading, context, question):  # 'CO vs COR: what does each one do?'
        for role in context.roles[1:]:
            more = ANSWERS[reading.intent.name](replace(context, roles=[role, *context.roles]))
            said = type(said)(f"{said.text} {more.text}", said.rows + more.rows, said.status)
    second = _second_part(found, reading, question)
    if second is not None:
        more = ANSWERS[second.intent.name](context)
        said = type(said)(f"{said.text} {more.text}", said.rows + more.rows, said.status)
    answer.answer, answer.rows, answer.status = said.text, said.rows, said.status
    answer.entities = _entities(reading, context)
    labels = reading.intent.label + (f" and {second.intent.label}" if second else "")
    answer.understood = f"{labels} ({'; '.join(str(e['title']) for e in answer.entities) or 'the whole KB'})"
    answer.sparql = "\n\n".join(_bound(kb, name, params) for name, params in context.runs)
    answer.sources = _sources(kb, said.rows, context.roles)
    answer.alternatives = [
        {"intent": other.intent.name, "label": other.intent.label}
        for other in found[1:3]
        if other.score >= reading.score - CLOSE and other.score >= 3 and other.intent.name != reading.intent.name
    ]
    return answer


SEARCHED = 0.6  # share of a question's own words an item must hold to be quoted as its answer


def _searched(kb: KnowledgeBase, question: str, mentions: Mentions) -> Answer | None:
    """A question no intent reads, about a role (or a family or department) it names: the items
    of that role that hold most of its other words, quoted with their lines ('what % of an
    associate engineer's time is core work?'). None when nothing holds enough of them."""
    named = [m for m in mentions.found if m.kind == "role" and m.thing is not None]
    if not named or any(m.kind == "role" and m.thing is None for m in mentions.found):
        return None
    words = _asked_words(question, mentions)
    if not words or (len(words) == 1 and len(words[0]) < 6):
        return None  # one short word ('reach') is too little to tell an item by
    roles = _roles_named(kb, named)
    scored = sorted(
        (
            (_held(words, item.text), role.title, item)
            for role in roles
            for item in (*role.responsibilities, *role.requirements)
        ),
        key=lambda entry: -entry[0],
    )
    best = [(title, item) for share, title, item in scored[:3] if share >= SEARCHED]
    if not best:
        return None
    answer = Answer(question, "search")
    quoted = "; ".join(f'{title}: "{item.text.rstrip(".")}"' for title, item in best)
    answer.answer = f"What the pages say: {quoted}."
    answer.understood = f"what the pages say about '{' '.join(words)}' ({'; '.join(sorted({t for t, _ in best}))})"
    answer.entities = [{"kind": "role", "title": title, "mention": ""} for title in dict.fromkeys(t for t, _ in best)]
    answer.rows = [{"role": title, "text": item.text, "line": item.line} for title, item in best]
    return answer


def _asked_words(question: str, mentions: Mentions) -> list[str]:
    """The question's own words: without the names it mentions and the words that only ask."""
    text = question
    for mention in sorted(mentions.found, key=lambda m: m.start, reverse=True):
        text = text[: mention.start] + " " + text[mention.end :]
    return [w for w in re.findall(r"[a-z0-9%][a-z0-9%-]+", text.lower()) if not is_cue(w) and w not in _STOP]


_STOP = frozenset(("expected", "usually", "actually", "typically", "level", "levels", "much", "many", "time"))


def _held(words: list[str], text: str) -> float:
    """The share of the words whose stem the text holds ('mentoring' holds 'mentor')."""
    have = {_stem(word) for word in re.findall(r"[a-z0-9%][a-z0-9%-]*", text.lower())}
    return sum(1 for word in words if _stem(word) in have) / len(words)


def _stem(word: str) -> str:
    return re.sub(r"(?:ing|ed|es|s|ment|ments)$", "", word) if len(word) > 4 else word


def _roles_named(kb: KnowledgeBase, named: list[Mention]) -> list[views.Role]:
    """The roles a question names (positions that have no page hold no items)."""
    roles = kb.role_resolver.things
    return [
        kb.role(m.thing.iri)
        for m in named
        if m.thing is not None and "named on a page" not in m.thing.context and m.thing.iri in roles
    ]


def _for_each(reading: Reading, context: Context, question: str) -> bool:
    """A question of one role's kind that names several ('what do the CO and the COR do')."""
    single = reading.intent.needs == ("role",)
    return (
        single
        and len({r.iri for r in context.roles}) > 1
        and bool(re.search(r"\b(?:each|both|and|vs|versus|or)\b", question.lower()))
    )


def _second_part(found: list[Reading], reading: Reading, question: str) -> Reading | None:
    """'What is the grade and who is the manager of X': a second reading of the same role that
    strong cues point to, in a question that joins two asks."""
    if reading.intent.name not in SECOND_PARTS or not TWO_PARTS.search(question.lower()):
        return None
    for other in found[1:]:
        pair = {reading.intent.name, other.intent.name}
        if other.intent.name in SECOND_PARTS and len(pair) == 2 and other.score >= 3 and pair != {"grade", "level"}:
            return other
    return None


def _not_covered(text: str) -> str | None:
    """What a question asks that job-architecture pages do not hold (pay, location, ...)."""
    for topic in topics():
        if topic.asked(text):
            return topic.instead
    return None


def _no_such_role(kb: KnowledgeBase, question: str, mention: Mention) -> Answer:
    """A name the KB has no role for, with the roles it comes close to."""
    answer = Answer(question, None, status="unknown", unclear=mention.text)
    close = kb.role_resolver.resolve(mention.text)
    suggestions = list(close.suggestions or close.candidates)[:5]
    answer.answer = f"No role matches '{mention.text}': the pages define no such role."
    if suggestions:
        answer.answer += " Close: " + "; ".join(s.title for s in suggestions) + "."
    answer.candidates = [{"iri": s.iri, "title": s.title, "context": s.context} for s in suggestions]
    answer.understood = "a role the pages do not define"
    return answer


def _uncovered(kb: KnowledgeBase, question: str, mentions: Mentions, instead: str) -> Answer:
    answer = Answer(question, None, status="not covered")
    roles = [m.thing for m in mentions.found if m.kind == "role" and m.thing is not None]
    answer.answer = f"The pages do not cover {instead}."
    if roles:
        rows = kb.run("role-grade", {"role": roles[0].iri})
        stated = f"grade {rows[0]['grade']}" if rows else "no grade"
        answer.answer += f" What they state of {roles[0].title}: {stated}."
        answer.entities = [{"kind": "role", "iri": roles[0].iri, "title": roles[0].title, "mention": ""}]
    answer.understood = "a topic the pages do not cover"
    return answer


def _context(kb: KnowledgeBase, reading: Reading, question: str) -> Context:
    roles = [m.thing for m in reading.roles if m.thing is not None]
    family = reading.family.thing if reading.family is not None else None
    mention = reading.department
    department = mention.thing.title if mention and mention.thing else None
    named_department = mention is not None and bool(
        department and (mention.kind == "department" or re.search(r"\bdepartment", question, re.I))
    )
    if mention is not None and named_department and (reading.family is None or reading.family.start == mention.start):
        family = None  # 'Engineering' the department, not the family it also names
    if re.search(r"\bfrom <role> by <role>", reading.text):
        roles.reverse()  # 'inherited from X by Y' asks what Y has from X
    if reading.intent.name in ("count_reports", "direct_reports") and re.search(
        r"<role>.*\b(?:report|reports|reporting)\s+(?:directly\s+)?(?:in)?to\s+<role>", reading.text
    ):
        roles.reverse()  # 'how many Writers report to the Manager': the Manager's reports
    grade = reading.grade.grade if reading.grade is not None else None
    lowered = question.lower()
    highest = not re.search(r"\b(?:lowest|bottom|minimum|min|most junior|entry)\b", lowered)
    mentioned = [m for m in reading.roles]
    topic = question[mentioned[-1].end :] if mentioned else ""
    return Context(kb, roles, family, department, grade, highest, _gap(lowered), topic, reading.text)


def _gap(question: str) -> str:
    """What a gaps question asks about: a grade, a reporting line, or lines to no role."""
    line = re.search(r"\b(?:report|reporting|manager|boss|line)", question)
    if line and re.search(r"\bno (?:role|one|body)\b|\bnobody\b|\bnot (?:a )?roles?\b", question):
        return "role target"
    grade = question.find("grade")
    if line and (grade < 0 or line.start() < grade):
        return "reporting line"
    return "grade"


def _entities(reading: Reading, context: Context) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for mention, role in zip([m for m in reading.roles if m.thing is not None], context.roles, strict=False):
        found.append(
            {"kind": "role", "mention": mention.text, "iri": role.iri, "title": role.title, "exact": mention.exact}
        )
    if context.family is not None and "family" in "".join(reading.intent.needs):
        found.append(
            {
                "kind": "family",
                "mention": reading.family.text if reading.family else "",
                "iri": context.family.iri,
                "title": context.family.title,
            }
        )
    if context.department is not None and reading.intent.name in (
        "count_levels",
        "families_of_department",
        "grade_extremes",
    ):
        found.append({"kind": "department", "mention": context.department, "title": context.department})
    if context.grade is not None and reading.intent.name == "roles_at_grade":
        found.append(
            {
                "kind": "grade",
                "mention": f"grade {context.grade}",
                "grade": context.grade,
                "title": f"grade {context.grade}",
            }
        )
    if reading.intent.name not in BY_NAME and reading.intent is not SUMMARY:
        return []
    return found if reading.intent.needs != ("role",) else found[:1]


def _which(answer: Answer, mention: Mention, departments: dict[str, str]) -> Answer:
    """The roles an ambiguous name fits, each with what tells it apart: its family, and its
    department where two share a title and a family ('Platform, Globex')."""
    answer.answer = f"'{mention.text}' could mean several roles; which one?"
    answer.unclear = mention.text
    answer.status = "ambiguous"
    things = mention.things[:12]
    pairs = [(c.title, c.context) for c in things]
    answer.candidates = [
        {
            "iri": c.iri,
            "title": c.title,
            "context": f"{c.context}, {departments[c.iri]}"
            if pairs.count((c.title, c.context)) > 1 and departments.get(c.iri)
            else c.context,
        }
        for c in things
    ]
    return answer


def _unread(kb: KnowledgeBase, question: str, mentions: object) -> Answer:
    """No reading: name what is missing (a role the KB does not know, or a role at all), or say
    that the question is not one jobkg can answer yet, with the closest readings to choose."""
    answer = Answer(question, None, status="unread")
    asked = wanted(question, mentions)  # type: ignore[arg-type]
    name = _unknown_name(question)
    close = kb.role_resolver.resolve(name) if name else None
    suggestions = list(close.suggestions or close.candidates)[:5] if close else []
    if asked is not None and asked.needs and "role" in asked.needs[0]:
        if name:
            answer.answer = f"No role matches '{name}'."
            answer.unclear = name
            answer.status = "unknown"
        else:
            answer.answer = f"That asks for {asked.label}; which role? (name one by its title or an alias)"
        if suggestions:
            answer.answer += " Did you mean: " + "; ".join(s.title for s in suggestions) + "?"
        answer.candidates = [{"iri": s.iri, "title": s.title, "context": s.context} for s in suggestions]
    else:
        answer.answer = "I can't answer that yet."
        near = [i for i in closest(question, mentions) if _could(i, mentions)]  # type: ignore[arg-type]
        answer.alternatives = [{"intent": i.name, "label": i.label} for i in near]
        if near:
            answer.answer += " Did you mean: " + "; ".join(i.label for i in near) + "?"
    answer.suggested_queries = closest_queries(question)
    names = ", ".join(q["name"] for q in answer.suggested_queries)
    answer.answer += f" Closest canned queries: {names}."
    return answer


def _could(intent: Intent, mentions: Mentions) -> bool:
    """Whether the question names what the intent needs (a reading it could be re-asked as)."""
    kinds = {m.kind for m in mentions.found} | {kind for m in mentions.found for kind, _ in m.also}
    return all(any(kind in kinds for kind in need.split("|")) for need in intent.needs)


def _unknown_name(question: str) -> str:
    """The name a question seems to use: its longest run of words that do not only ask and hold
    a capital letter ('what grade is a Chief Sommelier' -> 'Chief Sommelier')."""
    runs: list[list[str]] = [[]]
    for word in re.findall(r"[\w&+.'/-]+", question):
        if is_cue(word):
            runs.append([])
        else:
            runs[-1].append(word)
    named = [run for run in runs if any(word[:1].isupper() for word in run)]
    if not named:
        return ""
    longest: list[str] = max(named, key=len)
    return " ".join(longest)


def _bound(kb: KnowledgeBase, name: str, params: dict[str, str]) -> str:
    """The query as it ran, its parameters bound as a VALUES block of terms."""
    query = catalog.get(name)
    return f"# {query.title}\n" + bind_into(query.sparql, kb.bind(query, params)).strip()


def _sources(kb: KnowledgeBase, rows: list[Row], roles: list[Named]) -> list[dict[str, object]]:
    found = [{"file": r["file"], "line": r["line"]} for r in rows if r.get("file") and r.get("line")]
    if not found and roles:
        found = [{"file": s.file, "line": s.line} for s in views.sources_of(kb, roles[0].iri)]
    return list({(s["file"], s["line"]): s for s in found}.values())


def closest_queries(text: str, limit: int = 3) -> list[dict[str, str]]:
    """Canned queries whose title and description share the most words with the text."""
    words = set(re.findall(r"[a-z]{3,}", text.lower())) - {"who", "what", "the", "does", "for", "and", "with"}
    scored = []
    for query in catalog.public().values():
        vocabulary = set(re.findall(r"[a-z]{3,}", f"{query.name} {query.title} {query.description}".lower()))
        scored.append((len(words & vocabulary), query.name, query.title))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [{"name": name, "title": title} for _, name, title in scored[:limit]]

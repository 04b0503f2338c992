"""How a question is read: its mentions found (mentions.py), replaced by placeholders, its
misspelt cue words corrected, and each intent scored on what is left. Deterministic and
explainable: the reading says which intent won, on which mentions, and which came close."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from jobkg.questions.intents import INTENTS, SUMMARY, Intent
from jobkg.questions.mentions import Mention, Mentions

CUE_TYPO = 80  # rapidfuzz ratio from which a misspelt word is read as the cue word it is close to
CLOSE = 2  # a second intent within this many points is offered as another reading
_VOCABULARY = [
    "report",
    "reports",
    "reporting",
    "manager",
    "manage",
    "manages",
    "boss",
    "supervisor",
    "responsibilities",
    "responsible",
    "duties",
    "requirements",
    "qualifications",
    "skills",
    "experience",
    "interview",
    "interviews",
    "hiring",
    "recruiting",
    "indicators",
    "metrics",
    "measured",
    "equivalent",
    "counterpart",
    "promoted",
    "promotion",
    "previous",
    "compare",
    "difference",
    "different",
    "versus",
    "inherit",
    "inherits",
    "department",
    "family",
    "families",
    "ladder",
    "progression",
    "highest",
    "lowest",
    "grade",
    "level",
    "levels",
    "career",
    "managers",
    "reports",
    "roles",
    "grades",
    "skills",
    "screening",
    "recruiter",
    "whose",
    "manages",
    "managed",
]
_COMMON = frozenset(
    [
        "role",
        "what",
        "which",
        "does",
        "that",
        "this",
        "have",
        "with",
        "from",
        "they",
        "their",
        "there",
        "part",
        "tell",
        "please",
        "could",
        "would",
        "show",
        "list",
        "give",
        "about",
        "order",
        "path",
        "into",
        "over",
        "under",
        "above",
        "below",
        "after",
        "before",
        "next",
        "most",
        "many",
        "much",
        "some",
        "each",
        "every",
        "team",
        "jobs",
        "work",
        "works",
        "down",
        "same",
        "than",
        "then",
        "just",
        "also",
        "only",
        "into",
        "onto",
        "upon",
        "within",
    ]
)  # words too common to be read as a misspelt cue word ('role' is not 'roles')
_CONTRACTIONS = (
    (r"\bwhat's\b", "what is"),
    (r"\bwho's\b", "who is"),
    (r"\bcan't\b", "can not"),
    (r"\b(\w+)n't\b", r"\1 not"),
)
_PLACEHOLDER = {"role": "<role>", "family": "<family>", "department": "<department>", "grade": "<grade>"}


@dataclass(frozen=True)
class Reading:
    intent: Intent
    score: int
    roles: tuple[Mention, ...]
    family: Mention | None
    department: Mention | None
    grade: Mention | None
    text: str  # the question as scored: lower case, mentions as placeholders, cue typos corrected


def normalised(question: str, mentions: Mentions) -> str:
    """'Who does Staff ITPM reprt to?' -> 'who does <role> report to'."""
    text = question
    for mention in sorted(mentions.found, key=lambda m: m.start, reverse=True):
        text = f"{text[: mention.start]} {_PLACEHOLDER[mention.kind]} {text[mention.end :]}"
    text = text.lower().replace("’", "'")
    for pattern, replacement in _CONTRACTIONS:
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"'s\b", "", text)  # "<role>'s team" reads as "<role> team"
    words = []
    for word in re.findall(r"<\w+>|[\w']+|[^\w\s]", text):
        if word in ("a", "an", "the"):
            continue  # 'who manages a <role>' reads as 'who manages <role>'
        if len(word) > 3 and word.isalpha() and word not in _VOCABULARY and word not in _COMMON:
            close = process.extractOne(word, _VOCABULARY, scorer=fuzz.ratio, score_cutoff=CUE_TYPO)
            word = close[0] if close else word
        words.append(word)
    return " ".join(words)


def readings(question: str, mentions: Mentions, forced: str | None = None) -> list[Reading]:
    """The intents the question can be read as, best first (ties in the intents' order); a
    forced intent is read whatever its cues, when the mentions meet its needs."""
    text = normalised(question, mentions)
    roles = tuple(m for m in mentions.found if m.kind == "role")
    families, departments, grades = mentions.of("family"), mentions.of("department"), mentions.of("grade")
    found = []
    for intent in INTENTS:
        score = intent.score(text)
        if score == 0 and intent.name != forced:
            continue
        wants_other = any(kind in need for need in intent.needs for kind in ("family", "department"))
        named = tuple(m for m in roles if not (wants_other and m.also))  # 'ITPM' is the family there
        if not _meets(intent, named, families, departments, grades):
            continue
        found.append(Reading(intent, score, named, _first(families), _first(departments), _first(grades), text))
    if not found and roles:
        found.append(Reading(SUMMARY, 0, roles, _first(families), _first(departments), _first(grades), text))
    order = {intent.name: index for index, intent in enumerate(INTENTS)}
    return sorted(found, key=lambda r: (r.intent.name != forced, -r.score, order.get(r.intent.name, len(order))))


def wanted(question: str, mentions: Mentions) -> Intent | None:
    """The intent the cues point to most, whatever the mentions: to say what is missing."""
    text = normalised(question, mentions)
    scored = [(intent.score(text), index, intent) for index, intent in enumerate(INTENTS)]
    best = max(scored, key=lambda s: (s[0], -s[1]))
    return best[2] if best[0] >= 3 else None


def _meets(intent: Intent, roles: tuple, families: list, departments: list, grades: list) -> bool:
    needs = intent.needs
    if needs == ("role", "role"):
        return len(roles) >= 2
    if needs == ("role",):
        return len(roles) >= 1
    if needs == ("grade",):
        return bool(grades) and not roles
    if needs == ("family",):
        return bool(families) or bool(roles)  # a role names its family too ('ITPM ladder')
    if needs == ("department",):
        return bool(departments)
    if needs == ("family|department",):
        return bool(families or departments or roles)
    return True


def _first(mentions: list[Mention]) -> Mention | None:
    return mentions[0] if mentions else None

"""How a question is read: its mentions found (mentions.py), replaced by placeholders, its
misspelt cue words corrected, and each intent scored on what is left. Deterministic and
explainable: the reading says which intent won, on which mentions, and which came close."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from jobkg.questions.intents import INTENTS, Intent
from jobkg.questions.mentions import Mention, Mentions

CUE_TYPO = 80  # rapidfuzz ratio from which a misspelt word is read as the cue word it is close to
CLOSE = 2  # a second intent within this many points is offered as another reading
LIKE_AN_EXAMPLE = 86  # rapidfuzz token-sort ratio to an intent's example from which a question reads as it
NEAR_AN_EXAMPLE = 72  # ... from which it counts a little
ENOUGH = 2  # a reading needs this many points: a strong cue, or a weak cue that an example backs
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
    "extend",
    "extends",
    "inherit",
    "higher",
    "senior",
    "individual",
    "contributor",
    "responsible",
    "expected",
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
    # an organisation or department that qualifies a role ('a Globex <role>', '<role> at Globex') is
    # no part of what is asked
    text = re.sub(r"<department>\s+(?=<role>)|(?<=<role>)\s+(?:at|in|of|from|@)\s+<department>", " ", text)
    text = re.sub(r"\(\s*<(?:family|department)>\s*\)", " ", text).replace("(", " ").replace(")", " ")  # 'X (Family)'
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
    """The intents the question can be read as, best first (ties in the intents' order): each
    scored on its cue patterns and on how close the question comes to its examples; a reading
    needs ENOUGH points. A forced intent is read whatever its score, when the mentions meet its
    needs."""
    text = normalised(question, mentions)
    roles = tuple(m for m in mentions.found if m.kind == "role")
    families, departments, grades = mentions.of("family"), mentions.of("department"), mentions.of("grade")
    found = []
    for intent in INTENTS:
        score = intent.score(text) + _likeness(text, intent)
        if score < ENOUGH and intent.name != forced:
            continue
        wants_other = any(kind in need for need in intent.needs for kind in ("family", "department"))
        named = tuple(m for m in roles if not (wants_other and m.also))  # 'ITPM' is the family there
        if not _meets(intent, named, families, departments, grades):
            continue
        found.append(Reading(intent, score, named, _first(families), _first(departments), _first(grades), text))
    order = {intent.name: index for index, intent in enumerate(INTENTS)}
    return sorted(found, key=lambda r: (r.intent.name != forced, -r.score, order.get(r.intent.name, len(order))))


def bare(question: str, mentions: Mentions) -> bool:
    """A question that is only a name ('Staff ITPM?', 'the Senior TPM role'): asks what the pages say of it."""
    words = [w for w in normalised(question, mentions).split() if w.isalpha() and w not in ("role", "job", "please")]
    return not words


def closest(question: str, mentions: Mentions, limit: int = 3) -> list[Intent]:
    """The intents whose examples a question comes closest to, for 'did you mean' when it is not read."""
    text = normalised(question, mentions)
    scored = sorted(((_similarity(text, intent), index, intent) for index, intent in enumerate(INTENTS)), reverse=True)
    return [intent for similarity, _, intent in scored[:limit] if similarity >= NEAR_AN_EXAMPLE - 15]


_THING = re.compile(r"<(?:role|family|department)>")


def _similarity(text: str, intent: Intent) -> float:
    """How close a question comes to an intent's examples, whatever kind of thing each names."""
    plain = _THING.sub("<x>", text)
    return max((fuzz.token_sort_ratio(plain, _THING.sub("<x>", example)) for example in intent.examples), default=0.0)


def _likeness(text: str, intent: Intent) -> int:
    similarity = _similarity(text, intent)
    return 2 if similarity >= LIKE_AN_EXAMPLE else 1 if similarity >= NEAR_AN_EXAMPLE else 0


def wanted(question: str, mentions: Mentions) -> Intent | None:
    """The intent the cues point to most, whatever the mentions: to say what is missing."""
    text = normalised(question, mentions)
    scored = [(intent.score(text), index, intent) for index, intent in enumerate(INTENTS)]
    best = max(scored, key=lambda s: (s[0], -s[1]))
    return best[2] if best[0] >= 3 else None


def _meets(intent: Intent, roles: tuple, families: list, departments: list, grades: list) -> bool:
    needs = intent.needs
    if needs == ("role", "role"):
        return len(roles) >= 2 and len({m.start for m in roles}) >= 2
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

"""Step one of reading a question: what it mentions, anywhere in the sentence. Roles by title,
alias, acronym or abbreviation ('Staff ITPM', 'Sr. TPM', 'EVP Eng'), with a small tolerance for
typos (rapidfuzz); families and their plurals ('TPM family', 'Technical Program Managers');
departments; grades ('grade 9'). Longer and exact names win over shorter and fuzzy ones."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from jobkg.ingest.titles import LEVEL_WORDS, title_key
from jobkg.queries.mentions import Named
from jobkg.questions.lexicon import Lexicon, Names

TYPO = 88  # rapidfuzz ratio from which a name with a typo still names a role ('Staf ITPM')
MAX_WORDS = 10
_WORD = re.compile(r"[\w&+.'/-]+")
_NUMBERS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
]
_NUMBER = r"\d{1,2}|" + "|".join(_NUMBERS)
_GRADE = re.compile(rf"\bgrade\s*#?\s*({_NUMBER})\b|\b({_NUMBER})\s*(?:th|st|nd|rd)?\s+grade\b", re.IGNORECASE)
# Words that ask, never name: a span made only of these names nothing.
_CUES = set(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "and",
        "or",
        "is",
        "are",
        "was",
        "be",
        "do",
        "does",
        "did",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "how",
        "why",
        "when",
        "where",
        "can",
        "could",
        "would",
        "should",
        "will",
        "please",
        "tell",
        "me",
        "us",
        "we",
        "our",
        "you",
        "your",
        "i",
        "my",
        "show",
        "list",
        "give",
        "find",
        "all",
        "any",
        "every",
        "there",
        "their",
        "this",
        "that",
        "it",
        "its",
        "report",
        "reports",
        "reporting",
        "reprt",
        "boss",
        "supervisor",
        "line",
        "grade",
        "grades",
        "level",
        "levels",
        "band",
        "job",
        "role",
        "roles",
        "position",
        "positions",
        "family",
        "families",
        "ladder",
        "career",
        "next",
        "after",
        "before",
        "above",
        "below",
        "previous",
        "promoted",
        "promotion",
        "skills",
        "requirements",
        "need",
        "needs",
        "responsibilities",
        "duties",
        "do",
        "kpi",
        "soc",
        "esco",
        "isco",
        "onet",
        "bls",
        "oews",
        "kpis",
        "indicators",
        "measured",
        "interview",
        "interviews",
        "hiring",
        "process",
        "equivalent",
        "counterpart",
        "compare",
        "difference",
        "vs",
        "versus",
        "between",
        "than",
        "many",
        "much",
        "highest",
        "lowest",
        "top",
        "bottom",
        "department",
        "departments",
        "team",
        "chain",
        "inherit",
        "inherits",
        "get",
        "gets",
        "what's",
        "who's",
        "with",
        "without",
        "no",
        "missing",
        "gaps",
        "stated",
        "have",
        "has",
        "up",
        "down",
        "path",
        "from",
        "into",
        "is",
        "whats",
        "ic",
        "kpi",
        "okr",
        "okrs",
    ]
)


@dataclass(frozen=True)
class Mention:
    """A span of the question and what it names (several things when it is ambiguous)."""

    kind: str  # "role", "family", "department", "grade"
    start: int
    end: int
    text: str
    things: tuple[Named, ...] = ()
    exact: bool = True
    grade: int | None = None
    also: tuple[tuple[str, tuple[Named, ...]], ...] = ()  # other kinds the same words name ('Engineering')

    @property
    def thing(self) -> Named | None:
        return self.things[0] if len(self.things) == 1 else None

    def as_kind(self, kind: str) -> Mention | None:
        """This span read as another kind it also names ('ITPM' the role, or the family)."""
        if kind == self.kind:
            return self
        things = dict(self.also).get(kind)
        return Mention(kind, self.start, self.end, self.text, things, self.exact) if things else None


@dataclass
class Mentions:
    found: list[Mention] = field(default_factory=list)

    def of(self, kind: str) -> list[Mention]:
        """Spans that name this kind, first or also."""
        return [read for m in self.found if (read := m.as_kind(kind)) is not None]


def find_mentions(question: str, words: Lexicon) -> Mentions:
    """Every span that names something, longest and exact first, without overlaps."""
    question = re.sub(r"['’]s\b", "  ", question)  # "the Staff ITPM's boss": the possessive is no part of a name
    tokens = list(_WORD.finditer(question))
    taken: list[tuple[int, int]] = []
    found = Mentions()
    for match in _GRADE.finditer(question):
        word = (match.group(1) or match.group(2)).lower()
        number = int(word) if word.isdigit() else _NUMBERS.index(word) + 1
        found.found.append(Mention("grade", match.start(), match.end(), match.group(0), grade=number))
        taken.append((match.start(), match.end()))
    kinds = (
        ("role", words.roles),
        ("shortened", words.shortened),
        ("position", words.positions),
        ("department", words.departments),
        ("family", words.families),
    )
    for size, spans in _by_size(_spans(question, tokens)):
        for exact in (True, False):  # at each length, exact names first, then typos and parts of titles
            for begin, end, text, key in spans:
                if _overlaps(begin, end, taken):
                    continue
                named = [(k, things) for k, names in kinds if (things := _named(key, names, exact, size, k))]
                # a title or alias of a role first, then a title shortened by acronyms, then a
                # position that has no page
                for first, then in (("role", "shortened"), ("role", "position"), ("shortened", "position")):
                    if any(k == first for k, _ in named):
                        named = [(k, things) for k, things in named if k != then]
                named = [("role" if k in ("position", "shortened") else k, things) for k, things in named]
                if named:
                    (kind, things), *also = named
                    found.found.append(Mention(kind, begin, end, text, things, exact, also=tuple(also)))
                    taken.append((begin, end))
    found.found.sort(key=lambda m: m.start)
    found.found = [_whole_name(_levelled(mention, question), question, found) for mention in found.found]
    return _narrowed(found, words, question)


_LAST_WORD = re.compile(r"(?i)\b([a-z]+)\.?\s+$")


_NEXT_WORD = re.compile(r"^\s+([\w&+./-]+)")


def _whole_name(mention: Mention, question: str, found: Mentions) -> Mention:
    """A role named and then more of a name ('VP FP&A': a capitalised word or code right after
    it that asks nothing and names nothing else) is a role the KB may not have: unknown, never
    the shorter title ('VP')."""
    after = _NEXT_WORD.match(question[mention.end :])
    if mention.kind != "role" or after is None or not mention.things:
        return mention
    word = after.group(1)
    start = mention.end + after.start(1)
    named_elsewhere = any(other.start <= start < other.end for other in found.found)
    capitalised = any(ch.isupper() for ch in word[1:]) or "&" in word
    if named_elsewhere or word.lower().strip(".,?!") in _CUES or not capitalised:
        return mention
    return Mention(
        "role",
        mention.start,
        mention.end + after.end(1),
        question[mention.start : mention.end + after.end(1)],
        (),
        mention.exact,
    )


def _levelled(mention: Mention, question: str) -> Mention:
    """A role named with a level word before it that its title lacks ('Principal Frontend
    Engineer' where only 'Frontend Engineer' is a role) names a level the KB does not have:
    unknown, never the level it has."""
    before = _LAST_WORD.search(question[: mention.start])
    if mention.kind != "role" or before is None or not mention.things:
        return mention
    word = title_key(_level_word(before.group(1).lower()))
    if word not in LEVEL_WORDS:
        return mention
    if any(word in title_key(thing.title).split() for thing in mention.things):
        return mention
    return Mention("role", before.start(1), mention.end, question[before.start(1) : mention.end], (), mention.exact)


_OFFERED = re.compile(r"\(([^()]{2,80})\)")


def _narrowed(found: Mentions, words: Lexicon, question: str) -> Mentions:
    """A name that fits several roles, narrowed by what else the question names: the
    organisation or department ('Staff Engineer at Infracloud'), the family, or the family the
    answer offered it with ('Staff Security Engineer (Security Engineer)')."""
    offered = {title_key(text) for text in _OFFERED.findall(question)}
    organisations = {thing.title for m in found.found if m.kind == "department" for thing in m.things}
    narrowed = []
    for mention in found.found:
        others = Mentions([m for m in found.found if m is not mention])
        if mention.kind == "role" and len(mention.things) > 1:
            departments = {thing.title for m in others.of("department") for thing in m.things}
            families = {thing.title for m in others.of("family") for thing in m.things}
            keep = [  # the form the answer offered names one family exactly: it wins
                thing
                for thing in mention.things
                if title_key(thing.context) in offered
                or title_key(f"{thing.context} {words.role_department.get(thing.iri, '')}") in offered
            ] or [
                thing
                for thing in mention.things
                if words.role_department.get(thing.iri) in departments or thing.context in families
            ]
            if keep and len(keep) < len(mention.things):
                mention = Mention(mention.kind, mention.start, mention.end, mention.text, tuple(keep), mention.exact)
        if organisations and mention.kind in ("role", "family") and mention.things:
            mention = _within(mention, organisations, words)
        narrowed.append(mention)
    return Mentions(narrowed)


def _within(mention: Mention, organisations: set[str], words: Lexicon) -> Mention:
    """A role or family of another organisation than the one the question names ('monzo backend
    engineers' is no role 'Engineer' of Infracloud): a role unknown there, a family dropped."""

    def department(thing: Named) -> str | None:
        return words.role_department.get(thing.iri) if mention.kind == "role" else thing.context or None

    known = [thing for thing in mention.things if department(thing) is not None]
    if not known:
        return mention
    inside = tuple(thing for thing in mention.things if department(thing) in organisations)
    if inside:
        return mention if len(inside) == len(mention.things) else replace(mention, things=inside)
    return replace(mention, things=())


def _by_size(spans: list[tuple[int, int, str, str]]) -> list[tuple[int, list[tuple[int, int, str, str]]]]:
    sizes: dict[int, list[tuple[int, int, str, str]]] = {}
    for span in spans:
        sizes.setdefault(len(span[3].split()), []).append(span)
    return sorted(sizes.items(), reverse=True)


def _named(key: str, names: Names, exact: bool, size: int, kind: str) -> tuple[Named, ...]:
    if key in LEVEL_WORDS:  # 'senior' alone names a level of every ladder, no one thing
        return ()
    if exact:
        things = names.by_key.get(key) or names.by_key.get(re.sub(r"(?<=[a-z]{2})s$", "", key))  # 'Staff TPMs'
        return _sorted(things) if things else ()
    if kind in ("role", "position") and size >= 2:
        return _near(key, names)
    if kind == "shortened":
        return ()  # no typos in a shortened title: exact or nothing
    if kind not in ("role", "position") and size <= 2 and len(key) >= 6:  # 'Enginering' for the Engineering department
        best = process.extractOne(key, names.by_key.keys(), scorer=fuzz.ratio, score_cutoff=TYPO)
        return _sorted(names.by_key[best[0]]) if best and _edges_named(key, best[0]) else ()
    return ()


def _spans(question: str, tokens: list[re.Match[str]]) -> list[tuple[int, int, str, str]]:
    """Candidate spans, longest first; a span may not start or end with a word that only asks."""
    spans = []
    for size in range(min(len(tokens), MAX_WORDS), 0, -1):
        for start in range(len(tokens) - size + 1):
            first, last = tokens[start], tokens[start + size - 1]
            if is_cue(first.group(0)) or is_cue(last.group(0)):
                continue
            begin, end = first.start(), last.end()
            text = question[begin:end].strip(".,?!'")
            key = title_key(text)
            if key:
                spans.append((begin, end, text, key))
    return spans


def is_cue(word: str) -> bool:
    """A word that only asks; an acronym in capitals ('IT', 'PM') names, whatever its letters."""
    word = word.strip(".,?!'")
    return not (len(word) > 1 and word.isupper()) and word.lower() in _CUES


def _near(key: str, roles: Names) -> tuple[Named, ...]:
    """Roles a span names inexactly: every role whose name holds its words in order ('Staff
    program manager' is ambiguous between three), else the name a typo away with as many words,
    or in another word order ('Eng Director')."""
    words = key.split()
    levelled = [name for name in roles.by_key if _same_levels(words, name.split())]
    if len(set(words)) == len(words) and any(len(word) > 3 for word in words):
        holding = {thing for name in levelled if _in_order(words, name.split()) for thing in roles.by_key[name]}
        if holding:
            return _sorted(holding)
    same_size = [name for name in levelled if len(name.split()) == len(words)]
    corrected = " ".join(_level_word(word) for word in words)  # 'staf itpm' -> 'staff itpm'
    if corrected != key and corrected in roles.by_key:
        return _sorted(roles.by_key[corrected])
    best = process.extractOne(key, same_size, scorer=fuzz.ratio, score_cutoff=TYPO)
    if best is None:
        best = process.extractOne(key, same_size, scorer=fuzz.token_sort_ratio, score_cutoff=96)
    if best and _edges_named(key, best[0]) and _typos_in_long_words(words, best[0].split()):
        return _sorted(roles.by_key[best[0]])
    return ()


def _typos_in_long_words(words: list[str], name: list[str]) -> bool:
    """A typo stands for a word only in a word long enough to tell ('Sirt' is not 'Site')."""
    return all(_level_word(word) in name or len(word) >= 5 for word in words)


_LEVEL_WORDS = frozenset((*LEVEL_WORDS, "lead", "head", "chief", "vice", "president", "director", "executive"))


def _same_levels(words: list[str], name: list[str]) -> bool:
    """A name may stand for what was typed only with the same level and rank words: 'Staff IT
    Security Engineer' is never 'IT Security Engineer (Intermediate)', nor 'Principal Engineer'
    a 'Senior Principal Engineer'."""
    typed = {_level_word(word) for word in words} & _LEVEL_WORDS
    named = {word for word in name if word in _LEVEL_WORDS}
    return typed <= named and named - typed <= {"intermediate"}


def _level_word(word: str) -> str:
    """'staf' -> 'staff': a level word with a typo is still that level word."""
    if word in _LEVEL_WORDS or len(word) < 4:
        return word
    close = process.extractOne(word, _LEVEL_WORDS, scorer=fuzz.ratio, score_cutoff=80)
    return close[0] if close else word


def _edges_named(key: str, name: str) -> bool:
    """A name with a typo still starts and ends with the name's words: 'call for Senior
    Manager' is not 'Senior Manager' with a typo."""
    words, named = key.split(), name.split()
    return all(
        any(fuzz.ratio(edge, word) >= 80 or (len(word) > 3 and edge.startswith(word[:4])) for word in named)
        for edge in (words[0], words[-1])
    )


def _in_order(words: list[str], name: list[str]) -> bool:
    """'staff program' in 'staff it program manag': the words in the name, in the name's order."""
    position = 0
    for word in words:
        try:
            position = name.index(word, position) + 1
        except ValueError:
            return False
    return True


def _overlaps(begin: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(b < end and begin < e for b, e in taken)


def _sorted(things: set[Named]) -> tuple[Named, ...]:
    return tuple(sorted(things, key=lambda t: (t.title, t.context, t.iri)))

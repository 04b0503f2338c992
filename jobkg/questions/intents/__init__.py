"""What a question asks: one record per intent, one file each (`intents/*.toml`): its label,
the mentions it needs (a role, two roles, a family, a department, a grade), the cue patterns
that point to it (matched on the question with its mentions as <role>, <family>,
<department>, <grade>; strong cues count 3, weak ones 1), the canned queries its answer runs,
and examples of how people ask it (the reading compares a question with them). `order` breaks
ties: yes/no and comparison readings come before the plain facts they are made of. The answer
each intent gives is in answers.py, under the intent's name.

`not_covered.toml` lists the topics job-architecture pages do not hold (pay, location,
headcount, who holds a job): a question about one is told so, whatever role it names, unless
an intent answers that part of it (`covered_by`: market pay from an accepted occupation)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

Pattern = re.Pattern[str]


@dataclass(frozen=True)
class Intent:
    name: str
    label: str  # how the answer says what it understood
    needs: tuple[str, ...]  # mention kinds: "role", "family", "department", "grade" ("family|department": either)
    strong: tuple[Pattern, ...] = ()
    weak: tuple[Pattern, ...] = ()
    examples: tuple[str, ...] = ()
    queries: tuple[str, ...] = ()
    order: int = 0

    def score(self, text: str) -> int:
        return 3 * sum(1 for p in self.strong if p.search(text)) + sum(1 for p in self.weak if p.search(text))

    def strong_cue(self, text: str) -> bool:
        return any(p.search(text) for p in self.strong)


@dataclass(frozen=True)
class Topic:
    """A subject the pages do not cover, with the words that name it and what to say instead."""

    name: str
    words: Pattern
    instead: str
    covered_by: str | None = None  # an intent that answers part of the topic (pay: 'market_pay')
    own: Pattern | None = None  # words that keep the topic uncovered all the same ('we', 'our': the company's pay)

    def asked(self, text: str) -> bool:
        """The question is about this topic, and not about the part an intent answers."""
        if not self.words.search(text):
            return False
        if self.own is not None and self.own.search(text):
            return True
        return self.covered_by is None or not BY_NAME[self.covered_by].strong_cue(text)


def _compiled(values: list[str]) -> tuple[Pattern, ...]:
    return tuple(re.compile(value) for value in values)


@cache
def intents() -> tuple[Intent, ...]:
    found = []
    for path in files(__package__).iterdir():
        if not path.name.endswith(".toml") or path.name == "not_covered.toml":
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found.append(
            Intent(
                name=str(data["name"]),
                label=str(data["label"]),
                needs=tuple(data.get("needs", ())),
                strong=_compiled(data.get("strong", [])),
                weak=_compiled(data.get("weak", [])),
                examples=tuple(data.get("examples", ())),
                queries=tuple(data.get("queries", ())),
                order=int(data.get("order", 0)),
            )
        )
    return tuple(sorted(found, key=lambda intent: (intent.order, intent.name)))


@cache
def topics() -> tuple[Topic, ...]:
    data = tomllib.loads((files(__package__) / "not_covered.toml").read_text(encoding="utf-8"))
    return tuple(
        Topic(
            str(name),
            re.compile(str(topic["words"]), re.IGNORECASE),
            str(topic["instead"]),
            topic.get("covered_by"),
            re.compile(topic["own"], re.IGNORECASE) if "own" in topic else None,
        )
        for name, topic in data.items()
    )


INTENTS = intents()
BY_NAME = {intent.name: intent for intent in INTENTS}
SUMMARY = BY_NAME["role_summary"]

"""Score the question box against a set of questions written by people who never saw it, each
with the phrases a right answer must hold (docs/questions.md has the format): the share answered
right, per corpus and per kind of question, and the answers about a thing the question did not
name (the worst failure: a confident answer about something else). A question the pages cannot
answer is right when the answer says so ('not stated', 'the pages do not cover', 'no role
matches')."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from jobkg.errors import UsageError
from jobkg.ingest.titles import title_key
from jobkg.kb import BUNDLED_CORPUS, KnowledgeBase
from jobkg.questions import Answer, ask

SAYS_SO = re.compile(
    r"not stated|do(?:es)? not state|not cover|no role matches|can'?t answer|could not map|no such role", re.I
)
SAME_THING = 85  # rapidfuzz ratio of title keys from which the answer is about the thing the question names


@dataclass
class Score:
    total: int = 0
    right: int = 0
    about_another: int = 0  # answered, and about a thing the question did not name
    unanswerable: int = 0
    said_so: int = 0  # unanswerable questions whose answer says it cannot answer
    by_corpus: Counter[str] = field(default_factory=Counter)
    right_by_corpus: Counter[str] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)
    right_by_kind: Counter[str] = field(default_factory=Counter)
    misses: list[dict[str, object]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "questions": self.total,
            "right": self.right,
            "share_right": round(self.right / self.total, 3) if self.total else 1.0,
            "about_another": self.about_another,
            "unanswerable": self.unanswerable,
            "unanswerable_said_so": self.said_so,
            "by_corpus": {k: f"{self.right_by_corpus[k]}/{v}" for k, v in sorted(self.by_corpus.items())},
            "by_kind": {
                k: f"{self.right_by_kind[k]}/{v}" for k, v in sorted(self.by_kind.items(), key=lambda e: -e[1])
            },
            "misses": self.misses,
        }


def read_cases(path: Path) -> list[dict[str, object]]:
    try:
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise UsageError(f"{path}: not a readable question set ({exc})") from None
    if not isinstance(cases, list) or not all(isinstance(c, dict) and "question" in c for c in cases):
        raise UsageError(f"{path}: a question set is a list of {{question, corpus, must_contain, ...}}")
    return cases


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower().replace("&", " and ")))


def _said(answer: Answer) -> str:
    return _plain(answer.answer + " " + " ".join(str(v) for row in answer.rows for v in row.values()))


def right(case: dict[str, Any], answer: Answer) -> bool:
    text = _said(answer)
    wanted = all(_plain(str(p)) in text for p in case.get("must_contain") or [])
    if not case.get("answerable", True):
        return wanted and bool(SAYS_SO.search(answer.answer))
    unwanted = any(_plain(str(p)) in text for p in case.get("must_not_contain") or [])
    return wanted and not unwanted


def about_another(case: dict[str, Any], answer: Answer) -> bool:
    """An answer (not a question back) about things none of which is the one the question names."""
    about = case.get("about")
    if not about or not answer.entities or answer.candidates:
        return False
    key = title_key(str(about))
    titles = [title_key(str(entity.get("title", ""))) for entity in answer.entities]
    return not any(fuzz.ratio(key, title) >= SAME_THING or key in title or title in key for title in titles)


def score(cases: list[dict[str, object]], corpora: Path) -> Score:
    """Ask every question of the KB of its corpus ('seeds': the bundled pages; any other name:
    that folder under `corpora`) and judge each answer."""
    kbs: dict[str, KnowledgeBase] = {}
    result = Score()
    for case in cases:
        corpus = str(case.get("corpus", "seeds"))
        if corpus not in kbs:
            folder = BUNDLED_CORPUS if corpus == "seeds" else corpora / corpus
            if not folder.is_dir():
                raise UsageError(f"no corpus folder {folder} for the questions of '{corpus}'")
            kbs[corpus] = KnowledgeBase.build([folder])
        answer = ask(kbs[corpus], str(case["question"]))
        good, other = right(case, answer), about_another(case, answer)
        kind = str(case.get("pattern")) if case.get("answerable", True) else f"unanswerable: {case.get('reason')}"
        result.total += 1
        result.right += good
        result.about_another += other and not good
        result.by_corpus[corpus] += 1
        result.right_by_corpus[corpus] += good
        result.by_kind[kind] += 1
        result.right_by_kind[kind] += good
        if not case.get("answerable", True):
            result.unanswerable += 1
            result.said_so += bool(SAYS_SO.search(answer.answer))
        if not good:
            result.misses.append(
                {"id": case.get("id"), "question": case["question"], "kind": kind, "answer": answer.answer[:300]}
            )
    return result

"""Scoring career paths against a gold file written by people reading the pages: for each
role pair, every item of the target judged met or not by the current role (format in
tests/jobkg/gold/paths.json). Precision of "already met" is what must hold: a person told they
meet a duty they do not is misled."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from jobkg.kb import KnowledgeBase
from jobkg.paths import content_words


@dataclass
class PathScore:
    pairs: int = 0
    unresolved: list[str] = field(default_factory=list)  # pairs whose roles the KB does not have
    met_right: int = 0  # said met, gold met
    met_wrong: int = 0  # said met, gold not met
    met_missed: int = 0  # gold met, said missing
    met_right_not_identical: int = 0  # the same, not counting items the two roles state word for word
    met_wrong_not_identical: int = 0

    @property
    def precision(self) -> float:
        said = self.met_right + self.met_wrong
        return round(self.met_right / said, 3) if said else 1.0

    @property
    def recall(self) -> float:
        gold = self.met_right + self.met_missed
        return round(self.met_right / gold, 3) if gold else 1.0

    @property
    def precision_not_identical(self) -> float:
        said = self.met_right_not_identical + self.met_wrong_not_identical
        return round(self.met_right_not_identical / said, 3) if said else 1.0

    def to_dict(self) -> dict[str, object]:
        return {
            "pairs": self.pairs,
            "unresolved": self.unresolved,
            "precision": self.precision,
            "recall": self.recall,
            "precision_not_identical": self.precision_not_identical,
            "said_met": self.met_right + self.met_wrong,
            "said_met_not_identical": self.met_right_not_identical + self.met_wrong_not_identical,
        }


def score_paths(gold_file: Path, corpora: Path) -> PathScore:
    """Build each corpus the gold names once (corpora: the folder holding them) and compare."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    score = PathScore()
    kbs: dict[str, KnowledgeBase] = {}
    for pair in gold:
        kb = kbs.setdefault(pair["corpus"], KnowledgeBase.build([corpora / pair["corpus"]]))
        start, target = _role(kb, pair["from"]), _role(kb, pair["to"])
        if start is None or target is None:
            score.unresolved.append(f"{pair['from']['title']} -> {pair['to']['title']}")
            continue
        score.pairs += 1
        [path] = kb.career_paths(start, target)
        said = {_key(item.text): item.met_by for item in path.items}
        for item in pair["items"]:
            met_by = said.get(_key(item["text"]))
            identical = met_by is not None and _key(met_by) == _key(item["text"])
            if met_by is not None and item["met"]:
                score.met_right += 1
                score.met_right_not_identical += not identical
            elif met_by is not None:
                score.met_wrong += 1
                score.met_wrong_not_identical += not identical
            elif item["met"]:
                score.met_missed += 1
    return score


def _role(kb: KnowledgeBase, named: dict[str, str]) -> str | None:
    return next((r.iri for r in kb.roles() if r.title == named["title"] and r.family == named["family"]), None)


def _key(text: str) -> str:
    return content_words(text)

"""Accuracy of the engine on a question set in the format of shared/eval/dev.yaml.

Judged as shared/eval/README.md describes: an expected answer must be status `answer`, contain one string
of every `must_include` group (case-, diacritic- and punctuation-insensitive) and cite one of the expected
articles; an expected decline is right for any status but `answer`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.engine import Engine
from bot.model import Reply, Status
from bot.text import fold

CORRECT = ("ok", "ok_decline")
BAD = ("wrong", "wrong_source", "false_answer")


class EvalSetError(ValueError):
    """The question set cannot be read."""


@dataclass
class Outcome:
    item: dict[str, Any]
    reply: Reply
    verdict: str


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def overall(self) -> float:
        return sum(o.verdict in CORRECT for o in self.outcomes) / max(1, len(self.outcomes))

    @property
    def answered(self) -> int:
        return sum(o.reply.status is Status.ANSWER for o in self.outcomes)

    @property
    def bad_answer_rate(self) -> float:
        return sum(o.verdict in BAD for o in self.outcomes) / max(1, self.answered)

    def accuracy(self, expect: str) -> float:
        group = [o for o in self.outcomes if o.item.get("expect") == expect]
        return sum(o.verdict in CORRECT for o in group) / max(1, len(group))

    def by_kind(self) -> dict[str, tuple[int, int]]:
        totals: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for o in self.outcomes:
            kind = str(o.item.get("kind", "?"))
            totals[kind] += 1
            right[kind] += o.verdict in CORRECT
        return {k: (right[k], totals[k]) for k in sorted(totals)}

    def figures(self) -> dict[str, Any]:
        verdicts = Counter(o.verdict for o in self.outcomes)
        return {
            "items": len(self.outcomes),
            "overall": round(self.overall, 4),
            "answer_accuracy": round(self.accuracy("answer"), 4),
            "decline_accuracy": round(self.accuracy("decline"), 4),
            "bad_answer_rate": round(self.bad_answer_rate, 4),
            **{v: verdicts.get(v, 0) for v in ("wrong", "wrong_source", "miss", "false_answer")},
            "by_kind": {k: f"{a}/{b}" for k, (a, b) in self.by_kind().items()},
        }

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict not in CORRECT]


def load_items(path: Path) -> list[dict[str, Any]]:
    try:
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise EvalSetError(f"{path}: cannot read the question set ({exc})") from exc
    if not isinstance(items, list) or not all(isinstance(i, dict) and "q" in i and "expect" in i for i in items):
        raise EvalSetError(f"{path}: expected a YAML list of items with `q` and `expect`")
    return items


def _seed_prefix(engine: Engine, source_id: str) -> str | None:
    match = re.match(r"\d+", engine.store.seeds.get(source_id, ""))
    return match.group(0) if match else None


def judge(engine: Engine, item: dict[str, Any], reply: Reply) -> str:
    if item["expect"] == "decline":
        return "ok_decline" if reply.status is not Status.ANSWER else "false_answer"
    if reply.status is not Status.ANSWER:
        return "miss"
    text = fold(reply.answer)
    for group in item.get("must_include") or []:
        if not any(fold(str(g)) in text for g in group):
            return "wrong"
    wanted = {str(s) for s in item.get("sources") or []}
    if wanted:
        cited = {_seed_prefix(engine, s.id) for s in reply.sources}
        if not cited & wanted:
            return "wrong_source"
    return "ok"


def evaluate(engine: Engine, items: list[dict[str, Any]]) -> Report:
    report = Report()
    for item in items:
        reply = engine.ask(str(item["q"]))
        report.outcomes.append(Outcome(item, reply, judge(engine, item, reply)))
    return report

"""Leave-patterns-out check: hide one question per fact from the index, then ask it.

Measures how the engine does on wording it has not seen, without touching any evaluation set.
    python scripts/holdout.py [--folds 3] [--show 20]
"""

from __future__ import annotations

import argparse
import dataclasses
from collections import Counter
from pathlib import Path

from bot.engine import Engine
from bot.model import Status
from bot.store import load_store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--facts", type=Path, default=Path("facts"))
    args = ap.parse_args()
    store = load_store(args.facts)
    tally: Counter[str] = Counter()
    shown = 0
    for fold in range(args.folds):
        hidden: list[tuple[str, str, str]] = []
        facts = []
        for f in store.facts:
            questions = {}
            for lang, qs in f.questions.items():
                if len(qs) > 2:
                    k = (fold * 2 + (lang == "vi")) % len(qs)
                    hidden.append((f.id, lang, qs[k]))
                    qs = qs[:k] + qs[k + 1 :]
                questions[lang] = qs
            facts.append(dataclasses.replace(f, questions=questions))
        engine = Engine(dataclasses.replace(store, facts=tuple(facts)))
        for fid, lang, q in hidden:
            r = engine.ask(q)
            if r.status is Status.ANSWER:
                verdict = "right" if r.fact_id == fid else "WRONG"
            elif r.status is Status.SUGGEST:
                verdict = "suggest_hit" if any(s.fact_id == fid for s in r.suggestions) else "suggest_miss"
            else:
                verdict = "decline"
            if r.status is Status.ANSWER and r.language != lang:
                tally["wrong_language"] += 1
            tally[verdict] += 1
            if verdict in ("WRONG",) and shown < args.show:
                shown += 1
                print(f"{verdict}: [{fid}] {q!r} -> {r.fact_id} {r.score:.2f}")
    total = sum(v for k, v in tally.items() if k != "wrong_language")
    print({k: f"{v} ({v / total:.1%})" for k, v in sorted(tally.items())})


if __name__ == "__main__":
    main()

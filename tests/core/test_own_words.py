"""Answers are written in our own words: none repeats a whole sentence of the article it cites.

The seed articles live in shared/ beside the repository (as in CI); without them the test skips.
"""

from pathlib import Path

import pytest

from bot.text import fold

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
#: Names, titles and lists may be repeated; a run this long is a copied sentence.
MAX_SHARED_WORDS = 30


def longest_shared_run(a: list[str], b: list[str]) -> int:
    positions: dict[str, list[int]] = {}
    for j, word in enumerate(b):
        positions.setdefault(word, []).append(j)
    best, previous = 0, {}
    for word in a:
        current = {j: previous.get(j - 1, 0) + 1 for j in positions.get(word, ())}
        best = max([best, *current.values()])
        previous = current
    return best


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the repository")
def test_no_answer_copies_a_sentence_of_its_article(engine):
    articles = {
        sid: fold((SEEDS / seed).read_text(encoding="utf-8")).split() for sid, seed in engine.store.seeds.items()
    }
    copied = []
    for fact in engine.store.facts:
        for language, answer in fact.answer.items():
            words = fold(answer).split()
            run = max(longest_shared_run(words, articles[s]) for s in fact.sources)
            if run > MAX_SHARED_WORDS:
                copied.append((fact.id, language, run))
    assert not copied, copied


def test_longest_shared_run_counts_consecutive_words():
    assert longest_shared_run("a b c d".split(), "x a b c y".split()) == 3
    assert longest_shared_run("a b".split(), "c d".split()) == 0

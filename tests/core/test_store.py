"""The loader: every problem names file, line and entry, and says what to write instead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.store import FactStoreError, load_store

SOURCES = """\
sources:
  - id: vov-2025
    outlet: VOV
    title: A title
    url: https://example.org/a
    published: 2025-06-05
    language: en
"""
ALIASES = "aliases:\n  korea: [rok, south korea]\n"
FACT = """\
topic: demo
title: {en: Demo, vi: Thử}
facts:
  - id: demo-fact
    sources: [vov-2025]
    as_of: 2025-06-05
    questions:
      en: [When did they meet?]
      vi: [Họ gặp nhau khi nào?]
    answer:
      en: They met on 5 June 2025.
      vi: Họ gặp nhau ngày 5/6/2025.
"""


def make_store(tmp_path: Path, topic: str = FACT, sources: str = SOURCES, aliases: str = ALIASES) -> Path:
    (tmp_path / "sources.yaml").write_text(sources, encoding="utf-8")
    (tmp_path / "aliases.yaml").write_text(aliases, encoding="utf-8")
    (tmp_path / "demo.yaml").write_text(topic, encoding="utf-8")
    return tmp_path


def problems(path: Path) -> list[str]:
    with pytest.raises(FactStoreError) as info:
        load_store(path)
    return [str(p) for p in info.value.problems]


def test_a_valid_store_loads(tmp_path):
    store = load_store(make_store(tmp_path))
    assert [f.id for f in store.facts] == ["demo-fact"]
    assert store.facts[0].questions["vi"] == ("Họ gặp nhau khi nào?",)


def test_unknown_source_id_names_file_line_entry_and_the_known_ids(tmp_path):
    found = problems(make_store(tmp_path, FACT.replace("[vov-2025]", "[voa-2025]")))
    assert found == ["demo.yaml:4 [demo-fact]: unknown source id 'voa-2025' — use one of: vov-2025"]


def test_missing_vietnamese_answer_is_reported(tmp_path):
    topic = FACT.replace("      vi: Họ gặp nhau ngày 5/6/2025.\n", "")
    found = problems(make_store(tmp_path, topic))
    assert any("demo.yaml:4 [demo-fact]: no 'vi' answer" in p for p in found)


def test_missing_vietnamese_questions_are_reported(tmp_path):
    topic = FACT.replace("      vi: [Họ gặp nhau khi nào?]\n", "")
    assert any("no 'vi' questions" in p for p in problems(make_store(tmp_path, topic)))


def test_duplicate_fact_ids_point_at_the_first_one(tmp_path):
    make_store(tmp_path)
    second = FACT.replace("topic: demo", "topic: demo-two")
    (tmp_path / "other.yaml").write_text(second, encoding="utf-8")
    found = problems(tmp_path)
    assert found == ["other.yaml:4 [demo-fact]: duplicate fact id (first used at demo.yaml:4) — rename one of them"]


def test_yaml_syntax_error_gives_the_line(tmp_path):
    broken = FACT.replace("    as_of: 2025-06-05\n", "    as_of: [2025-06-05\n")
    found = problems(make_store(tmp_path, broken))
    assert len(found) == 1 and found[0].startswith("demo.yaml:") and "YAML syntax error" in found[0]


def test_a_key_written_twice_is_an_error_not_silently_dropped(tmp_path):
    aliases = "aliases:\n  korea: [rok, south korea]\n  vietnam: [viet nam]\n  korea: [han quoc]\n"
    found = problems(make_store(tmp_path, aliases=aliases))
    assert found == [
        "aliases.yaml:4: `korea` is written twice in one mapping (first on line 2) — merge the two into one entry: "
        "YAML would keep only the second and silently drop the first"
    ]


def test_a_post_stands_for_a_listed_name(tmp_path):
    aliases = ALIASES + "posts:\n  kim: [foreign minister of the day]\n"
    found = problems(make_store(tmp_path, aliases=aliases))
    assert found == [
        "aliases.yaml:4 [kim]: a post must stand for a name listed under `aliases` — add `kim:` under `aliases`, "
        "or write the post under the person's canonical name"
    ]
    store = load_store(make_store(tmp_path, aliases=ALIASES + "posts:\n  korea: [the peninsula's south]\n"))
    assert store.posts == {"korea": ("the peninsula's south",)}


def test_bad_date_and_unknown_field(tmp_path):
    topic = FACT.replace("as_of: 2025-06-05", "as_of: June 2025\n    anwser: typo")
    found = problems(make_store(tmp_path, topic))
    assert any("unknown field `anwser`" in p for p in found)
    assert any("`as_of` is missing or not a date — write the date" in p for p in found)


def test_bad_source_entry(tmp_path):
    found = problems(make_store(tmp_path, sources=SOURCES.replace("https://example.org/a", "example dot org")))
    assert found[0].startswith("sources.yaml:2 [vov-2025]: `url` is not a web address")


def test_invalid_utf8_file_is_reported_not_raised(tmp_path):
    make_store(tmp_path)
    (tmp_path / "demo.yaml").write_bytes(b"topic: demo\n\xff\xfe")
    assert any("not valid UTF-8" in p for p in problems(tmp_path))


def test_missing_directory(tmp_path):
    assert "is not a directory" in problems(tmp_path / "nope")[0]


def test_shipped_store_loads(tmp_path):
    root = Path(__file__).resolve().parents[2] / "facts"
    shutil.copytree(root, tmp_path / "facts")
    store = load_store(tmp_path / "facts")
    assert len(store.sources) == 5
    assert len(store.facts) >= 50

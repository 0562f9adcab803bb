"""Load and validate the fact store (facts/*.yaml). Pure Python: files in, plain data out.

Every problem names the file, the line and the entry, and says what to write instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.model import LANGUAGES, Source, Topic

try:  # libyaml's parser when the wheel has it: several times faster at start-up
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - pure-python PyYAML
    _BaseLoader = yaml.SafeLoader

SOURCES_FILE = "sources.yaml"
ALIASES_FILE = "aliases.yaml"
_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_URL = re.compile(r"^https?://[^\s/$.?#].[^\s]*$")


class _Line(int):
    """A line number carried along with parsed mappings."""


LINE_KEY = "__line__"


class _DuplicateKey(yaml.constructor.ConstructorError):
    """A key written twice in one mapping: YAML would silently keep only the last."""


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader that records each mapping's line (1-based) under LINE_KEY and refuses duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first: dict[str, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in first:
                    raise _DuplicateKey(
                        None,
                        None,
                        f"`{key_node.value}` is written twice in one mapping (first on line {first[key_node.value]})",
                        key_node.start_mark,
                    )
                first[key_node.value] = key_node.start_mark.line + 1
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = _Line(node.start_mark.line + 1)
        return mapping


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    entry: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        entry = f" [{self.entry}]" if self.entry else ""
        hint = f" — {self.hint}" if self.hint else ""
        return f"{where}{entry}: {self.message}{hint}"


class FactStoreError(Exception):
    """The fact store cannot be used; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    topic: str
    sources: tuple[str, ...]
    as_of: dt.date
    questions: dict[str, tuple[str, ...]]
    answer: dict[str, str]
    note: dict[str, str] = field(default_factory=dict)
    file: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Store:
    sources: dict[str, Source]
    aliases: dict[str, tuple[str, ...]]
    topics: dict[str, Topic]
    facts: tuple[Fact, ...]
    #: Where each alias spelling was written, for check messages.
    alias_lines: dict[str, int] = field(default_factory=dict)
    #: The seed article file each source id stands for (sources.yaml `seed`), when given.
    seeds: dict[str, str] = field(default_factory=dict)
    #: Aliases read only in English text (bare names that are common words in Vietnamese).
    english_only: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Words that mean the same here (aliases.yaml `synonyms`); unlike aliases, they are not names.
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Posts that stand for the one person who holds them in every article (aliases.yaml `posts`), by name.
    posts: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _lines(value: Any) -> int:
    return int(value.get(LINE_KEY, 0)) if isinstance(value, dict) else 0


def _read_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(path.name, 0, "", f"not valid UTF-8 ({exc.reason})", "save the file as UTF-8"))
        return None
    except OSError as exc:
        problems.append(Problem(path.name, 0, "", f"cannot be read: {exc.strerror}"))
        return None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        what = getattr(exc, "problem", None) or str(exc)
        if isinstance(exc, _DuplicateKey):
            hint = "merge the two into one entry: YAML would keep only the second and silently drop the first"
            problems.append(Problem(path.name, line, "", what, hint))
        else:
            hint = "check indentation and quote text that contains ': ' or starts with a special character"
            problems.append(Problem(path.name, line, "", f"YAML syntax error: {what}", hint))
        return None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _by_language(value: Any) -> dict[str, str] | None:
    if not isinstance(value, dict):
        return None
    out = {lang: t for lang in LANGUAGES if (t := _text(value.get(lang)))}
    return out


def _load_sources(path: Path, problems: list[Problem], seeds: dict[str, str]) -> dict[str, Source]:
    data = _read_yaml(path, problems)
    if data is None:
        return {}
    file = path.name
    entries = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        problems.append(
            Problem(
                file,
                _lines(data),
                "",
                "expected a top-level `sources:` list",
                "write `sources:` followed by one `- id: ...` entry per article",
            )
        )
        return {}
    sources: dict[str, Source] = {}
    for entry in entries:
        line = _lines(entry)
        if not isinstance(entry, dict):
            problems.append(Problem(file, line, "", "each source must be a mapping", "write `- id: ...`"))
            continue
        sid = entry.get("id")
        if not isinstance(sid, str) or not _ID.match(sid):
            problems.append(
                Problem(
                    file,
                    line,
                    str(sid),
                    "source id missing or malformed",
                    "use lower-case words joined by '-', e.g. `vov-2025`",
                )
            )
            continue
        if sid in sources:
            problems.append(Problem(file, line, sid, "duplicate source id", "give each article its own id"))
            continue
        missing = [k for k in ("outlet", "title", "url", "language") if not _text(entry.get(k))]
        if missing:
            problems.append(
                Problem(
                    file,
                    line,
                    sid,
                    f"missing {', '.join(missing)}",
                    "every source needs outlet, title, url, published and language",
                )
            )
            continue
        published = _date(entry.get("published"))
        if published is None:
            problems.append(Problem(file, line, sid, "`published` is not a date", "write it as YYYY-MM-DD"))
            continue
        url = str(entry["url"]).strip()
        if not _URL.match(url):
            problems.append(
                Problem(
                    file,
                    line,
                    sid,
                    f"`url` is not a web address: {url!r}",
                    "write the full https:// address of the article",
                )
            )
            continue
        language = str(entry["language"]).strip()
        if language not in LANGUAGES:
            problems.append(
                Problem(
                    file,
                    line,
                    sid,
                    f"language {language!r} is not one of {LANGUAGES}",
                    "write `language: en` or `language: vi`",
                )
            )
            continue
        caveat = _by_language(entry.get("caveat")) or {}
        if _text(entry.get("seed")):
            seeds[sid] = str(entry["seed"]).strip()
        sources[sid] = Source(
            sid, str(entry["outlet"]).strip(), str(entry["title"]).strip(), url, published, language, caveat
        )
    return sources


def _alias_table(file: str, table: Any, section: str, problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    line = _lines(table)
    aliases: dict[str, tuple[str, ...]] = {}
    for key, spellings in table.items():
        if key == LINE_KEY:
            continue
        if not isinstance(spellings, list) or not all(isinstance(s, str) and s.strip() for s in spellings):
            problems.append(
                Problem(
                    file,
                    line,
                    str(key),
                    f"an entry of `{section}` needs a list of spellings",
                    f"write `{key}: [spelling, other spelling]`",
                )
            )
            continue
        aliases[str(key)] = tuple(s.strip() for s in spellings)
    return aliases


_Table = dict[str, tuple[str, ...]]
AliasTables = tuple[_Table, _Table, _Table, _Table, dict[str, int]]


def _load_aliases(path: Path, problems: list[Problem]) -> AliasTables:
    data = _read_yaml(path, problems)
    if data is None:
        return {}, {}, {}, {}, {}
    file = path.name
    table = data.get("aliases") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        problems.append(
            Problem(
                file,
                _lines(data),
                "",
                "expected a top-level `aliases:` mapping",
                "write `aliases:` then `canonical: [spelling, other spelling]`",
            )
        )
        return {}, {}, {}, {}, {}
    aliases = _alias_table(file, table, "aliases", problems)
    extra: dict[str, dict[str, tuple[str, ...]]] = {}
    for section, hint in (
        ("english_only", "bare name"),
        ("synonyms", "word, other word"),
        ("posts", "post, other post"),
    ):
        table_ = data.get(section) or {}
        if not isinstance(table_, dict):
            problems.append(
                Problem(
                    file,
                    _lines(data),
                    section,
                    "expected a mapping",
                    f"write `{section}:` then `canonical: [{hint}]`",
                )
            )
            table_ = {}
        extra[section] = _alias_table(file, table_, section, problems)
    lines = {k: _lines(table) for k in aliases}
    lines.update({k: _lines(data.get("synonyms")) for k in extra["synonyms"]})
    for person in extra["posts"]:
        if person not in aliases:
            problems.append(
                Problem(
                    file,
                    _lines(data.get("posts")),
                    person,
                    "a post must stand for a name listed under `aliases`",
                    f"add `{person}:` under `aliases`, or write the post under the person's canonical name",
                )
            )
    return aliases, extra["english_only"], extra["synonyms"], extra["posts"], lines


def _questions(value: Any) -> dict[str, tuple[str, ...]] | None:
    if not isinstance(value, dict):
        return None
    out: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        items = value.get(lang)
        if isinstance(items, list):
            out[lang] = tuple(q.strip() for q in items if isinstance(q, str) and q.strip())
    return out


def _load_topic(path: Path, sources: dict[str, Source], problems: list[Problem]) -> tuple[Topic | None, list[Fact]]:
    data = _read_yaml(path, problems)
    file = path.name
    if data is None:
        return None, []
    if not isinstance(data, dict):
        problems.append(
            Problem(file, 1, "", "a topic file must be a mapping", "start with `topic:`, `title:` and `facts:`")
        )
        return None, []
    topic_id = data.get("topic")
    if not isinstance(topic_id, str) or not _ID.match(topic_id):
        problems.append(
            Problem(
                file,
                _lines(data),
                "",
                "missing or malformed `topic:` id",
                "write `topic: some-topic-id` at the top of the file",
            )
        )
        return None, []
    title = _by_language(data.get("title")) or {}
    for lang in LANGUAGES:
        if lang not in title:
            problems.append(
                Problem(
                    file,
                    _lines(data),
                    topic_id,
                    f"topic title has no {lang!r} text",
                    f"add `{lang}:` under `title:`",
                )
            )
    entries = data.get("facts")
    if not isinstance(entries, list) or not entries:
        problems.append(
            Problem(
                file,
                _lines(data),
                topic_id,
                "expected a non-empty `facts:` list",
                "write `facts:` followed by `- id: ...` entries",
            )
        )
        return None, []
    facts = [f for entry in entries if (f := _load_fact(file, topic_id, entry, sources, problems))]
    return Topic(topic_id, title, tuple(f.id for f in facts)), facts


def _load_fact(file: str, topic: str, entry: Any, sources: dict[str, Source], problems: list[Problem]) -> Fact | None:
    line = _lines(entry)
    if not isinstance(entry, dict):
        problems.append(Problem(file, line, "", "each fact must be a mapping", "write `- id: ...`"))
        return None
    fid = entry.get("id")
    if not isinstance(fid, str) or not _ID.match(fid):
        problems.append(
            Problem(
                file,
                line,
                str(fid),
                "fact id missing or malformed",
                "use lower-case words joined by '-', e.g. `tolam-receives-choi`",
            )
        )
        return None
    ok = True
    known = {"id", "sources", "as_of", "questions", "answer", "note", LINE_KEY}
    for key in entry:
        if key not in known:
            problems.append(
                Problem(
                    file,
                    line,
                    fid,
                    f"unknown field `{key}`",
                    f"fields are: {', '.join(sorted(known - {LINE_KEY}))}",
                )
            )
            ok = False
    cited = entry.get("sources")
    if not isinstance(cited, list) or not cited or not all(isinstance(s, str) for s in cited):
        problems.append(
            Problem(
                file,
                line,
                fid,
                "`sources` must list at least one source id",
                f"for example `sources: [{next(iter(sources), 'vov-2025')}]`",
            )
        )
        ok = False
        cited = []
    for sid in cited:
        if sources and sid not in sources:
            problems.append(
                Problem(file, line, fid, f"unknown source id {sid!r}", f"use one of: {', '.join(sorted(sources))}")
            )
            ok = False
    as_of = _date(entry.get("as_of"))
    if as_of is None:
        problems.append(
            Problem(
                file,
                line,
                fid,
                "`as_of` is missing or not a date",
                "write the date the answer is true as of, as YYYY-MM-DD",
            )
        )
        ok = False
    questions = _questions(entry.get("questions"))
    answer = _by_language(entry.get("answer"))
    for lang in LANGUAGES:
        if not questions or not questions.get(lang):
            problems.append(
                Problem(
                    file,
                    line,
                    fid,
                    f"no {lang!r} questions",
                    f"add `{lang}:` with a list of questions under `questions:`",
                )
            )
            ok = False
        if not answer or lang not in answer:
            problems.append(Problem(file, line, fid, f"no {lang!r} answer", f"add `{lang}: ...` under `answer:`"))
            ok = False
    note = _by_language(entry.get("note")) if entry.get("note") is not None else {}
    if note is None or (entry.get("note") is not None and len(note) < len(LANGUAGES)):
        problems.append(
            Problem(file, line, fid, "`note` needs text in both languages", "write `note:` with `en:` and `vi:`")
        )
        ok = False
    if not ok or as_of is None or not questions or not answer:
        return None
    return Fact(fid, topic, tuple(cited), as_of, questions, answer, note or {}, file, line)


def iter_topic_files(directory: Path) -> Iterator[Path]:
    for path in sorted(directory.glob("*.yaml")):
        if path.name not in (SOURCES_FILE, ALIASES_FILE):
            yield path


def load_store(directory: Path | str) -> Store:
    """Read a fact store directory. Raises FactStoreError listing every problem found."""
    directory = Path(directory)
    problems: list[Problem] = []
    if not directory.is_dir():
        raise FactStoreError(
            [
                Problem(
                    str(directory),
                    0,
                    "",
                    "is not a directory",
                    "point FACTBOT_FACTS_DIR (or the CLI argument) at a fact store folder",
                )
            ]
        )
    for required in (SOURCES_FILE, ALIASES_FILE):
        if not (directory / required).is_file():
            problems.append(
                Problem(
                    required,
                    0,
                    "",
                    "file is missing",
                    f"a fact store needs {SOURCES_FILE}, {ALIASES_FILE} and topic files",
                )
            )
    seeds: dict[str, str] = {}
    sources = _load_sources(directory / SOURCES_FILE, problems, seeds) if (directory / SOURCES_FILE).is_file() else {}
    aliases, english_only, synonyms, posts, alias_lines = (
        _load_aliases(directory / ALIASES_FILE, problems)
        if (directory / ALIASES_FILE).is_file()
        else ({}, {}, {}, {}, {})
    )
    topics: dict[str, Topic] = {}
    facts: list[Fact] = []
    seen: dict[str, Fact] = {}
    for path in iter_topic_files(directory):
        topic, topic_facts = _load_topic(path, sources, problems)
        if topic is None:
            continue
        if topic.id in topics:
            problems.append(
                Problem(
                    path.name,
                    1,
                    topic.id,
                    "topic id used by another file",
                    "give each topic file its own `topic:` id",
                )
            )
            continue
        topics[topic.id] = topic
        for fact in topic_facts:
            if fact.id in seen:
                first = seen[fact.id]
                problems.append(
                    Problem(
                        fact.file,
                        fact.line,
                        fact.id,
                        f"duplicate fact id (first used at {first.file}:{first.line})",
                        "rename one of them",
                    )
                )
                continue
            seen[fact.id] = fact
            facts.append(fact)
    if not facts and not problems:
        problems.append(Problem(str(directory), 0, "", "no facts found", "add a topic file with `facts:`"))
    if problems:
        raise FactStoreError(problems)
    return Store(sources, aliases, topics, tuple(facts), alias_lines, seeds, english_only, synonyms, posts)


def default_facts_dir() -> Path:
    """FACTBOT_FACTS_DIR, else the shipped store beside the package (a source checkout), else ./facts."""
    import os

    configured = os.environ.get("FACTBOT_FACTS_DIR", "").strip()
    if configured:
        return Path(configured)
    beside = Path(__file__).resolve().parent.parent / "facts"
    return beside if beside.is_dir() else Path("facts")

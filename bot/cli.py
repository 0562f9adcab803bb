"""The `factbot` command: console chat, one-off questions, and the curators' tools.

Exit codes: 0 success; 1 the command ran and found a problem (check errors, eval below a floor,
unhealthy); 2 bad usage or a fact store / question set that cannot be read; 3 Discord rejected the token;
130 interrupted.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TextIO

from bot import __version__
from bot.engine import Engine
from bot.model import LANGUAGES, Status
from bot.render import render_text
from bot.store import FactStoreError, Problem, default_facts_dir, load_store
from bot.text import fold

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_TOKEN, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
INVALID_UTF8: dict[str, object] = {
    "status": "decline",
    "answer": "That line is not valid UTF-8 text, so it was not read as a question. Please send UTF-8 text.",
    "language": "en",
    "fact_id": None,
    "score": 0.0,
    "sources": [],
    "suggestions": [],
    "error": "invalid_utf8",
}


def _err(message: str) -> None:
    print(f"factbot: {message}", file=sys.stderr)


def _engine(facts: Path | None) -> Engine:
    return Engine.load(facts or default_facts_dir())


# --------------------------------------------------------------------------- chat
def cmd_chat(args: argparse.Namespace) -> int:
    """Talk to factbot in the terminal: no Discord token needed."""
    engine = _engine(args.facts)
    out = sys.stdout
    print(
        f"factbot {__version__} — {engine.fact_count} facts from {len(engine.sources)} articles on "
        "Vietnam – Republic of Korea relations.\nAsk in English or Vietnamese; Ctrl-D or 'quit' to leave.",
        file=out,
    )
    last_suggestions: list[str] = []
    last_language = "en"
    while True:
        try:
            line = input("\nyou> ")
        except EOFError:
            print(file=out)
            return EXIT_OK
        except KeyboardInterrupt:
            print(file=out)
            return EXIT_OK
        except UnicodeDecodeError:
            print("factbot> That was not valid UTF-8 text; please type it again.", file=out)
            continue
        text = line.strip()
        if text.lower() in {"quit", "exit", ":q", "thoát"}:
            return EXIT_OK
        if not text:
            continue
        if text.isdigit() and last_suggestions and 1 <= int(text) <= len(last_suggestions):
            reply = engine.answer_fact(last_suggestions[int(text) - 1], last_language)
        else:
            reply = engine.ask(text)
        last_suggestions = [s.fact_id for s in reply.suggestions] if reply.status is Status.SUGGEST else []
        last_language = reply.language
        print("factbot> " + render_text(reply).replace("\n", "\n         "), file=out)


# --------------------------------------------------------------------------- ask
def _stdin_lines(stream: io.BufferedReader | TextIO) -> Iterator[bytes | None]:
    """Lines of standard input as UTF-8 bytes; None for a line that is not valid UTF-8."""
    buffer = getattr(stream, "buffer", stream)
    for raw in buffer:
        data = raw if isinstance(raw, bytes) else str(raw).encode()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            yield None
            continue
        yield data


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one question, or with --json and no question, one per line from standard input."""
    engine = _engine(args.facts)
    if args.explain and args.question:
        for s in engine.explain(" ".join(args.question)):
            print(
                f"{s.score:.3f} cov={s.coverage:.2f} fit={s.fit:.2f} fuzz={s.fuzzy:.2f} {s.fact_id} "
                f"{' '.join(s.penalties)}"
            )
    if args.question:
        reply = engine.ask(" ".join(args.question))
        print(json.dumps(reply.to_json(), ensure_ascii=False) if args.json else render_text(reply))
        return EXIT_OK
    if not args.json:
        _err("give a question, or use --json to read questions from standard input")
        return EXIT_USAGE
    for data in _stdin_lines(sys.stdin):
        if data is None:
            out: Mapping[str, object] = INVALID_UTF8
        else:
            out = engine.ask(data.decode("utf-8").rstrip("\r\n")).to_json()
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return EXIT_OK


# --------------------------------------------------------------------------- check
def _pattern_line(path: Path, text: str, after: int) -> int:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return after
    for n, line in enumerate(lines[after - 1 if after else 0 :], start=after or 1):
        if text in line:
            return n
    return after


def check_store(directory: Path) -> tuple[list[Problem], list[Problem], Engine | None]:
    """Errors and warnings for a fact store: schema, ids, sources, duplicates, ambiguity, languages."""
    try:
        store = load_store(directory)
    except FactStoreError as exc:
        return exc.problems, [], None
    errors: list[Problem] = []
    warnings: list[Problem] = []
    engine = Engine(store)
    for canonical in sorted(store.aliases.keys() & store.synonyms.keys()):
        errors.append(
            Problem(
                "aliases.yaml",
                store.alias_lines.get(canonical, 0),
                canonical,
                f"{canonical!r} is listed under both `aliases` and `synonyms`; the `synonyms` entry is ignored",
                "merge its spellings into one entry",
            )
        )
    owner: dict[str, tuple[str, str, int]] = {}
    for canonical, spellings in (*store.aliases.items(), *store.synonyms.items()):
        for spelling in spellings:
            key = fold(spelling)
            if key in owner and owner[key][0] != canonical:
                errors.append(
                    Problem(
                        "aliases.yaml",
                        store.alias_lines.get(canonical, 0),
                        canonical,
                        f"spelling {spelling!r} is also listed under {owner[key][0]!r}",
                        "list each spelling under one name only",
                    )
                )
            owner.setdefault(key, (canonical, spelling, 0))
    seen: dict[str, tuple[str, str]] = {}
    for fact in store.facts:
        path = directory / fact.file
        for lang in LANGUAGES:
            for q in fact.questions.get(lang, ()):
                key = " ".join(engine.normalizer.content(q))
                if not key:
                    errors.append(
                        Problem(
                            fact.file,
                            _pattern_line(path, q, fact.line),
                            fact.id,
                            f"question {q!r} has no content words",
                            "write a question that names what it asks about",
                        )
                    )
                    continue
                if key in seen and seen[key][0] != fact.id:
                    errors.append(
                        Problem(
                            fact.file,
                            _pattern_line(path, q, fact.line),
                            fact.id,
                            f"question {q!r} is also a question of {seen[key][0]!r}",
                            "keep it under the one fact that answers it",
                        )
                    )
                seen.setdefault(key, (fact.id, q))
    for fact, question, other, own, theirs in engine.ambiguities():
        reply = engine.ask(question)
        line = _pattern_line(directory / fact.file, question, fact.line)
        if reply.status is Status.ANSWER and reply.fact_id == other:
            errors.append(
                Problem(
                    fact.file,
                    line,
                    fact.id,
                    f"question {question!r} is answered by {other!r} ({theirs:.2f} vs {own:.2f})",
                    f"reword it with what sets {fact.id!r} apart, or move it to {other!r}",
                )
            )
        else:
            warnings.append(
                Problem(
                    fact.file,
                    line,
                    fact.id,
                    f"question {question!r} fits {other!r} better ({theirs:.2f} vs {own:.2f})",
                    "reword it with what sets this fact apart",
                )
            )
    return errors, warnings, engine


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a fact store; exit 1 when it has errors."""
    directory = args.directory or default_facts_dir()
    if not directory.is_dir():
        _err(f"{directory} is not a folder; give the path of a fact store")
        return EXIT_USAGE
    errors, warnings, engine = check_store(directory)
    for p in errors:
        print(f"error: {p}")
    if args.warnings:
        for p in warnings:
            print(f"warning: {p}")
    if errors:
        print(f"{len(errors)} error(s), {len(warnings)} warning(s) in {directory}")
        return EXIT_PROBLEM
    assert engine is not None
    print(
        f"ok: {engine.fact_count} facts, {len(engine.sources)} sources, {len(engine.topics())} topics, "
        f"{len(warnings)} warning(s) in {directory}"
    )
    return EXIT_OK


# --------------------------------------------------------------------------- eval
def cmd_eval(args: argparse.Namespace) -> int:
    """Accuracy report for a question set (format of shared/eval/dev.yaml)."""
    from bot.evaluate import EvalSetError, evaluate, load_items

    engine = _engine(args.facts)
    try:
        items = load_items(args.file)
    except EvalSetError as exc:
        _err(str(exc))
        return EXIT_USAGE
    report = evaluate(engine, items)
    figures = report.figures()
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        for key, value in figures.items():
            if key == "by_kind":
                print("by kind:")
                for kind, ratio in value.items():
                    print(f"  {kind:20} {ratio}")
            else:
                print(f"{key}: {value}")
        failures = report.failures()
        if failures:
            print(f"\nfailures ({len(failures)}):")
        for o in failures[: args.show]:
            r = o.reply
            print(
                f"--- {o.item.get('id', '?')} [{o.item.get('kind')}] {o.verdict}: {o.item['q']}\n"
                f"    want {o.item.get('must_include')} from {o.item.get('sources')}\n"
                f"    got {r.status.value} {r.fact_id} {r.score:.2f}: {r.answer[:160]}"
            )
    if args.min_overall is not None and report.overall < args.min_overall:
        return EXIT_PROBLEM
    return EXIT_OK


# --------------------------------------------------------------------------- bench
def cmd_bench(args: argparse.Namespace) -> int:
    """Start-up time, per-question latency (p50, p99) and peak memory on a fact store."""
    from bot.bench import run_bench

    print(run_bench(args.facts or default_facts_dir(), rounds=args.rounds, scale=args.scale))
    return EXIT_OK


# --------------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factbot",
        description=__doc__.split("\n")[0] if __doc__ else None,
        epilog="Exit codes: 0 ok, 1 problem found, 2 usage or unreadable input, 3 token rejected, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"factbot {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def facts_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--facts",
            type=Path,
            default=None,
            help="fact store folder (default: FACTBOT_FACTS_DIR or the shipped facts/)",
        )

    p = sub.add_parser("chat", help="talk to factbot in the terminal (no token needed)")
    facts_option(p)
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("ask", help="answer one question (or --json lines from stdin)")
    p.add_argument("question", nargs="*", help="the question; omit it with --json to read stdin")
    p.add_argument("--json", action="store_true", help="print JSON (one object per line)")
    p.add_argument("--explain", action="store_true", help="show the ranking behind the answer")
    facts_option(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("check", help="validate a fact store")
    p.add_argument("directory", nargs="?", type=Path, default=None)
    p.add_argument("--warnings", action="store_true", help="also list warnings")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("eval", help="accuracy report for a question set")
    p.add_argument("file", type=Path)
    p.add_argument("--show", type=int, default=20, help="how many failures to show (default 20)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--min-overall", type=float, default=None, help="exit 1 if overall accuracy is lower")
    facts_option(p)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("bench", help="start-up time, latency and memory")
    p.add_argument("--rounds", type=int, default=20, help="passes over the question list (default 20)")
    p.add_argument("--scale", type=int, default=1, help="also measure a store this many times larger")
    facts_option(p)
    p.set_defaults(func=cmd_bench)

    from bot import cli_discord  # run, sync, config, health: they import discord only when they run

    cli_discord.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except FactStoreError as exc:
        _err("the fact store cannot be used:")
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

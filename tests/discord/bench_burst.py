"""Benchmark: a burst of questions from many users against `factbot run` on the local fake Discord.

Not a test (pytest does not collect it). Run from the repository root:

    .venv/bin/python tests/discord/bench_burst.py [--questions 200] [--users 50] [--rounds 3]

For every question it takes the bot-side latency: from the moment the server wrote the MESSAGE_CREATE
to the bot's socket to the moment the bot's REST reply arrived (both on the server's monotonic clock).
"Burst" fires all questions at once, so its tail includes waiting behind the others; "paced" sends
them one every ``--interval`` ms, which shows the cost of one question on an idle bot.
Target: p99 <= 50 ms with the shipped store.

The server applies Discord's limit on messages in a channel (5 per 5 s) and sends the rate-limit headers,
as Discord does, so the questions are spread over channels (a new guild each round) the way many users
spread over a server's channels; each round asks different questions.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # fakediscord and botprocess, as under pytest
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the bot package, for the shipped questions

from botprocess import BotProcess
from fakediscord import FakeDiscord
from fakediscord.config import DISCORD_MESSAGE_RATE, MESSAGE_ROUTE

from bot.engine import Engine
from bot.store import default_facts_dir

TARGET_P99_MS = 50.0
BARE_BOT = Path(__file__).resolve().parent / "barebot.py"


def shipped_questions(limit: int = 400) -> list[str]:
    """A mix of the shipped facts' own questions (answers) and a few that suggest or decline."""
    engine = Engine.load(default_facts_dir())
    questions = [
        s.question for topic in engine.topics() for lang in ("en", "vi") for s in engine.questions(topic.id, lang)
    ]
    questions += ["what about korea", "Who won the 2018 FIFA World Cup?", "Trong Moon"]
    return questions[:limit]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


async def run_round(
    server: FakeDiscord,
    channels: list[int],
    users: list[int],
    questions: list[str],
    count: int,
    interval: float,
    offset: int = 0,
) -> tuple[list[float], float]:
    """Ask ``count`` questions (all at once when ``interval`` is 0); return latencies (ms), wall time (s)."""
    mention = f"<@{server.bot_user_id}> "
    started = time.monotonic()

    async def ask(i: int) -> int:
        if interval:
            await asyncio.sleep(i * interval)
        return await server.dispatch_message(
            channels[i % len(channels)],
            mention + questions[(offset + i) % len(questions)],
            author_id=users[i % len(users)],
        )

    message_ids = await asyncio.gather(*(ask(i) for i in range(count)))
    replies = {m: await server.wait_for_reply(m, timeout=60) for m in message_ids}
    wall = time.monotonic() - started
    delivered = {d.entity_id: d.delivered_at for d in server.dispatches if d.entity_id in replies}
    latencies = []
    for message_id, reply in replies.items():
        sent_at = delivered.get(message_id)
        if sent_at is None:
            raise RuntimeError(f"no delivery time for message {message_id}")
        latencies.append((reply.created_at - sent_at) * 1000)
    return latencies, wall


def report(name: str, latencies: list[float], wall: float) -> str:
    return (
        f"{name:>8}: {len(latencies)} answered in {wall * 1000:.0f} ms; event→reply "
        f"p50 {statistics.median(latencies):.1f} ms, p90 {percentile(latencies, 90):.1f} ms, "
        f"p99 {percentile(latencies, 99):.1f} ms, max {max(latencies):.1f} ms"
    )


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--users", type=int, default=50, help="askers per round, new each round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--channels",
        type=int,
        default=50,
        help="channels the askers are spread over (Discord: 5 messages per 5 s each)",
    )
    parser.add_argument(
        "--intervals", default="10,5,3,2", help="ms between questions for the paced rounds, comma-separated"
    )
    parser.add_argument(
        "--processes", type=int, default=1, help="bot processes, each running one shard of that many (as containers do)"
    )
    parser.add_argument(
        "--bare",
        action="store_true",
        help="run barebot.py (discord.py replying 'ok', nothing of factbot) instead: the floor on this machine",
    )
    args = parser.parse_args()
    if args.questions > 4 * args.users:
        parser.error("more than 4 questions per user would meet the default cooldown (5 per 30 s)")
    questions = shipped_questions()

    async with FakeDiscord(rate_limits={MESSAGE_ROUTE: DISCORD_MESSAGE_RATE}) as server:
        rounds = 0

        async def round_of(count: int, interval_ms: float) -> tuple[list[float], float]:
            # Fresh askers in fresh guilds each round (one guild per process's shard): the bot runs with its
            # default settings (cooldown included) and no channel goes over Discord's message rate.
            nonlocal rounds
            rounds += 1
            users = [server.create_user(f"asker-{rounds}-{n}") for n in range(args.users)]
            per_guild = max(1, args.channels // args.processes)
            names = [f"channel-{i}" for i in range(per_guild)]
            guilds = [
                await server.create_guild_on_shard(
                    shard, args.processes, f"bench-{rounds}-{shard}", channels=names, members=users
                )
                for shard in range(args.processes)
            ]
            # Channel i of every guild in turn, so each process gets its share of the burst at once.
            channels = [c for same_place in zip(*(g.channel_ids for g in guilds), strict=True) for c in same_place]
            offset = rounds * count
            return await run_round(server, channels, users, questions, count, interval_ms / 1000, offset)

        with tempfile.TemporaryDirectory(prefix="factbot-bench-") as workdir:
            bots = [
                BotProcess(
                    server,
                    Path(workdir) / f"process-{shard}",
                    program=[sys.executable, str(BARE_BOT)] if args.bare else None,
                    FACTBOT_LOG_LEVEL="WARNING",
                    **(
                        {"FACTBOT_SHARD_COUNT": str(args.processes), "FACTBOT_SHARD_IDS": str(shard)}
                        if args.processes > 1
                        else {}
                    ),
                )
                for shard in range(args.processes)
            ]
            await asyncio.gather(*(bot.start(all_shards=False) for bot in bots))
            await server.wait_until_ready(30)
            try:
                await round_of(20, 0)  # warm-up
                burst: list[float] = []
                for n in range(args.rounds):
                    latencies, wall = await round_of(args.questions, 0)
                    print(report(f"burst {n + 1}", latencies, wall))
                    burst += latencies
                sustained = []
                for interval in (float(i) for i in args.intervals.split(",")):
                    paced, wall = await round_of(args.questions, interval)
                    rate = 1000 / interval
                    print(report(f"{rate:.0f}/s", paced, wall))
                    if percentile(paced, 99) <= TARGET_P99_MS:
                        sustained.append(rate)
                errors = server.error_count()
            finally:
                codes = [await bot.stop() for bot in bots]
    p99 = percentile(burst, 99)
    print(
        f"\nburst of {args.questions} at once, {args.rounds} rounds: p99 {p99:.1f} ms "
        f"(target <= {TARGET_P99_MS:.0f} ms: {'met' if p99 <= TARGET_P99_MS else 'NOT met'}); "
        f"paced p99 <= {TARGET_P99_MS:.0f} ms up to {max(sustained, default=0):.0f} questions/s; "
        f"REST errors {errors}; bot exit codes {codes}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))

"""End to end, one fake Discord per test: the settings that change how the bot is deployed.

Sharding over two processes, auto channels (and the intent they need), and `factbot sync`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from botprocess import BotProcess
from fakediscord import FakeDiscord

MESSAGE_CONTENT = 1 << 15
QUESTION = "When did Nguyen Phu Trong and Moon Jae-in hold phone talks?"


@pytest.fixture
async def server() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fake:
        yield fake


@pytest.fixture
async def bots() -> AsyncIterator[list[BotProcess]]:
    """Bot processes a test starts; all stopped afterwards."""
    started: list[BotProcess] = []
    yield started
    for bot in started:
        if bot.process is not None and bot.process.returncode is None:
            await bot.stop()


async def test_two_processes_split_the_shards_and_each_answers_its_guilds(
    server: FakeDiscord, bots: list[BotProcess], tmp_path: Path
) -> None:
    guilds = [await server.create_guild_on_shard(shard, 2, f"guild for shard {shard}") for shard in (0, 1)]
    for shard in (0, 1):
        bot = BotProcess(server, tmp_path / f"shard-{shard}", FACTBOT_SHARD_COUNT="2", FACTBOT_SHARD_IDS=str(shard))
        bots.append(bot)
    await asyncio.gather(*(bot.start(all_shards=False) for bot in bots))
    await server.wait_until_ready(15)

    identifies = [r.data["shard"] for r in server.gateway_log if r.direction == "recv" and r.op == 2]
    assert sorted(identifies) == [[0, 2], [1, 2]]
    for guild in guilds:
        message_id = await server.dispatch_message(guild.channel_ids[0], f"<@{server.bot_user_id}> {QUESTION}")
        assert (await server.wait_for_reply(message_id, timeout=10)).embeds
    # Each process logs its answer just after the reply is sent: give the log a moment to catch up.
    for _ in range(100):
        answered = [bot.log().count("factbot.questions: question via=message") for bot in bots]
        if answered == [1, 1]:
            break
        await asyncio.sleep(0.05)
    assert answered == [1, 1]


async def test_auto_channel_answers_questions_without_a_mention(
    server: FakeDiscord, bots: list[BotProcess], tmp_path: Path
) -> None:
    guild = await server.create_guild(channels=["ask-here", "chat"])
    auto, other = guild.channel_ids
    bot = BotProcess(server, tmp_path, FACTBOT_AUTO_CHANNELS=str(auto))
    bots.append(bot)
    await bot.start()

    identify = await server.wait_for_gateway_op(2)
    assert identify.data["intents"] & MESSAGE_CONTENT
    asked = await server.dispatch_message(auto, QUESTION)
    assert (await server.wait_for_reply(asked, timeout=10)).embeds
    chatter = await server.dispatch_message(auto, "good morning everyone")
    elsewhere = await server.dispatch_message(other, QUESTION)
    for message_id in (chatter, elsewhere):
        with pytest.raises(TimeoutError):
            await server.wait_for_reply(message_id, timeout=1.0)


async def test_auto_channels_without_the_portal_intent_stop_with_one_line(
    bots: list[BotProcess], tmp_path: Path
) -> None:
    async with FakeDiscord(privileged_intents=0) as server:
        guild = await server.create_guild()
        bot = BotProcess(server, tmp_path, FACTBOT_AUTO_CHANNELS=str(guild.channel_ids[0]))
        bots.append(bot)
        await bot.spawn()
        assert await bot.wait() == 2
    log = bot.log()
    assert "Traceback" not in log
    [line] = [line for line in log.splitlines() if line.startswith("factbot:")]
    assert "Message Content intent" in line


async def test_factbot_sync_registers_the_commands_globally_without_connecting(
    server: FakeDiscord, bots: list[BotProcess], tmp_path: Path
) -> None:
    bot = BotProcess(server, tmp_path)
    bots.append(bot)
    await bot.spawn("sync")
    assert await bot.wait() == 0
    assert "synced 4 commands globally" in bot.log()
    assert {c["name"] for c in server.state.commands(None)} == {"ask", "sources", "topics", "about"}
    assert not [r for r in server.gateway_log if r.direction == "connect"]

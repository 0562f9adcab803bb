"""A failure inside a handler: the user gets a short apology, the log gets the details and the id.

The bot runs in-process here (the real FactBot on the fake Discord) with an engine that fails, since
the shipped engine gives no way to make it fail on purpose.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fakediscord import FakeDiscord

from bot.discordbot.client import FactBot
from bot.engine import Engine
from bot.model import Reply
from bot.settings import Settings

FACTS = Path(__file__).resolve().parents[2] / "facts"


class BrokenEngine(Engine):
    """The shipped engine, except that answering always fails."""

    def ask(self, question: str) -> Reply:
        raise RuntimeError("the engine broke")


@pytest.fixture
async def channel(fake_discord_patched: FakeDiscord, start_client, tmp_path: Path) -> int:
    """A guild channel watched by a FactBot whose engine fails."""
    server = fake_discord_patched
    guild = await server.create_guild()
    settings = Settings(data_dir=tmp_path, api_base=server.api_base, dev_guild_id=guild.id, facts_dir=FACTS)
    await start_client(FactBot(settings, BrokenEngine.load(FACTS)))
    return guild.channel_ids[0]


async def test_message_handler_error_apologises_and_logs_the_message_id(
    fake_discord_patched: FakeDiscord, channel: int, caplog: pytest.LogCaptureFixture
) -> None:
    server = fake_discord_patched
    message_id = await server.dispatch_message(channel, f"<@{server.bot_user_id}> When did they meet?")
    reply = await server.wait_for_reply(message_id)
    assert reply.content.startswith("Sorry, something went wrong")
    assert "Traceback" not in reply.content and "engine broke" not in reply.content
    [record] = [r for r in caplog.records if r.name == "factbot.errors" and r.levelno == logging.ERROR]
    assert str(message_id) in record.getMessage()
    assert record.exc_info is not None


async def test_slash_command_error_apologises_privately_and_logs_the_interaction_id(
    fake_discord_patched: FakeDiscord, channel: int, caplog: pytest.LogCaptureFixture
) -> None:
    server = fake_discord_patched
    interaction_id = await server.dispatch_command("ask", {"question": "When did they meet?"}, channel_id=channel)
    reply = await server.wait_for_interaction_reply(interaction_id)
    assert reply.ephemeral
    assert reply.content.startswith("Sorry, something went wrong")
    [record] = [r for r in caplog.records if r.name == "factbot.errors" and r.levelno == logging.ERROR]
    assert str(interaction_id) in record.getMessage()

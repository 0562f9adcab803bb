"""End to end: the real `factbot run` (unmodified discord.py) against the local fake Discord.

One bot process serves the whole module, started as users start it (the console script, settings in
the environment); the tests then act as Discord users and check what the bot sent over REST. The
questions come from the shipped facts, chosen through the engine so they keep the status they test.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from botprocess import FACTBOT, BotProcess
from fakediscord import FakeDiscord, Guild, SentMessage

from bot.engine import Engine
from bot.model import Status

pytestmark = pytest.mark.asyncio(loop_scope="module")

EPHEMERAL = 1 << 6
AUTOCOMPLETE_RESULT = 8
UPDATE_MESSAGE = 7
COLOUR_ANSWER = 0x2E7D32
#: 429s the burst may meet: after its window resets, discord.py trusts the first answer's "Remaining" while
#: more requests of the new window are in flight, so a burst can overshoot a little and is retried. A client
#: that ignored the headers would get about 100 in the burst test.
MAX_RACED_429 = 20
DECLINE_QUESTIONS = ("Who won the 2018 FIFA World Cup?", "What is the best pizza topping in Naples?")
SUGGEST_CANDIDATES = (
    "what about korea",
    "korea vietnam",
    "Trong Moon",
    "ambassador",
    "delegation visit",
    "phone call",
    "what did they say",
    "Korean leaders",
)


@dataclass
class World:
    server: FakeDiscord
    guild: Guild
    bot: BotProcess
    channel: int
    second_channel: int

    @property
    def bot_id(self) -> int:
        return self.server.bot_user_id

    def mention(self, text: str) -> str:
        return f"<@{self.bot_id}> {text}"

    async def user(self, name: str = "member") -> int:
        """A new guild member: each test asks as its own users, so one test's cooldown never hits another."""
        user_id = self.server.create_user(name)
        await self.server.add_member(self.guild.id, user_id)
        return user_id

    async def ask(self, text: str, *, user: int | None = None) -> SentMessage:
        """Mention the bot with ``text`` (as ``user``, else a new member) and return its reply."""
        author = user or await self.user()
        message_id = await self.server.dispatch_message(self.channel, self.mention(text), author_id=author)
        return await self.server.wait_for_reply(message_id, timeout=10)


@pytest.fixture(scope="module")
def questions(engine: Engine) -> dict[str, str]:
    """One shipped question per outcome, found by asking the engine itself."""
    found: dict[str, str] = {}
    for topic in engine.topics():
        for language in ("en", "vi"):
            for suggestion in engine.questions(topic.id, language):
                reply = engine.ask(suggestion.question)
                if reply.status is Status.ANSWER and reply.sources:
                    found.setdefault(f"answer_{language}", suggestion.question)
    found["suggest"] = next(
        q for q in SUGGEST_CANDIDATES if (r := engine.ask(q)).status is Status.SUGGEST and r.suggestions
    )
    found["decline"] = next(q for q in DECLINE_QUESTIONS if engine.ask(q).status is Status.DECLINE)
    return found


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("factbot-e2e")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(workdir: Path) -> AsyncIterator[World]:
    async with FakeDiscord() as server:
        guild = await server.create_guild("Vietnam–Korea", channels=["general", "questions"])
        bot = BotProcess(server, workdir, FACTBOT_DEV_GUILD_ID=str(guild.id))
        await bot.start()
        try:
            yield World(server, guild, bot, guild.channel_ids[0], guild.channel_ids[1])
        finally:
            if bot.process is not None and bot.process.returncode is None:
                await bot.stop()


def embed_of(sent: SentMessage) -> dict[str, Any]:
    [embed] = sent.embeds
    return embed


def buttons(sent: SentMessage | dict[str, Any]) -> list[dict[str, Any]]:
    rows = sent.components if isinstance(sent, SentMessage) else sent.get("components", [])
    return [c for row in rows for c in row["components"]]


# ------------------------------------------------------------------ start-up


async def test_commands_are_synced_to_the_dev_guild_only(world: World) -> None:
    routes = [(r.method, r.route) for r in world.server.requests]
    assert ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands") in routes
    assert ("PUT", "/applications/{application_id}/commands") not in routes
    names = {c["name"] for c in world.server.state.commands(world.guild.id)}
    assert names == {"ask", "sources", "topics", "about"}


async def test_no_privileged_intent_is_requested_by_default(world: World) -> None:
    identify = await world.server.wait_for_gateway_op(2)
    assert identify.data["intents"] & (1 << 15) == 0  # MESSAGE_CONTENT


async def test_health_check_passes_while_connected(world: World) -> None:
    process = await asyncio.create_subprocess_exec(
        str(FACTBOT), "health", cwd=world.bot.workdir, env=world.bot.env, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await process.communicate()
    assert process.returncode == 0, out


# ------------------------------------------------------------------ messages


async def test_mention_gets_a_reply_with_embed_and_source_button(
    world: World, questions: dict[str, str], engine: Engine
) -> None:
    expected = engine.ask(questions["answer_en"])
    reply = await world.ask(questions["answer_en"])
    embed = embed_of(reply)
    assert embed["description"] == expected.answer
    assert embed["color"] == COLOUR_ANSWER
    assert expected.sources[0].url in str(embed["fields"])
    assert [b["url"] for b in buttons(reply)] == list(dict.fromkeys(s.url for s in expected.sources))
    assert all(b["style"] == 5 for b in buttons(reply))


async def test_vietnamese_question_gets_a_vietnamese_answer(
    world: World, questions: dict[str, str], engine: Engine
) -> None:
    reply = await world.ask(questions["answer_vi"])
    assert embed_of(reply)["description"] == engine.ask(questions["answer_vi"]).answer
    assert {f["name"] for f in embed_of(reply)["fields"]} >= {"Tính đến"}


async def test_dm_question_is_answered_without_a_mention(
    world: World, questions: dict[str, str], engine: Engine
) -> None:
    user = await world.user("dm-user")
    message_id = await world.server.dispatch_dm(user, questions["answer_en"])
    reply = await world.server.wait_for_reply(message_id, timeout=10)
    assert reply.channel_id == world.server.dm_channel_id(user)
    assert embed_of(reply)["description"] == engine.ask(questions["answer_en"]).answer


async def test_reply_to_the_bot_is_answered(world: World, questions: dict[str, str]) -> None:
    user = await world.user()
    first = await world.ask(questions["answer_en"], user=user)
    message_id = await world.server.dispatch_message(
        world.channel, questions["decline"], reply_to=first.id, mentions=[world.bot_id], author_id=user
    )
    reply = await world.server.wait_for_reply(message_id, timeout=10)
    assert embed_of(reply)["description"]


async def test_plain_channel_message_is_not_answered(world: World) -> None:
    message_id = await world.server.dispatch_message(world.channel, "When is lunch?", author_id=await world.user())
    with pytest.raises(TimeoutError):
        await world.server.wait_for_reply(message_id, timeout=1.0)


async def test_bare_mention_gets_examples(world: World) -> None:
    message_id = await world.server.dispatch_message(world.channel, f"<@{world.bot_id}>", author_id=await world.user())
    reply = await world.server.wait_for_reply(message_id, timeout=10)
    assert "•" in embed_of(reply)["description"]


async def test_decline_is_polite_and_names_known_topics(
    world: World, questions: dict[str, str], engine: Engine
) -> None:
    reply = await world.ask(questions["decline"])
    description = embed_of(reply)["description"]
    assert description == engine.ask(questions["decline"]).answer
    assert description.startswith("I can't answer that from my sources")
    assert len(buttons(reply)) <= 3


async def test_everyone_in_a_question_pings_nobody(world: World, questions: dict[str, str]) -> None:
    message_id = await world.server.dispatch_message(
        world.channel,
        f"@everyone @here <@{world.bot_id}> {questions['answer_en']} <@&{world.guild.id}>",
        author_id=await world.user(),
    )
    reply = await world.server.wait_for_reply(message_id, timeout=10)
    assert reply.payload["allowed_mentions"] == {"parse": []}
    assert not reply.message.get("mention_everyone")
    assert reply.message.get("mentions") == []
    assert "@everyone" not in str(reply.payload)


async def test_other_bots_are_ignored(world: World, questions: dict[str, str]) -> None:
    other_bot = world.server.create_user("otherbot", bot=True)
    await world.server.add_member(world.guild.id, other_bot)
    message_id = await world.server.dispatch_message(
        world.channel, world.mention(questions["answer_en"]), author_id=other_bot
    )
    with pytest.raises(TimeoutError):
        await world.server.wait_for_reply(message_id, timeout=1.5)


async def test_cooldown_answers_with_a_private_notice(world: World, questions: dict[str, str]) -> None:
    user = await world.user("eager")
    for _ in range(5):
        await world.ask(questions["answer_en"], user=user)
    message_id = await world.server.dispatch_message(
        world.channel, world.mention(questions["answer_en"]), author_id=user
    )
    notice = await world.server.wait_for_message(world.server.dm_channel_id(user), timeout=10)
    assert "wait" in notice.content
    assert notice.payload["allowed_mentions"] == {"parse": []}
    with pytest.raises(TimeoutError):
        await world.server.wait_for_reply(message_id, timeout=0.5)


# ------------------------------------------------------------------ slash commands


async def test_slash_ask_answers_publicly(world: World, questions: dict[str, str], engine: Engine) -> None:
    interaction = await world.server.dispatch_command(
        "ask", {"question": questions["answer_en"]}, channel_id=world.channel, user_id=await world.user()
    )
    reply = await world.server.wait_for_interaction_reply(interaction, timeout=10)
    assert embed_of(reply)["description"] == engine.ask(questions["answer_en"]).answer
    assert not reply.ephemeral


async def test_slash_ask_private_is_ephemeral(world: World, questions: dict[str, str]) -> None:
    interaction = await world.server.dispatch_command(
        "ask",
        {"question": questions["answer_en"], "private": True},
        channel_id=world.channel,
        user_id=await world.user(),
    )
    reply = await world.server.wait_for_interaction_reply(interaction, timeout=10)
    assert reply.ephemeral


async def test_slash_ask_cooldown_is_an_ephemeral_notice(world: World, questions: dict[str, str]) -> None:
    user = await world.user("eager-slash")
    for _ in range(5):
        interaction = await world.server.dispatch_command(
            "ask", {"question": questions["decline"]}, channel_id=world.channel, user_id=user
        )
        await world.server.wait_for_interaction_reply(interaction, timeout=10)
    interaction = await world.server.dispatch_command(
        "ask", {"question": questions["decline"]}, channel_id=world.channel, user_id=user
    )
    notice = await world.server.wait_for_interaction_reply(interaction, timeout=10)
    assert notice.ephemeral
    assert "wait" in notice.content


@pytest.mark.parametrize(("typed", "vietnamese"), [("Trong Moon phone", False), ("Tổng Bí thư điện đàm", True)])
async def test_autocomplete_offers_fact_questions_in_the_typed_language(
    world: World, engine: Engine, typed: str, vietnamese: bool
) -> None:
    interaction = await world.server.dispatch_autocomplete(
        "ask", {"question": typed}, focused="question", channel_id=world.channel
    )
    response = await world.server.wait_for_interaction_response(interaction, timeout=10)
    assert response.type == AUTOCOMPLETE_RESULT
    assert response.data is not None
    choices = response.data["choices"]
    assert 1 <= len(choices) <= 25
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
    expected = [s.question for s in engine.complete(typed, 25)]
    assert choices[0]["name"] == expected[0][:100]
    marks = any(ch in "ăâđêôơư" for ch in choices[0]["name"].lower())
    assert marks is vietnamese


async def test_pressing_did_you_mean_shows_that_answer_to_the_asker_only(
    world: World, questions: dict[str, str], engine: Engine
) -> None:
    asker = await world.user("unsure")
    reply = await world.ask(questions["suggest"], user=asker)
    suggestion_buttons = [b for b in buttons(reply) if b.get("custom_id", "").startswith("fb:fact:")]
    assert 1 <= len(suggestion_buttons) <= 3
    first = suggestion_buttons[0]

    stranger = await world.user("stranger")
    pressed = await world.server.dispatch_component(reply.id, first["custom_id"], user_id=stranger)
    refusal = await world.server.wait_for_interaction_reply(pressed, timeout=10)
    assert refusal.ephemeral and "someone else's question" in refusal.content

    pressed = await world.server.dispatch_component(reply.id, first["custom_id"], user_id=asker)
    answer = await world.server.wait_for_interaction_reply(pressed, timeout=10)
    fact_id = first["custom_id"].rsplit(":", 1)[1]
    assert answer.ephemeral
    assert embed_of(answer)["description"] == engine.answer_fact(fact_id, "en").answer


async def test_sources_lists_every_article(world: World, engine: Engine) -> None:
    interaction = await world.server.dispatch_command("sources", channel_id=world.channel)
    reply = await world.server.wait_for_interaction_reply(interaction, timeout=10)
    text = str(reply.embeds)
    for source in engine.sources:
        assert source.url in text
        assert source.published.isoformat() in text


async def test_topics_menu_leads_to_an_answer(world: World, engine: Engine) -> None:
    interaction = await world.server.dispatch_command("topics", channel_id=world.channel)
    menu = await world.server.wait_for_interaction_reply(interaction, timeout=10)
    assert menu.ephemeral
    [topic_menu] = buttons(menu)
    topic = engine.topics()[0]
    assert topic.id in [o["value"] for o in topic_menu["options"]]

    picked = await world.server.dispatch_component(menu.id, "fb:topics:en", values=[topic.id])
    update = await world.server.wait_for_interaction_response(picked, timeout=10)
    assert update.type == UPDATE_MESSAGE and update.data is not None
    question_menu = buttons(update.data)[1]
    fact_id = question_menu["options"][0]["value"]

    chosen = await world.server.dispatch_component(menu.id, question_menu["custom_id"], values=[fact_id])
    shown = await world.server.wait_for_interaction_response(chosen, timeout=10)
    assert shown.type == UPDATE_MESSAGE and shown.data is not None
    assert shown.data["embeds"][0]["description"] == engine.answer_fact(fact_id, "en").answer


async def test_about_shows_counts(world: World, engine: Engine) -> None:
    interaction = await world.server.dispatch_command("about", channel_id=world.channel)
    reply = await world.server.wait_for_interaction_reply(interaction, timeout=10)
    fields = {f["name"]: f["value"] for f in embed_of(reply)["fields"]}
    assert fields["Facts"] == str(engine.fact_count)
    assert fields["Sources"] == str(len(engine.sources))


# ------------------------------------------------------------------ gateway trouble


async def test_still_answers_after_a_gateway_resume(world: World, questions: dict[str, str]) -> None:
    at = world.server.force_resume()
    await world.server.wait_for_gateway_op(6, after=at, timeout=15)
    await world.server.wait_until_ready(15)
    assert embed_of(await world.ask(questions["answer_en"]))["description"]


async def test_still_answers_after_a_full_reconnect(world: World, questions: dict[str, str]) -> None:
    at = world.server.force_reconnect()
    # discord.py waits 5 s before a repeat IDENTIFY (Discord's identify rate limit).
    await world.server.wait_for_gateway_op(2, after=at, timeout=20)
    await world.server.wait_until_ready(15)
    assert embed_of(await world.ask(questions["answer_en"]))["description"]


# ------------------------------------------------------------------ load


async def test_burst_of_200_questions_from_many_users_is_answered_completely(
    world: World, questions: dict[str, str]
) -> None:
    # 100 replies per channel is over the server's 50 per second: the bot must pace itself on the
    # rate-limit headers, as on Discord; the few that overshoot get a 429 and are resent (MAX_RACED_429).
    users = [await world.user(f"burst-{i}") for i in range(50)]
    asked = [questions["answer_en"], questions["answer_vi"], questions["suggest"], questions["decline"]]
    channels = [world.channel, world.second_channel]
    errors_before = world.server.error_count()
    message_ids = await asyncio.gather(
        *(
            world.server.dispatch_message(
                channels[i % 2], world.mention(asked[i % len(asked)]), author_id=users[i % len(users)]
            )
            for i in range(200)
        )
    )
    replies = [await world.server.wait_for_reply(m, timeout=30) for m in message_ids]
    assert len({r.id for r in replies}) == 200
    assert all(r.embeds for r in replies)
    errors = world.server.errors[errors_before:]
    assert all(e.status == 429 for e in errors), errors
    assert len(errors) <= MAX_RACED_429, errors


# ------------------------------------------------------------------ every message, and shutdown


async def test_nothing_the_bot_sent_could_ping_anyone(world: World) -> None:
    sent = world.server.sent_messages
    assert len(sent) > 200
    assert all(s.payload.get("allowed_mentions") == {"parse": []} for s in sent)


async def test_no_request_was_rejected_or_unknown(world: World) -> None:
    assert world.server.unknown_routes == []
    assert [e for e in world.server.errors if e.status != 429] == []
    assert len(world.server.errors) <= MAX_RACED_429


async def test_sigterm_closes_the_gateway_and_exits_0(world: World) -> None:
    started = time.monotonic()
    code = await world.bot.stop()
    assert code == 0
    assert time.monotonic() - started < 10
    closes = [r for r in world.server.gateway_log if r.direction == "close" and r.at >= started]
    assert closes and all(r.close_code == 1000 for r in closes)
    assert not world.bot.heartbeat.exists()


async def test_logs_hold_one_line_per_question_and_never_the_token(world: World, questions: dict[str, str]) -> None:
    assert world.bot.process is not None and world.bot.process.returncode is not None
    log = world.bot.log()
    assert world.server.token not in log
    assert "Traceback" not in log
    assert questions["answer_en"] not in log  # question text only at DEBUG
    assert log.count("factbot.questions: question via=") >= 200

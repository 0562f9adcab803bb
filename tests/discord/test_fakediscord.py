"""The fake Discord against the real, unmodified discord.py client (a plain ``discord.Client``)."""

from __future__ import annotations

import asyncio
import time

import discord
import pytest
from discord import app_commands
from fakediscord import FakeDiscord
from fakediscord.errors import FormErrors
from fakediscord.limits import check_autocomplete, check_components, check_embeds


class QuickClient(discord.Client):
    """A plain client with two of discord.py's deliberate pauses shortened, to keep tests quick."""

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        # discord.py sleeps 5 s before every IDENTIFY but the first (Discord's identify rate limit).
        return None


def make_client() -> discord.Client:
    intents = discord.Intents.default()
    intents.message_content = True
    # on_ready fires guild_ready_timeout (default 2 s) after the last GUILD_CREATE.
    return QuickClient(intents=intents, guild_ready_timeout=0.1)


async def test_client_reaches_ready_and_sees_the_guild(fake_discord_patched: FakeDiscord, start_client) -> None:
    server = fake_discord_patched
    guild = await server.create_guild("Test Guild", channels=["general", "facts"])
    client = make_client()
    await client.login(server.token)
    ready = asyncio.ensure_future(client.wait_for("ready", timeout=5))
    task = asyncio.create_task(client.connect())
    try:
        await ready
        seen = client.get_guild(guild.id)
        assert seen is not None and seen.name == "Test Guild"
        assert [c.name for c in seen.text_channels] == ["general", "facts"]
        assert seen.me is not None and seen.me.id == server.bot_user_id
        assert client.user is not None and client.user.bot and client.user.id == server.bot_user_id
        assert client.application_id == server.application_id
        identify = await server.wait_for_gateway_op(2)
        assert identify.data["token"] == "<redacted>"
        assert identify.data["intents"] == client.intents.value
        assert not server.unknown_routes
    finally:
        await client.close()
        await asyncio.wait_for(task, 5)


async def test_message_reaches_on_message_and_reply_is_recorded(
    fake_discord_patched: FakeDiscord, start_client
) -> None:
    server = fake_discord_patched
    guild = await server.create_guild()
    channel_id = guild.channel_ids[0]
    client = make_client()
    received: list[discord.Message] = []

    @client.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot:
            return
        received.append(message)
        await message.channel.send(f"echo: {message.content}")

    await start_client(client)
    message_id = await server.dispatch_message(channel_id, f"{server.mention(server.bot_user_id)} hello")
    reply = await server.wait_for_message(channel_id)

    assert reply.content == f"echo: <@{server.bot_user_id}> hello"
    assert reply.payload["content"] == reply.content
    assert received[0].id == message_id and received[0].guild is not None
    assert [u.id for u in received[0].mentions] == [server.bot_user_id]
    dispatched_at = server.dispatch_time(message_id)
    assert dispatched_at is not None and dispatched_at < reply.created_at
    assert any(r.route == "/channels/{channel_id}/messages" and r.status == 200 for r in server.requests)


async def test_replies_dms_and_other_bots(fake_discord_patched: FakeDiscord, start_client) -> None:
    server = fake_discord_patched
    guild = await server.create_guild()
    channel_id = guild.channel_ids[0]
    other_bot = server.create_user("otherbot", bot=True)
    await server.add_member(guild.id, other_bot)
    alice = server.create_user("alice")
    client = make_client()
    seen: list[discord.Message] = []

    @client.event
    async def on_message(message: discord.Message) -> None:
        if message.author.id == server.bot_user_id:
            return
        seen.append(message)
        if not message.author.bot:
            await message.reply(f"got {message.content}")

    await start_client(client)
    original = await server.dispatch_message(channel_id, "first")
    await server.wait_for_reply(original)
    reply_to_reply = await server.dispatch_message(channel_id, "second", reply_to=original)
    answer = await server.wait_for_reply(reply_to_reply)
    assert answer.message["type"] == 19 and answer.message["referenced_message"]["content"] == "second"
    assert seen[1].reference is not None and seen[1].reference.message_id == original

    await server.dispatch_message(channel_id, "beep", author_id=other_bot)
    dm_id = await server.dispatch_dm(alice, "hi in private")
    dm_reply = await server.wait_for_reply(dm_id)
    assert dm_reply.channel_id == server.dm_channel_id(alice)
    bot_message = next(m for m in seen if m.content == "beep")
    dm = next(m for m in seen if m.id == dm_id)
    assert bot_message.author.bot and dm.guild is None and isinstance(dm.channel, discord.DMChannel)


async def test_too_long_content_is_rejected_with_50035(fake_discord_patched: FakeDiscord, start_client) -> None:
    server = fake_discord_patched
    guild = await server.create_guild()
    client = make_client()
    await start_client(client)
    channel = client.get_channel(guild.channel_ids[0])
    assert isinstance(channel, discord.TextChannel)

    with pytest.raises(discord.HTTPException) as caught:
        await channel.send("x" * 2001)
    assert caught.value.status == 400 and caught.value.code == 50035
    assert "Must be 2000 or fewer in length" in caught.value.text

    with pytest.raises(discord.HTTPException) as caught:
        await channel.send(embed=discord.Embed(title="t" * 257))
    assert caught.value.code == 50035

    await channel.send("x" * 2000)
    assert server.error_count(50035) == 2
    assert server.errors[0].error_body["errors"]["content"]["_errors"][0]["code"] == "BASE_TYPE_MAX_LENGTH"


async def test_second_interaction_callback_gets_40060(fake_discord_patched: FakeDiscord, start_client) -> None:
    server = fake_discord_patched
    guild = await server.create_guild()
    client = make_client()
    outcome: asyncio.Future[discord.HTTPException | None] = asyncio.get_running_loop().create_future()

    @client.event
    async def on_interaction(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("first")
        interaction.response._response_type = None  # bypass discord.py's own guard to reach the server
        try:
            await interaction.response.send_message("second")
        except discord.HTTPException as exc:
            outcome.set_result(exc)
        else:
            outcome.set_result(None)

    await start_client(client)
    interaction_id = await server.dispatch_command("fact", {"topic": "trade"}, channel_id=guild.channel_ids[0])
    error = await asyncio.wait_for(outcome, 5)
    assert isinstance(error, discord.HTTPException) and error.status == 400 and error.code == 40060
    response = await server.wait_for_interaction_response(interaction_id)
    assert response.type == 4 and response.data["content"] == "first"
    reply = await server.wait_for_interaction_reply(interaction_id)
    assert reply.content == "first" and reply.source == "interaction_response"


async def test_late_interaction_callback_gets_10062(fake_discord_patched: FakeDiscord, start_client) -> None:
    server = fake_discord_patched
    server.config.interaction_ack_timeout = 0.2  # Discord's 3 s, shortened to keep the test fast
    guild = await server.create_guild()
    client = make_client()
    outcome: asyncio.Future[discord.HTTPException | None] = asyncio.get_running_loop().create_future()

    @client.event
    async def on_interaction(interaction: discord.Interaction) -> None:
        await asyncio.sleep(0.4)
        try:
            await interaction.response.send_message("too late")
        except discord.HTTPException as exc:
            outcome.set_result(exc)
        else:
            outcome.set_result(None)

    await start_client(client)
    await server.dispatch_command("fact", channel_id=guild.channel_ids[0])
    error = await asyncio.wait_for(outcome, 5)
    assert isinstance(error, discord.NotFound) and error.code == 10062
    assert server.error_count(10062) == 1


async def test_deferred_response_followups_and_components(fake_discord_patched: FakeDiscord, start_client) -> None:
    server = fake_discord_patched
    guild = await server.create_guild()
    client = make_client()
    clicks: list[str] = []

    @client.event
    async def on_interaction(interaction: discord.Interaction) -> None:
        if interaction.type is discord.InteractionType.application_command:
            await interaction.response.defer(thinking=True)
            view = discord.ui.View()
            view.add_item(discord.ui.Button(label="More", custom_id="more"))
            await interaction.followup.send("answer", view=view)
            await interaction.followup.send("extra", ephemeral=True)
        elif interaction.type is discord.InteractionType.component:
            clicks.append(interaction.data["custom_id"])
            await interaction.response.edit_message(content="expanded", view=None)
        elif interaction.type is discord.InteractionType.autocomplete:
            choices = [app_commands.Choice(name=f"choice {i}", value=str(i)) for i in range(26)]
            try:
                await interaction.response.autocomplete(choices)
            except discord.HTTPException as exc:
                clicks.append(f"autocomplete {exc.code}")

    await start_client(client)
    channel_id = guild.channel_ids[0]
    interaction_id = await server.dispatch_command("fact", {"topic": "trade"}, channel_id=channel_id)
    reply = await server.wait_for_interaction_reply(interaction_id)
    assert reply.content == "answer" and reply.source == "followup"
    extra = await server.wait_for_message(channel_id, predicate=lambda m: m.content == "extra")
    assert extra.ephemeral

    click = await server.dispatch_component(reply.id, "more")
    response = await server.wait_for_interaction_response(click)
    assert response.type == 7 and clicks == ["more"]
    assert server.message_edits[-1].content == "expanded"

    await server.dispatch_autocomplete("fact", {"topic": "tr"}, focused="topic", channel_id=channel_id)
    await server.interactions.callbacks.wait_for(lambda c: not c.accepted, 5)
    assert clicks[-1] == "autocomplete 50035"


async def test_force_resume_sends_resume_and_keeps_receiving(fake_discord_patched: FakeDiscord, start_client) -> None:
    server = fake_discord_patched
    guild = await server.create_guild()
    client = make_client()
    await start_client(client)
    resumed = asyncio.ensure_future(client.wait_for("resumed", timeout=5))

    session_id = next(r.session_id for r in server.gateway_log if r.direction == "ready")
    since = server.force_resume()
    resume = await server.wait_for_gateway_op(6, after=since)
    await resumed
    assert resume.data["session_id"] == session_id
    assert not [r for r in server.gateway_log if r.direction == "recv" and r.op == 2 and r.at >= since]
    connects = [r for r in server.gateway_log if r.direction == "connect"]
    assert len(connects) == 2  # the resume went to resume_gateway_url

    received = asyncio.ensure_future(client.wait_for("message", check=lambda m: m.content == "after resume", timeout=5))
    await server.wait_until_ready()
    await server.dispatch_message(guild.channel_ids[0], "after resume")
    await received

    # op 7 RECONNECT also leads to a RESUME.
    since = server.force_resume(use_reconnect_op=True)
    await server.wait_for_gateway_op(6, after=since)


async def test_events_missed_while_discord_is_away_are_replayed(
    fake_discord_patched: FakeDiscord, start_client
) -> None:
    server = fake_discord_patched
    guild = await server.create_guild()
    client = make_client()
    await start_client(client)
    received = asyncio.ensure_future(client.wait_for("message", check=lambda m: m.content == "while away", timeout=15))

    since = server.shutdown_gateway()
    await server.gateway.log.wait_until(lambda: not server.gateway.connections, 5)
    await server.dispatch_message(guild.channel_ids[0], "while away")
    server.restore_gateway()
    await server.wait_for_gateway_op(6, after=since, timeout=15)
    await received


async def test_force_reconnect_identifies_again(fake_discord_patched: FakeDiscord, start_client) -> None:
    server = fake_discord_patched
    guild = await server.create_guild()
    client = make_client()
    await start_client(client)
    first_session = [r for r in server.gateway_log if r.direction == "ready"][-1].session_id

    since = server.force_reconnect()
    identify = await server.wait_for_gateway_op(2, after=since)
    assert not [r for r in server.gateway_log if r.direction == "recv" and r.op == 6 and r.at >= since]
    assert identify.at >= since
    await server.wait_until_ready()
    assert [r for r in server.gateway_log if r.direction == "ready"][-1].session_id != first_session

    received = asyncio.ensure_future(
        client.wait_for("message", check=lambda m: m.content == "after identify", timeout=5)
    )
    await server.dispatch_message(guild.channel_ids[0], "after identify")
    await received


class QuickShardedClient(discord.AutoShardedClient):
    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None


async def test_sharded_client_gets_shard_count_from_gateway_bot(
    fake_discord_patched: FakeDiscord, start_client
) -> None:
    server = fake_discord_patched
    server.config.recommended_shards = 2
    guilds = [await server.create_guild(f"Guild {n}") for n in range(6)]
    intents = discord.Intents.default()
    intents.message_content = True
    client = QuickShardedClient(intents=intents, guild_ready_timeout=0.1)
    await start_client(client)
    shards = sorted(tuple(r.data["shard"]) for r in server.gateway_log if r.direction == "recv" and r.op == 2)
    assert shards == [(0, 2), (1, 2)]
    assert {g.id for g in client.guilds} == {g.id for g in guilds}

    received = asyncio.ensure_future(client.wait_for("message", timeout=5))
    target = max(guilds, key=lambda g: (g.id >> 22) % 2)  # a guild on shard 1 if the ids allow it
    await server.dispatch_message(target.channel_ids[0], "sharded")
    message = await received
    assert message.guild is not None and message.guild.shard_id == (target.id >> 22) % 2


async def test_intents_shape_what_the_bot_sees(fake_discord_patched: FakeDiscord, start_client) -> None:
    server = fake_discord_patched
    guild = await server.create_guild()
    client = QuickClient(intents=discord.Intents.default(), guild_ready_timeout=0.1)  # no message_content
    await start_client(client)

    plain = asyncio.ensure_future(client.wait_for("message", timeout=5))
    await server.dispatch_message(guild.channel_ids[0], "secret")
    assert (await plain).content == ""
    mentioned = asyncio.ensure_future(client.wait_for("message", timeout=5))
    await server.dispatch_message(guild.channel_ids[0], f"{server.mention(server.bot_user_id)} visible")
    assert (await mentioned).content.endswith("visible")

    server.config.privileged_intents = 0
    strict = make_client()
    with pytest.raises(discord.PrivilegedIntentsRequired):
        await strict.start(server.token)
    await strict.close()


async def test_wrong_token_is_a_login_failure(fake_discord_patched: FakeDiscord) -> None:
    client = make_client()
    try:
        with pytest.raises(discord.LoginFailure):
            await client.login("not-the-token")
    finally:
        await client.close()
    assert fake_discord_patched.error_counts[(401, 0)] == 1


def test_limits_shape_errors_like_discord() -> None:
    form = FormErrors()
    rows = [
        {
            "type": 1,
            "components": [{"type": 2, "style": 1, "custom_id": f"b{i}", "label": "x"} for i in range(6)],
        }
    ]
    rows += [{"type": 1, "components": [{"type": 2, "style": 5, "label": "link"}]} for _ in range(5)]
    check_components(rows, form, ("components",))
    errors = form.tree["components"]
    assert errors["_errors"][0]["message"] == "Must be 5 or fewer in length."
    assert errors["0"]["components"]["_errors"][0]["code"] == "BASE_TYPE_BAD_LENGTH"
    assert errors["1"]["components"]["0"]["url"]["_errors"][0]["code"] == "BUTTON_COMPONENT_URL_REQUIRED"

    form = FormErrors()
    check_embeds([{"fields": [{"name": "n", "value": "v"}] * 26, "description": "d" * 5990}], form, ("embeds",))
    assert form.tree["embeds"]["0"]["fields"]["_errors"][0]["message"] == "Must be 25 or fewer in length."
    assert form.tree["embeds"]["_errors"][0]["code"] == "MAX_EMBED_SIZE_EXCEEDED"

    form = FormErrors()
    check_autocomplete({"choices": [{"name": "", "value": "v" * 101}]}, form, ("data",))
    choice = form.tree["data"]["choices"]["0"]
    assert choice["name"]["_errors"][0]["code"] == "BASE_TYPE_BAD_LENGTH"
    assert choice["value"]["_errors"][0]["code"] == "BASE_TYPE_MAX_LENGTH"


async def test_unknown_routes_answer_404_and_are_listed(fake_discord: FakeDiscord) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        headers = {"Authorization": f"Bot {fake_discord.token}"}
        async with session.get(fake_discord.api_base + "/guilds/1/bans", headers=headers) as response:
            assert response.status == 404
            assert await response.json() == {"message": "404: Not Found", "code": 0}
        async with session.get(fake_discord.api_base + "/gateway") as response:
            assert (await response.json())["url"] == fake_discord.gateway_url
    assert fake_discord.unknown_routes == ["GET /api/v10/guilds/1/bans"]
    assert time.monotonic() >= fake_discord.requests[0].received_at


async def test_rate_limits_are_announced_and_enforced_per_channel(fake_discord: FakeDiscord) -> None:
    import aiohttp
    from fakediscord.config import MESSAGE_ROUTE

    server = fake_discord
    server.rest.rate_limiter.limits[MESSAGE_ROUTE] = (2, 30.0)
    guild = await server.create_guild(channels=["one", "two"])
    one, two = (f"{server.api_base}/channels/{c}/messages" for c in guild.channel_ids)
    headers = {"Authorization": f"Bot {server.token}"}
    async with aiohttp.ClientSession() as session:
        answers = []
        for url in (one, one, one, two):
            async with session.post(url, json={"content": "hi"}, headers=headers) as response:
                answers.append((response.status, dict(response.headers), await response.json()))
    (s1, h1, _), (s2, h2, _), (s3, h3, body3), (s4, h4, _) = answers
    assert (s1, s2, s3, s4) == (200, 200, 429, 200)
    assert (h1["X-RateLimit-Limit"], h1["X-RateLimit-Remaining"], h2["X-RateLimit-Remaining"]) == ("2", "1", "0")
    assert h1["X-RateLimit-Bucket"] == h3["X-RateLimit-Bucket"] == h4["X-RateLimit-Bucket"]
    assert body3["message"] == "You are being rate limited." and body3["global"] is False
    assert 0 < body3["retry_after"] <= 30 and 0 < float(h3["X-RateLimit-Reset-After"]) <= 30
    assert h3["Via"] and h3["X-RateLimit-Scope"] == "user"
    assert h4["X-RateLimit-Remaining"] == "1"  # the other channel has its own window
    assert len(server.sent_messages) == 3 and server.error_counts[(429, None)] == 1


async def test_discord_py_waits_on_the_headers_instead_of_hitting_429(
    fake_discord_patched: FakeDiscord, start_client
) -> None:
    from fakediscord.config import MESSAGE_ROUTE

    server = fake_discord_patched
    server.rest.rate_limiter.limits[MESSAGE_ROUTE] = (2, 0.5)
    guild = await server.create_guild()
    client = make_client()
    await start_client(client)
    channel = client.get_channel(guild.channel_ids[0])
    assert isinstance(channel, discord.TextChannel)
    started = time.monotonic()
    await asyncio.gather(*(channel.send(f"message {i}") for i in range(6)))
    elapsed = time.monotonic() - started
    assert sorted(s.content for s in server.sent_messages) == [f"message {i}" for i in range(6)]
    assert server.errors == []
    assert elapsed >= 0.9  # three windows of two: discord.py paced itself

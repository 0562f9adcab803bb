"""The test-facing API: :class:`FakeDiscord`, a local Discord (REST + Gateway) on 127.0.0.1.

Everything is asynchronous and runs in the caller's event loop (the same loop as the discord.py client
under test); call it only from that loop. Typical use::

    async with FakeDiscord() as server:
        guild = await server.create_guild("Test Guild")
        with server.patch_discord():          # point discord.py at the server
            client = discord.Client(intents=...)
            await client.login(server.token)
            task = asyncio.create_task(client.connect())
            await server.wait_until_ready()
            message_id = await server.dispatch_message(guild.channel_ids[0], "hello")
            reply = await server.wait_for_message(guild.channel_ids[0])
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from aiohttp import web

from .config import ServerConfig
from .gateway import Gateway
from .interactions import InteractionService
from .messages import MessageService
from .records import (
    DispatchRecord,
    GatewayRecord,
    InteractionCallbackRecord,
    RequestRecord,
    SentMessage,
)
from .rest import API_PREFIX, RestApi
from .state import DiscordState, Guild

log = logging.getLogger("fakediscord")

#: How long a test dispatch waits for the frame to reach a connected socket.
DELIVERY_TIMEOUT = 5.0


class FakeDiscord:
    """A fake Discord server for one test: world state, REST API, Gateway, records and controls."""

    def __init__(self, config: ServerConfig | None = None, **overrides: Any) -> None:
        self.config = config or ServerConfig()
        for key, value in overrides.items():
            setattr(self.config, key, value)
        self.state = DiscordState(bot_name=self.config.bot_name)
        self.gateway = Gateway(self.state, self.config)
        self.messages = MessageService(self.state, self.gateway, self.config)
        self.interactions = InteractionService(self.state, self.messages, self.config)
        self.rest = RestApi(self.state, self.gateway, self.messages, self.interactions, self.config)
        #: A human user that dispatched events come from by default; a member of every created guild.
        self.default_user_id = self.state.create_user("tester").id
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._claimed_messages: set[int] = set()

    # ------------------------------------------------------------- life cycle

    async def start(self) -> FakeDiscord:
        """Listen on ``config.host``/``config.port`` (0: a free port)."""
        app = web.Application(middlewares=[self.rest.middleware])
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_get("/gateway/resume", self.gateway.handle)
        self.rest.add_routes(app)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.config.host, self.config.port)
        await site.start()
        self._port = self._runner.addresses[0][1]
        self.gateway.url = f"ws://{self.config.host}:{self._port}/gateway"
        self.gateway.resume_url = f"ws://{self.config.host}:{self._port}/gateway/resume"
        log.info("fakediscord listening on %s", self.base_url)
        return self

    async def stop(self) -> None:
        """Close every socket and stop listening."""
        await self.gateway.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # ------------------------------------------------------------- addresses

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{self.config.host}:{self._port}"

    @property
    def api_base(self) -> str:
        """What ``discord.http.Route.BASE`` must be set to: ``http://127.0.0.1:PORT/api/v10``."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """The gateway websocket URL (also returned by GET /gateway and GET /gateway/bot)."""
        return self.gateway.url

    @property
    def token(self) -> str:
        return self.config.token

    @property
    def bot_user_id(self) -> int:
        return self.state.bot.id

    @property
    def application_id(self) -> int:
        return self.state.application_id

    @contextlib.contextmanager
    def patch_discord(self) -> Iterator[None]:
        """Point discord.py at this server for the duration of the block, then restore it.

        Sets ``discord.http.Route.BASE`` and also ``DiscordWebSocket.DEFAULT_GATEWAY``: in discord.py 2.x a
        plain (unsharded) :class:`discord.Client` never asks GET /gateway; it connects to that class
        attribute, and returns to it after an INVALID_SESSION. AutoShardedClient uses GET /gateway/bot.
        """
        import discord.gateway
        import discord.http
        import yarl

        saved = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.api_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        try:
            yield
        finally:
            discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved

    # --------------------------------------------------------------- fixtures

    def create_user(self, username: str, *, bot: bool = False, global_name: str | None = None) -> int:
        """A user (human, or another bot with ``bot=True``); returns its id."""
        return self.state.create_user(username, bot=bot, global_name=global_name).id

    async def create_guild(
        self,
        name: str = "Test Guild",
        *,
        channels: Sequence[str] = ("general",),
        members: Sequence[int] = (),
    ) -> Guild:
        """A guild with the bot, its owner, the default user, ``members`` and text ``channels``.

        Its ``channel_ids`` follow the order of ``channels``. A connected bot gets GUILD_CREATE.
        """
        guild = self.state.create_guild(name)
        for user_id in [self.default_user_id, *members]:
            if user_id not in guild.members:
                self.state.add_member(guild.id, user_id)
        for channel_name in channels:
            self.state.create_channel(guild.id, channel_name)
        if self.gateway.live_sessions():
            self.gateway.dispatch("GUILD_CREATE", self.state.guild_create_payload(guild.id), guild_id=guild.id)
        return guild

    async def create_guild_on_shard(
        self,
        shard: int,
        shard_count: int,
        name: str = "Test Guild",
        *,
        channels: Sequence[str] = ("general",),
        members: Sequence[int] = (),
    ) -> Guild:
        """A new guild that Discord's formula ``(guild_id >> 22) % shard_count`` puts on ``shard``.

        Guilds made on the way to it stay (a connected bot sees them) but get no questions.
        """
        while True:
            guild = await self.create_guild(name, channels=channels, members=members)
            if (guild.id >> 22) % shard_count == shard:
                return guild

    async def create_channel(self, guild_id: int, name: str, *, topic: str | None = None) -> int:
        """A text channel; a connected bot gets CHANNEL_CREATE. Returns its id."""
        channel = self.state.create_channel(guild_id, name, topic=topic)
        if self.gateway.live_sessions():
            self.gateway.dispatch("CHANNEL_CREATE", self.state.channel_payload(channel.id), guild_id=guild_id)
        return channel.id

    async def add_member(self, guild_id: int, user_id: int, *, nick: str | None = None) -> None:
        """Add a user to a guild; sessions with the GUILD_MEMBERS intent get GUILD_MEMBER_ADD."""
        self.state.add_member(guild_id, user_id, nick=nick)
        if self.gateway.live_sessions():
            data = {**self.state.member_payload(guild_id, user_id), "guild_id": str(guild_id)}
            self.gateway.dispatch("GUILD_MEMBER_ADD", data, guild_id=guild_id)

    def dm_channel_id(self, user_id: int) -> int:
        """The DM channel between the bot and ``user_id`` (the same one POST /users/@me/channels returns)."""
        return self.state.dm_channel(user_id).id

    @staticmethod
    def mention(user_id: int) -> str:
        return f"<@{user_id}>"

    # ------------------------------------------------------------ dispatching

    async def dispatch_message(
        self,
        channel_id: int,
        content: str = "",
        *,
        author_id: int | None = None,
        mentions: list[int] | None = None,
        reply_to: int | None = None,
        embeds: list[dict[str, Any]] | None = None,
    ) -> int:
        """MESSAGE_CREATE from ``author_id`` (default: the default user) in a guild or DM channel.

        ``mentions`` defaults to the users named as ``<@id>`` in ``content``; ``reply_to`` makes it a reply
        (with ``message_reference`` and ``referenced_message``) to a stored message. For a message from
        another bot, pass the id of a user made with ``create_user(..., bot=True)``. Returns the message id.
        """
        author_id = author_id or self.default_user_id
        body: dict[str, Any] = {"content": content, "embeds": embeds or []}
        if reply_to is not None:
            body["message_reference"] = {"message_id": str(reply_to)}
        message = self.state.build_message(channel_id, author_id, body, mentions=mentions)
        data = self.state.gateway_message(message)
        guild_id = self.state.channel(channel_id).guild_id
        await self._deliver(
            self.gateway.dispatch("MESSAGE_CREATE", data, guild_id=guild_id, entity_id=int(message["id"]))
        )
        return int(message["id"])

    async def dispatch_dm(self, user_id: int, content: str, **kwargs: Any) -> int:
        """MESSAGE_CREATE in the DM channel between ``user_id`` and the bot (no ``guild_id``)."""
        return await self.dispatch_message(self.dm_channel_id(user_id), content, author_id=user_id, **kwargs)

    async def dispatch_command(
        self,
        name: str,
        options: Mapping[str, Any] | list[dict[str, Any]] | None = None,
        *,
        channel_id: int,
        user_id: int | None = None,
        command_type: int = 1,
    ) -> int:
        """INTERACTION_CREATE type 2 (application command) in a guild channel (with ``member``) or a DM
        channel (with ``user``). ``options``: ``{"name": value}`` or a raw options list. Returns its id."""
        interaction = self.interactions.application_command(
            name,
            options,
            channel_id=channel_id,
            user_id=user_id or self.default_user_id,
            command_type=command_type,
        )
        return await self._dispatch_interaction(interaction)

    async def dispatch_autocomplete(
        self,
        name: str,
        options: Mapping[str, Any],
        *,
        focused: str,
        channel_id: int,
        user_id: int | None = None,
    ) -> int:
        """INTERACTION_CREATE type 4 (autocomplete) with ``focused`` marking the option being typed."""
        interaction = self.interactions.application_command(
            name, options, channel_id=channel_id, user_id=user_id or self.default_user_id, focused=focused
        )
        return await self._dispatch_interaction(interaction)

    async def dispatch_component(
        self,
        message_id: int,
        custom_id: str,
        *,
        user_id: int | None = None,
        values: list[str] | None = None,
        component_type: int | None = None,
    ) -> int:
        """INTERACTION_CREATE type 3 (button or select) on a stored message, carrying that message.
        ``component_type`` defaults to the type of the component with ``custom_id`` in the message."""
        interaction = self.interactions.component(
            message_id,
            custom_id,
            user_id=user_id or self.default_user_id,
            values=values,
            component_type=component_type,
        )
        return await self._dispatch_interaction(interaction)

    async def dispatch_event(self, event: str, data: dict[str, Any], *, guild_id: int | None = None) -> DispatchRecord:
        """Any raw event, for what the helpers above do not cover."""
        record = self.gateway.dispatch(event, data, guild_id=guild_id)
        await self._deliver(record)
        return record

    async def _dispatch_interaction(self, interaction: Any) -> int:
        record = self.gateway.dispatch(
            "INTERACTION_CREATE", interaction.payload, guild_id=interaction.guild_id, entity_id=interaction.id
        )
        # The response deadline runs from the dispatch, as on Discord.
        interaction.dispatched_at = record.dispatched_at
        await self._deliver(record)
        return interaction.id

    async def _deliver(self, record: DispatchRecord) -> None:
        """Wait until the event is on a socket; return at once if every session is disconnected
        (the event then waits in the backlog for RESUME). Raise if no session could ever get it."""
        if not record.session_ids:
            raise RuntimeError(
                f"{record.event}: no gateway session would receive it (no client identified yet, wrong "
                "shard or missing intent); await server.wait_until_ready() first"
            )
        connected = {s.session_id for s in self.gateway.live_sessions() if s.connection is not None}
        if connected & set(record.session_ids):
            await self.gateway.dispatches.wait_until(lambda: record.delivered_at is not None, DELIVERY_TIMEOUT)

    def dispatch_time(self, entity_id: int) -> float | None:
        """Monotonic time the test dispatched the message or interaction ``entity_id``."""
        for record in self.gateway.dispatches:
            if record.entity_id == entity_id and record.origin == "test":
                return record.dispatched_at
        return None

    # ------------------------------------------------------------------- waits

    async def wait_until_ready(self, timeout: float = 10.0) -> None:
        """Until every shard the client announced has a connected session that received all its guilds."""
        if not await self.gateway.log.wait_until(self.gateway.is_ready, timeout):
            raise TimeoutError(f"no ready gateway session within {timeout}s{self._problems()}")

    async def wait_for_message(
        self,
        channel_id: int | None = None,
        *,
        timeout: float = 5.0,
        predicate: Callable[[SentMessage], bool] | None = None,
    ) -> SentMessage:
        """The oldest message the bot created (in ``channel_id``, if given) not returned by an earlier call.

        Counts channel sends, interaction responses and follow-ups; ``.payload`` is the JSON the bot sent,
        ``.message`` the stored Discord message, ``.created_at`` the monotonic time it arrived.
        """

        def wanted(sent: SentMessage) -> bool:
            return (
                sent.id not in self._claimed_messages
                and (channel_id is None or sent.channel_id == channel_id)
                and (predicate is None or predicate(sent))
            )

        try:
            sent = await self.messages.sent.wait_for(wanted, timeout, f"a message in channel {channel_id}")
        except TimeoutError as exc:
            raise TimeoutError(f"{exc}{self._problems()}") from None
        self._claimed_messages.add(sent.id)
        return sent

    async def wait_for_reply(self, message_id: int, *, timeout: float = 5.0) -> SentMessage:
        """The bot's message that replies to (has a ``message_reference`` to) ``message_id``."""

        def is_reply(sent: SentMessage) -> bool:
            return (sent.message.get("message_reference") or {}).get("message_id") == str(message_id)

        return await self.wait_for_message(timeout=timeout, predicate=is_reply)

    async def wait_for_interaction_response(
        self, interaction_id: int, *, timeout: float = 5.0
    ) -> InteractionCallbackRecord:
        """The accepted initial response (callback) to ``interaction_id``: its ``type`` and ``data``."""
        try:
            return await self.interactions.callbacks.wait_for(
                lambda c: c.interaction_id == interaction_id and c.accepted,
                timeout,
                f"a response to {interaction_id}",
            )
        except TimeoutError as exc:
            raise TimeoutError(f"{exc}{self._problems()}") from None

    async def wait_for_interaction_reply(self, interaction_id: int, *, timeout: float = 5.0) -> SentMessage:
        """The first message the user sees for ``interaction_id``: the type-4 response, the edit that fills
        a deferred response, or the first follow-up."""
        try:
            return await self.messages.sent.wait_for(
                lambda s: s.interaction_id == interaction_id,
                timeout,
                f"a reply to interaction {interaction_id}",
            )
        except TimeoutError as exc:
            raise TimeoutError(f"{exc}{self._problems()}") from None

    async def wait_for_request(
        self, method: str, route: str, *, timeout: float = 5.0, after: float = 0.0
    ) -> RequestRecord:
        """The first REST request to ``method route`` (a route template such as
        ``/applications/{application_id}/commands``, or a literal path) received after ``after``."""

        def matches(record: RequestRecord) -> bool:
            return record.method == method and route in (record.route, record.path) and record.received_at >= after

        return await self.rest.requests.wait_for(matches, timeout, f"{method} {route}")

    async def wait_for_gateway_op(self, op: int, *, after: float = 0.0, timeout: float = 5.0) -> GatewayRecord:
        """The first frame with opcode ``op`` the client sent after monotonic time ``after``
        (e.g. 2 IDENTIFY, 6 RESUME, 8 REQUEST_GUILD_MEMBERS)."""
        return await self.gateway.log.wait_for(
            lambda r: r.direction == "recv" and r.op == op and r.at >= after,
            timeout,
            f"op {op} after {after}",
        )

    # ----------------------------------------------------------------- records

    @property
    def requests(self) -> list[RequestRecord]:
        """Every REST request, in arrival order, with status and (for errors) Discord error code."""
        return self.rest.requests.items

    @property
    def dispatches(self) -> list[DispatchRecord]:
        """Every dispatched event (``origin`` "test" or "echo") with dispatch and delivery times."""
        return self.gateway.dispatches.items

    @property
    def gateway_log(self) -> list[GatewayRecord]:
        """Frames received from clients plus connect/ready/close notes."""
        return self.gateway.log.items

    @property
    def sent_messages(self) -> list[SentMessage]:
        return self.messages.sent.items

    @property
    def message_edits(self) -> list[SentMessage]:
        return self.messages.edits.items

    @property
    def interaction_callbacks(self) -> list[InteractionCallbackRecord]:
        return self.interactions.callbacks.items

    @property
    def errors(self) -> list[RequestRecord]:
        """REST requests answered with a status of 400 or more."""
        return [r for r in self.rest.requests if r.status >= 400]

    @property
    def error_counts(self) -> Counter[tuple[int, int | None]]:
        """How many errors of each ``(HTTP status, Discord code)`` were returned."""
        return Counter((r.status, r.error_code) for r in self.errors)

    def error_count(self, code: int | None = None) -> int:
        """Errors returned in total, or with Discord error ``code`` (e.g. 50035, 40060, 10062)."""
        return sum(1 for r in self.errors if code is None or r.error_code == code)

    @property
    def unknown_routes(self) -> list[str]:
        return list(self.rest.unknown_routes)

    def _problems(self) -> str:
        """A summary of errors and unknown routes, appended to timeout messages."""
        parts = [f"{r.method} {r.path} -> {r.status} {r.error_body}" for r in self.errors[-5:]]
        parts += [f"unknown route {u}" for u in self.rest.unknown_routes[-5:]]
        return ("; recent problems: " + " | ".join(parts)) if parts else ""

    # ---------------------------------------------------------------- controls

    def force_resume(self, *, use_reconnect_op: bool = False) -> float:
        """Make connected clients RESUME (socket closed with 4000, or op 7 RECONNECT when
        ``use_reconnect_op``). Returns the monotonic time, to pass as ``after`` to
        :meth:`wait_for_gateway_op`."""
        at = time.monotonic()
        self.gateway.force_resume(use_reconnect_op=use_reconnect_op)
        return at

    def force_reconnect(self) -> float:
        """Invalidate all sessions with op 9 ``d=false``: clients must IDENTIFY again. Returns the time."""
        at = time.monotonic()
        self.gateway.force_reconnect()
        return at

    def invalidate_sessions(self) -> None:
        """Make later RESUMEs fail (op 9), without touching current connections."""
        self.gateway.invalidate_sessions()

    def shutdown_gateway(self) -> float:
        """Discord goes away: close all gateway sockets (1001) and refuse new ones (HTTP 503) until
        :meth:`restore_gateway`. Sessions stay resumable. Returns the time."""
        at = time.monotonic()
        self.gateway.shutdown()
        return at

    def restore_gateway(self) -> None:
        self.gateway.restore()

"""The Gateway: websocket sessions speaking Discord's protocol (API v10, JSON, zlib-stream).

One :class:`Connection` per websocket, one :class:`Session` per IDENTIFY. A session outlives its
connections so that a client can RESUME it: every dispatch gets the session's next sequence number and
is kept in a bounded backlog, and a RESUME replays what the client missed before ``RESUMED``.

Outgoing frames go through a per-connection queue drained by one writer task, so frames leave in the
order they were produced and the zlib stream (one compressor per connection, each frame ending with the
``Z_SYNC_FLUSH`` suffix ``00 00 ff ff``) stays consistent.

Controls for tests: :meth:`Gateway.force_resume` (close with 4000 or send op 7),
:meth:`Gateway.force_reconnect` (op 9 ``d=false``), :meth:`Gateway.shutdown` / :meth:`Gateway.restore`
(Discord going away and coming back).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from . import errors as err
from .config import PRIVILEGED_INTENTS, ServerConfig
from .records import DispatchRecord, GatewayRecord, Journal
from .state import DiscordState

log = logging.getLogger("fakediscord.gateway")

# Opcodes.
DISPATCH = 0
HEARTBEAT = 1
IDENTIFY = 2
PRESENCE_UPDATE = 3
VOICE_STATE_UPDATE = 4
RESUME = 6
RECONNECT = 7
REQUEST_GUILD_MEMBERS = 8
INVALID_SESSION = 9
HELLO = 10
HEARTBEAT_ACK = 11

# Intents.
GUILDS = 1 << 0
GUILD_MEMBERS = 1 << 1
GUILD_MESSAGES = 1 << 9
GUILD_MESSAGE_REACTIONS = 1 << 10
GUILD_MESSAGE_TYPING = 1 << 11
DIRECT_MESSAGES = 1 << 12
DIRECT_MESSAGE_REACTIONS = 1 << 13
DIRECT_MESSAGE_TYPING = 1 << 14
MESSAGE_CONTENT = 1 << 15
ALL_INTENTS = (1 << 26) - 1

API_VERSION = "10"
#: Close codes with which a client ends its session for good (Discord docs: 1000 and 1001 invalidate).
SESSION_ENDING_CLOSE_CODES = (1000, 1001)


def required_intent(event: str, data: dict[str, Any]) -> int | None:
    """The intent a session needs to receive ``event``; None for events every session gets."""
    in_guild = data.get("guild_id") is not None
    if event.startswith("MESSAGE_REACTION"):
        return GUILD_MESSAGE_REACTIONS if in_guild else DIRECT_MESSAGE_REACTIONS
    if event.startswith("MESSAGE_"):
        return GUILD_MESSAGES if in_guild else DIRECT_MESSAGES
    if event == "TYPING_START":
        return GUILD_MESSAGE_TYPING if in_guild else DIRECT_MESSAGE_TYPING
    if event.startswith("GUILD_MEMBER_") and event != "GUILD_MEMBERS_CHUNK":
        return GUILD_MEMBERS
    if event.startswith(("GUILD_", "CHANNEL_", "THREAD_")) and event != "GUILD_MEMBERS_CHUNK":
        return GUILDS
    return None


# ------------------------------------------------------------------ compression


class _PlainEncoder:
    """No transport compression: text frames."""

    name = "none"

    def encode(self, text: str) -> str | bytes:
        return text


class _ZlibStreamEncoder:
    """``compress=zlib-stream``: one deflate stream per connection, each frame flushed with Z_SYNC_FLUSH."""

    name = "zlib-stream"

    def __init__(self) -> None:
        self._compressor = zlib.compressobj()

    def encode(self, text: str) -> str | bytes:
        data = text.encode()
        return self._compressor.compress(data) + self._compressor.flush(zlib.Z_SYNC_FLUSH)


class _ZstdStreamEncoder:
    """``compress=zstd-stream``: one zstd stream per connection, each frame a flushed block."""

    name = "zstd-stream"

    def __init__(self) -> None:
        try:
            import zstandard  # type: ignore[import-not-found]
        except ImportError:
            from compression import zstd  # type: ignore[import-not-found]  # Python 3.14+

            compressor = zstd.ZstdCompressor()
            self._encode = lambda data: compressor.compress(data, mode=zstd.ZstdCompressor.FLUSH_BLOCK)
        else:
            stream = zstandard.ZstdCompressor().compressobj()
            self._encode = lambda data: stream.compress(data) + stream.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)

    def encode(self, text: str) -> str | bytes:
        return self._encode(text.encode())


def make_encoder(compress: str | None) -> _PlainEncoder | _ZlibStreamEncoder | _ZstdStreamEncoder:
    """The encoder for the ``compress`` query parameter. Without a zstd library, zstd falls back to text
    frames, which every client decodes (discord.py only decompresses binary frames)."""
    if compress == "zlib-stream":
        return _ZlibStreamEncoder()
    if compress == "zstd-stream":
        try:
            return _ZstdStreamEncoder()
        except ImportError:
            log.warning("zstd-stream requested but no zstd library is installed; sending uncompressed frames")
    return _PlainEncoder()


# ------------------------------------------------------------ sessions, sockets

Frame = dict[str, Any]

#: References to fire-and-forget tasks, so they are not garbage-collected while running.
_background: set[asyncio.Task[None]] = set()


@dataclass
class Session:
    """One identified gateway session; survives disconnects until invalidated."""

    session_id: str
    intents: int
    shard: tuple[int, int] | None
    backlog: deque[tuple[Frame, DispatchRecord | None]]
    seq: int = 0
    invalidated: bool = False
    #: True once READY and every GUILD_CREATE have gone out on some connection.
    ready: bool = False
    connection: Connection | None = None
    identified_at: float = field(default_factory=time.monotonic)

    @property
    def shard_id(self) -> int:
        return self.shard[0] if self.shard else 0

    @property
    def shard_count(self) -> int:
        return self.shard[1] if self.shard else 1

    def append(self, event: str, data: dict[str, Any], record: DispatchRecord | None) -> Frame:
        """Number a dispatch, keep it for replay, and return the frame."""
        self.seq += 1
        frame = {"op": DISPATCH, "t": event, "s": self.seq, "d": data}
        self.backlog.append((frame, record))
        return frame


class Connection:
    """One websocket: its encoder, its outgoing queue and the task that drains it."""

    def __init__(self, conn_id: int, ws: web.WebSocketResponse, encoder: Any, path: str, on_sent: Callable) -> None:
        self.conn_id = conn_id
        self.ws = ws
        self.encoder = encoder
        self.path = path
        self.session: Session | None = None
        self.closed_by_server = False
        self._queue: asyncio.Queue[Any] = asyncio.Queue()
        self._on_sent = on_sent
        self._writer = asyncio.create_task(self._write_loop(), name=f"fakediscord-writer-{conn_id}")

    def send(self, frame: Frame, record: DispatchRecord | None = None) -> None:
        """Queue a frame; the writer sends it after everything queued before it."""
        self._queue.put_nowait((frame, record))

    def call_after_sent(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once every frame queued so far has been written."""
        self._queue.put_nowait(callback)

    async def _write_loop(self) -> None:
        while True:
            item = await self._queue.get()
            if callable(item):
                item()
                continue
            frame, record = item
            data = self.encoder.encode(json.dumps(frame, separators=(",", ":"), ensure_ascii=False))
            try:
                if isinstance(data, bytes):
                    await self.ws.send_bytes(data)
                else:
                    await self.ws.send_str(data)
            except Exception:  # the socket went away; the session's backlog still has the frame
                log.debug("connection %s: write failed, writer stops", self.conn_id)
                return
            if record is not None and record.delivered_at is None:
                record.delivered_at = time.monotonic()
            self._on_sent(self, frame)

    def close_soon(self, code: int, message: str = "") -> None:
        """Close from the server side without waiting for the closing handshake."""
        self.closed_by_server = True

        async def _close() -> None:
            with contextlib.suppress(Exception):
                await self.ws.close(code=code, message=message.encode())

        task = asyncio.create_task(_close())
        _background.add(task)
        task.add_done_callback(_background.discard)

    async def stop_writer(self) -> None:
        self._writer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._writer


class Gateway:
    """All sessions and sockets, the aiohttp websocket handler, dispatching and test controls."""

    def __init__(self, state: DiscordState, config: ServerConfig) -> None:
        self.state = state
        self.config = config
        #: Frames received from clients and connection life-cycle notes.
        self.log: Journal[GatewayRecord] = Journal("gateway log")
        #: Every event dispatched (by tests or as the server's echo of the bot's own actions).
        self.dispatches: Journal[DispatchRecord] = Journal("dispatches")
        self.sessions: dict[str, Session] = {}
        self.connections: dict[int, Connection] = {}
        self.accepting = True
        self.url = ""
        self.resume_url = ""
        self.session_start_remaining = 1000
        self._next_conn_id = 1

    # ----------------------------------------------------------------- queries

    def live_sessions(self, guild_id: int | None = None) -> list[Session]:
        """Valid sessions; with ``guild_id``, only those whose shard carries that guild."""
        sessions = [s for s in self.sessions.values() if not s.invalidated]
        if guild_id is None:
            return sessions
        return [s for s in sessions if self.state.shard_of(guild_id, s.shard_count) == s.shard_id]

    def is_ready(self) -> bool:
        """True when every shard the client announced has a connected session that got all its guilds."""
        ready = [s for s in self.live_sessions() if s.ready and s.connection is not None]
        if not ready:
            return False
        count = max(s.shard_count for s in ready)
        return {s.shard_id for s in ready} >= set(range(count))

    # ------------------------------------------------------------- dispatching

    def dispatch(
        self,
        event: str,
        data: dict[str, Any],
        *,
        guild_id: int | None = None,
        origin: str = "test",
        entity_id: int | None = None,
    ) -> DispatchRecord:
        """Send ``event`` to every live session whose shard and intents call for it.

        Disconnected sessions keep it in their backlog for RESUME. The record's ``delivered_at`` is set
        when the first copy is written to a socket.
        """
        record = DispatchRecord(
            event=event, data=data, origin=origin, dispatched_at=time.monotonic(), entity_id=entity_id
        )
        for session in self.live_sessions(guild_id):
            self._dispatch_to(session, event, data, record)
        self.dispatches.append(record)
        return record

    def _dispatch_to(self, session: Session, event: str, data: dict[str, Any], record: DispatchRecord | None) -> None:
        intent = required_intent(event, data)
        if intent is not None and not session.intents & intent:
            return
        frame = session.append(event, self._as_seen_by(session, event, data), record)
        if record is not None:
            record.session_ids.append(session.session_id)
        if session.connection is not None:
            session.connection.send(frame, record)

    def _as_seen_by(self, session: Session, event: str, data: dict[str, Any]) -> dict[str, Any]:
        """Without MESSAGE_CONTENT, guild messages lose their content unless they mention or come from
        the bot (as on Discord)."""
        if session.intents & MESSAGE_CONTENT or event not in ("MESSAGE_CREATE", "MESSAGE_UPDATE"):
            return data
        if data.get("guild_id") is None:
            return data
        bot_id = str(self.state.bot.id)
        if data.get("author", {}).get("id") == bot_id or any(m.get("id") == bot_id for m in data.get("mentions", [])):
            return data
        return {**data, "content": "", "embeds": [], "attachments": [], "components": []}

    # ---------------------------------------------------------------- controls

    def force_resume(self, *, use_reconnect_op: bool = False, code: int = err.CLOSE_UNKNOWN_ERROR) -> int:
        """Make every connected client RESUME: close its socket with a resumable ``code`` (4000 by
        default), or send op 7 RECONNECT when ``use_reconnect_op``. Returns how many sockets were hit."""
        hit = 0
        for conn in list(self.connections.values()):
            if conn.session is None:
                continue
            hit += 1
            if use_reconnect_op:
                conn.send({"op": RECONNECT, "d": None, "s": None, "t": None})
            else:
                conn.close_soon(code, "fakediscord: forced resume")
        return hit

    def force_reconnect(self) -> int:
        """Invalidate every session and send op 9 ``d=false``: clients must IDENTIFY afresh."""
        hit = 0
        for conn in list(self.connections.values()):
            if conn.session is not None:
                hit += 1
                conn.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
        self.invalidate_sessions()
        return hit

    def invalidate_sessions(self) -> None:
        """End every session, so that later RESUMEs are refused with op 9."""
        for session in self.sessions.values():
            session.invalidated = True

    def shutdown(self, *, code: int = 1001) -> None:
        """Discord goes away: close every socket (resumable ``code``) and refuse new ones with HTTP 503."""
        self.accepting = False
        for conn in list(self.connections.values()):
            conn.close_soon(code, "fakediscord: gateway shut down")

    def restore(self) -> None:
        """Accept websocket connections again after :meth:`shutdown`."""
        self.accepting = True

    async def close_all(self) -> None:
        """Stop for good (server shutdown)."""
        self.accepting = False
        for conn in list(self.connections.values()):
            conn.closed_by_server = True
            with contextlib.suppress(Exception):
                await asyncio.wait_for(conn.ws.close(code=1001, message=b"server stopping"), 1.0)
            await conn.stop_writer()

    # ------------------------------------------------------------ the handler

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """aiohttp handler for the gateway websocket (both the initial and the resume URL)."""
        if not self.accepting:
            return web.Response(status=503, text="gateway unavailable")
        ws = web.WebSocketResponse(max_msg_size=0, autoping=True)
        await ws.prepare(request)
        conn = Connection(
            self._next_conn_id, ws, make_encoder(request.query.get("compress")), request.path, self._on_sent
        )
        self._next_conn_id += 1
        self.connections[conn.conn_id] = conn
        self.log.append(GatewayRecord("connect", None, conn.conn_id, time.monotonic(), data=dict(request.query)))
        try:
            if request.query.get("v", API_VERSION) != API_VERSION:
                conn.close_soon(err.CLOSE_INVALID_API_VERSION, "Invalid API version")
            elif request.query.get("encoding", "json") != "json":
                conn.close_soon(err.CLOSE_DECODE_ERROR, "Only JSON encoding is supported")
            else:
                conn.send(
                    {
                        "op": HELLO,
                        "d": {"heartbeat_interval": self.config.heartbeat_interval_ms},
                        "s": None,
                        "t": None,
                    }
                )
                await self._read_loop(conn)
        finally:
            await self._on_closed(conn)
        return ws

    async def _read_loop(self, conn: Connection) -> None:
        async for message in conn.ws:
            if message.type is not WSMsgType.TEXT:
                if message.type is WSMsgType.BINARY:
                    conn.close_soon(err.CLOSE_DECODE_ERROR, "Decode error")
                continue
            try:
                payload = json.loads(message.data)
                op = payload["op"]
            except (ValueError, KeyError, TypeError):
                conn.close_soon(err.CLOSE_DECODE_ERROR, "Decode error")
                continue
            self.log.append(
                GatewayRecord(
                    "recv",
                    op,
                    conn.conn_id,
                    time.monotonic(),
                    session_id=conn.session.session_id if conn.session else None,
                    shard=conn.session.shard if conn.session else None,
                    data=_redact(payload.get("d")),
                )
            )
            self._handle_op(conn, op, payload.get("d"))

    def _handle_op(self, conn: Connection, op: int, data: Any) -> None:
        if op == HEARTBEAT:
            conn.send({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op in (IDENTIFY, RESUME) and conn.session is not None:
            conn.close_soon(err.CLOSE_ALREADY_AUTHENTICATED, "Already authenticated")
        elif op == IDENTIFY:
            self._identify(conn, data or {})
        elif op == RESUME:
            self._resume(conn, data or {})
        elif conn.session is None:
            conn.close_soon(err.CLOSE_NOT_AUTHENTICATED, "Not authenticated")
        elif op == REQUEST_GUILD_MEMBERS:
            self._request_members(conn.session, data or {})
        elif op in (PRESENCE_UPDATE, VOICE_STATE_UPDATE):
            pass  # recorded in the log; nothing to answer
        else:
            conn.close_soon(err.CLOSE_UNKNOWN_OPCODE, "Unknown opcode")

    def _identify(self, conn: Connection, data: dict[str, Any]) -> None:
        if data.get("token") != self.config.token:
            conn.close_soon(err.CLOSE_AUTHENTICATION_FAILED, "Authentication failed.")
            return
        intents = data.get("intents")
        if not isinstance(intents, int) or intents & ~ALL_INTENTS:
            conn.close_soon(err.CLOSE_INVALID_INTENTS, "Invalid intent(s).")
            return
        if intents & PRIVILEGED_INTENTS & ~self.config.privileged_intents:
            conn.close_soon(err.CLOSE_DISALLOWED_INTENTS, "Disallowed intent(s).")
            return
        shard = data.get("shard")
        if shard is not None:
            if not (isinstance(shard, list) and len(shard) == 2 and 0 <= shard[0] < shard[1]):
                conn.close_soon(err.CLOSE_INVALID_SHARD, "Invalid shard.")
                return
            shard = (int(shard[0]), int(shard[1]))
        self.session_start_remaining = max(0, self.session_start_remaining - 1)
        session = Session(
            session_id=uuid.uuid4().hex,
            intents=intents,
            shard=shard,
            backlog=deque(maxlen=self.config.backlog_size),
        )
        self.sessions[session.session_id] = session
        self._attach(conn, session)
        guild_ids = [
            guild_id
            for guild_id in self.state.guilds
            if self.state.shard_of(guild_id, session.shard_count) == session.shard_id
        ]
        ready = {
            "v": int(API_VERSION),
            "user": self.state.self_user_payload(),
            "guilds": [{"id": str(guild_id), "unavailable": True} for guild_id in guild_ids],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_url,
            "application": {"id": str(self.state.application_id), "flags": self.state.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "user_settings": {},
            "auth": {},
            "geo_ordered_rtc_regions": [],
            "_trace": ["fakediscord"],
        }
        if shard is not None:
            ready["shard"] = list(shard)
        self._dispatch_to(session, "READY", ready, None)
        for guild_id in guild_ids:
            payload = self.state.guild_create_payload(guild_id, include_members=bool(intents & GUILD_MEMBERS))
            self._dispatch_to(session, "GUILD_CREATE", payload, None)
        conn.call_after_sent(lambda: self._mark_ready(conn, session))

    def _mark_ready(self, conn: Connection, session: Session) -> None:
        session.ready = True
        self.log.append(GatewayRecord("ready", None, conn.conn_id, time.monotonic(), session.session_id, session.shard))

    def _resume(self, conn: Connection, data: dict[str, Any]) -> None:
        if data.get("token") != self.config.token:
            conn.close_soon(err.CLOSE_AUTHENTICATION_FAILED, "Authentication failed.")
            return
        session = self.sessions.get(str(data.get("session_id")))
        seq = data.get("seq") or 0
        if session is None or session.invalidated:
            conn.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        if seq > session.seq:
            conn.close_soon(err.CLOSE_INVALID_SEQ, "Invalid seq")
            return
        missed = [(frame, record) for frame, record in session.backlog if frame["s"] > seq]
        if session.seq > seq and (not missed or missed[0][0]["s"] != seq + 1):
            # Part of what the client missed fell out of the backlog: it cannot resume.
            session.invalidated = True
            conn.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        self._attach(conn, session)
        for frame, record in missed:
            conn.send(frame, record)
        self._dispatch_to(session, "RESUMED", {"_trace": ["fakediscord"]}, None)
        conn.call_after_sent(lambda: self._mark_ready(conn, session))

    def _attach(self, conn: Connection, session: Session) -> None:
        previous = session.connection
        if previous is not None and previous is not conn:
            previous.session = None
            previous.close_soon(err.CLOSE_UNKNOWN_ERROR, "Session resumed elsewhere")
        session.connection = conn
        session.ready = False
        conn.session = session

    def _request_members(self, session: Session, data: dict[str, Any]) -> None:
        guild = self.state.guilds.get(int(data.get("guild_id") or 0))
        if guild is None:
            return
        query = (data.get("query") or "").lower()
        wanted = {int(u) for u in data.get("user_ids") or []}
        members = [
            self.state.member_payload(guild.id, user_id)
            for user_id in guild.members
            if (not wanted or user_id in wanted) and self.state.users[user_id].username.lower().startswith(query)
        ]
        limit = data.get("limit") or 0
        chunk: dict[str, Any] = {
            "guild_id": str(guild.id),
            "members": members[:limit] if limit else members,
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        self._dispatch_to(session, "GUILD_MEMBERS_CHUNK", chunk, None)

    def _on_sent(self, conn: Connection, frame: Frame) -> None:
        self.log.append(
            GatewayRecord(
                "sent",
                frame["op"],
                conn.conn_id,
                time.monotonic(),
                session_id=conn.session.session_id if conn.session else None,
                event=frame.get("t"),
            )
        )
        self.dispatches.poke()

    async def _on_closed(self, conn: Connection) -> None:
        self.connections.pop(conn.conn_id, None)
        code = conn.ws.close_code
        session = conn.session
        if session is not None and session.connection is conn:
            session.connection = None
            session.ready = False
            if not conn.closed_by_server and code in SESSION_ENDING_CLOSE_CODES:
                session.invalidated = True
        await conn.stop_writer()
        self.log.append(
            GatewayRecord(
                "close",
                None,
                conn.conn_id,
                time.monotonic(),
                session_id=session.session_id if session else None,
                close_code=code,
                data={"by_server": conn.closed_by_server},
            )
        )


def _redact(data: Any) -> Any:
    """Keep tokens out of the log."""
    if isinstance(data, dict) and "token" in data:
        return {**data, "token": "<redacted>"}
    return data

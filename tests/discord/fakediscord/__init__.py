"""fakediscord: a local Discord (REST API v10 + Gateway) for testing discord.py bots unmodified.

Modules:

* :mod:`.server` – :class:`FakeDiscord`, the test-facing API (start/stop, fixtures, dispatch, waits,
  records, controls)
* :mod:`.gateway` – websocket sessions: HELLO, heartbeats, IDENTIFY/READY, RESUME replay, zlib-stream,
  sharding
* :mod:`.rest` – the REST routes, authorization, request log, Discord-style errors for unknown routes
* :mod:`.interactions` – INTERACTION_CREATE payloads, response rules (40060, 10062), follow-up webhooks
* :mod:`.messages` – the bot's messages: validation, storage, recording, gateway echo
* :mod:`.limits` – Discord's size limits (50035 Invalid Form Body)
* :mod:`.state` – users, guilds, channels, messages, commands and their JSON shapes
* :mod:`.records` – journals of what happened, with monotonic timestamps, and waiting on them
* :mod:`.errors`, :mod:`.snowflakes`, :mod:`.config` – error codes, ids/timestamps, settings
"""

from .config import ServerConfig
from .errors import DiscordAPIError
from .records import DispatchRecord, GatewayRecord, InteractionCallbackRecord, RequestRecord, SentMessage
from .server import FakeDiscord
from .state import Guild

__all__ = [
    "DiscordAPIError",
    "DispatchRecord",
    "FakeDiscord",
    "GatewayRecord",
    "Guild",
    "InteractionCallbackRecord",
    "RequestRecord",
    "SentMessage",
    "ServerConfig",
]

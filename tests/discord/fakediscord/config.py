"""Settings of a fake Discord server. Defaults mirror Discord; tests may shorten the time limits."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Discord's limit on creating messages in one channel: 5 per 5 s.
DISCORD_MESSAGE_RATE: tuple[int, float] = (5, 5.0)
MESSAGE_ROUTE = "POST /channels/{channel_id}/messages"

#: Privileged intents: GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT.
PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15)


@dataclass
class ServerConfig:
    """Everything a test may tune. All durations are seconds unless the name says otherwise."""

    #: The bot token the server accepts, in REST ``Authorization: Bot <token>`` and gateway IDENTIFY/RESUME.
    token: str = "MTAwMDAwMDAwMDAwMDAwMDA.fakediscord.token-for-tests-only"
    bot_name: str = "factbot"
    host: str = "127.0.0.1"
    #: 0 picks a free port.
    port: int = 0
    #: Sent in HELLO. Discord uses 41250; the server does not enforce it.
    heartbeat_interval_ms: int = 41_250
    #: ``shards`` in GET /gateway/bot.
    recommended_shards: int = 1
    #: Privileged intents "enabled in the developer portal"; asking for others closes the socket with 4014.
    privileged_intents: int = PRIVILEGED_INTENTS
    #: Window for the initial interaction response (Discord: 3 s); later callbacks get 10062.
    interaction_ack_timeout: float = 3.0
    #: How long an interaction token accepts follow-ups and edits (Discord: 15 min).
    followup_ttl: float = 15 * 60.0
    #: Send MESSAGE_CREATE/UPDATE/DELETE for the bot's own messages, as Discord does.
    echo_bot_messages: bool = True
    #: Dispatched events kept per session for RESUME replay.
    backlog_size: int = 1000
    #: Per-route rate limits, ``"METHOD /path"`` (the template, as in rest.py) -> (requests, seconds), counted
    #: per channel, guild or webhook (see ratelimits.py). Discord allows 5 messages per 5 s in a channel
    #: (``DISCORD_MESSAGE_RATE``); the default is looser so a module of tests in one channel does not wait.
    rate_limits: dict[str, tuple[int, float]] = field(default_factory=lambda: {MESSAGE_ROUTE: (50, 1.0)})
    #: The limit of every other route; None for no limit (and no rate-limit headers).
    default_rate_limit: tuple[int, float] | None = (50, 1.0)

"""Discord's per-route rate limits: ``X-RateLimit-*`` headers on every answer, ``429`` past the limit.

Discord puts each route in a bucket (named by ``X-RateLimit-Bucket``) that is counted separately per
major parameter (the channel, guild or webhook in the path) and tells the client, on every response,
how many requests are left and when the window resets. A client that reads the headers, as discord.py
does, waits on its own and never sees a 429; one that ignores them gets
``429 {"message": "You are being rate limited.", "retry_after": ..., "global": false}``.
Without the headers discord.py assumes a limit of one and sends one request per bucket at a time,
so a fake that leaves them out makes a bot look slower than it is on Discord.

Discord does not publish its per-route numbers (clients must read the headers); the one that matters
to a bot, creating messages in a channel, is 5 per 5 s. See ``ServerConfig.rate_limits``.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass
from typing import Final

#: Path parameters that make a separate bucket per value, as Discord's major parameters do.
MAJOR_PARAMETERS: Final = ("channel_id", "guild_id", "webhook_id", "interaction_id")


@dataclass
class _Window:
    limit: int
    seconds: float
    used: int
    resets_at: float  # monotonic


@dataclass(frozen=True)
class Verdict:
    """The outcome of one request against its bucket: headers to send and, when over, how long to wait."""

    headers: dict[str, str]
    retry_after: float | None


class RateLimiter:
    """Fixed windows per ``(route, major parameter)``: ``limits`` per route template, else ``default``."""

    def __init__(self, limits: dict[str, tuple[int, float]], default: tuple[int, float] | None) -> None:
        self.limits = dict(limits)
        self.default = default
        self._windows: dict[tuple[str, str], _Window] = {}

    def take(self, route: str, major: str, now: float | None = None) -> Verdict:
        """Count one request to ``route`` (e.g. ``"POST /channels/{channel_id}/messages"``) for ``major``."""
        rule = self.limits.get(route, self.default)
        if rule is None:
            return Verdict({}, None)
        now = time.monotonic() if now is None else now
        limit, seconds = rule
        window = self._windows.get((route, major))
        if window is None or now >= window.resets_at:
            window = self._windows[(route, major)] = _Window(limit, seconds, 0, now + seconds)
        reset_after = max(window.resets_at - now, 0.0)
        over = window.used >= window.limit
        if not over:
            window.used += 1
        headers = {
            "X-RateLimit-Bucket": _bucket_hash(route),
            "X-RateLimit-Limit": str(window.limit),
            "X-RateLimit-Remaining": str(window.limit - window.used),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
        }
        if not over:
            return Verdict(headers, None)
        headers |= {"Retry-After": str(math.ceil(reset_after)), "X-RateLimit-Scope": "user"}
        return Verdict(headers, round(reset_after, 3))


def _bucket_hash(route: str) -> str:
    """An opaque, stable bucket id per route, like Discord's."""
    return hashlib.sha1(route.encode()).hexdigest()[:16]


def major_parameter(match_info: dict[str, str]) -> str:
    """The part of a request's path that separates its buckets ("" for routes without one)."""
    return ":".join(match_info[name] for name in MAJOR_PARAMETERS if name in match_info)


def rate_limited_body(retry_after: float) -> dict[str, object]:
    """Discord's 429 body for a per-route (not global) limit."""
    return {"message": "You are being rate limited.", "retry_after": retry_after, "global": False, "code": 0}

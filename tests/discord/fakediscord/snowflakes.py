"""Snowflake ids and ISO-8601 timestamps, shaped like Discord's."""

from __future__ import annotations

import datetime as dt
import itertools
import time

#: Discord's epoch (2015-01-01T00:00:00Z) in milliseconds since the Unix epoch.
DISCORD_EPOCH_MS = 1_420_070_400_000


class SnowflakeFactory:
    """Hands out strictly increasing snowflakes.

    A snowflake is ``(ms since the Discord epoch) << 22 | worker << 17 | process << 12 | increment``.
    Ids are unique per factory and always increase, so their order is creation order, as on Discord.
    """

    def __init__(self, worker: int = 1, process: int = 1) -> None:
        self._low_bits = ((worker & 0x1F) << 17) | ((process & 0x1F) << 12)
        self._increment = itertools.count()
        self._last = 0

    def next(self) -> int:
        """Return a new snowflake for the current time."""
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        candidate = (ms << 22) | self._low_bits | (next(self._increment) & 0xFFF)
        self._last = max(candidate, self._last + 1)
        return self._last


def snowflake_time(snowflake: int) -> dt.datetime:
    """The creation time encoded in a snowflake."""
    ms = (snowflake >> 22) + DISCORD_EPOCH_MS
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)


def iso_now() -> str:
    """The current time as Discord writes timestamps, e.g. ``2024-05-01T12:00:00.123000+00:00``."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")

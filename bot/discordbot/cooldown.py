"""A per-user cooldown: at most ``rate`` questions in any ``per``-second window. No Discord import."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    #: Seconds until the user may ask again (0 when allowed).
    retry_after: float = 0.0
    #: True for the first refusal in a window, so the bot tells the user once rather than on every message.
    notify: bool = False


class Cooldown:
    """A sliding-window limiter keyed by user id, with an injectable clock for tests."""

    def __init__(self, rate: int, per: float, clock: Callable[[], float] = time.monotonic) -> None:
        if rate < 1 or per <= 0:
            raise ValueError("rate must be ≥ 1 and per > 0")
        self.rate = rate
        self.per = per
        self._clock = clock
        self._asked: dict[int, deque[float]] = {}
        self._notified: dict[int, float] = {}
        self._next_sweep = clock() + per

    def hit(self, user_id: int) -> Verdict:
        """Count one question from ``user_id`` if the window allows it."""
        now = self._clock()
        if now >= self._next_sweep:
            self._sweep(now)
        times = self._asked.setdefault(user_id, deque())
        while times and times[0] <= now - self.per:
            times.popleft()
        if len(times) < self.rate:
            times.append(now)
            self._notified.pop(user_id, None)
            return Verdict(True)
        retry_after = times[0] + self.per - now
        first_refusal = self._notified.get(user_id) != times[0]
        self._notified[user_id] = times[0]
        return Verdict(False, retry_after, notify=first_refusal)

    def _sweep(self, now: float) -> None:
        # Forget users whose window has passed, so memory follows active users only.
        stale = [user for user, times in self._asked.items() if not times or times[-1] <= now - self.per]
        for user in stale:
            del self._asked[user]
            self._notified.pop(user, None)
        self._next_sweep = now + self.per

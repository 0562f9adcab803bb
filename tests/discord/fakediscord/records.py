"""What the server observed: append-only journals of records, and waiting on them.

All timestamps are ``time.monotonic()`` seconds, the same clock a benchmark in the same process reads,
so ``reply.received_at - event.dispatched_at`` is the bot's event-to-reply latency.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Journal(Generic[T]):
    """An append-only list that coroutines can wait on.

    :meth:`wait_for` first scans what is already recorded, then sleeps until new items arrive.
    Every append wakes the waiters, so predicates may also look at state outside the journal.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: list[T] = []
        self._changed = asyncio.Event()

    def append(self, item: T) -> T:
        self._items.append(item)
        self.poke()
        return item

    def poke(self) -> None:
        """Wake the waiters without appending (for conditions that depend on other state)."""
        self._changed.set()
        self._changed = asyncio.Event()

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: int) -> T:
        return self._items[index]

    @property
    def items(self) -> list[T]:
        return list(self._items)

    async def wait_for(self, predicate: Callable[[T], bool], timeout: float, describe: str = "") -> T:
        """Return the first item, old or new, for which ``predicate`` is true.

        Raises :class:`TimeoutError` naming ``describe`` when nothing matches within ``timeout`` seconds.
        """
        found = await self.wait_until(lambda: next((i for i in self._items if predicate(i)), None), timeout)
        if found is None:
            raise TimeoutError(f"{self.name}: nothing matched {describe or predicate!r} within {timeout}s")
        return found

    async def wait_until(self, probe: Callable[[], Any], timeout: float) -> Any:
        """Wait until ``probe()`` returns something truthy (re-checked on each change); None on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            result = probe()
            if result:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            changed = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), timeout=min(remaining, 0.25))


@dataclass
class RequestRecord:
    """One REST request and the answer the server gave."""

    method: str
    path: str
    #: The matched route template, e.g. ``/channels/{channel_id}/messages``; None for unknown routes.
    route: str | None
    query: dict[str, str]
    #: The decoded JSON body (for multipart, the ``payload_json`` part), or None.
    body: Any
    #: File names of multipart attachments.
    files: list[str]
    received_at: float
    status: int = 0
    #: Discord JSON error code of an error answer, None on success.
    error_code: int | None = None
    error_body: dict[str, Any] | None = None
    responded_at: float = 0.0

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass
class DispatchRecord:
    """One gateway event (op 0) the server dispatched."""

    event: str
    data: dict[str, Any]
    #: ``"test"`` for events a test dispatched, ``"echo"`` for the server's own (e.g. the bot's messages).
    origin: str
    dispatched_at: float
    #: Id of the message or interaction the event is about, when there is one.
    entity_id: int | None = None
    #: Session ids the event was queued for.
    session_ids: list[str] = field(default_factory=list)
    #: Monotonic time the first copy went out over a socket; None while only buffered.
    delivered_at: float | None = None


@dataclass
class GatewayRecord:
    """A gateway frame received from the client (``direction="recv"``), or a connection life-cycle note."""

    direction: str  # "recv", "sent", "connect", "close", "ready"
    op: int | None
    conn_id: int
    at: float
    session_id: str | None = None
    shard: tuple[int, int] | None = None
    data: Any = None
    event: str | None = None
    close_code: int | None = None


@dataclass
class SentMessage:
    """A message the bot created (channel send, interaction response or follow-up)."""

    id: int
    channel_id: int
    #: The JSON the bot sent.
    payload: dict[str, Any]
    #: The full Discord message object the server stored and returned.
    message: dict[str, Any]
    #: ``"channel"``, ``"interaction_response"``, ``"deferred_response"`` or ``"followup"``.
    source: str
    created_at: float
    interaction_id: int | None = None

    @property
    def content(self) -> str:
        return self.message.get("content", "")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return self.message.get("embeds", [])

    @property
    def components(self) -> list[dict[str, Any]]:
        return self.message.get("components", [])

    @property
    def ephemeral(self) -> bool:
        return bool(self.message.get("flags", 0) & 64)


@dataclass
class InteractionCallbackRecord:
    """One POST to ``/interactions/{id}/{token}/callback``, accepted or not."""

    interaction_id: int
    type: int | None
    data: dict[str, Any] | None
    received_at: float
    accepted: bool
    error_code: int | None = None

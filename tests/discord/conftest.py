"""Fixtures for tests that run discord.py against the local fake Discord (``fakediscord``).

* ``fake_discord`` – a started :class:`fakediscord.FakeDiscord` on an ephemeral port; discord.py is
  not touched.
* ``fake_discord_patched`` – the same server with discord.py pointed at it (``Route.BASE`` and the default
  gateway URL), restored afterwards.
* ``start_client`` – ``await start_client(client)`` logs a discord.py client in, connects it in a task and
  waits for its ``on_ready`` (discord.py fires it ``guild_ready_timeout`` seconds after the last
  GUILD_CREATE); the client is closed after the test.

No ``__init__.py`` here or in ``tests/``: with one, pytest would import this directory as the package
``discord`` and shadow discord.py. ``fakediscord`` is importable because pytest puts this directory on
``sys.path`` (rootdir-relative "prepend" import mode).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

import discord
import pytest
from fakediscord import FakeDiscord


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as server:
        yield server


@pytest.fixture
async def fake_discord_patched(fake_discord: FakeDiscord) -> AsyncIterator[FakeDiscord]:
    with fake_discord.patch_discord():
        yield fake_discord


StartClient = Callable[..., Awaitable[asyncio.Task[None]]]


@pytest.fixture
async def start_client(fake_discord_patched: FakeDiscord) -> AsyncIterator[StartClient]:
    started: list[tuple[discord.Client, asyncio.Task[None]]] = []

    async def start(client: discord.Client, *, token: str | None = None, timeout: float = 10.0) -> asyncio.Task[None]:
        await client.login(token or fake_discord_patched.token)
        ready = asyncio.ensure_future(client.wait_for("ready", timeout=timeout))
        task = asyncio.create_task(client.connect(), name="discord-client")
        started.append((client, task))
        await fake_discord_patched.wait_until_ready(timeout)
        await ready
        return task

    yield start

    for client, task in started:
        await client.close()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.wait_for(task, 5)

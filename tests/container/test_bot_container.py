"""The bot in its container against the local fake Discord server (issue 4).

`factbot run` (the image's default command) runs with ``--network host`` so that it reaches the fake
server on the host's loopback, with the token mounted as a secret file as in compose.yaml. It connects,
answers a mention with a citation, passes its HEALTHCHECK while connected, and `podman stop` ends it
within 10 s with status 0. Started again, it reconnects, and once the fake Discord goes away the
health check fails within FACTBOT_HEALTH_MAX_AGE (plus one heartbeat interval); `podman stop` still
ends it cleanly.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from container_helpers import REPORT, ROOT, podman, tail

from bot.health import HEARTBEAT_INTERVAL

QUESTION = "When did Vietnam and South Korea upgrade to a comprehensive strategic partnership?"
#: Longer than the bot's heartbeat interval, so a check between two beats still passes.
HEALTH_MAX_AGE = HEARTBEAT_INTERVAL + 5
STOP_TIMEOUT = 10


def _fakediscord() -> Any:
    """The fake Discord server package from tests/discord/ (not a package of its own on sys.path)."""
    folder = str(ROOT / "tests" / "discord")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module("fakediscord")


async def apodman(*args: str, check: bool = True, timeout: float = 120) -> Any:
    return await asyncio.to_thread(podman, *args, check=check, timeout=timeout)


@pytest.fixture
def token_file() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="factbot-secret-"))
    folder.chmod(0o755)  # the container's user (uid 10001) must reach the file, as with compose secrets
    try:
        yield folder / "discord_token"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Container:
    """One `podman run -d` of the image with its default command."""

    def __init__(self, image: str, name: str) -> None:
        self.image = image
        self.name = name

    async def run(self, *options: str) -> None:
        await apodman("run", "--detach", "--name", self.name, *options, self.image)

    async def logs(self) -> str:
        result = await apodman("logs", self.name, check=False)
        return tail(result.stdout + result.stderr, 40)

    async def state(self) -> dict[str, Any]:
        out = (await apodman("inspect", "--format", "{{json .State}}", self.name)).stdout
        state: dict[str, Any] = json.loads(out)
        return state

    async def healthy(self) -> bool:
        """Run the image's HEALTHCHECK (`factbot health`) once."""
        result = await apodman("healthcheck", "run", self.name, check=False, timeout=30)
        return result.returncode == 0

    async def wait_health(self, wanted: bool, timeout: float) -> float:
        """Poll the health check until it reports ``wanted``; returns how long that took."""
        start = time.monotonic()
        while await self.healthy() != wanted:
            if time.monotonic() - start > timeout:
                state = "healthy" if not wanted else "unhealthy"
                pytest.fail(f"still {state} after {timeout:.0f}s; logs:\n{await self.logs()}")
            await asyncio.sleep(1)
        return time.monotonic() - start

    async def stop(self) -> float:
        """`podman stop -t 10`; returns the seconds it took, having checked exit status 0."""
        start = time.monotonic()
        await apodman("stop", "--time", str(STOP_TIMEOUT), self.name, timeout=60)
        took = time.monotonic() - start
        state = await self.state()
        assert state["Status"] == "exited", state
        assert took < STOP_TIMEOUT, f"podman stop took {took:.1f}s; logs:\n{await self.logs()}"
        assert state["ExitCode"] == 0, f"exit status {state['ExitCode']}; logs:\n{await self.logs()}"
        return took

    async def remove(self) -> None:
        await apodman("rm", "--force", "--volumes", self.name, check=False)


async def test_bot_in_the_container_answers_is_healthy_and_stops_cleanly(image: str, token_file: Path) -> None:
    fakediscord = _fakediscord()
    container = Container(image, f"factbot-test-{os.getpid()}")
    await container.remove()
    async with fakediscord.FakeDiscord() as server:
        guild = await server.create_guild("Container Guild")
        channel = guild.channel_ids[0]
        token_file.write_text(server.token, encoding="utf-8")
        token_file.chmod(0o644)
        try:
            started = time.monotonic()
            await container.run(
                "--network", "host",
                "--volume", f"{token_file}:/run/secrets/discord_token:ro",
                "--env", "DISCORD_TOKEN_FILE=/run/secrets/discord_token",
                "--env", f"FACTBOT_DISCORD_API_BASE={server.api_base}",
                "--env", f"FACTBOT_HEALTH_MAX_AGE={HEALTH_MAX_AGE:g}",
            )  # fmt: skip
            try:
                await server.wait_until_ready(timeout=60)
            except TimeoutError as error:
                pytest.fail(f"{error}; container logs:\n{await container.logs()}")
            await container.wait_health(True, timeout=30)
            REPORT["bot: container start to healthy"] = f"{time.monotonic() - started:.1f} s"

            # A mention is answered, with its citation.
            asked = await server.dispatch_message(channel, f"{server.mention(server.bot_user_id)} {QUESTION}")
            try:
                reply = await server.wait_for_message(channel, timeout=15)
            except TimeoutError as error:
                pytest.fail(f"{error}; container logs:\n{await container.logs()}")
            shown = json.dumps(reply.payload, ensure_ascii=False)
            assert "2022" in shown, shown
            assert "http" in shown, f"no citation in the reply: {shown}"
            assert (reply.message.get("message_reference") or {}).get("message_id") in {None, str(asked)}
            assert await container.healthy()

            # SIGTERM while connected: the bot closes the gateway itself and exits 0 within 10 s.
            REPORT["bot: podman stop (connected)"] = f"{await container.stop():.1f} s"
            closed = await server.gateway.log.wait_for(
                lambda r: r.direction == "close" and not (r.data or {}).get("by_server"),
                5,
                "the bot closing its gateway connection",
            )
            assert closed.close_code == 1000, f"closed with {closed.close_code}"

            # Started again (same container, same /data volume) it reconnects and is healthy ...
            since = time.monotonic()
            await apodman("start", container.name)
            try:
                await server.wait_for_gateway_op(2, after=since, timeout=60)  # IDENTIFY
                await server.wait_until_ready(timeout=30)
            except TimeoutError as error:
                pytest.fail(f"{error}; container logs:\n{await container.logs()}")
            await container.wait_health(True, timeout=30)

            # ... until Discord goes away: then the health check fails once the heartbeat is stale.
            server.shutdown_gateway()
            took = await container.wait_health(False, timeout=HEALTH_MAX_AGE + HEARTBEAT_INTERVAL + 15)
            REPORT["bot: gateway gone to unhealthy"] = f"{took:.1f} s"

            # Still stops cleanly while it is trying to reconnect.
            REPORT["bot: podman stop (disconnected)"] = f"{await container.stop():.1f} s"
        finally:
            await container.remove()

"""Run the bot as users do — the `factbot run` console script in a subprocess — against a FakeDiscord.

Shared by the end-to-end tests (test_e2e.py) and the burst benchmark (bench_burst.py).
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

from fakediscord import FakeDiscord

ROOT = Path(__file__).resolve().parents[2]
FACTBOT = ROOT / ".venv" / "bin" / "factbot"


class BotProcess:
    """One `factbot run` process; its stdout and stderr go to ``<workdir>/bot.log``."""

    def __init__(
        self, server: FakeDiscord, workdir: Path, *, program: list[str] | None = None, **settings: str
    ) -> None:
        """``program`` replaces `factbot` (the benchmark's bare bot); it is run with the same arguments."""
        self.server = server
        self.program = program or [str(FACTBOT)]
        self.workdir = workdir
        self.data_dir = workdir / "data"
        self.log_path = workdir / "bot.log"
        # Only what a user would set: no inherited DISCORD_/FACTBOT_ values, no .env (cwd is the workdir).
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "FACTBOT_"))}
        self.env = env | {
            "DISCORD_TOKEN": server.token,
            "FACTBOT_DISCORD_API_BASE": server.api_base,
            "FACTBOT_DATA_DIR": str(self.data_dir),
            "PYTHONUNBUFFERED": "1",
            **settings,
        }
        self.process: asyncio.subprocess.Process | None = None

    @property
    def heartbeat(self) -> Path:
        return self.data_dir / "heartbeat"

    async def spawn(self, command: str = "run") -> asyncio.subprocess.Process:
        """Start `factbot <command>` without waiting for anything."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                *self.program, command, cwd=self.workdir, env=self.env, stdout=log, stderr=log
            )
        return self.process

    async def start(self, timeout: float = 30.0, *, all_shards: bool = True) -> None:
        """Spawn `factbot run` and wait until the bot is ready (its heartbeat file appears).

        With ``all_shards`` also wait until the server sees every shard ready; a process that runs only
        some of the shards passes False and the test waits once all processes are started.
        """
        process = await self.spawn()
        deadline = time.monotonic() + timeout
        while not self.heartbeat.exists():
            if process.returncode is not None:
                raise RuntimeError(f"factbot run exited with {process.returncode}:\n{self.log()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"factbot run not ready within {timeout}s:\n{self.log()}")
            await asyncio.sleep(0.05)
        if all_shards:
            await self.server.wait_until_ready(timeout)

    async def wait(self, timeout: float = 30.0) -> int:
        """Wait for the process to exit on its own; its exit code."""
        assert self.process is not None
        return await asyncio.wait_for(self.process.wait(), timeout)

    async def stop(self, signum: int = signal.SIGTERM, timeout: float = 10.0) -> int:
        """Send ``signum`` and wait for the exit code (kill after ``timeout``)."""
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signum)
            try:
                await asyncio.wait_for(self.process.wait(), timeout)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
                raise
        assert self.process.returncode is not None
        return self.process.returncode

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

"""`factbot run / sync / config / health` as users run them: exit codes, one-line errors, no token leaks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web

from bot.health import write_heartbeat

ROOT = Path(__file__).resolve().parents[2]
FACTBOT = ROOT / ".venv" / "bin" / "factbot"
TOKEN = "MTIzNDU2.rejected.token-value"


def factbot(*args: str, cwd: Path, timeout: float = 30, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "FACTBOT_"))}
    return subprocess.run(
        [str(FACTBOT), *args],
        cwd=cwd,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_discord_is_not_imported_by_the_cli_or_settings() -> None:
    code = "import sys, bot.cli, bot.cli_discord, bot.settings, bot.health; print('discord' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_run_without_token_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    result = factbot("run", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "factbot: no token: set DISCORD_TOKEN, or DISCORD_TOKEN_FILE to a file that holds the token"
    ]


def test_run_with_empty_token_file_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "token").write_text("")
    result = factbot("run", cwd=tmp_path, DISCORD_TOKEN_FILE=str(tmp_path / "token"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "empty" in result.stderr


@pytest.fixture
def rejecting_api() -> Iterator[str]:
    """A local REST API that answers every request 401, as Discord does for a bad token."""
    import asyncio
    import threading

    loop = asyncio.new_event_loop()
    started = threading.Event()
    holder: dict[str, object] = {}

    async def unauthorized(request: web.Request) -> web.Response:
        return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)

    async def serve() -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", unauthorized)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        holder["runner"] = runner
        holder["port"] = runner.addresses[0][1]
        started.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(serve(), loop)
    started.wait(10)
    yield f"http://127.0.0.1:{holder['port']}/api/v10"
    asyncio.run_coroutine_threadsafe(holder["runner"].cleanup(), loop).result(10)  # type: ignore[attr-defined]
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def test_rejected_token_prints_one_line_exits_3_and_never_shows_the_token(tmp_path: Path, rejecting_api: str) -> None:
    result = factbot(
        "run",
        cwd=tmp_path,
        DISCORD_TOKEN=TOKEN,
        FACTBOT_DISCORD_API_BASE=rejecting_api,
        FACTBOT_DATA_DIR=str(tmp_path / "data"),
    )
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert TOKEN not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("factbot:")]
    assert errors == [
        "factbot: Discord rejected the token; check DISCORD_TOKEN (or DISCORD_TOKEN_FILE) or reset it in the "
        "Developer Portal"
    ]


def test_sync_with_rejected_token_exits_3(tmp_path: Path, rejecting_api: str) -> None:
    result = factbot("sync", cwd=tmp_path, DISCORD_TOKEN=TOKEN, FACTBOT_DISCORD_API_BASE=rejecting_api)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr


def test_bad_settings_are_all_listed_and_exit_2(tmp_path: Path) -> None:
    result = factbot("config", cwd=tmp_path, FACTBOT_COOLDOWN_RATE="x", FACTBOT_LOG_LEVEL="LOUD")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 2


def test_config_redacts_the_token(tmp_path: Path) -> None:
    result = factbot("config", cwd=tmp_path, DISCORD_TOKEN=TOKEN, FACTBOT_COOLDOWN_RATE="9")
    assert result.returncode == 0
    assert TOKEN not in result.stdout
    assert "DISCORD_TOKEN=********** (from DISCORD_TOKEN)" in result.stdout
    assert "FACTBOT_COOLDOWN_RATE=9" in result.stdout.splitlines()


def test_config_reads_a_dotenv_in_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("FACTBOT_COOLDOWN_SECONDS=12\n")
    assert "FACTBOT_COOLDOWN_SECONDS=12" in factbot("config", cwd=tmp_path).stdout.splitlines()


def test_health_fails_without_heartbeat(tmp_path: Path) -> None:
    result = factbot("health", cwd=tmp_path, FACTBOT_DATA_DIR=str(tmp_path))
    assert result.returncode == 1


def test_health_passes_with_fresh_heartbeat(tmp_path: Path) -> None:
    write_heartbeat(tmp_path / "heartbeat", now=time.time())
    result = factbot("health", cwd=tmp_path, FACTBOT_DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr

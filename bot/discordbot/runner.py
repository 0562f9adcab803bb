"""Start, sync and stop the bot: logging, the API base, signals, and errors mapped to exit codes.

This is the one module that unwraps the token (:func:`_reveal_token`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from typing import Final

import aiohttp
import discord
import discord.http

from bot.cli import EXIT_OK, EXIT_PROBLEM, EXIT_TOKEN, EXIT_USAGE
from bot.discordbot.client import FactBot
from bot.engine import Engine
from bot.settings import Settings, SettingsError

#: How long a clean shutdown may take before the gateway tasks are abandoned (SIGTERM grace is 10 s).
CLOSE_TIMEOUT: Final = 8.0

log = logging.getLogger("factbot.runner")


class StartupError(Exception):
    """A problem that ends the process with one line on stderr and ``exit_code``."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def configure_logging(level: str) -> None:
    """One stderr handler. discord.py stays at INFO even at DEBUG: its debug output is raw gateway traffic."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("discord").setLevel(max(logging.getLevelName(level), logging.INFO))


def apply_api_base(api_base: str) -> None:
    """Point discord.py's REST client at ``api_base`` (the real API, or a local test server)."""
    discord.http.Route.BASE = api_base


def _reveal_token(settings: Settings) -> str:
    """The only place the token leaves its Secret wrapper."""
    try:
        return settings.require_token().reveal()
    except SettingsError as error:
        raise StartupError(str(error), EXIT_USAGE) from None


def _explain(error: BaseException, settings: Settings) -> StartupError:
    """A one-line explanation and exit code for an error that stopped the bot."""
    if isinstance(error, discord.LoginFailure):
        return StartupError(
            "Discord rejected the token; check DISCORD_TOKEN (or DISCORD_TOKEN_FILE) or reset it in the "
            "Developer Portal",
            EXIT_TOKEN,
        )
    if isinstance(error, discord.PrivilegedIntentsRequired):
        return StartupError(
            "FACTBOT_AUTO_CHANNELS needs the Message Content intent: switch it on under Bot → Privileged "
            "Gateway Intents in the Developer Portal, or unset FACTBOT_AUTO_CHANNELS",
            EXIT_USAGE,
        )
    if isinstance(error, discord.ConnectionClosed):
        if error.code == 4004:
            return StartupError("the gateway rejected the token (close code 4004)", EXIT_TOKEN)
        return StartupError(f"the gateway closed the connection (code {error.code}): {error.reason}", EXIT_PROBLEM)
    if isinstance(error, aiohttp.ClientError | OSError):
        return StartupError(f"cannot reach Discord at {settings.api_base}: {error}", EXIT_PROBLEM)
    if isinstance(error, discord.HTTPException):
        return StartupError(f"Discord answered {error.status}: {error.text or error}", EXIT_PROBLEM)
    return StartupError(f"the bot stopped: {type(error).__name__}: {error}", EXIT_PROBLEM)


async def _serve(bot: FactBot, token: str) -> None:
    """Run ``bot`` until it fails or SIGTERM/SIGINT arrives; then close the gateway cleanly."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with bot:
        running = asyncio.create_task(bot.start(token), name="factbot-client")
        stopping = asyncio.create_task(stop.wait(), name="factbot-stop")
        await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if running.done():
            stopping.cancel()
            running.result()  # re-raise what stopped the client
            return
        log.info("signal received: closing the gateway")
        try:
            await asyncio.wait_for(bot.close(), CLOSE_TIMEOUT)
        except TimeoutError:
            log.warning("the gateway did not close within %.0fs", CLOSE_TIMEOUT)
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await running


def run(settings: Settings) -> int:
    """`factbot run`: answer questions until stopped. Returns the exit code."""
    token = _reveal_token(settings)
    configure_logging(settings.log_level)
    apply_api_base(settings.api_base)
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StartupError(
            f"FACTBOT_DATA_DIR={settings.data_dir}: cannot create it ({error.strerror})", EXIT_USAGE
        ) from None
    engine = Engine.load(settings.facts_dir)
    log.info(
        "factbot starting: %d facts, %d sources, api %s, shards %s of %s",
        engine.fact_count,
        len(engine.sources),
        settings.api_base,
        list(settings.shard_ids) if settings.shard_ids is not None else "all",
        settings.shard_count or "auto",
    )
    try:
        asyncio.run(_serve(FactBot(settings, engine), token))
    except Exception as error:
        explained = _explain(error, settings)
        if explained.exit_code == EXIT_PROBLEM and not isinstance(error, discord.DiscordException | OSError):
            log.error("the bot stopped unexpectedly", exc_info=error)
        raise explained from None
    log.info("factbot stopped")
    return EXIT_OK


def sync(settings: Settings, guild_id: int | None) -> int:
    """`factbot sync`: register the slash commands (globally, or to one guild) over REST, then exit."""
    token = _reveal_token(settings)
    configure_logging(settings.log_level)
    apply_api_base(settings.api_base)
    engine = Engine.load(settings.facts_dir)

    async def register() -> int:
        async with FactBot(settings, engine, serve=False) as bot:
            await bot.login(token)
            return await bot.sync_commands(guild_id=guild_id)

    try:
        count = asyncio.run(register())
    except Exception as error:
        raise _explain(error, settings) from None
    where = f"guild {guild_id}" if guild_id else "globally (may take up to an hour to show everywhere)"
    print(f"synced {count} commands {where}")
    return EXIT_OK

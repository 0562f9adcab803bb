"""The Discord subcommands of `factbot`: run, sync, config, health.

discord.py is imported only inside the handlers that need it, so `factbot ask` stays fast and the
engine stays Discord-free. Exit codes: 0 ok; 1 runtime error (or unhealthy); 2 bad settings, facts or
usage; 3 Discord rejected the token.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE
from bot.health import check_health
from bot.settings import Settings, SettingsError, load_settings


def _fail(message: str) -> None:
    print(f"factbot: {message}", file=sys.stderr)


def _settings() -> Settings | None:
    try:
        return load_settings()
    except SettingsError as error:
        for problem in error.problems:
            _fail(problem)
        return None


def _discord_command(args: argparse.Namespace) -> int:
    settings = _settings()
    if settings is None:
        return EXIT_USAGE
    from bot.discordbot import runner  # discord.py loads here, not at `factbot` start-up

    try:
        if args.command == "sync":
            return runner.sync(settings, args.guild)
        return runner.run(settings)
    except runner.StartupError as error:
        _fail(str(error))
        return error.exit_code


def cmd_config(args: argparse.Namespace) -> int:
    """Print the effective settings, one NAME=value a line, with the token redacted."""
    settings = _settings()
    if settings is None:
        return EXIT_USAGE
    for name, value in settings.redacted().items():
        print(f"{name}={value}")
    return EXIT_OK


def cmd_health(args: argparse.Namespace) -> int:
    """Exit 0 when the running bot's heartbeat is fresh, 1 otherwise (the container HEALTHCHECK)."""
    settings = _settings()
    if settings is None:
        return EXIT_USAGE
    healthy, reason = check_health(settings)
    print(reason, file=sys.stdout if healthy else sys.stderr)
    return EXIT_OK if healthy else EXIT_PROBLEM


def register(subparsers: Any) -> None:
    """Add run, sync, config and health to the `factbot` argument parser."""
    p = subparsers.add_parser(
        "run",
        help="start the Discord bot (token from DISCORD_TOKEN or DISCORD_TOKEN_FILE; settings from env/.env)",
    )
    p.set_defaults(func=_discord_command)

    p = subparsers.add_parser("sync", help="register the slash commands with Discord, globally or to one guild")
    p.add_argument("--guild", type=int, default=None, help="sync to this guild id only (instant)")
    p.set_defaults(func=_discord_command)

    p = subparsers.add_parser("config", help="print the effective settings, secrets redacted")
    p.set_defaults(func=cmd_config)

    p = subparsers.add_parser("health", help="exit 0 if the running bot's gateway is live (container HEALTHCHECK)")
    p.set_defaults(func=cmd_health)

"""The bot: an AutoShardedBot that owns the engine, the cooldown and the health heartbeat."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Final

import discord
import yarl
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket

from bot.discordbot.cooldown import Cooldown
from bot.discordbot.respond import NO_PINGS, apologise
from bot.discordbot.views import DYNAMIC_ITEMS
from bot.engine import Engine
from bot.health import HEARTBEAT_INTERVAL, clear_heartbeat, write_heartbeat
from bot.settings import DEFAULT_API_BASE, Settings

EXTENSIONS: Final = ("bot.discordbot.cogs.questions", "bot.discordbot.cogs.commands")

log = logging.getLogger("factbot.bot")

# A text-only bot: no voice, so no start-up warnings about voice libraries that are not installed.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


def build_intents(settings: Settings) -> discord.Intents:
    """Default intents; Message Content only for auto channels (mentions, replies and DMs carry content)."""
    intents = discord.Intents.default()
    intents.message_content = settings.needs_message_content
    return intents


class FactBot(commands.AutoShardedBot):
    """Answers questions from one engine.

    ``serve=False`` builds it for `factbot sync`: commands loaded, but no sync on start and no heartbeat.
    """

    def __init__(self, settings: Settings, engine: Engine, *, serve: bool = True) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=build_intents(settings),
            allowed_mentions=NO_PINGS,
            shard_count=settings.shard_count,
            # None means "every shard"; discord.py's stub types the keyword as list[int] only.
            shard_ids=list(settings.shard_ids) if settings.shard_ids is not None else None,  # type: ignore[arg-type]
        )
        self.settings = settings
        self.engine = engine
        self.cooldown = Cooldown(settings.cooldown_rate, settings.cooldown_seconds)
        self.serve = serve
        self.started_at = time.monotonic()
        self._heartbeat_task: asyncio.Task[None] | None = None

    async def setup_hook(self) -> None:
        if self.serve:
            await self._use_the_apis_gateway()
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        self.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]
        if not self.serve:
            return
        if self.settings.dev_guild_id is not None:
            await self.sync_commands(guild_id=self.settings.dev_guild_id)
        if self.settings.sync_global:
            await self.sync_commands()
        self._heartbeat_task = asyncio.create_task(self._heartbeat(), name="factbot-heartbeat")

    async def _use_the_apis_gateway(self) -> None:
        """With a non-default API base, connect to the gateway that API names, on every (re)connect.

        discord.py asks GET /gateway/bot only for the first connection without a fixed shard count;
        reconnects after a failed resume, and fixed shard counts, use ``DiscordWebSocket.DEFAULT_GATEWAY``
        (Discord's own), which is wrong for anything but discord.com.
        """
        if self.settings.api_base == DEFAULT_API_BASE:
            return
        _, url, _ = await self.http.get_bot_gateway()
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
        log.info("gateway %s", url)

    async def sync_commands(self, guild_id: int | None = None) -> int:
        """Register the slash commands with Discord: to one guild (instant) or globally. Returns the count."""
        if guild_id is None:
            synced = await self.tree.sync()
            log.info("synced %d commands globally", len(synced))
        else:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), guild_id)
        return len(synced)

    async def on_message(self, message: discord.Message, /) -> None:
        # No prefix commands: the questions cog reads messages, so commands.Bot must not parse them too.
        return

    # ------------------------------------------------------------------ health
    def is_live(self) -> bool:
        """Ready, and every shard this process runs has an open gateway connection."""
        if self.is_closed() or not self.is_ready():
            return False
        return all(not shard.is_closed() for shard in self.shards.values())

    def _beat(self) -> None:
        try:
            write_heartbeat(self.settings.heartbeat_file)
        except OSError as error:
            log.warning("cannot write the heartbeat %s: %s", self.settings.heartbeat_file, error.strerror)

    async def _heartbeat(self) -> None:
        while not self.is_closed():
            await asyncio.sleep(HEARTBEAT_INTERVAL)
            if self.is_live():
                self._beat()

    async def on_ready(self) -> None:
        log.info(
            "ready as %s (id %s) in %d guilds, shards %s",
            self.user,
            self.user.id if self.user else "?",
            len(self.guilds),
            sorted(self.shards),
        )
        self._beat()

    async def on_shard_resumed(self, shard_id: int) -> None:
        log.info("shard %s resumed", shard_id)
        if self.is_live():
            self._beat()

    async def on_shard_ready(self, shard_id: int) -> None:
        if self.is_live():
            self._beat()

    async def close(self) -> None:
        if self._heartbeat_task is not None:
            self._heartbeat_task.cancel()
        if self.serve:
            clear_heartbeat(self.settings.heartbeat_file)
        await super().close()

    # ------------------------------------------------------------------ errors
    async def on_app_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        original = getattr(error, "original", error)
        command = interaction.command.qualified_name if interaction.command else "?"
        await apologise(interaction, original, f"/{command}")

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        log.exception("error in event %s", event_method)

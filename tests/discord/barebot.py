"""A bare discord.py bot that replies "ok" to every message: the floor for bench_burst.py --bare.

It does nothing of factbot's own (no engine, embed, buttons, cooldown or cogs), so its burst latency
is what discord.py and the local server cost on this machine: no bot written with discord.py can
answer faster here. It reads the same environment as `factbot run` (token, API base, data directory,
shards) and writes the same ready file, so BotProcess starts it the same way.
"""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import discord
import yarl
from discord.gateway import DiscordWebSocket


class BareBot(discord.AutoShardedClient):
    async def setup_hook(self) -> None:
        # As factbot does for a non-default API base: connect to the gateway the local server names.
        _, url, _ = await self.http.get_bot_gateway()
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)

    async def on_ready(self) -> None:
        ready = Path(os.environ["FACTBOT_DATA_DIR"]) / "heartbeat"
        ready.parent.mkdir(parents=True, exist_ok=True)
        ready.write_text("ready")

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        await message.channel.send(
            "ok",
            reference=message.to_reference(fail_if_not_exists=False),
            allowed_mentions=discord.AllowedMentions.none(),
        )


async def main() -> None:
    discord.http.Route.BASE = os.environ["FACTBOT_DISCORD_API_BASE"]
    count = os.environ.get("FACTBOT_SHARD_COUNT")
    ids = os.environ.get("FACTBOT_SHARD_IDS")
    client = BareBot(
        intents=discord.Intents.default(),
        shard_count=int(count) if count else None,
        shard_ids=[int(i) for i in ids.split(",")] if ids else None,
    )
    # Stop cleanly on SIGTERM, as `factbot run` does, so the benchmark's exit codes stay 0.
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, lambda: asyncio.ensure_future(client.close()))
    async with client:
        await client.start(os.environ["DISCORD_TOKEN"])


if __name__ == "__main__":
    asyncio.run(main())

"""Slash commands: /ask (with autocomplete), /sources, /topics, /about."""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import __version__
from bot.discordbot.render import (
    CHOICES_MAX,
    about_embed,
    choice_text,
    locale_language,
    notice,
    reply_embed,
    sources_embeds,
    topics_embed,
)
from bot.discordbot.respond import NO_PINGS, log_question, send_private
from bot.discordbot.views import reply_view, topics_view
from bot.engine import MAX_QUESTION_CHARS

if TYPE_CHECKING:
    from bot.discordbot.client import FactBot


class Commands(commands.Cog):
    def __init__(self, bot: FactBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask")
    @app_commands.describe(
        question="Your question, in English or Vietnamese",
        private="Show the answer only to you",
    )
    async def ask(
        self,
        interaction: discord.Interaction[Any],
        question: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
        private: bool = False,
    ) -> None:
        """Ask about Vietnam – Republic of Korea relations and get a short, sourced answer."""
        started = time.perf_counter()
        verdict = self.bot.cooldown.hit(interaction.user.id)
        if not verdict.allowed:
            language = self.bot.engine.detect_language(question)
            await send_private(interaction, notice(language, "cooldown", seconds=math.ceil(verdict.retry_after)))
            return
        # The engine answers in well under a millisecond, so replying directly meets the 3 s deadline.
        reply = self.bot.engine.ask(question)
        await interaction.response.send_message(
            embed=reply_embed(reply),
            view=reply_view(reply, interaction.user.id),
            ephemeral=private,
            allowed_mentions=NO_PINGS,
        )
        log_question(user_id=interaction.user.id, reply=reply, started=started, via="slash", question=question)

    @ask.autocomplete("question")
    async def ask_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        # Same matcher as /ask, in the language being typed; no I/O.
        choices: list[app_commands.Choice[str]] = []
        seen: set[str] = set()
        for suggestion in self.bot.engine.complete(current, limit=CHOICES_MAX):
            name = choice_text(suggestion.question)
            if name and name not in seen:
                seen.add(name)
                choices.append(app_commands.Choice(name=name, value=name))
        return choices[:CHOICES_MAX]

    @app_commands.command(name="sources")
    async def sources(self, interaction: discord.Interaction[Any]) -> None:
        """List every article the answers come from, with outlet, date and link."""
        language = locale_language(interaction.locale)
        await interaction.response.send_message(
            embeds=sources_embeds(self.bot.engine.sources, language), allowed_mentions=NO_PINGS
        )

    @app_commands.command(name="topics")
    async def topics(self, interaction: discord.Interaction[Any]) -> None:
        """Browse the facts by topic, then pick a question to see its answer."""
        language = locale_language(interaction.locale)
        # Private, so each person browses their own menus without changing anyone else's.
        await interaction.response.send_message(
            embed=topics_embed(language),
            view=topics_view(self.bot.engine.topics(), language),
            ephemeral=True,
            allowed_mentions=NO_PINGS,
        )

    @app_commands.command(name="about")
    async def about(self, interaction: discord.Interaction[Any]) -> None:
        """Version, number of facts and sources, uptime and gateway latency."""
        latency = self.bot.latency
        embed = about_embed(
            version=__version__,
            fact_count=self.bot.engine.fact_count,
            source_count=len(self.bot.engine.sources),
            uptime_seconds=time.monotonic() - self.bot.started_at,
            latency_seconds=None if math.isnan(latency) or math.isinf(latency) else latency,
            language=locale_language(interaction.locale),
        )
        await interaction.response.send_message(embed=embed, allowed_mentions=NO_PINGS)


async def setup(bot: FactBot) -> None:
    await bot.add_cog(Commands(bot))

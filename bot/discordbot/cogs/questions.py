"""Questions asked in messages: mentions, replies to the bot, DMs and (optionally) auto channels."""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.discordbot.cooldown import Verdict
from bot.discordbot.render import help_embed, locale_language, notice, reply_embed
from bot.discordbot.respond import NO_PINGS, apologise_for_message, error_log, log_question
from bot.discordbot.triggers import question_for_bot
from bot.discordbot.views import reply_view
from bot.model import Suggestion

if TYPE_CHECKING:
    from bot.discordbot.client import FactBot

#: Message types people write; joins, pins and other system messages are not questions.
_USER_MESSAGE_TYPES = frozenset({discord.MessageType.default, discord.MessageType.reply})
#: How long a cooldown notice stays in a channel when the user's DMs are closed.
NOTICE_SECONDS = 10.0


class Questions(commands.Cog):
    def __init__(self, bot: FactBot) -> None:
        self.bot = bot

    def question_in(self, message: discord.Message) -> str | None:
        """The question ``message`` asks this bot, "" for a bare mention, None when it is not for the bot."""
        me = self.bot.user
        if me is None:
            return None
        resolved = message.reference.resolved if message.reference else None
        channel = message.channel
        parent_id = getattr(channel, "parent_id", None)
        auto = self.bot.settings.auto_channels
        # Typing @factbot can insert the bot's managed role instead of the bot user.
        bot_roles = [r.id for r in message.role_mentions if r.tags and r.tags.bot_id == me.id]
        return question_for_bot(
            message.content,
            bot_id=me.id,
            bot_role_ids=bot_roles,
            is_dm=message.guild is None,
            mentioned=me in message.mentions or bool(bot_roles),
            replied_to_bot=isinstance(resolved, discord.Message) and resolved.author.id == me.id,
            auto_channel=channel.id in auto or parent_id in auto,
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        # Other bots, webhooks and this bot itself are never answered, so two bots cannot loop.
        if message.author.bot or message.webhook_id is not None or message.type not in _USER_MESSAGE_TYPES:
            return
        question = self.question_in(message)
        if question is None:
            return
        started = time.perf_counter()
        # A bare mention has no words to tell the language by: use the server's.
        language = locale_language(message.guild.preferred_locale if message.guild else None)
        try:
            if not question:
                await self._reply(message, embed=help_embed(self._examples(language), language), view=discord.ui.View())
                return
            verdict = self.bot.cooldown.hit(message.author.id)
            if not verdict.allowed:
                if verdict.notify:
                    language = self.bot.engine.detect_language(question)
                    await self._tell_cooldown(message, verdict, language)
                return
            reply = self.bot.engine.ask(question)
            language = reply.language
            await self._reply(message, embed=reply_embed(reply), view=reply_view(reply, message.author.id))
            log_question(user_id=message.author.id, reply=reply, started=started, via=_via(message), question=question)
        except discord.Forbidden:
            error_log.warning("missing permission to answer message %s in channel %s", message.id, message.channel.id)
        except Exception as error:
            await apologise_for_message(message, error, language)

    def _examples(self, language: str) -> list[Suggestion]:
        """One question from each of the first few topics, in ``language``."""
        engine = self.bot.engine
        return [questions[0] for t in engine.topics()[:5] if (questions := engine.questions(t.id, language))]

    async def _reply(self, message: discord.Message, *, embed: discord.Embed, view: discord.ui.View) -> None:
        # fail_if_not_exists=False: if the question was deleted meanwhile, answer without the reply link.
        await message.channel.send(
            embed=embed,
            view=view,
            reference=message.to_reference(fail_if_not_exists=False),
            allowed_mentions=NO_PINGS,
        )

    async def _tell_cooldown(self, message: discord.Message, verdict: Verdict, language: str) -> None:
        """Tell the user privately (a DM) to wait; in the channel, briefly, if their DMs are closed."""
        content = notice(language, "cooldown", seconds=math.ceil(verdict.retry_after))
        reference = message.to_reference(fail_if_not_exists=False)
        if message.guild is None:
            await message.channel.send(content, reference=reference, allowed_mentions=NO_PINGS)
            return
        try:
            await message.author.send(content, allowed_mentions=NO_PINGS)
        except discord.HTTPException:
            await message.channel.send(
                content, reference=reference, allowed_mentions=NO_PINGS, delete_after=NOTICE_SECONDS
            )


def _via(message: discord.Message) -> str:
    return "dm" if message.guild is None else "message"


async def setup(bot: FactBot) -> None:
    await bot.add_cog(Questions(bot))

"""What every handler shares: no pings, the one log line per question, and the apology on errors."""

from __future__ import annotations

import hashlib
import logging
import time
from typing import Any, Final

import discord

from bot.discordbot.render import locale_language, notice
from bot.model import Reply

#: Used on every send (and as the client default): nothing the bot sends can ping anyone.
NO_PINGS: Final = discord.AllowedMentions.none()

question_log = logging.getLogger("factbot.questions")
error_log = logging.getLogger("factbot.errors")


def user_hash(user_id: int) -> str:
    """A stable pseudonym for a user in logs (sha256, truncated): lines correlate, ids are not logged."""
    return hashlib.sha256(f"factbot-user:{user_id}".encode()).hexdigest()[:12]


def log_question(*, user_id: int, reply: Reply, started: float, via: str, question: str | None = None) -> None:
    """One INFO line per question; the question text itself only at DEBUG."""
    latency_ms = (time.perf_counter() - started) * 1000
    question_log.info(
        "question via=%s user=%s status=%s fact=%s score=%.3f lang=%s latency_ms=%.1f",
        via,
        user_hash(user_id),
        reply.status.value,
        reply.fact_id or "-",
        reply.score,
        reply.language,
        latency_ms,
    )
    if question is not None and question_log.isEnabledFor(logging.DEBUG):
        question_log.debug("question text user=%s: %r", user_hash(user_id), question)


async def send_private(interaction: discord.Interaction[Any], content: str) -> None:
    """A short ephemeral message, whether or not the interaction has been answered already."""
    if interaction.response.is_done():
        await interaction.followup.send(content, ephemeral=True, allowed_mentions=NO_PINGS)
    else:
        await interaction.response.send_message(content, ephemeral=True, allowed_mentions=NO_PINGS)


async def apologise(interaction: discord.Interaction[Any], error: BaseException, where: str) -> None:
    """Log ``error`` with the interaction id and tell the user, briefly and privately, that it failed."""
    error_log.error(
        "error in %s (interaction %s, user %s)",
        where,
        interaction.id,
        user_hash(interaction.user.id),
        exc_info=error,
    )
    try:
        await send_private(interaction, notice(locale_language(interaction.locale), "error"))
    except discord.HTTPException:
        error_log.warning("could not send the apology for interaction %s", interaction.id)


async def apologise_for_message(message: discord.Message, error: BaseException, language: str) -> None:
    """Log ``error`` with the message id and reply with a short apology."""
    error_log.error("error answering message %s (user %s)", message.id, user_hash(message.author.id), exc_info=error)
    try:
        await message.reply(notice(language, "error"), allowed_mentions=NO_PINGS)
    except discord.HTTPException:
        error_log.warning("could not send the apology for message %s", message.id)

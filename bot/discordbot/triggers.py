"""Which messages are questions for the bot, and what the question is. Pure: strings and ids in.

The Discord glue (cogs/questions.py) reads the facts off a ``discord.Message`` and asks here.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Final

from bot.text import fold

#: Longest message read as a question; the engine declines anything longer than its own limit.
MAX_MESSAGE_CHARS: Final = 2000

_EN_OPENERS: Final = frozenset(
    "what when where who whom whose why how which is are was were do does did can could will would should "
    "has have had tell explain list name".split()
)
_VI_START: Final = re.compile(r"^(ai|bao nhieu|bao gio|khi nao|luc nao|tai sao|vi sao|o dau|co phai|the nao|hay cho)\b")
_VI_END: Final = re.compile(
    r"\b(ai|gi|nao|dau|bao nhieu|bao gio|khi nao|tai sao|vi sao|sao|the nao|khong|chua|phai khong|a|nhi)$"
)


def strip_mentions(content: str, user_ids: Collection[int], role_ids: Collection[int] = ()) -> str:
    """``content`` without mentions of the given users and roles (the bot and its managed role)."""
    for user_id in user_ids:
        content = re.sub(rf"<@!?{user_id}>", " ", content)
    for role_id in role_ids:
        content = content.replace(f"<@&{role_id}>", " ")
    return " ".join(content.split())


def looks_like_question(content: str) -> bool:
    """A cheap test for auto channels: a "?", an English question opener, or a Vietnamese question word."""
    content = content.strip()
    if not 3 <= len(content) <= MAX_MESSAGE_CHARS:
        return False
    if "?" in content or "？" in content:
        return True
    folded = fold(content)
    words = folded.split()
    if not words:
        return False
    if words[0] in _EN_OPENERS:
        return True
    return bool(_VI_START.search(folded) or _VI_END.search(folded))


def question_for_bot(
    content: str,
    *,
    bot_id: int,
    bot_role_ids: Collection[int] = (),
    is_dm: bool,
    mentioned: bool,
    replied_to_bot: bool,
    auto_channel: bool,
) -> str | None:
    """The question a message asks the bot, "" when it addresses the bot without one, None when it doesn't.

    In DMs every message is a question; in channels, a mention or a reply to the bot; in auto channels,
    any message that looks like a question.
    """
    addressed = is_dm or mentioned or replied_to_bot
    if not addressed and not (auto_channel and looks_like_question(content)):
        return None
    return strip_mentions(content, [bot_id], bot_role_ids)[:MAX_MESSAGE_CHARS]

"""Which messages are questions for the bot."""

from __future__ import annotations

import pytest

from bot.discordbot.triggers import looks_like_question, question_for_bot, strip_mentions

BOT = 42


def ask(content: str, **kind: bool) -> str | None:
    flags = {"is_dm": False, "mentioned": False, "replied_to_bot": False, "auto_channel": False} | kind
    return question_for_bot(content, bot_id=BOT, **flags)


def test_mention_is_stripped_from_the_question() -> None:
    assert ask("<@42> when did Trong call Moon?", mentioned=True) == "when did Trong call Moon?"


def test_nickname_mention_is_stripped() -> None:
    assert ask("hey <@!42>, who is the ambassador", mentioned=True) == "hey , who is the ambassador"


def test_other_mentions_stay_in_the_question() -> None:
    assert strip_mentions("<@42> <@7> hi", [BOT]) == "<@7> hi"


def test_bot_role_mention_is_stripped() -> None:
    assert strip_mentions("<@&900> what happened in 2022?", [BOT], [900]) == "what happened in 2022?"


def test_bare_mention_is_an_empty_question() -> None:
    assert ask("<@42>", mentioned=True) == ""


def test_every_dm_is_a_question() -> None:
    assert ask("thanks", is_dm=True) == "thanks"


def test_reply_to_the_bot_is_a_question() -> None:
    assert ask("and in 2025?", replied_to_bot=True) == "and in 2025?"


def test_plain_channel_message_is_not_for_the_bot() -> None:
    assert ask("when is lunch?") is None


def test_auto_channel_answers_questions_only() -> None:
    assert ask("when did they meet?", auto_channel=True) == "when did they meet?"
    assert ask("nice weather today", auto_channel=True) is None


@pytest.mark.parametrize(
    "text",
    [
        "When did Vietnam and Korea establish relations",
        "who met Park Jin?",
        "Ai là đại sứ Hàn Quốc",
        "Tổng Bí thư điện đàm với ai",
        "Hai nước ký hiệp định khi nào",
        "Quan hệ đối tác chiến lược toàn diện là gì",
    ],
)
def test_looks_like_question(text: str) -> None:
    assert looks_like_question(text)


@pytest.mark.parametrize("text", ["lol", "good morning everyone", "Cảm ơn bạn nhiều", "ok", ""])
def test_does_not_look_like_question(text: str) -> None:
    assert not looks_like_question(text)

"""The one log line per question: pseudonymous user, status, fact, score, latency; text only at DEBUG."""

from __future__ import annotations

import logging
import time

import pytest

from bot.discordbot.respond import NO_PINGS, log_question, user_hash
from bot.model import Reply, Status

USER = 987654321098765432


def reply() -> Reply:
    return Reply(Status.ANSWER, "answer", "en", "trong-moon-phone-talks", 0.9123)


def test_one_info_line_without_user_id_or_question(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="factbot.questions")
    log_question(user_id=USER, reply=reply(), started=time.perf_counter(), via="message", question="secret words")
    [record] = caplog.records
    line = record.getMessage()
    assert line.startswith(
        f"question via=message user={user_hash(USER)} status=answer fact=trong-moon-phone-talks "
        "score=0.912 lang=en latency_ms="
    )
    assert str(USER) not in line
    assert "secret words" not in caplog.text


def test_question_text_only_at_debug(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="factbot.questions")
    log_question(user_id=USER, reply=reply(), started=time.perf_counter(), via="dm", question="secret words")
    assert [r.levelno for r in caplog.records] == [logging.INFO, logging.DEBUG]
    assert "secret words" in caplog.records[1].getMessage()


def test_user_hash_is_stable_and_short() -> None:
    assert user_hash(USER) == user_hash(USER)
    assert user_hash(USER) != user_hash(USER + 1)
    assert len(user_hash(USER)) == 12


def test_no_pings_allows_nothing() -> None:
    # Discord's replied_user defaults to false once allowed_mentions is sent.
    assert NO_PINGS.to_dict() == {"parse": []}

"""The per-user cooldown, driven by a fake clock."""

from __future__ import annotations

import pytest

from bot.discordbot.cooldown import Cooldown


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_allows_rate_questions_then_refuses() -> None:
    cooldown = Cooldown(5, 30, clock=Clock())
    assert [cooldown.hit(1).allowed for _ in range(6)] == [True] * 5 + [False]


def test_refusal_says_how_long_to_wait() -> None:
    clock = Clock()
    cooldown = Cooldown(2, 30, clock=clock)
    cooldown.hit(1)
    clock.now += 10
    cooldown.hit(1)
    verdict = cooldown.hit(1)
    assert verdict.retry_after == pytest.approx(20)


def test_only_the_first_refusal_in_a_window_notifies() -> None:
    cooldown = Cooldown(1, 30, clock=Clock())
    cooldown.hit(1)
    assert [cooldown.hit(1).notify for _ in range(3)] == [True, False, False]


def test_window_slides() -> None:
    clock = Clock()
    cooldown = Cooldown(2, 30, clock=clock)
    cooldown.hit(1)
    clock.now += 20
    cooldown.hit(1)
    assert not cooldown.hit(1).allowed
    clock.now += 10.001  # the first question has left the window
    assert cooldown.hit(1).allowed
    assert not cooldown.hit(1).allowed


def test_users_are_independent() -> None:
    cooldown = Cooldown(1, 30, clock=Clock())
    assert cooldown.hit(1).allowed
    assert cooldown.hit(2).allowed
    assert not cooldown.hit(1).allowed


def test_idle_users_are_forgotten() -> None:
    clock = Clock()
    cooldown = Cooldown(1, 30, clock=clock)
    for user in range(100):
        cooldown.hit(user)
    clock.now += 61
    cooldown.hit(1000)
    assert len(cooldown._asked) == 1


def test_rejects_nonsense_limits() -> None:
    with pytest.raises(ValueError):
        Cooldown(0, 30)

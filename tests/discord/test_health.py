"""The heartbeat file and `factbot health`'s verdict on it."""

from __future__ import annotations

from pathlib import Path

from bot.health import check_health, clear_heartbeat, write_heartbeat
from bot.settings import Settings


def settings_in(tmp_path: Path, max_age: float = 90) -> Settings:
    return Settings(data_dir=tmp_path / "data", health_max_age=max_age)


def test_fresh_heartbeat_is_healthy(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    write_heartbeat(settings.heartbeat_file, now=1000.0)
    healthy, reason = check_health(settings, now=1010.0)
    assert healthy, reason


def test_stale_heartbeat_is_unhealthy(tmp_path: Path) -> None:
    settings = settings_in(tmp_path, max_age=90)
    write_heartbeat(settings.heartbeat_file, now=1000.0)
    healthy, reason = check_health(settings, now=1091.0)
    assert not healthy
    assert "91s ago" in reason


def test_missing_heartbeat_is_unhealthy(tmp_path: Path) -> None:
    healthy, reason = check_health(settings_in(tmp_path), now=0)
    assert not healthy
    assert "no heartbeat" in reason


def test_garbage_heartbeat_is_unhealthy(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    settings.heartbeat_file.parent.mkdir(parents=True)
    settings.heartbeat_file.write_text("yesterday")
    healthy, _ = check_health(settings, now=0)
    assert not healthy


def test_clear_removes_the_heartbeat(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    write_heartbeat(settings.heartbeat_file, now=5.0)
    clear_heartbeat(settings.heartbeat_file)
    clear_heartbeat(settings.heartbeat_file)  # twice is fine
    assert not check_health(settings, now=5.0)[0]


def test_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    write_heartbeat(settings.heartbeat_file, now=5.0)
    write_heartbeat(settings.heartbeat_file, now=6.0)
    assert [p.name for p in settings.data_dir.iterdir()] == ["heartbeat"]

"""A file heartbeat for container health checks. Pure: no Discord import.

The running bot calls :func:`write_heartbeat` on ready/resume and every :data:`HEARTBEAT_INTERVAL`
seconds while its gateway connection is live, and :func:`clear_heartbeat` when it stops.
``factbot health`` (the container's HEALTHCHECK) calls :func:`check_health`.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Final

from bot.settings import Settings

HEARTBEAT_INTERVAL: Final = 15.0


def write_heartbeat(path: Path, now: float | None = None) -> None:
    """Record that the gateway is live at ``now`` (Unix time). Atomic, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(f"{time.time() if now is None else now:.3f}\n", encoding="ascii")
    os.replace(partial, path)


def clear_heartbeat(path: Path) -> None:
    path.unlink(missing_ok=True)


def check_health(settings: Settings, now: float | None = None) -> tuple[bool, str]:
    """Healthy only when the heartbeat file exists and is younger than ``settings.health_max_age``."""
    path = settings.heartbeat_file
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return False, f"no heartbeat at {path}: the bot is not connected"
    except (OSError, UnicodeDecodeError) as exc:
        return False, f"cannot read the heartbeat {path}: {exc}"
    try:
        beat = float(text)
    except ValueError:
        return False, f"the heartbeat {path} holds {text[:40]!r}, not a timestamp"
    age = (time.time() if now is None else now) - beat
    if age > settings.health_max_age:
        return False, f"last heartbeat {age:.0f}s ago (limit {settings.health_max_age:g}s): gateway not live"
    return True, f"healthy: last heartbeat {max(age, 0.0):.0f}s ago"

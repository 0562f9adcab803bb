"""Helpers shared by the container tests: podman with the repository's containers.conf, skipping
where podman is missing (failing instead under CI, where .ci/run installs it), and the timings and
image size reported at the end of the run."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CONTAINERS_CONF = HERE / "containers.conf"
BUILD_BASE = HERE / "build_base_image.sh"

BASE_IMAGE = os.environ.get("FACTBOT_BASE_IMAGE", "localhost/factbot-base:test")
IMAGE = os.environ.get("FACTBOT_TEST_IMAGE", "localhost/factbot:test")

#: Filled in by the fixtures; printed in the terminal summary (and so in CI's log).
REPORT: dict[str, str] = {}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}


def require_or_skip(reason: str) -> NoReturn:
    """Skip with ``reason`` on a developer's machine; fail under CI, where the tools are installed."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: .ci/run must install it, so this is a failure, not a skip)")
    pytest.skip(reason)


def podman_env() -> dict[str, str]:
    return {**os.environ, "CONTAINERS_CONF": str(CONTAINERS_CONF)}


def podman(
    *args: str, check: bool = True, timeout: float = 120, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``podman ARGS`` with the repository's containers.conf; on failure show what it said."""
    result = subprocess.run(
        ["podman", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=podman_env(),
        input=input,
        stdin=None if input is not None else subprocess.DEVNULL,
    )
    if check and result.returncode != 0:
        pytest.fail(
            f"podman {' '.join(args)} exited {result.returncode}\n"
            f"--- stdout\n{tail(result.stdout)}\n--- stderr\n{tail(result.stderr)}"
        )
    return result


def tail(text: str, lines: int = 60) -> str:
    return "\n".join(text.splitlines()[-lines:])


def podman_available() -> None:
    """Skip (or fail under CI) unless podman is installed and can run containers here."""
    if shutil.which("podman") is None:
        require_or_skip("podman is not installed (bash .ci/install-podman.sh installs it)")
    result = podman("info", "--format", "{{.Host.OCIRuntime.Name}}", check=False, timeout=60)
    if result.returncode != 0:
        require_or_skip(f"podman does not work on this machine: {tail(result.stderr, 5)}")


@contextmanager
def timed(label: str) -> Iterator[None]:
    start = time.monotonic()
    yield
    REPORT[label] = f"{time.monotonic() - start:.1f} s"


def image_size(image: str) -> int:
    return int(podman("image", "inspect", "--format", "{{.Size}}", image).stdout.strip())


def human(size: int) -> str:
    return f"{size / 1e6:.1f} MB ({size} bytes)"

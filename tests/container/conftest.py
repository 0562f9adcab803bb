"""Fixtures for the container tests: the local base image and the product image, built once a session."""

from __future__ import annotations

import os
import subprocess

import pytest
from container_helpers import (
    BASE_IMAGE,
    BUILD_BASE,
    IMAGE,
    REPORT,
    ROOT,
    podman,
    podman_available,
    podman_env,
    require_or_skip,
    tail,
    timed,
)


@pytest.fixture(scope="session")
def base_image() -> str:
    """The small Debian base image (tests/container/build_base_image.sh), built once and then cached."""
    podman_available()
    exists = podman("image", "exists", BASE_IMAGE, check=False).returncode == 0
    if not exists and os.geteuid() != 0:
        require_or_skip(f"{BASE_IMAGE} is missing and building it needs root (debootstrap)")
    label = "base image (cached)" if exists else "base image build"
    with timed(label):
        result = subprocess.run(
            ["bash", str(BUILD_BASE), BASE_IMAGE],
            capture_output=True,
            text=True,
            timeout=900,
            env=podman_env(),
            stdin=subprocess.DEVNULL,
        )
    if result.returncode != 0:
        pytest.fail(f"build_base_image.sh exited {result.returncode}\n{tail(result.stderr)}")
    return BASE_IMAGE


@pytest.fixture(scope="session")
def image(base_image: str) -> str:
    """The product image, built from the repository's real Dockerfile on top of the local base."""
    with timed("image build"):
        podman(
            "build",
            "--format", "docker",  # keeps HEALTHCHECK, which the OCI format drops
            "--layers",
            "--pull=never",
            "--build-arg", f"BASE_IMAGE={base_image}",
            "--file", str(ROOT / "Dockerfile"),
            "--tag", IMAGE,
            str(ROOT),
            timeout=1200,
        )  # fmt: skip
    return IMAGE


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REPORT:
        terminalreporter.section("container image")
        for key, value in REPORT.items():
            terminalreporter.write_line(f"{key}: {value}")

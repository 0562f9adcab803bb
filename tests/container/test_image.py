"""The image, for real (issue 4): built from the repository's Dockerfile with podman on a local
Debian base image, then run: as a non-root user, answering with a citation, with replaceable facts,
and as the Discord bot against the local fake Discord server (see test_bot_container.py)."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from container_helpers import REPORT, ROOT, human, image_size, podman

QUESTION = "When did Vietnam and South Korea upgrade to a comprehensive strategic partnership?"


def test_image_builds_and_reports_its_size(image: str, capsys: pytest.CaptureFixture[str]) -> None:
    size = image_size(image)
    REPORT["image size"] = human(size)
    with capsys.disabled():
        print(f"\n[container] {image}: {human(size)}")
    assert size < 600e6, f"the image is unexpectedly large: {human(size)}"
    config = podman("image", "inspect", "--format", "{{json .Config.Healthcheck}}", image).stdout
    assert '"factbot","health"' in config.replace(" ", ""), f"no HEALTHCHECK in the image: {config}"


def test_runs_as_a_non_root_user_who_can_write_data(image: str) -> None:
    out = podman("run", "--rm", image, "sh", "-c", "id -u; touch /data/probe && echo writable").stdout
    uid, writable = out.split()
    assert uid != "0"
    assert writable == "writable"


def test_installs_the_project_not_the_source_tree(image: str) -> None:
    script = "import bot, os; print(bot.__file__); print(sorted(os.listdir('/app'))); print(os.path.exists('/src'))"
    out = podman("run", "--rm", image, "python3", "-c", script).stdout.splitlines()
    assert out[0].startswith("/opt/venv/lib/") and "/site-packages/bot/" in out[0], out
    assert out[1] == "['facts']", out
    assert out[2] == "False", out


def test_ask_answers_with_its_citation(image: str) -> None:
    result = podman("run", "--rm", image, "factbot", "ask", QUESTION)
    out = result.stdout
    assert "2022" in out, out
    assert re.search(r"https?://\S+", out), f"no citation in: {out}"


@pytest.fixture
def facts_copy() -> Iterator[Path]:
    """A copy of the shipped facts in a folder the container's user (uid 10001) can read."""
    folder = Path(tempfile.mkdtemp(prefix="factbot-facts-"))
    try:
        shutil.copytree(ROOT / "facts", folder / "facts")
        yield folder / "facts"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_facts_can_be_replaced_by_a_mounted_folder(image: str, facts_copy: Path) -> None:
    shipped = json.loads(podman("run", "--rm", image, "factbot", "ask", "--json", QUESTION).stdout)
    fact_id = shipped["fact_id"]
    assert fact_id, shipped
    # Change that fact's answer in the copy, then mount the copy and point FACTBOT_FACTS_DIR at it.
    marker = "Mounted-folder edition."
    for topic in sorted(facts_copy.glob("*.yaml")):
        data = yaml.safe_load(topic.read_text(encoding="utf-8"))
        for fact in data.get("facts", []) if isinstance(data, dict) else []:
            if fact.get("id") == fact_id:
                fact["answer"]["en"] = f"{fact['answer']['en'].rstrip()} {marker}"
                topic.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
                break
    for path in [facts_copy.parent, *facts_copy.parent.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert marker not in shipped["answer"]
    mounted = podman(
        "run", "--rm", "-v", f"{facts_copy}:/facts:ro", "-e", "FACTBOT_FACTS_DIR=/facts",
        image, "factbot", "ask", "--json", QUESTION,
    ).stdout  # fmt: skip
    reply = json.loads(mounted)
    assert reply["fact_id"] == fact_id, reply
    assert marker in reply["answer"], reply


def test_user_can_not_write_the_installed_code_or_facts(image: str) -> None:
    result = podman(
        "run", "--rm", image, "sh", "-c",
        "touch /opt/venv/probe 2>/dev/null || touch /app/facts/probe 2>/dev/null || echo read-only",
    )  # fmt: skip
    assert result.stdout.strip() == "read-only"

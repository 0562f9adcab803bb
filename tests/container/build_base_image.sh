#!/usr/bin/env bash
# Build the small local base image the container tests pass to the product
# Dockerfile as BASE_IMAGE (issue 4).
#
# Images cannot be pulled from Docker Hub on the CI machines, so instead of
# python:3.12-slim the tests use a minimal Debian made here with debootstrap
# from the machine's own apt mirror, with Debian's python3 (3.11 on bookworm)
# and venv support.  The host's CA bundle is copied in and pip / requests /
# OpenSSL are pointed at it, because PyPI is reached through a TLS proxy whose
# certificate authority only the host's bundle carries.  None of that belongs
# in the product's Dockerfile, which is why it lives in this test base image.
#
# Usage: build_base_image.sh [--force] [IMAGE]
#   IMAGE defaults to $FACTBOT_BASE_IMAGE or localhost/factbot-base:test.
#   Without --force nothing is done when the image already exists (cache).
#
# Environment:
#   CONTAINERS_CONF       defaults to the containers.conf next to this script
#   FACTBOT_DEBIAN_MIRROR override the mirror (default: the host's apt mirror)
#   FACTBOT_DEBIAN_SUITE  override the suite (default: the host's codename)
#
# Needs root (debootstrap), podman and debootstrap.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$here/containers.conf}"

force=0
if [[ "${1:-}" == "--force" ]]; then
    force=1
    shift
fi
image="${1:-${FACTBOT_BASE_IMAGE:-localhost/factbot-base:test}}"

log() { printf 'build_base_image: %s\n' "$*" >&2; }

if [[ $force -eq 0 ]] && podman image exists "$image"; then
    log "$image already exists; nothing to do (use --force to rebuild)"
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    log "debootstrap needs root"
    exit 2
fi
for tool in podman debootstrap; do
    command -v "$tool" >/dev/null || { log "$tool is not installed (see .ci/install-podman.sh)"; exit 2; }
done

host_ca=/etc/ssl/certs/ca-certificates.crt
[[ -s $host_ca ]] || { log "$host_ca is missing"; exit 2; }

# The suite: the host's own release.
suite="${FACTBOT_DEBIAN_SUITE:-}"
if [[ -z $suite ]]; then
    # shellcheck disable=SC1091
    suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
fi
[[ -n $suite ]] || { log "cannot tell the Debian release (set FACTBOT_DEBIAN_SUITE)"; exit 2; }

# The mirror: the first non-security Debian URI in the host's apt sources.
host_mirror() {
    local f uri
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -r $f ]] || continue
        while read -r uri; do
            case $uri in *security*) continue ;; */debian | */debian/) echo "${uri%/}"; return 0 ;; esac
        done < <(awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' "$f")
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [[ -r $f ]] || continue
        while read -r uri; do
            case $uri in *security*) continue ;; */debian | */debian/) echo "${uri%/}"; return 0 ;; esac
        done < <(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' "$f")
    done
    echo "http://deb.debian.org/debian"
}
mirror="${FACTBOT_DEBIAN_MIRROR:-$(host_mirror)}"

work="$(mktemp -d /var/tmp/factbot-base.XXXXXX)"
cleanup() { rm -rf --one-file-system "$work"; }
trap cleanup EXIT
rootfs="$work/rootfs"

log "debootstrap $suite from $mirror"
start=$SECONDS
debootstrap --variant=minbase \
    --include=ca-certificates,python3,python3-venv,python-is-python3 \
    "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -n 40 "$work/debootstrap.log" >&2
    log "debootstrap failed"
    exit 1
}

# Trust the host's CA bundle (it carries the TLS proxy's authority).
install -m 0644 "$host_ca" "$rootfs/etc/ssl/certs/ca-certificates.crt"

# Slim it down: no package caches, lists, docs or locales are needed.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin \
    "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
    "$rootfs"/usr/share/locale/*
# debootstrap leaves the host's resolv.conf and hostname behind.
: >"$rootfs/etc/resolv.conf"
: >"$rootfs/etc/hostname"

ca=/etc/ssl/certs/ca-certificates.crt
log "importing into podman as $image"
tar --numeric-owner --xattrs -C "$rootfs" -c . | podman import --quiet \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV LANG=C.UTF-8" \
    --change "ENV SSL_CERT_FILE=$ca" \
    --change "ENV REQUESTS_CA_BUNDLE=$ca" \
    --change "ENV PIP_CERT=$ca" \
    --change 'CMD ["python3"]' \
    --message "factbot test base: Debian $suite minbase + python3" \
    - "$image" >/dev/null

size="$(podman image inspect --format '{{.Size}}' "$image")"
log "built $image ($((size / 1000000)) MB) in $((SECONDS - start)) s"

# factbot container image (issue 4).
#
#   docker build -t factbot .
#   docker run -d --name factbot \
#       -e DISCORD_TOKEN_FILE=/run/secrets/discord_token \
#       -v /path/to/discord_token.txt:/run/secrets/discord_token:ro \
#       -v factbot-data:/data factbot
#
# Facts: the shipped ones are baked in at /app/facts; to use your own, mount a
# folder and point FACTBOT_FACTS_DIR at it:
#   -v /path/to/my-facts:/facts:ro -e FACTBOT_FACTS_DIR=/facts
#
# BASE_IMAGE must be a Debian-like image with python3 (>= 3.11) and its venv
# module; the tests build one from Debian's packages because images cannot be
# pulled where they run.
ARG BASE_IMAGE=python:3.12-slim

# --- builder: a virtual environment with the pinned dependencies and the
# project installed from a wheel built here (the source tree stays behind).
FROM ${BASE_IMAGE} AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python3 -m venv /opt/venv

# Dependencies first, so that this layer is reused while only the code changes.
COPY requirements.lock /tmp/requirements.lock
RUN /opt/venv/bin/pip install --no-cache-dir --require-hashes --no-deps -r /tmp/requirements.lock

# README* rather than README.md: pyproject.toml may or may not name a readme.
COPY pyproject.toml README* /src/
COPY bot /src/bot
RUN /opt/venv/bin/pip install --no-cache-dir --no-deps /src \
    && /opt/venv/bin/pip check \
    && /opt/venv/bin/python -m pip uninstall --yes pip setuptools wheel

# --- runtime
FROM ${BASE_IMAGE}

LABEL org.opencontainers.image.title="factbot" \
      org.opencontainers.image.description="A Discord bot that answers questions about Vietnam - Republic of Korea relations with short, sourced answers." \
      org.opencontainers.image.licenses="MIT"

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    FACTBOT_FACTS_DIR=/app/facts \
    FACTBOT_DATA_DIR=/data

RUN groupadd --gid 10001 factbot \
    && useradd --uid 10001 --gid factbot --no-log-init --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin factbot \
    && mkdir -p /data \
    && chown factbot:factbot /data

COPY --from=builder /opt/venv /opt/venv
COPY facts /app/facts

WORKDIR /app
USER 10001:10001
VOLUME ["/data"]

# Healthy only while the gateway connection is live: the bot refreshes a
# heartbeat in the data folder and `factbot health` checks its age.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["factbot", "health"]

# Exec form: factbot is PID 1 and gets SIGTERM itself, closes the gateway and
# flushes pending writes.
STOPSIGNAL SIGTERM
CMD ["factbot", "run"]

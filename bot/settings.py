"""Settings for the Discord front, read from the environment (and an optional ``.env``).

Pure: no Discord import. Everything is validated at once, so a bad start-up names every problem
together rather than one per attempt. The token is a :class:`Secret`; the one place that unwraps
it is ``bot.discordbot.runner``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from bot.store import default_facts_dir

DEFAULT_API_BASE: Final = "https://discord.com/api/v10"
LOG_LEVELS: Final = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_REDACTED: Final = "**********"


class SettingsError(ValueError):
    """One or more settings are missing or invalid; ``problems`` has one line per setting."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class Secret:
    """A string that does not show itself in reprs, logs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({_REDACTED!r})"

    def __str__(self) -> str:
        return _REDACTED

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True, slots=True)
class SettingDoc:
    """One environment variable: its name, its default as written in the docs, and what it does."""

    env: str
    default: str
    help: str


#: Every setting, in the order the README and ``.env.example`` list them.
SETTINGS_DOC: Final[tuple[SettingDoc, ...]] = (
    SettingDoc("DISCORD_TOKEN", "(none)", "The bot token. Required by `factbot run` and `factbot sync`."),
    SettingDoc(
        "DISCORD_TOKEN_FILE",
        "(none)",
        "A file holding the token (container secrets). Use this or DISCORD_TOKEN, not both.",
    ),
    SettingDoc("FACTBOT_FACTS_DIR", "the repo's facts/, else ./facts", "Directory of fact files."),
    SettingDoc("FACTBOT_DATA_DIR", "./data", "Writable directory for the health heartbeat (/data in the container)."),
    SettingDoc(
        "FACTBOT_DEV_GUILD_ID",
        "(none)",
        "Guild to sync slash commands to on every start (instant; for development).",
    ),
    SettingDoc(
        "FACTBOT_SYNC_GLOBAL",
        "false",
        "Sync slash commands globally on start. Usually leave off and run `factbot sync` once.",
    ),
    SettingDoc(
        "FACTBOT_AUTO_CHANNELS",
        "(none)",
        "Comma-separated channel ids where every question-like message is answered without a mention. "
        "Needs the Message Content intent.",
    ),
    SettingDoc("FACTBOT_COOLDOWN_RATE", "5", "Questions a user may ask per cooldown window."),
    SettingDoc("FACTBOT_COOLDOWN_SECONDS", "30", "Length of the cooldown window in seconds."),
    SettingDoc(
        "FACTBOT_SHARD_COUNT",
        "(automatic)",
        "Total number of shards across all containers. Required when FACTBOT_SHARD_IDS is set.",
    ),
    SettingDoc(
        "FACTBOT_SHARD_IDS",
        "(all)",
        "Shards this process runs, e.g. `0-3` or `0,1`. Give each container its own range.",
    ),
    SettingDoc("FACTBOT_LOG_LEVEL", "INFO", "DEBUG, INFO, WARNING, ERROR or CRITICAL. DEBUG logs question text."),
    SettingDoc(
        "FACTBOT_DISCORD_API_BASE",
        DEFAULT_API_BASE,
        "Discord REST base URL. Only tests change it (to a local server).",
    ),
    SettingDoc(
        "FACTBOT_HEALTH_MAX_AGE",
        "90",
        "`factbot health` fails when the heartbeat file is older than this many seconds.",
    ),
)
KNOWN_NAMES: Final = frozenset(doc.env for doc in SETTINGS_DOC)


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective settings of one bot process."""

    token: Secret | None = None
    #: Where the token came from, for `factbot config` ("DISCORD_TOKEN", "DISCORD_TOKEN_FILE=/run/…").
    token_source: str = ""
    facts_dir: Path = Path("facts")
    data_dir: Path = Path("data")
    dev_guild_id: int | None = None
    sync_global: bool = False
    auto_channels: frozenset[int] = frozenset()
    cooldown_rate: int = 5
    cooldown_seconds: float = 30.0
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    log_level: str = "INFO"
    api_base: str = DEFAULT_API_BASE
    health_max_age: float = 90.0

    @property
    def heartbeat_file(self) -> Path:
        return self.data_dir / "heartbeat"

    @property
    def needs_message_content(self) -> bool:
        """Only auto channels need the privileged intent; mentions, replies and DMs carry content anyway."""
        return bool(self.auto_channels)

    def require_token(self) -> Secret:
        """The token, or a SettingsError saying how to provide one."""
        if self.token is None:
            raise SettingsError(["no token: set DISCORD_TOKEN, or DISCORD_TOKEN_FILE to a file that holds the token"])
        return self.token

    def redacted(self) -> dict[str, str]:
        """Every setting by its environment name, as text, with the token hidden."""
        return {
            "DISCORD_TOKEN": (f"{_REDACTED} (from {self.token_source})" if self.token else "(not set)"),
            "FACTBOT_FACTS_DIR": str(self.facts_dir),
            "FACTBOT_DATA_DIR": str(self.data_dir),
            "FACTBOT_DEV_GUILD_ID": str(self.dev_guild_id) if self.dev_guild_id else "(not set)",
            "FACTBOT_SYNC_GLOBAL": "true" if self.sync_global else "false",
            "FACTBOT_AUTO_CHANNELS": ",".join(str(c) for c in sorted(self.auto_channels)) or "(none)",
            "FACTBOT_COOLDOWN_RATE": str(self.cooldown_rate),
            "FACTBOT_COOLDOWN_SECONDS": _number(self.cooldown_seconds),
            "FACTBOT_SHARD_COUNT": str(self.shard_count) if self.shard_count else "(automatic)",
            "FACTBOT_SHARD_IDS": ",".join(map(str, self.shard_ids)) if self.shard_ids is not None else "(all)",
            "FACTBOT_LOG_LEVEL": self.log_level,
            "FACTBOT_DISCORD_API_BASE": self.api_base,
            "FACTBOT_HEALTH_MAX_AGE": _number(self.health_max_age),
        }


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


_ENV_LINE = re.compile(r"^\s*(?:export\s+)?(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?P<value>.*?)\s*$")


def read_env_file(path: Path) -> dict[str, str]:
    """Parse a ``.env`` file: ``KEY=value`` lines, ``#`` comments, optional quotes. Missing file → {}."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise SettingsError([f"{path}: cannot read the env file ({exc.strerror})"]) from None
    values: dict[str, str] = {}
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _ENV_LINE.match(line)
        if match is None:
            problems.append(f"{path}:{number}: expected KEY=value")
            continue
        value = match["value"]
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        values[match["key"]] = value
    if problems:
        raise SettingsError(problems)
    return values


class _Reader:
    """Reads raw strings and collects every problem instead of stopping at the first."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self.values = values
        self.problems: list[str] = []

    def raw(self, name: str) -> str | None:
        value = self.values.get(name, "").strip()
        return value or None

    def fail(self, name: str, value: str, expected: str) -> None:
        self.problems.append(f"{name}={value!r}: {expected}")

    def integer(self, name: str, default: int | None, *, minimum: int) -> int | None:
        value = self.raw(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            self.fail(name, value, f"expected a whole number ≥ {minimum}")
            return default
        if number < minimum:
            self.fail(name, value, f"expected a whole number ≥ {minimum}")
            return default
        return number

    def seconds(self, name: str, default: float) -> float:
        value = self.raw(name)
        if value is None:
            return default
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not number > 0 or number == float("inf"):
            self.fail(name, value, "expected a positive number of seconds")
            return default
        return number

    def boolean(self, name: str, default: bool) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        self.fail(name, value, "expected true or false")
        return default

    def snowflake(self, name: str) -> int | None:
        value = self.raw(name)
        if value is None:
            return None
        if not value.isdigit() or not 0 < int(value) < 2**64:
            self.fail(name, value, "expected a Discord id (digits only; enable Developer Mode to copy one)")
            return None
        return int(value)

    def snowflakes(self, name: str) -> frozenset[int]:
        value = self.raw(name)
        if value is None:
            return frozenset()
        parts = [part.strip() for part in value.split(",") if part.strip()]
        bad = [part for part in parts if not part.isdigit() or not 0 < int(part) < 2**64]
        if bad:
            self.fail(name, value, f"expected comma-separated channel ids; not an id: {', '.join(bad)}")
            return frozenset()
        return frozenset(int(part) for part in parts)

    def shard_ids(self, name: str) -> tuple[int, ...] | None:
        value = self.raw(name)
        if value is None:
            return None
        ids: set[int] = set()
        for part in (p.strip() for p in value.split(",")):
            match = re.fullmatch(r"(\d+)(?:\s*-\s*(\d+))?", part)
            if match is None or (match[2] is not None and int(match[2]) < int(match[1])):
                self.fail(name, value, 'expected shard ids like "0-3" or "0,1" (ranges inclusive)')
                return None
            first = int(match[1])
            last = int(match[2]) if match[2] is not None else first
            ids.update(range(first, last + 1))
        return tuple(sorted(ids))


def load_settings(environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")) -> Settings:
    """Build the settings from ``environ`` (default ``os.environ``) over the optional ``env_file``.

    Raises :class:`SettingsError` listing every missing or invalid value.
    """
    file_values = read_env_file(env_file) if env_file is not None else {}
    values = {**file_values, **(os.environ if environ is None else environ)}
    reader = _Reader(values)

    token, token_source = _read_token(reader)

    facts_raw = reader.raw("FACTBOT_FACTS_DIR")
    # Without a setting, the store's own default: the shipped facts/ beside the package, else ./facts.
    facts_dir = Path(facts_raw).expanduser() if facts_raw else default_facts_dir()
    if not facts_dir.is_dir():
        reader.fail("FACTBOT_FACTS_DIR", str(facts_dir), "not a directory of fact files")
    data_raw = reader.raw("FACTBOT_DATA_DIR")
    data_dir = Path(data_raw).expanduser() if data_raw else Path("data")
    if data_dir.exists() and not data_dir.is_dir():
        reader.fail("FACTBOT_DATA_DIR", str(data_dir), "exists but is not a directory")

    shard_count = reader.integer("FACTBOT_SHARD_COUNT", None, minimum=1)
    shard_ids = reader.shard_ids("FACTBOT_SHARD_IDS")
    if shard_ids is not None:
        if shard_count is None:
            reader.problems.append("FACTBOT_SHARD_IDS needs FACTBOT_SHARD_COUNT (the total across all processes)")
        elif shard_ids[-1] >= shard_count:
            reader.problems.append(
                f"FACTBOT_SHARD_IDS={reader.raw('FACTBOT_SHARD_IDS')!r}: shard {shard_ids[-1]} does not "
                f"exist with FACTBOT_SHARD_COUNT={shard_count} (ids run 0 to {shard_count - 1})"
            )

    log_level = (reader.raw("FACTBOT_LOG_LEVEL") or "INFO").upper()
    if log_level not in LOG_LEVELS:
        reader.fail("FACTBOT_LOG_LEVEL", log_level, f"expected one of {', '.join(LOG_LEVELS)}")
        log_level = "INFO"

    api_base = (reader.raw("FACTBOT_DISCORD_API_BASE") or DEFAULT_API_BASE).rstrip("/")
    if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", api_base):
        reader.fail("FACTBOT_DISCORD_API_BASE", api_base, "expected an http(s) URL such as " + DEFAULT_API_BASE)

    settings = Settings(
        token=token,
        token_source=token_source,
        facts_dir=facts_dir,
        data_dir=data_dir,
        dev_guild_id=reader.snowflake("FACTBOT_DEV_GUILD_ID"),
        sync_global=reader.boolean("FACTBOT_SYNC_GLOBAL", False),
        auto_channels=reader.snowflakes("FACTBOT_AUTO_CHANNELS"),
        cooldown_rate=reader.integer("FACTBOT_COOLDOWN_RATE", 5, minimum=1) or 5,
        cooldown_seconds=reader.seconds("FACTBOT_COOLDOWN_SECONDS", 30.0),
        shard_count=shard_count,
        shard_ids=shard_ids,
        log_level=log_level,
        api_base=api_base,
        health_max_age=reader.seconds("FACTBOT_HEALTH_MAX_AGE", 90.0),
    )
    if reader.problems:
        raise SettingsError(reader.problems)
    return settings


def _read_token(reader: _Reader) -> tuple[Secret | None, str]:
    # Never put the token's value into a problem message: only its source.
    token = reader.raw("DISCORD_TOKEN")
    token_file = reader.raw("DISCORD_TOKEN_FILE")
    if token and token_file:
        reader.problems.append("DISCORD_TOKEN and DISCORD_TOKEN_FILE are both set; keep one")
        return None, ""
    if token_file:
        path = Path(token_file).expanduser()
        try:
            from_file = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            reader.problems.append(f"DISCORD_TOKEN_FILE={token_file!r}: cannot read it ({exc.strerror})")
            return None, ""
        if not from_file:
            reader.problems.append(f"DISCORD_TOKEN_FILE={token_file!r}: the file is empty")
            return None, ""
        token, source = from_file, f"DISCORD_TOKEN_FILE={token_file}"
    elif token:
        source = "DISCORD_TOKEN"
    else:
        return None, ""
    if any(ch.isspace() for ch in token):
        reader.problems.append(f"token from {source.split('=')[0]} contains whitespace; paste it without spaces")
        return None, ""
    return Secret(token), source

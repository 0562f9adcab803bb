"""Settings: read from the environment and .env, every problem reported at once, the token never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import (
    DEFAULT_API_BASE,
    KNOWN_NAMES,
    SETTINGS_DOC,
    Secret,
    SettingsError,
    load_settings,
    read_env_file,
)

TOKEN = "MTIz.fake-token.value"
ENV_EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"


def load(tmp_path: Path, **environ: str):
    environ.setdefault("FACTBOT_FACTS_DIR", str(tmp_path))
    return load_settings(environ, env_file=None)


def problems_of(tmp_path: Path, **environ: str) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        load(tmp_path, **environ)
    return caught.value.problems


def test_defaults_without_any_setting(tmp_path: Path) -> None:
    settings = load(tmp_path)
    assert settings.token is None
    assert settings.cooldown_rate == 5
    assert settings.cooldown_seconds == 30
    assert settings.api_base == DEFAULT_API_BASE
    assert settings.health_max_age == 90
    assert settings.sync_global is False
    assert settings.auto_channels == frozenset()
    assert settings.data_dir == Path("data")


def test_token_from_environment_is_a_secret(tmp_path: Path) -> None:
    settings = load(tmp_path, DISCORD_TOKEN=TOKEN)
    assert isinstance(settings.token, Secret)
    assert settings.token.reveal() == TOKEN


def test_token_never_appears_in_repr_str_or_redacted(tmp_path: Path) -> None:
    settings = load(tmp_path, DISCORD_TOKEN=TOKEN)
    assert TOKEN not in repr(settings)
    assert TOKEN not in str(settings.token)
    assert TOKEN not in str(settings.redacted())


def test_token_from_file_is_stripped(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    settings = load(tmp_path, DISCORD_TOKEN_FILE=str(token_file))
    assert settings.token == Secret(TOKEN)
    assert settings.token_source == f"DISCORD_TOKEN_FILE={token_file}"


def test_empty_token_file_is_a_problem(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("\n")
    assert problems_of(tmp_path, DISCORD_TOKEN_FILE=str(token_file)) == [
        f"DISCORD_TOKEN_FILE={str(token_file)!r}: the file is empty"
    ]


def test_missing_token_file_is_a_problem(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path, DISCORD_TOKEN_FILE=str(tmp_path / "absent"))
    assert "cannot read it" in problem


def test_token_and_token_file_together_are_a_problem(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN)
    [problem] = problems_of(tmp_path, DISCORD_TOKEN=TOKEN, DISCORD_TOKEN_FILE=str(token_file))
    assert "both set" in problem
    assert TOKEN not in problem


def test_empty_token_counts_as_missing(tmp_path: Path) -> None:
    settings = load(tmp_path, DISCORD_TOKEN="  ")
    with pytest.raises(SettingsError, match="no token"):
        settings.require_token()


def test_token_with_whitespace_is_rejected_without_echoing_it(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path, DISCORD_TOKEN="Bot " + TOKEN)
    assert "whitespace" in problem
    assert TOKEN not in problem


def test_every_bad_value_is_reported_together(tmp_path: Path) -> None:
    problems = problems_of(
        tmp_path,
        FACTBOT_COOLDOWN_RATE="zero",
        FACTBOT_COOLDOWN_SECONDS="-3",
        FACTBOT_SYNC_GLOBAL="maybe",
        FACTBOT_LOG_LEVEL="LOUD",
        FACTBOT_DEV_GUILD_ID="my-guild",
    )
    assert {p.split("=")[0] for p in problems} == {
        "FACTBOT_COOLDOWN_RATE",
        "FACTBOT_COOLDOWN_SECONDS",
        "FACTBOT_SYNC_GLOBAL",
        "FACTBOT_LOG_LEVEL",
        "FACTBOT_DEV_GUILD_ID",
    }


def test_auto_channels_are_parsed_and_need_message_content(tmp_path: Path) -> None:
    settings = load(tmp_path, FACTBOT_AUTO_CHANNELS="111, 222,")
    assert settings.auto_channels == frozenset({111, 222})
    assert settings.needs_message_content


def test_auto_channels_reject_names(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path, FACTBOT_AUTO_CHANNELS="111,general")
    assert "not an id: general" in problem


@pytest.mark.parametrize(
    ("text", "ids"),
    [("0-3", (0, 1, 2, 3)), ("0,1", (0, 1)), ("4-5,7", (4, 5, 7)), ("2", (2,))],
)
def test_shard_ids_ranges_and_lists(tmp_path: Path, text: str, ids: tuple[int, ...]) -> None:
    settings = load(tmp_path, FACTBOT_SHARD_COUNT="8", FACTBOT_SHARD_IDS=text)
    assert settings.shard_ids == ids


def test_shard_ids_need_a_shard_count(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path, FACTBOT_SHARD_IDS="0-1")
    assert "needs FACTBOT_SHARD_COUNT" in problem


def test_shard_ids_must_exist(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path, FACTBOT_SHARD_COUNT="2", FACTBOT_SHARD_IDS="0-2")
    assert "shard 2 does not exist" in problem


def test_reversed_shard_range_is_a_problem(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path, FACTBOT_SHARD_COUNT="4", FACTBOT_SHARD_IDS="3-1")
    assert "FACTBOT_SHARD_IDS" in problem


def test_api_base_must_be_a_url_and_loses_trailing_slash(tmp_path: Path) -> None:
    assert load(tmp_path, FACTBOT_DISCORD_API_BASE="http://127.0.0.1:8080/api/v10/").api_base == (
        "http://127.0.0.1:8080/api/v10"
    )
    [problem] = problems_of(tmp_path, FACTBOT_DISCORD_API_BASE="discord.com")
    assert "http(s) URL" in problem


def test_facts_dir_must_exist(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path, FACTBOT_FACTS_DIR=str(tmp_path / "nope"))
    assert problem.startswith("FACTBOT_FACTS_DIR=")


def test_env_file_fills_in_and_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# comment\nexport FACTBOT_COOLDOWN_RATE=7\nFACTBOT_LOG_LEVEL='debug'\nFACTBOT_COOLDOWN_SECONDS=10 # ten\n"
    )
    settings = load_settings({"FACTBOT_FACTS_DIR": str(tmp_path), "FACTBOT_COOLDOWN_RATE": "3"}, env_file=env_file)
    assert settings.cooldown_rate == 3
    assert settings.log_level == "DEBUG"
    assert settings.cooldown_seconds == 10


def test_env_file_line_without_equals_is_named(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("FACTBOT_LOG_LEVEL=INFO\njust words\n")
    with pytest.raises(SettingsError) as caught:
        read_env_file(env_file)
    assert caught.value.problems == [f"{env_file}:2: expected KEY=value"]


def test_missing_env_file_is_fine(tmp_path: Path) -> None:
    assert read_env_file(tmp_path / ".env") == {}


def test_redacted_lists_every_documented_setting(tmp_path: Path) -> None:
    names = set(load(tmp_path).redacted())
    assert names == KNOWN_NAMES - {"DISCORD_TOKEN_FILE"}


def test_env_example_documents_every_setting() -> None:
    text = ENV_EXAMPLE.read_text()
    missing = [doc.env for doc in SETTINGS_DOC if f"{doc.env}=" not in text]
    assert missing == []


def test_readme_documents_every_setting_with_its_default() -> None:
    root = ENV_EXAMPLE.parent
    # The Discord section is drafted beside the package until it is merged into the top-level README.
    docs = "\n".join(
        p.read_text() for p in (root / "README.md", root / "bot" / "discordbot" / "README.md") if p.exists()
    )
    missing = [doc.env for doc in SETTINGS_DOC if f"| `{doc.env}` | {doc.default} |" not in docs]
    assert missing == []

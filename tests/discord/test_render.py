"""Replies as embeds: pure functions of a Reply, every Discord limit kept whatever the input."""

from __future__ import annotations

import datetime as dt

import discord
import pytest

from bot.discordbot import render
from bot.discordbot.render import (
    CHOICE_TEXT_MAX,
    CONTENT_MAX,
    EMBED_DESCRIPTION_MAX,
    EMBED_FIELD_NAME_MAX,
    EMBED_FIELD_VALUE_MAX,
    EMBED_FIELDS_MAX,
    EMBED_TOTAL_MAX,
    EMBEDS_PER_MESSAGE,
    about_embed,
    choice_text,
    citation_markdown,
    clip,
    discord_len,
    format_duration,
    help_embed,
    join_within,
    locale_language,
    notice,
    reply_embed,
    sources_embeds,
)
from bot.model import Reply, Source, Status, Suggestion

VNA = Source(
    id="vna-2021",
    outlet="Vietnam News Agency",
    title="Leaders of Vietnam, RoK vow to deepen relations",
    url="https://en.daihoidang.vn/leaders-of-vietnam-rok-vow-to-deepen-relations/2041.vnp",
    published=dt.date(2021, 7, 15),
    language="en",
    caveat={"en": "Republished by the Party Congress site.", "vi": "Đăng lại trên trang Đại hội Đảng."},
)


def answer(**changes: object) -> Reply:
    fields: dict[str, object] = {
        "status": Status.ANSWER,
        "answer": "On 15 July 2021, Nguyen Phu Trong and Moon Jae-in held talks by telephone.",
        "language": "en",
        "fact_id": "trong-moon-phone-talks",
        "score": 0.91,
        "sources": (VNA,),
        "as_of": dt.date(2021, 7, 15),
    }
    fields.update(changes)
    return Reply(**fields)  # type: ignore[arg-type]


def embed_total(embed: discord.Embed) -> int:
    data = embed.to_dict()
    total = discord_len(data.get("title", "")) + discord_len(data.get("description", ""))
    total += sum(discord_len(f["name"]) + discord_len(f["value"]) for f in data.get("fields", []))
    total += discord_len(data.get("footer", {}).get("text", ""))
    return total


def assert_within_limits(embed: discord.Embed) -> None:
    data = embed.to_dict()
    assert discord_len(data.get("description", "")) <= EMBED_DESCRIPTION_MAX
    fields = data.get("fields", [])
    assert len(fields) <= EMBED_FIELDS_MAX
    for field in fields:
        assert 0 < discord_len(field["name"]) <= EMBED_FIELD_NAME_MAX
        assert 0 < discord_len(field["value"]) <= EMBED_FIELD_VALUE_MAX
    assert embed_total(embed) <= EMBED_TOTAL_MAX


def field(embed: discord.Embed, name: str) -> str:
    return next(f.value for f in embed.fields if f.name == name)  # type: ignore[misc]


def test_answer_embed_has_answer_citation_and_as_of() -> None:
    embed = reply_embed(answer())
    assert embed.description == answer().answer
    citation = field(embed, "Source")
    assert "Vietnam News Agency" in citation
    assert f"({VNA.url})" in citation
    assert "2021-07-15" in citation
    assert field(embed, "As of") == "2021-07-15"


def test_answer_embed_shows_caveat_in_reply_language() -> None:
    embed = reply_embed(answer(language="vi", answer="Ngày 15/7/2021..."))
    assert "Đăng lại" in field(embed, "Về nguồn tin")
    assert field(embed, "Tính đến") == "2021-07-15"


def test_note_is_shown_when_sources_disagree() -> None:
    embed = reply_embed(answer(note="The captions name a different ambassador."))
    assert field(embed, "Note") == "The captions name a different ambassador."


def test_several_sources_are_listed_under_sources() -> None:
    other = Source("vov-2025", "VOV", "Title", "https://vov.vn/a", dt.date(2025, 6, 5), "en")
    embed = reply_embed(answer(sources=(VNA, other)))
    assert field(embed, "Sources").count("\n") == 1


def test_suggest_embed_numbers_the_suggestions() -> None:
    reply = Reply(
        Status.SUGGEST,
        "I'm not sure I understood. Did you mean:\n• When?\n• Who?",
        "en",
        suggestions=(Suggestion("a", "When?"), Suggestion("b", "Who?")),
    )
    assert reply_embed(reply).description == "I'm not sure I understood. Did you mean:\n1. When?\n2. Who?"


def test_decline_embed_is_the_engine_message() -> None:
    reply = Reply(Status.DECLINE, "I can't answer that from my sources: A; B.", "en")
    embed = reply_embed(reply)
    assert embed.description == reply.answer
    assert embed.fields == []


def test_huge_reply_stays_within_every_embed_limit() -> None:
    long_source = Source(
        "x",
        "O" * 500,
        "T" * 3000,
        "https://example.com/" + "p" * 400,
        dt.date(2020, 1, 1),
        "en",
        caveat={"en": "c" * 3000},
    )
    reply = answer(answer="word " * 5000, note="n" * 5000, sources=(long_source,) * 40)
    assert_within_limits(reply_embed(reply))


def test_emoji_count_double_toward_limits() -> None:
    reply = answer(answer="🇻🇳" * 5000)
    assert_within_limits(reply_embed(reply))


def test_markdown_in_titles_cannot_break_the_link() -> None:
    source = Source("x", "Out*let", "A [bracketed] title", "https://e.com/a_(b)", dt.date(2020, 1, 1), "en")
    line = citation_markdown(source, "en")
    assert "[A \\[bracketed\\] title](https://e.com/a_%28b%29)" in line
    assert "Out\\*let" in line


def test_non_http_url_is_not_linked() -> None:
    source = Source("x", "Outlet", "Title", "javascript:alert(1)", dt.date(2020, 1, 1), "en")
    assert "](" not in citation_markdown(source, "en")


@pytest.mark.parametrize("count", [0, 1, 5, 60, 400])
def test_sources_embeds_fit_one_message(count: int) -> None:
    sources = [
        Source(f"s{i}", f"Outlet {i}", "Title " * 30, f"https://e.com/{i}", dt.date(2020, 1, 1), "en")
        for i in range(count)
    ]
    embeds = sources_embeds(sources, "en")
    assert 1 <= len(embeds) <= EMBEDS_PER_MESSAGE
    assert sum(embed_total(e) for e in embeds) <= EMBED_TOTAL_MAX
    for embed in embeds:
        assert_within_limits(embed)
    shown = sum((e.description or "").count("https://e.com/") for e in embeds)
    more = "".join(e.description or "" for e in embeds)
    assert shown == count or f"and {count - shown} more" in more


def test_clip_keeps_short_text_and_marks_cuts() -> None:
    assert clip("short", 10) == "short"
    assert clip("a" * 20, 10) == "a" * 9 + "…"
    assert discord_len(clip("😀" * 20, 10)) <= 10


def test_join_within_reports_what_was_left_out() -> None:
    joined = join_within(["a" * 10] * 10, 40, "en")
    assert joined.endswith("more")
    assert discord_len(joined) <= 40


def test_join_within_clips_a_single_long_line() -> None:
    assert discord_len(join_within(["x" * 5000], 1024, "en")) <= 1024


def test_choice_text_fits_autocomplete() -> None:
    assert discord_len(choice_text("q " * 200)) <= CHOICE_TEXT_MAX
    assert choice_text("  When   did\nthey meet? ") == "When did they meet?"


def test_notices_fit_message_content_in_both_languages() -> None:
    for language in ("en", "vi", "fr"):
        for key in ("cooldown", "error", "not_yours"):
            assert 0 < len(notice(language, key, seconds=30)) <= CONTENT_MAX


def test_every_message_exists_in_both_languages() -> None:
    assert render.TEXT["en"].keys() == render.TEXT["vi"].keys()


def test_help_embed_lists_examples() -> None:
    embed = help_embed([Suggestion("a", "When did they meet?")], "en")
    assert "• When did they meet?" in (embed.description or "")


def test_about_embed_shows_counts_uptime_and_latency() -> None:
    embed = about_embed(
        version="0.1.0",
        fact_count=144,
        source_count=5,
        uptime_seconds=3725,
        latency_seconds=0.042,
        language="en",
    )
    values = {f.name: f.value for f in embed.fields}
    assert values == {
        "Version": "0.1.0",
        "Facts": "144",
        "Sources": "5",
        "Uptime": "1h 2m 5s",
        "Gateway latency": "42 ms",
    }


def test_about_embed_without_latency_says_unknown() -> None:
    embed = about_embed(
        version="0", fact_count=0, source_count=0, uptime_seconds=0, latency_seconds=None, language="vi"
    )
    assert "không rõ" in [f.value for f in embed.fields]


@pytest.mark.parametrize(("seconds", "text"), [(0, "0s"), (59, "59s"), (61, "1m 1s"), (86400 + 5, "1d 0h 0m 5s")])
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        (discord.Locale.vietnamese, "vi"),
        (discord.Locale.american_english, "en"),
        (discord.Locale.korean, "en"),
    ],
)
def test_locale_language(locale: discord.Locale, language: str) -> None:
    assert locale_language(locale) == language

"""Replies as Discord embeds: pure functions of the engine's data, every Discord limit kept by construction.

Nothing here touches the network. Views (buttons, menus) are built in ``views.py`` from the same data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import discord

from bot.model import Reply, Source, Status, Suggestion
from bot.render import LABELS

# Discord's limits (https://discord.com/developers/docs/resources/message, .../interactions/...).
CONTENT_MAX: Final = 2000
EMBED_TITLE_MAX: Final = 256
EMBED_DESCRIPTION_MAX: Final = 4096
EMBED_FIELDS_MAX: Final = 25
EMBED_FIELD_NAME_MAX: Final = 256
EMBED_FIELD_VALUE_MAX: Final = 1024
EMBED_FOOTER_MAX: Final = 2048
EMBED_TOTAL_MAX: Final = 6000
EMBEDS_PER_MESSAGE: Final = 10
BUTTON_LABEL_MAX: Final = 80
URL_MAX: Final = 512
CUSTOM_ID_MAX: Final = 100
SELECT_OPTIONS_MAX: Final = 25
SELECT_TEXT_MAX: Final = 100  # option label, value and description
CHOICES_MAX: Final = 25
CHOICE_TEXT_MAX: Final = 100  # autocomplete choice name and value
COMPONENTS_MAX: Final = 25
#: An answer's share of an embed, so citations, notes and caveats always fit within EMBED_TOTAL_MAX.
ANSWER_MAX: Final = 3000
BUTTONS_PER_ROW: Final = 5

COLOURS: Final = {
    Status.ANSWER: discord.Colour(0x2E7D32),
    Status.SUGGEST: discord.Colour(0xF9A825),
    Status.DECLINE: discord.Colour(0x546E7A),
}
INFO_COLOUR: Final = discord.Colour(0x1565C0)

#: Words only the Discord front needs; the shared ones (source, as of, note) come from bot.render.LABELS.
TEXT: Final = {
    "en": {
        "caveat": "About the source",
        "more": "…and {n} more",
        "not_yours": "These buttons answer someone else's question. Ask your own with /ask.",
        "cooldown": "You're asking quickly. Please wait {seconds} s and ask again.",
        "error": "Sorry, something went wrong on my side. Please try again in a moment.",
        "help": "Ask me about Vietnam – Republic of Korea relations. For example:",
        "sources_title": "Sources",
        "topics_title": "Topics",
        "topics_intro": "Pick a topic, then a question.",
        "topic_placeholder": "Pick a topic",
        "question_placeholder": "Pick a question",
        "about_title": "About factbot",
        "about_text": "Short, sourced answers about Vietnam – Republic of Korea relations.",
        "version": "Version",
        "facts": "Facts",
        "sources": "Sources",
        "uptime": "Uptime",
        "latency": "Gateway latency",
        "unknown": "unknown",
    },
    "vi": {
        "caveat": "Về nguồn tin",
        "more": "…và {n} mục khác",
        "not_yours": "Các nút này dành cho người đã đặt câu hỏi. Bạn hãy tự hỏi bằng /ask.",
        "cooldown": "Bạn đang hỏi hơi nhanh. Vui lòng chờ {seconds} giây rồi hỏi lại.",
        "error": "Xin lỗi, bot vừa gặp lỗi. Vui lòng thử lại sau giây lát.",
        "help": "Hãy hỏi tôi về quan hệ Việt Nam – Hàn Quốc. Ví dụ:",
        "sources_title": "Nguồn tin",
        "topics_title": "Chủ đề",
        "topics_intro": "Chọn một chủ đề, rồi chọn một câu hỏi.",
        "topic_placeholder": "Chọn chủ đề",
        "question_placeholder": "Chọn câu hỏi",
        "about_title": "Giới thiệu factbot",
        "about_text": "Câu trả lời ngắn, có nguồn, về quan hệ Việt Nam – Hàn Quốc.",
        "version": "Phiên bản",
        "facts": "Số dữ kiện",
        "sources": "Số nguồn",
        "uptime": "Thời gian chạy",
        "latency": "Độ trễ gateway",
        "unknown": "không rõ",
    },
}


def text(language: str, key: str, **values: object) -> str:
    """A Discord-front message in ``language`` (English when the language is unknown)."""
    template = TEXT.get(language, TEXT["en"])[key]
    return template.format(**values) if values else template


def label(language: str, key: str) -> str:
    return LABELS.get(language, LABELS["en"])[key]


def discord_len(value: str) -> int:
    """Length as Discord counts it (UTF-16 code units), never less than ``len``."""
    return len(value.encode("utf-16-le")) // 2


def clip(value: str, limit: int) -> str:
    """``value`` cut to at most ``limit`` Discord characters, ending in "…" when cut."""
    if discord_len(value) <= limit:
        return value
    out: list[str] = []
    used = 0
    for ch in value:
        width = discord_len(ch)
        if used + width > limit - 1:
            break
        out.append(ch)
        used += width
    return "".join(out).rstrip() + "…"


def _escape_link_text(value: str) -> str:
    return discord.utils.escape_markdown(value).replace("[", "\\[").replace("]", "\\]")


def _link_target(url: str) -> str:
    # A ")" or space would end the markdown link early.
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def is_linkable(url: str) -> bool:
    """Whether ``url`` can be a link button (http(s), within Discord's URL limit)."""
    return url.startswith(("https://", "http://")) and discord_len(url) <= URL_MAX


def citation_markdown(source: Source, language: str) -> str:
    """Outlet, linked title and date of one article, as one markdown line."""
    title = _escape_link_text(clip(source.title, 200))
    outlet = discord.utils.escape_markdown(clip(source.outlet, 150))
    published = f"({label(language, 'published')} {source.published.isoformat()})"
    if is_linkable(source.url):
        return f"**{outlet}** — [{title}]({_link_target(source.url)}) {published}"
    return f"**{outlet}** — {title} {published}"


def join_within(lines: Sequence[str], limit: int, language: str, separator: str = "\n") -> str:
    """As many whole lines as fit in ``limit``, then "…and N more"; a single over-long line is clipped."""
    out: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        left = len(lines) - index - 1
        # Keep room for the "…and N more" line in case the next line does not fit.
        tail = separator + text(language, "more", n=left) if left else ""
        cost = discord_len(line) + (discord_len(separator) if out else 0)
        if used + cost + discord_len(tail) <= limit:
            out.append(line)
            used += cost
            continue
        if not out:  # the first line alone is too long: keep what fits of it
            return clip(line, limit - discord_len(tail)) + tail
        return separator.join(out) + separator + text(language, "more", n=left + 1)
    return separator.join(out)


class _EmbedBuilder:
    """Adds fields to an embed while keeping the per-field, field-count and total limits."""

    def __init__(self, embed: discord.Embed) -> None:
        self.embed = embed
        self.used = discord_len(embed.title or "") + discord_len(embed.description or "")

    def footer(self, value: str) -> None:
        value = clip(value, min(EMBED_FOOTER_MAX, EMBED_TOTAL_MAX - self.used))
        if value:
            self.embed.set_footer(text=value)
            self.used += discord_len(value)

    def field(self, name: str, lines: Sequence[str], language: str, *, inline: bool = False) -> None:
        """A field of ``lines``; as many as fit, then "…and N more". Left out when nothing fits."""
        if len(self.embed.fields) >= EMBED_FIELDS_MAX or not any(line.strip() for line in lines):
            return
        name = clip(name, EMBED_FIELD_NAME_MAX)
        room = min(EMBED_FIELD_VALUE_MAX, EMBED_TOTAL_MAX - self.used - discord_len(name))
        if room < 20:
            return
        value = join_within(lines, room, language)
        self.embed.add_field(name=name, value=value, inline=inline)
        self.used += discord_len(name) + discord_len(value)


def reply_embed(reply: Reply) -> discord.Embed:
    """The embed for one engine reply: answer, citations, "as of" date, notes and caveats."""
    language = reply.language
    body = reply.answer
    if reply.status is Status.SUGGEST and reply.suggestions:
        # The engine lists its suggestions as bullet lines; number them to match the buttons.
        body = "\n".join(
            [
                reply.answer.splitlines()[0],
                *(f"{n}. {s.question}" for n, s in enumerate(reply.suggestions, 1)),
            ]
        )
    embed = discord.Embed(
        description=clip(body, ANSWER_MAX),
        colour=COLOURS[reply.status],
    )
    builder = _EmbedBuilder(embed)
    if reply.status is Status.ANSWER:
        if reply.note:
            builder.field(label(language, "note"), [reply.note], language)
        if reply.sources:
            heading = label(language, "source" if len(reply.sources) == 1 else "sources")
            builder.field(heading, [citation_markdown(s, language) for s in reply.sources], language)
            caveats = [
                f"**{discord.utils.escape_markdown(clip(s.outlet, 100))}**: {caveat}"
                for s in reply.sources
                if (caveat := s.caveat.get(language) or s.caveat.get("en"))
            ]
            builder.field(text(language, "caveat"), caveats, language)
        if reply.as_of:
            builder.field(label(language, "as_of"), [reply.as_of.isoformat()], language, inline=True)
        if reply.fact_id:
            builder.footer(f"factbot · {reply.fact_id}")
    return embed


def help_embed(examples: Sequence[Suggestion], language: str) -> discord.Embed:
    """What to ask, shown when someone mentions the bot without a question."""
    lines = [text(language, "help"), *(f"• {s.question}" for s in examples[:5])]
    return discord.Embed(description=join_within(lines, 2000, language), colour=INFO_COLOUR)


def sources_embeds(sources: Sequence[Source], language: str) -> list[discord.Embed]:
    """Every article with outlet, date and link, split across embeds so each and all stay within limits."""
    title = text(language, "sources_title")
    budget = EMBED_TOTAL_MAX - discord_len(title) - 100  # room for the "…and N more" line
    lines = [clip(citation_markdown(s, language), 1000) for s in sources]
    descriptions: list[list[str]] = [[]]
    size = used = 0
    for index, line in enumerate(lines):
        cost = discord_len(line) + 1
        if used + cost > budget:
            descriptions[-1].append(text(language, "more", n=len(lines) - index))
            break
        if size + cost > EMBED_DESCRIPTION_MAX - 100:
            descriptions.append([])
            size = 0
        descriptions[-1].append(line)
        size += cost
        used += cost
    return [
        discord.Embed(title=title if i == 0 else None, description="\n".join(chunk) or None, colour=INFO_COLOUR)
        for i, chunk in enumerate(descriptions)
    ]


def topics_embed(language: str) -> discord.Embed:
    return discord.Embed(
        title=text(language, "topics_title"), description=text(language, "topics_intro"), colour=INFO_COLOUR
    )


def format_duration(seconds: float) -> str:
    """Uptime as "3d 4h 5m 6s", leaving out leading zero units."""
    rest = max(0, int(seconds))
    days, rest = divmod(rest, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    units = [(days, "d"), (hours, "h"), (minutes, "m"), (secs, "s")]
    while len(units) > 1 and units[0][0] == 0:
        units.pop(0)
    return " ".join(f"{value}{unit}" for value, unit in units)


def about_embed(
    *,
    version: str,
    fact_count: int,
    source_count: int,
    uptime_seconds: float,
    latency_seconds: float | None,
    language: str,
) -> discord.Embed:
    embed = discord.Embed(
        title=text(language, "about_title"), description=text(language, "about_text"), colour=INFO_COLOUR
    )
    embed.add_field(name=text(language, "version"), value=version, inline=True)
    embed.add_field(name=text(language, "facts"), value=str(fact_count), inline=True)
    embed.add_field(name=text(language, "sources"), value=str(source_count), inline=True)
    embed.add_field(name=text(language, "uptime"), value=format_duration(uptime_seconds), inline=True)
    latency = f"{latency_seconds * 1000:.0f} ms" if latency_seconds is not None else text(language, "unknown")
    embed.add_field(name=text(language, "latency"), value=latency, inline=True)
    return embed


def notice(language: str, key: str, **values: object) -> str:
    """A short plain message (cooldown, error, not yours), within the content limit."""
    return clip(text(language, key, **values), CONTENT_MAX)


def choice_text(question: str) -> str:
    """An autocomplete choice's name/value: a fact question within Discord's 100-character limit."""
    return clip(" ".join(question.split()), CHOICE_TEXT_MAX)


def locale_language(locale: discord.Locale | str | None) -> str:
    """The language for a Discord locale (a user's client, a server's preference): Vietnamese or English."""
    return "vi" if str(locale or "").startswith("vi") else "en"

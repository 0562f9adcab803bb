"""Buttons and select menus. Stateless: everything a component needs is in its ``custom_id``.

Dynamic items (discord.py ≥ 2.4) are rebuilt from the ``custom_id`` on every press, so buttons keep
working after a restart and the bot holds no per-message state however many replies it sends.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final, cast

import discord

from bot.discordbot.render import (
    BUTTON_LABEL_MAX,
    BUTTONS_PER_ROW,
    COMPONENTS_MAX,
    CUSTOM_ID_MAX,
    SELECT_OPTIONS_MAX,
    SELECT_TEXT_MAX,
    clip,
    is_linkable,
    notice,
    reply_embed,
    text,
    topics_embed,
)
from bot.discordbot.respond import NO_PINGS, apologise, log_question, send_private
from bot.model import Reply, Source, Status, Suggestion, Topic

if TYPE_CHECKING:
    from bot.engine import Engine

MAX_SUGGESTION_BUTTONS: Final = 3
#: Question menus under the topic menu (25 questions each); the last row is left for source links.
MAX_QUESTION_MENUS: Final = 3
_LANG = r"(?P<lang>en|vi)"
_ID = r"[a-z0-9_-]{1,80}"


def engine_of(interaction: discord.Interaction[Any]) -> Engine:
    """The engine of the bot that received ``interaction`` (``FactBot.engine``)."""
    return cast("Engine", interaction.client.engine)


class SuggestionButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=rf"fb:fact:(?P<asker>\d{{1,20}}):{_LANG}:(?P<fact>{_ID})",
):
    """A "did you mean" button: shows that fact's answer, privately, to the person who asked."""

    def __init__(self, asker_id: int, language: str, fact_id: str, label: str) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                label=clip(label, BUTTON_LABEL_MAX),
                custom_id=f"fb:fact:{asker_id}:{language}:{fact_id}",
            )
        )
        self.asker_id = asker_id
        self.language = language
        self.fact_id = fact_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: Any,
        /,
    ) -> SuggestionButton:
        return cls(int(match["asker"]), match["lang"], match["fact"], getattr(item, "label", None) or "?")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        started = time.perf_counter()
        try:
            if interaction.user.id != self.asker_id:
                await send_private(interaction, notice(self.language, "not_yours"))
                return
            reply = engine_of(interaction).answer_fact(self.fact_id, self.language)
            await interaction.response.send_message(
                embed=reply_embed(reply),
                view=reply_view(reply, interaction.user.id),
                ephemeral=True,
                allowed_mentions=NO_PINGS,
            )
            log_question(user_id=interaction.user.id, reply=reply, started=started, via="button")
        except Exception as error:
            await apologise(interaction, error, "suggestion button")


class TopicSelect(
    discord.ui.DynamicItem[discord.ui.Select[discord.ui.View]],
    template=rf"fb:topics:{_LANG}",
):
    """The /topics menu of topics; picking one shows that topic's questions."""

    def __init__(self, language: str, topics: Sequence[Topic] = (), selected: str | None = None) -> None:
        options = [
            discord.SelectOption(
                label=clip(topic.title.get(language) or topic.title.get("en") or topic.id, SELECT_TEXT_MAX),
                value=topic.id,
                default=topic.id == selected,
            )
            for topic in topics[:SELECT_OPTIONS_MAX]
            if len(topic.id) <= SELECT_TEXT_MAX
        ]
        super().__init__(
            discord.ui.Select(
                custom_id=f"fb:topics:{language}",
                placeholder=text(language, "topic_placeholder"),
                options=options or [discord.SelectOption(label="-", value="-")],
                row=0,
            )
        )
        self.language = language

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: Any,
        /,
    ) -> TopicSelect:
        return cls(match["lang"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            topic_id = self.item.values[0] if self.item.values else None
            engine = engine_of(interaction)
            view = topics_view(
                engine.topics(), self.language, topic_id, engine.questions(topic_id or "", self.language)
            )
            await interaction.response.edit_message(embed=topics_embed(self.language), view=view)
        except Exception as error:
            await apologise(interaction, error, "topic menu")


class QuestionSelect(
    discord.ui.DynamicItem[discord.ui.Select[discord.ui.View]],
    template=rf"fb:questions:{_LANG}:(?P<topic>{_ID}):(?P<page>\d)",
):
    """One page (up to 25) of a topic's questions; picking one shows its answer in place."""

    def __init__(self, language: str, topic_id: str, page: int = 0, questions: Sequence[Suggestion] = ()) -> None:
        first = page * SELECT_OPTIONS_MAX
        shown = questions[first : first + SELECT_OPTIONS_MAX]
        options = [
            discord.SelectOption(label=clip(s.question, SELECT_TEXT_MAX), value=s.fact_id)
            for s in shown
            if len(s.fact_id) <= SELECT_TEXT_MAX
        ]
        placeholder = text(language, "question_placeholder")
        if len(questions) > SELECT_OPTIONS_MAX:
            placeholder += f" ({first + 1}–{first + len(shown)})"
        super().__init__(
            discord.ui.Select(
                custom_id=f"fb:questions:{language}:{topic_id}:{page}",
                placeholder=placeholder,
                options=options or [discord.SelectOption(label="-", value="-")],
                row=1 + page,
            )
        )
        self.language = language
        self.topic_id = topic_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: Any,
        /,
    ) -> QuestionSelect:
        return cls(match["lang"], match["topic"], int(match["page"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        started = time.perf_counter()
        try:
            fact_id = self.item.values[0] if self.item.values else ""
            engine = engine_of(interaction)
            reply = engine.answer_fact(fact_id, self.language)
            view = topics_view(
                engine.topics(),
                self.language,
                self.topic_id,
                engine.questions(self.topic_id, self.language),
                sources=reply.sources,
            )
            await interaction.response.edit_message(embed=reply_embed(reply), view=view)
            log_question(user_id=interaction.user.id, reply=reply, started=started, via="topics")
        except Exception as error:
            await apologise(interaction, error, "question menu")


DYNAMIC_ITEMS: Final = (SuggestionButton, TopicSelect, QuestionSelect)


def source_buttons(sources: Sequence[Source], room: int) -> list[discord.ui.Button[discord.ui.View]]:
    """One link button per article (distinct URLs), at most ``room`` of them."""
    buttons: list[discord.ui.Button[discord.ui.View]] = []
    seen: set[str] = set()
    for source in sources:
        if len(buttons) >= room:
            break
        if source.url in seen or not is_linkable(source.url):
            continue
        seen.add(source.url)
        buttons.append(
            discord.ui.Button(
                style=discord.ButtonStyle.link, label=clip(source.outlet, BUTTON_LABEL_MAX), url=source.url
            )
        )
    return buttons


def reply_view(reply: Reply, asker_id: int) -> discord.ui.View:
    """The components under a reply: "did you mean" buttons for the asker, or a link button per source."""
    view = discord.ui.View(timeout=None)
    if reply.status is not Status.ANSWER:
        for number, suggestion in enumerate(reply.suggestions[:MAX_SUGGESTION_BUTTONS], start=1):
            suggestion_button = SuggestionButton(
                asker_id, reply.language, suggestion.fact_id, f"{number}. {suggestion.question}"
            )
            if len(suggestion_button.custom_id) <= CUSTOM_ID_MAX:
                view.add_item(suggestion_button)
    for button in source_buttons(reply.sources, COMPONENTS_MAX - len(view.children)):
        view.add_item(button)
    return view


def topics_view(
    topics: Sequence[Topic],
    language: str,
    selected: str | None = None,
    questions: Sequence[Suggestion] = (),
    *,
    sources: Sequence[Source] = (),
) -> discord.ui.View:
    """The /topics menus: topics; with a topic picked, its questions; with an answer shown, its sources."""
    view = discord.ui.View(timeout=None)
    view.add_item(TopicSelect(language, topics, selected))
    if selected is not None:
        pages = min(MAX_QUESTION_MENUS, math.ceil(len(questions) / SELECT_OPTIONS_MAX))
        for page in range(pages):
            view.add_item(QuestionSelect(language, selected, page, questions))
    # Each menu fills a row; link buttons share the rows left (five to a row).
    rows_left = 5 - len(view.children)
    for button in source_buttons(sources, rows_left * BUTTONS_PER_ROW):
        view.add_item(button)
    return view

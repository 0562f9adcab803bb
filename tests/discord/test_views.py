"""Buttons and menus: what Discord receives, within its limits, with their state in the custom_id."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.discordbot.render import (
    BUTTON_LABEL_MAX,
    BUTTONS_PER_ROW,
    COMPONENTS_MAX,
    CUSTOM_ID_MAX,
    SELECT_OPTIONS_MAX,
    SELECT_TEXT_MAX,
)
from bot.discordbot.views import (
    DYNAMIC_ITEMS,
    QuestionSelect,
    SuggestionButton,
    TopicSelect,
    reply_view,
    topics_view,
)
from bot.model import Reply, Source, Status, Suggestion, Topic

ASKER = 123456789012345678


def source(i: int, url: str | None = None) -> Source:
    return Source(f"s{i}", f"Outlet {i}", "Title", url or f"https://e.com/{i}", dt.date(2020, 1, 1), "en")


def components(view: Any) -> list[dict[str, Any]]:
    return [item for row in view.to_components() for item in row["components"]]


def check_limits(view: Any) -> None:
    rows = view.to_components()
    assert len(rows) <= 5
    for row in rows:
        buttons = [c for c in row["components"] if c["type"] == 2]
        assert len(buttons) <= BUTTONS_PER_ROW
    items = components(view)
    assert len(items) <= COMPONENTS_MAX
    for item in items:
        if "label" in item:
            assert len(item["label"]) <= BUTTON_LABEL_MAX
        if "custom_id" in item:
            assert len(item["custom_id"]) <= CUSTOM_ID_MAX
        for option in item.get("options", []):
            assert len(option["label"]) <= SELECT_TEXT_MAX
            assert len(option["value"]) <= SELECT_TEXT_MAX
        assert len(item.get("options", [])) <= SELECT_OPTIONS_MAX


def test_answer_gets_one_link_button_per_source() -> None:
    reply = Reply(Status.ANSWER, "a", "en", "f", 1.0, sources=(source(1), source(2)))
    items = components(reply_view(reply, ASKER))
    assert [(i["style"], i["url"], i["label"]) for i in items] == [
        (5, "https://e.com/1", "Outlet 1"),
        (5, "https://e.com/2", "Outlet 2"),
    ]


def test_duplicate_and_unsafe_urls_get_no_button() -> None:
    sources = (source(1), source(2, "https://e.com/1"), source(3, "ftp://e.com/x"))
    reply = Reply(Status.ANSWER, "a", "en", "f", 1.0, sources=sources)
    assert len(components(reply_view(reply, ASKER))) == 1


def test_many_sources_stay_within_component_limits() -> None:
    reply = Reply(Status.ANSWER, "a", "en", "f", 1.0, sources=tuple(source(i) for i in range(40)))
    view = reply_view(reply, ASKER)
    check_limits(view)
    assert len(components(view)) == COMPONENTS_MAX


def test_suggestions_become_at_most_three_buttons_for_the_asker() -> None:
    suggestions = tuple(Suggestion(f"fact-{i}", f"Question {i}?" + " long" * 30) for i in range(5))
    reply = Reply(Status.SUGGEST, "Did you mean", "vi", suggestions=suggestions)
    view = reply_view(reply, ASKER)
    check_limits(view)
    items = components(view)
    assert [i["custom_id"] for i in items] == [f"fb:fact:{ASKER}:vi:fact-{i}" for i in range(3)]
    assert items[0]["label"].startswith("1. Question 0?")


def test_decline_offers_nearby_facts_as_buttons() -> None:
    reply = Reply(Status.DECLINE, "I can't", "en", suggestions=(Suggestion("near", "Nearby?"),))
    assert [i["custom_id"] for i in components(reply_view(reply, ASKER))] == [f"fb:fact:{ASKER}:en:near"]


def test_suggestion_button_custom_id_round_trips() -> None:
    button = SuggestionButton(ASKER, "en", "trong-moon-phone-talks", "1. When?")
    match = SuggestionButton.__discord_ui_compiled_template__.fullmatch(button.custom_id)
    assert match is not None
    assert (int(match["asker"]), match["lang"], match["fact"]) == (ASKER, "en", "trong-moon-phone-talks")


def test_custom_id_templates_do_not_overlap() -> None:
    for custom_id in ["fb:fact:1:en:a", "fb:topics:en", "fb:questions:en:topic:0"]:
        matching = [i for i in DYNAMIC_ITEMS if i.__discord_ui_compiled_template__.fullmatch(custom_id)]
        assert len(matching) == 1, custom_id


def topics(count: int, facts: int = 3) -> list[Topic]:
    return [
        Topic(
            f"topic-{i}",
            {"en": f"Topic {i} " + "x" * 120, "vi": f"Chủ đề {i}"},
            tuple(f"f{j}" for j in range(facts)),
        )
        for i in range(count)
    ]


def test_topics_menu_lists_at_most_25_topics() -> None:
    view = topics_view(topics(30), "en")
    check_limits(view)
    [menu] = components(view)
    assert menu["custom_id"] == "fb:topics:en"
    assert len(menu["options"]) == SELECT_OPTIONS_MAX


def test_topic_labels_follow_the_language() -> None:
    [menu] = components(topics_view(topics(2), "vi"))
    assert [o["label"] for o in menu["options"]] == ["Chủ đề 0", "Chủ đề 1"]


@pytest.mark.parametrize(("count", "menus"), [(1, 1), (25, 1), (38, 2), (200, 3)])
def test_questions_are_paged_into_menus_of_25(count: int, menus: int) -> None:
    questions = [Suggestion(f"f{i}", f"Question {i}?") for i in range(count)]
    view = topics_view(topics(3), "en", "topic-1", questions)
    check_limits(view)
    question_menus = [c for c in components(view) if c["custom_id"].startswith("fb:questions:")]
    assert [c["custom_id"] for c in question_menus] == [f"fb:questions:en:topic-1:{p}" for p in range(menus)]
    assert sum(len(c["options"]) for c in question_menus) == min(count, 25 * menus)


def test_selected_topic_is_marked_default() -> None:
    view = topics_view(topics(3), "en", "topic-2", [Suggestion("f", "Q?")])
    topic_menu = components(view)[0]
    assert [o.get("default", False) for o in topic_menu["options"]] == [False, False, True]


def test_answer_in_topics_menu_adds_source_links_in_the_rows_left() -> None:
    questions = [Suggestion(f"f{i}", f"Question {i}?") for i in range(60)]
    view = topics_view(topics(3), "en", "topic-0", questions, sources=[source(i) for i in range(9)])
    check_limits(view)
    assert len([c for c in components(view) if c["type"] == 2]) == BUTTONS_PER_ROW


def test_question_select_custom_id_round_trips() -> None:
    select = QuestionSelect("vi", "cpv-delegation-2023", 1, [Suggestion("a", "Q?")] * 30)
    match = QuestionSelect.__discord_ui_compiled_template__.fullmatch(select.custom_id)
    assert match is not None
    assert (match["lang"], match["topic"], match["page"]) == ("vi", "cpv-delegation-2023", "1")


def test_topic_select_without_topics_is_still_valid() -> None:
    assert len(TopicSelect("en").item.options) == 1

"""Discord's size limits on messages, embeds, components, autocomplete choices, modals and commands.

Each ``check_*`` function adds to a :class:`~fakediscord.errors.FormErrors` under a path prefix, so the
same checks serve a channel message (``("content",)``) and an interaction response (``("data", "content")``).
Callers raise once at the end with :meth:`FormErrors.raise_if_any`, producing Discord's 50035 body.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import FormErrors, empty_message

Path = tuple[str | int, ...]

MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_TITLE = 256
MAX_EMBED_DESCRIPTION = 4096
MAX_EMBED_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER_TEXT = 2048
MAX_AUTHOR_NAME = 256
MAX_EMBED_TOTAL = 6000
MAX_ACTION_ROWS = 5
MAX_ROW_BUTTONS = 5
MAX_BUTTON_LABEL = 80
MAX_CUSTOM_ID = 100
MAX_SELECT_OPTIONS = 25
MAX_SELECT_OPTION_TEXT = 100
MAX_SELECT_PLACEHOLDER = 150
MAX_CHOICES = 25
MAX_CHOICE_NAME = 100
MAX_CHOICE_VALUE = 100
MAX_MODAL_TITLE = 45
MAX_COMMANDS = 100
MAX_COMMAND_OPTIONS = 25
MAX_COMMAND_DESCRIPTION = 100

#: Message flag: the message uses the components-v2 layout (not checked in detail here).
IS_COMPONENTS_V2 = 1 << 15

BUTTON = 2
ACTION_ROW = 1
STRING_SELECT = 3
TEXT_INPUT = 4
SELECT_TYPES = {3, 5, 6, 7, 8}
LINK_STYLE = 5
PREMIUM_STYLE = 6

COMMAND_NAME = re.compile(r"^[-_'\w]{1,32}$")


def _string_length(errors: FormErrors, path: Path, value: Any, limit: int, *, minimum: int = 0) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        errors.add(path, "BASE_TYPE_STRING", "Must be a string.")
        return
    if minimum and not minimum <= len(value) <= limit:
        errors.bad_length(path, minimum, limit)
    elif len(value) > limit:
        errors.max_length(path, limit)


def check_message(body: dict[str, Any], errors: FormErrors, prefix: Path = ()) -> None:
    """Check the fields of a message create/edit body (content, embeds, components, allowed_mentions)."""
    _string_length(errors, (*prefix, "content"), body.get("content"), MAX_CONTENT)
    embeds = body.get("embeds")
    if embeds:
        check_embeds(embeds, errors, (*prefix, "embeds"))
    components = body.get("components")
    if components:
        if int(body.get("flags") or 0) & IS_COMPONENTS_V2:
            pass  # components v2 layouts are accepted without layout checks
        else:
            check_components(components, errors, (*prefix, "components"))
    allowed = body.get("allowed_mentions")
    if allowed:
        check_allowed_mentions(allowed, errors, (*prefix, "allowed_mentions"))


def check_not_empty(body: dict[str, Any], *, has_files: bool) -> None:
    """Raise 50006 when a new message would have nothing to show."""
    if has_files or body.get("content") or body.get("embeds") or body.get("components"):
        return
    if body.get("sticker_ids") or body.get("poll"):
        return
    raise empty_message()


def embed_size(embed: dict[str, Any]) -> int:
    """Characters that count toward the 6,000 limit (title, description, fields, footer, author)."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    for embed_field in embed.get("fields") or []:
        total += len(embed_field.get("name") or "") + len(embed_field.get("value") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    return total


def check_embeds(embeds: list[dict[str, Any]], errors: FormErrors, path: Path) -> None:
    if len(embeds) > MAX_EMBEDS:
        errors.max_length(path, MAX_EMBEDS)
    total = 0
    for index, embed in enumerate(embeds):
        here = (*path, index)
        _string_length(errors, (*here, "title"), embed.get("title"), MAX_EMBED_TITLE)
        _string_length(errors, (*here, "description"), embed.get("description"), MAX_EMBED_DESCRIPTION)
        fields = embed.get("fields") or []
        if len(fields) > MAX_EMBED_FIELDS:
            errors.max_length((*here, "fields"), MAX_EMBED_FIELDS)
        for number, embed_field in enumerate(fields):
            for key, limit in (("name", MAX_FIELD_NAME), ("value", MAX_FIELD_VALUE)):
                value = embed_field.get(key)
                if not value:
                    errors.required((*here, "fields", number, key))
                else:
                    _string_length(errors, (*here, "fields", number, key), value, limit)
        footer = embed.get("footer")
        if footer:
            _string_length(errors, (*here, "footer", "text"), footer.get("text"), MAX_FOOTER_TEXT)
        author = embed.get("author")
        if author:
            _string_length(errors, (*here, "author", "name"), author.get("name"), MAX_AUTHOR_NAME)
        total += embed_size(embed)
    if total > MAX_EMBED_TOTAL:
        errors.add(path, "MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {MAX_EMBED_TOTAL}")


def check_components(rows: list[dict[str, Any]], errors: FormErrors, path: Path) -> None:
    """Legacy layout: up to 5 action rows, each with up to 5 buttons or exactly one select menu."""
    if len(rows) > MAX_ACTION_ROWS:
        errors.max_length(path, MAX_ACTION_ROWS)
    custom_ids: set[str] = set()
    for index, row in enumerate(rows):
        here = (*path, index)
        if row.get("type") != ACTION_ROW:
            errors.add((*here, "type"), "UNION_TYPE_CHOICES", 'Value of field "type" must be one of (1,).')
            continue
        children = row.get("components") or []
        if not 1 <= len(children) <= MAX_ROW_BUTTONS:
            errors.bad_length((*here, "components"), 1, MAX_ROW_BUTTONS)
        has_select = any(child.get("type") in SELECT_TYPES for child in children)
        if has_select and len(children) > 1:
            errors.add(
                (*here, "components"),
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "The specified component exceeds the maximum width",
            )
        for number, child in enumerate(children):
            check_component(child, errors, (*here, "components", number), custom_ids)


def check_component(component: dict[str, Any], errors: FormErrors, path: Path, custom_ids: set[str]) -> None:
    kind = component.get("type")
    custom_id = component.get("custom_id")
    if kind == BUTTON:
        style = component.get("style")
        _string_length(errors, (*path, "label"), component.get("label"), MAX_BUTTON_LABEL)
        if style == LINK_STYLE:
            if not component.get("url"):
                errors.add((*path, "url"), "BUTTON_COMPONENT_URL_REQUIRED", "A url is required")
            if custom_id is not None:
                errors.add(
                    (*path, "custom_id"),
                    "BUTTON_COMPONENT_LINK_CUSTOM_ID",
                    "A custom id cannot be specified for link buttons",
                )
            return
        if style == PREMIUM_STYLE:
            return
        if not custom_id:
            errors.add((*path, "custom_id"), "BUTTON_COMPONENT_CUSTOM_ID_REQUIRED", "A custom id is required")
            return
    elif kind in SELECT_TYPES:
        _string_length(errors, (*path, "placeholder"), component.get("placeholder"), MAX_SELECT_PLACEHOLDER)
        if kind == STRING_SELECT:
            options = component.get("options") or []
            if not 1 <= len(options) <= MAX_SELECT_OPTIONS:
                errors.bad_length((*path, "options"), 1, MAX_SELECT_OPTIONS)
            for number, option in enumerate(options):
                for key in ("label", "value"):
                    _string_length(
                        errors,
                        (*path, "options", number, key),
                        option.get(key),
                        MAX_SELECT_OPTION_TEXT,
                        minimum=1,
                    )
                _string_length(errors, (*path, "options", number, "description"), option.get("description"), 100)
    elif kind == TEXT_INPUT:
        errors.add((*path, "type"), "COMPONENT_TYPE_INVALID", "Text inputs are only allowed in modals")
        return
    if custom_id is None:
        errors.required((*path, "custom_id"))
        return
    _string_length(errors, (*path, "custom_id"), custom_id, MAX_CUSTOM_ID, minimum=1)
    if custom_id in custom_ids:
        errors.add((*path, "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
    custom_ids.add(custom_id)


def check_allowed_mentions(allowed: dict[str, Any], errors: FormErrors, path: Path) -> None:
    parse = allowed.get("parse") or []
    for index, value in enumerate(parse):
        if value not in ("roles", "users", "everyone"):
            errors.add((*path, "parse", index), "ENUM_TYPE_COERCE", f'Value "{value}" is not a valid enum value.')
    for key in ("users", "roles"):
        if key in parse and allowed.get(key):
            errors.add(
                path,
                "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                f'parse:["{key}"] and {key}: [ids...] are mutually exclusive.',
            )
        if len(allowed.get(key) or []) > 100:
            errors.max_length((*path, key), 100)


def check_autocomplete(data: dict[str, Any], errors: FormErrors, path: Path) -> None:
    """Autocomplete result: at most 25 choices, names 1–100 characters, string values ≤ 100."""
    choices = data.get("choices")
    if choices is None:
        errors.required((*path, "choices"))
        return
    if len(choices) > MAX_CHOICES:
        errors.max_length((*path, "choices"), MAX_CHOICES)
    for index, choice in enumerate(choices):
        here = (*path, "choices", index)
        _string_length(errors, (*here, "name"), choice.get("name"), MAX_CHOICE_NAME, minimum=1)
        if choice.get("name") is None:
            errors.required((*here, "name"))
        value = choice.get("value")
        if value is None:
            errors.required((*here, "value"))
        elif isinstance(value, str):
            _string_length(errors, (*here, "value"), value, MAX_CHOICE_VALUE)


def check_modal(data: dict[str, Any], errors: FormErrors, path: Path) -> None:
    """Modal: custom_id 1–100, title 1–45, 1–5 rows."""
    _string_length(errors, (*path, "custom_id"), data.get("custom_id"), MAX_CUSTOM_ID, minimum=1)
    _string_length(errors, (*path, "title"), data.get("title"), MAX_MODAL_TITLE, minimum=1)
    for key in ("custom_id", "title"):
        if not data.get(key):
            errors.required((*path, key))
    components = data.get("components") or []
    if not 1 <= len(components) <= MAX_ACTION_ROWS:
        errors.bad_length((*path, "components"), 1, MAX_ACTION_ROWS)


def check_commands(commands: list[dict[str, Any]], errors: FormErrors) -> None:
    """Bulk overwrite body: ≤100 commands, valid unique names, descriptions and options."""
    if len(commands) > MAX_COMMANDS:
        errors.max_length((), MAX_COMMANDS)
    seen: set[tuple[int, str]] = set()
    for index, command in enumerate(commands):
        kind = int(command.get("type") or 1)
        name = command.get("name") or ""
        check_command(command, errors, (index,))
        if (kind, name) in seen:
            errors.add(
                (index, "name"),
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                "Application command names must be unique",
            )
        seen.add((kind, name))


def check_command(command: dict[str, Any], errors: FormErrors, path: Path) -> None:
    kind = int(command.get("type") or 1)
    name = command.get("name")
    if not name:
        errors.required((*path, "name"))
    elif kind == 1 and (not COMMAND_NAME.match(name) or name != name.lower()):
        errors.add((*path, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
    elif kind != 1:
        _string_length(errors, (*path, "name"), name, 32, minimum=1)
    if kind == 1:
        _string_length(
            errors,
            (*path, "description"),
            command.get("description") or "",
            MAX_COMMAND_DESCRIPTION,
            minimum=1,
        )
    _check_options(command.get("options") or [], errors, (*path, "options"))


def _check_options(options: list[dict[str, Any]], errors: FormErrors, path: Path) -> None:
    if len(options) > MAX_COMMAND_OPTIONS:
        errors.max_length(path, MAX_COMMAND_OPTIONS)
    for index, option in enumerate(options):
        here = (*path, index)
        name = option.get("name") or ""
        if not COMMAND_NAME.match(name) or name != name.lower():
            errors.add((*here, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
        _string_length(
            errors,
            (*here, "description"),
            option.get("description") or "",
            MAX_COMMAND_DESCRIPTION,
            minimum=1,
        )
        choices = option.get("choices") or []
        if len(choices) > MAX_CHOICES:
            errors.max_length((*here, "choices"), MAX_CHOICES)
        if choices and option.get("autocomplete"):
            errors.add(
                (*here, "autocomplete"),
                "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES",
                "Autocomplete cannot be set on options with choices",
            )
        _check_options(option.get("options") or [], errors, (*here, "options"))

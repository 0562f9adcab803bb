"""Interactions: building INTERACTION_CREATE payloads and enforcing the response rules.

* one initial response per interaction (a second one gets 400 / 40060),
* within ``interaction_ack_timeout`` of the dispatch (3 s on Discord; later gets 404 / 10062),
* response types that fit the interaction type, and response data within Discord's limits (50035),
* follow-ups and edits through the webhook routes for ``followup_ttl`` (15 min) with the same token.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import errors as err
from .config import ServerConfig
from .errors import DiscordAPIError, FormErrors
from .limits import check_autocomplete, check_modal
from .messages import EPHEMERAL, LOADING, MessageService
from .records import InteractionCallbackRecord, Journal
from .state import CHAT_INPUT_COMMAND_MESSAGE, DEFAULT_MESSAGE, DiscordState

# Interaction types.
PING = 1
APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
AUTOCOMPLETE = 4
MODAL_SUBMIT = 5

# Callback (response) types.
PONG = 1
CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9
LAUNCH_ACTIVITY = 12

#: Which response types each interaction type accepts.
ALLOWED_RESPONSES: dict[int, set[int]] = {
    PING: {PONG},
    APPLICATION_COMMAND: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL, LAUNCH_ACTIVITY},
    MESSAGE_COMPONENT: {
        CHANNEL_MESSAGE,
        DEFERRED_CHANNEL_MESSAGE,
        DEFERRED_UPDATE_MESSAGE,
        UPDATE_MESSAGE,
        MODAL,
    },
    AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
    MODAL_SUBMIT: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE},
}

# Application command option types.
OPTION_STRING = 3
OPTION_INTEGER = 4
OPTION_BOOLEAN = 5
OPTION_USER = 6
OPTION_CHANNEL = 7
OPTION_NUMBER = 10

#: ``attachment_size_limit`` of an unboosted guild.
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


@dataclass
class Interaction:
    """An interaction the server dispatched, and what the bot did with it."""

    id: int
    token: str
    type: int
    payload: dict[str, Any]
    channel_id: int
    guild_id: int | None
    user_id: int
    dispatched_at: float
    #: For component interactions: the message the component belongs to.
    message_id: int | None = None
    acked_type: int | None = None
    acked_at: float | None = None
    #: The message ``@original`` refers to (response, deferred placeholder, or the component's message).
    original_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)


class InteractionService:
    """Builds interactions for tests and answers the callback and webhook routes for them."""

    def __init__(self, state: DiscordState, messages: MessageService, config: ServerConfig) -> None:
        self.state = state
        self.messages = messages
        self.config = config
        self.interactions: dict[int, Interaction] = {}
        self._by_token: dict[str, Interaction] = {}
        #: Every callback POST, accepted or refused.
        self.callbacks: Journal[InteractionCallbackRecord] = Journal("interaction callbacks")

    # ------------------------------------------------------------- building

    def application_command(
        self,
        name: str,
        options: Mapping[str, Any] | list[dict[str, Any]] | None,
        *,
        channel_id: int,
        user_id: int,
        command_type: int = 1,
        focused: str | None = None,
    ) -> Interaction:
        """An APPLICATION_COMMAND interaction, or AUTOCOMPLETE when ``focused`` names the focused option.

        ``options`` maps option names to values (types taken from the registered command when there is
        one, otherwise inferred from the Python value), or is a raw Discord ``options`` list.
        """
        channel = self.state.channel(channel_id)
        command = self.state.find_command(name, channel.guild_id, command_type)
        declared = {o["name"]: o for o in (command or {}).get("options", [])}
        data: dict[str, Any] = {
            "id": command["id"] if command else str(self.state.new_id()),
            "name": name,
            "type": command_type,
        }
        if command and command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if isinstance(options, list):
            data["options"] = options
        elif options:
            data["options"] = [
                self._option(key, value, declared.get(key), focused == key) for key, value in options.items()
            ]
        resolved = self._resolved(data.get("options", []), channel.guild_id)
        if resolved:
            data["resolved"] = resolved
        kind = AUTOCOMPLETE if focused is not None else APPLICATION_COMMAND
        return self._create(kind, data, channel_id=channel_id, user_id=user_id)

    def component(
        self,
        message_id: int,
        custom_id: str,
        *,
        user_id: int,
        values: list[str] | None = None,
        component_type: int | None = None,
    ) -> Interaction:
        """A MESSAGE_COMPONENT interaction on a stored message (usually one the bot sent)."""
        message = self.state.messages.get(int(message_id))
        if message is None:
            raise KeyError(f"no stored message {message_id}")
        if component_type is None:
            component_type = _find_component_type(message.get("components", []), custom_id) or 2
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = list(values)
        interaction = self._create(
            MESSAGE_COMPONENT, data, channel_id=int(message["channel_id"]), user_id=user_id, message=message
        )
        interaction.message_id = int(message_id)
        return interaction

    def _create(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        channel_id: int,
        user_id: int,
        message: dict[str, Any] | None = None,
    ) -> Interaction:
        channel = self.state.channel(channel_id)
        interaction_id = self.state.new_id()
        token = "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48)
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(self.state.application_id),
            "type": kind,
            "data": data,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
            "channel_id": str(channel.id),
            "channel": self.state.channel_payload(channel.id),
        }
        if channel.guild_id is not None:
            permissions = self.state.member_permissions(channel.guild_id, user_id)
            payload.update(
                guild_id=str(channel.guild_id),
                guild={"id": str(channel.guild_id), "locale": "en-US", "features": []},
                guild_locale="en-US",
                member={
                    **self.state.member_payload(channel.guild_id, user_id),
                    "permissions": str(permissions),
                },
                app_permissions=str(self.state.member_permissions(channel.guild_id, self.state.bot.id)),
                authorizing_integration_owners={"0": str(channel.guild_id)},
                context=0,
            )
        else:
            payload.update(
                user=self.state.user_payload(user_id),
                app_permissions="0",
                authorizing_integration_owners={"0": str(user_id)},
                context=1,
            )
        if message is not None:
            payload["message"] = message
        interaction = Interaction(
            id=interaction_id,
            token=token,
            type=kind,
            payload=payload,
            channel_id=channel.id,
            guild_id=channel.guild_id,
            user_id=user_id,
            dispatched_at=time.monotonic(),
        )
        self.interactions[interaction_id] = interaction
        self._by_token[token] = interaction
        return interaction

    def _option(self, name: str, value: Any, declared: dict[str, Any] | None, focused: bool) -> dict[str, Any]:
        if declared is not None:
            kind = int(declared["type"])
        elif isinstance(value, bool):
            kind = OPTION_BOOLEAN
        elif isinstance(value, int):
            kind = OPTION_INTEGER
        elif isinstance(value, float):
            kind = OPTION_NUMBER
        else:
            kind = OPTION_STRING
        if kind in (OPTION_USER, OPTION_CHANNEL):
            value = str(value)
        option = {"name": name, "type": kind, "value": value}
        if focused:
            option["focused"] = True
        return option

    def _resolved(self, options: list[dict[str, Any]], guild_id: int | None) -> dict[str, Any]:
        resolved: dict[str, dict[str, Any]] = {}
        for option in options:
            if option.get("type") == OPTION_USER and int(option["value"]) in self.state.users:
                user_id = int(option["value"])
                resolved.setdefault("users", {})[str(user_id)] = self.state.user_payload(user_id)
                if guild_id is not None and user_id in self.state.guild(guild_id).members:
                    member = self.state.member_payload(guild_id, user_id, with_user=False)
                    resolved.setdefault("members", {})[str(user_id)] = {**member, "permissions": "0"}
            elif option.get("type") == OPTION_CHANNEL and int(option["value"]) in self.state.channels:
                channel = self.state.channel_payload(int(option["value"]))
                resolved.setdefault("channels", {})[option["value"]] = {**channel, "permissions": "0"}
        return resolved

    # -------------------------------------------------------------- callback

    def callback(
        self, interaction_id: str, token: str, body: dict[str, Any], files: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """``POST /interactions/{id}/{token}/callback``; returns the ``with_response`` body."""
        received_at = time.monotonic()
        kind = body.get("type") if isinstance(body, dict) else None
        data = (body.get("data") if isinstance(body, dict) else None) or {}
        try:
            interaction = self._acknowledge(interaction_id, token, kind, data, files, received_at)
        except DiscordAPIError as exc:
            self.callbacks.append(
                InteractionCallbackRecord(_int(interaction_id), kind, data, received_at, False, exc.code)
            )
            raise
        self.callbacks.append(InteractionCallbackRecord(interaction.id, kind, data, received_at, True))
        response: dict[str, Any] = {
            "interaction": {
                "id": str(interaction.id),
                "type": interaction.type,
                "response_message_loading": kind == DEFERRED_CHANNEL_MESSAGE,
                "response_message_ephemeral": bool(int(data.get("flags") or 0) & EPHEMERAL),
            },
            "resource": {"type": kind},
        }
        if interaction.original_message_id is not None:
            response["interaction"]["response_message_id"] = str(interaction.original_message_id)
            message = self.state.messages.get(interaction.original_message_id)
            if message is not None and kind in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, UPDATE_MESSAGE):
                response["resource"]["message"] = message
        return response

    def _acknowledge(
        self,
        interaction_id: str,
        token: str,
        kind: Any,
        data: dict[str, Any],
        files: list[dict[str, Any]],
        received_at: float,
    ) -> Interaction:
        interaction = self.interactions.get(_int(interaction_id))
        if interaction is None or interaction.token != token:
            raise err.unknown_interaction()
        if interaction.acked_type is not None:
            raise err.already_acknowledged()
        if received_at - interaction.dispatched_at > self.config.interaction_ack_timeout:
            raise err.unknown_interaction()
        if kind not in ALLOWED_RESPONSES[interaction.type]:
            form = FormErrors()
            form.add(
                ("type",),
                "INTERACTION_RESPONSE_TYPE_INVALID",
                f"Invalid response type {kind!r} for this interaction",
            )
            form.raise_if_any()

        if kind == CHANNEL_MESSAGE:
            self.messages.validate(data, prefix=("data",), new=True, has_files=bool(files))
            message = self.messages.create(
                interaction.channel_id,
                data,
                source="interaction_response",
                files=files,
                interaction_id=interaction.id,
                extra=self._message_extra(interaction),
            )
            interaction.original_message_id = int(message["id"])
        elif kind == DEFERRED_CHANNEL_MESSAGE:
            flags = LOADING | (int(data.get("flags") or 0) & EPHEMERAL)
            placeholder = self.state.build_message(
                interaction.channel_id,
                self.state.bot.id,
                {"flags": flags},
                extra=self._message_extra(interaction),
            )
            self.messages.echo("MESSAGE_CREATE", placeholder)
            interaction.original_message_id = int(placeholder["id"])
        elif kind in (DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE):
            interaction.original_message_id = interaction.message_id
            if kind == UPDATE_MESSAGE and interaction.message_id is not None:
                message = self.state.messages.get(interaction.message_id)
                if message is None:
                    raise err.unknown("Message", err.UNKNOWN_MESSAGE)
                self.messages.edit(
                    message, data, source="update_message", prefix=("data",), interaction_id=interaction.id
                )
        elif kind == AUTOCOMPLETE_RESULT:
            form = FormErrors()
            check_autocomplete(data, form, ("data",))
            form.raise_if_any()
        elif kind == MODAL:
            form = FormErrors()
            check_modal(data, form, ("data",))
            form.raise_if_any()

        interaction.acked_type = kind
        interaction.acked_at = received_at
        return interaction

    def _message_extra(self, interaction: Interaction) -> dict[str, Any]:
        """Fields Discord puts on messages created through an interaction."""
        user = self.state.user_payload(interaction.user_id)
        is_command = interaction.type == APPLICATION_COMMAND
        metadata = {
            "id": str(interaction.id),
            "type": interaction.type,
            "user": user,
            "authorizing_integration_owners": interaction.payload.get("authorizing_integration_owners", {}),
        }
        if interaction.message_id is not None:
            metadata["interacted_message_id"] = str(interaction.message_id)
        extra: dict[str, Any] = {
            "type": CHAT_INPUT_COMMAND_MESSAGE if is_command else DEFAULT_MESSAGE,
            "webhook_id": str(self.state.application_id),
            "application_id": str(self.state.application_id),
            "interaction_metadata": metadata,
        }
        if is_command:
            extra["interaction"] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "name": interaction.payload["data"]["name"],
                "user": user,
            }
        return extra

    # ------------------------------------------------------- webhook routes

    def by_token(self, application_id: str, token: str) -> Interaction:
        """The acknowledged, unexpired interaction behind a follow-up webhook URL."""
        interaction = self._by_token.get(token)
        if _int(application_id) != self.state.application_id or interaction is None:
            raise err.unknown("Webhook", err.UNKNOWN_WEBHOOK)
        if time.monotonic() - interaction.dispatched_at > self.config.followup_ttl:
            raise err.invalid_webhook_token()
        if interaction.acked_type is None:
            raise err.unknown("Webhook", err.UNKNOWN_WEBHOOK)
        return interaction

    def create_followup(
        self, interaction: Interaction, body: dict[str, Any], files: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """A follow-up message. The first one after a deferral fills the "thinking" message, as on Discord."""
        original = self._original(interaction, required=False)
        if original is not None and original.get("flags", 0) & LOADING:
            self.messages.validate(body, new=True, has_files=bool(files))
            return self.messages.edit(original, body, source="followup", interaction_id=interaction.id)
        message = self.messages.create(
            interaction.channel_id,
            body,
            source="followup",
            files=files,
            interaction_id=interaction.id,
            extra=self._message_extra(interaction),
        )
        interaction.followup_ids.append(int(message["id"]))
        return message

    def get_message(self, interaction: Interaction, message_id: str) -> dict[str, Any]:
        if message_id == "@original":
            return self._original(interaction, required=True)  # type: ignore[return-value]
        if _int(message_id) not in interaction.followup_ids or _int(message_id) not in self.state.messages:
            raise err.unknown("Message", err.UNKNOWN_MESSAGE)
        return self.state.messages[_int(message_id)]

    def edit_message(self, interaction: Interaction, message_id: str, body: dict[str, Any]) -> dict[str, Any]:
        message = self.get_message(interaction, message_id)
        source = "deferred_response" if message.get("flags", 0) & LOADING else "webhook_edit"
        return self.messages.edit(message, body, source=source, interaction_id=interaction.id)

    def delete_message(self, interaction: Interaction, message_id: str) -> None:
        message = self.get_message(interaction, message_id)
        self.messages.delete(message)

    def _original(self, interaction: Interaction, *, required: bool) -> dict[str, Any] | None:
        message = None
        if interaction.original_message_id is not None:
            message = self.state.messages.get(interaction.original_message_id)
        if message is None and required:
            raise err.unknown("Message", err.UNKNOWN_MESSAGE)
        return message


def _find_component_type(components: list[dict[str, Any]], custom_id: str) -> int | None:
    for component in components:
        if component.get("custom_id") == custom_id:
            return int(component["type"])
        found = _find_component_type(component.get("components") or [], custom_id)
        if found is not None:
            return found
    return None


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0

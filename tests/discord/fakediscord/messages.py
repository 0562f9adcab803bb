"""Creating, editing and deleting the bot's messages, whichever route they come through.

Channel sends, interaction responses and follow-ups all end here, so the limits are enforced the same
way everywhere, every message the bot makes is recorded as a :class:`~fakediscord.records.SentMessage`,
and (as Discord does) the bot gets MESSAGE_CREATE/UPDATE/DELETE for its own non-ephemeral messages.
"""

from __future__ import annotations

import time
from typing import Any

from .config import ServerConfig
from .errors import FormErrors
from .gateway import Gateway
from .limits import check_message, check_not_empty
from .records import Journal, SentMessage
from .state import DiscordState

EPHEMERAL = 1 << 6
LOADING = 1 << 7


class MessageService:
    """The one place where the bot's messages are validated, stored, recorded and echoed."""

    def __init__(self, state: DiscordState, gateway: Gateway, config: ServerConfig) -> None:
        self.state = state
        self.gateway = gateway
        self.config = config
        #: Messages the bot created, in order.
        self.sent: Journal[SentMessage] = Journal("messages sent by the bot")
        #: Edits of the bot's messages (the record holds the message after the edit).
        self.edits: Journal[SentMessage] = Journal("message edits by the bot")

    @staticmethod
    def validate(
        body: dict[str, Any], *, prefix: tuple[str | int, ...] = (), new: bool, has_files: bool = False
    ) -> None:
        """Raise 50035 for limit violations and, for a new message, 50006 when it would be empty."""
        form = FormErrors()
        check_message(body, form, prefix)
        form.raise_if_any()
        if new:
            check_not_empty(body, has_files=has_files)

    def create(
        self,
        channel_id: int,
        body: dict[str, Any],
        *,
        source: str,
        files: list[dict[str, Any]] | None = None,
        interaction_id: int | None = None,
        extra: dict[str, Any] | None = None,
        record: bool = True,
    ) -> dict[str, Any]:
        """Validate ``body``, store the message, record it (unless ``record`` is false) and echo it."""
        self.validate(body, new=True, has_files=bool(files))
        message = self.state.build_message(
            channel_id, self.state.bot.id, body, attachments=self._attachments(files or []), extra=extra
        )
        if record:
            self._record(self.sent, message, body, source, interaction_id)
        self.echo("MESSAGE_CREATE", message)
        return message

    def edit(
        self,
        message: dict[str, Any],
        body: dict[str, Any],
        *,
        source: str,
        prefix: tuple[str | int, ...] = (),
        interaction_id: int | None = None,
    ) -> dict[str, Any]:
        """Validate and apply an edit. Filling a deferred ("thinking") message counts as a new message."""
        self.validate(body, prefix=prefix, new=False)
        was_loading = bool(message.get("flags", 0) & LOADING)
        self.state.edit_message(message, body)
        if was_loading:
            message["flags"] = message.get("flags", 0) & ~LOADING
            self._record(self.sent, message, body, source, interaction_id)
        else:
            self._record(self.edits, message, body, source, interaction_id)
        self.echo("MESSAGE_UPDATE", message)
        return message

    def delete(self, message: dict[str, Any]) -> None:
        self.state.messages.pop(int(message["id"]), None)
        if self.config.echo_bot_messages and not message.get("flags", 0) & EPHEMERAL:
            data = {"id": message["id"], "channel_id": message["channel_id"]}
            guild_id = self._guild_id(message)
            if guild_id is not None:
                data["guild_id"] = str(guild_id)
            self.gateway.dispatch(
                "MESSAGE_DELETE", data, guild_id=guild_id, origin="echo", entity_id=int(message["id"])
            )

    def echo(self, event: str, message: dict[str, Any]) -> None:
        """Tell the bot's sessions about its own message, as Discord does (never for ephemeral ones)."""
        if not self.config.echo_bot_messages or message.get("flags", 0) & EPHEMERAL:
            return
        self.gateway.dispatch(
            event,
            self.state.gateway_message(message),
            guild_id=self._guild_id(message),
            origin="echo",
            entity_id=int(message["id"]),
        )

    def _guild_id(self, message: dict[str, Any]) -> int | None:
        channel = self.state.channels.get(int(message["channel_id"]))
        return channel.guild_id if channel else None

    def _attachments(self, files: list[dict[str, Any]]) -> list[dict[str, Any]]:
        attachments = []
        for file in files:
            attachment_id = self.state.new_id()
            url = f"https://cdn.discordapp.invalid/attachments/{attachment_id}/{file['filename']}"
            attachments.append(
                {
                    "id": str(attachment_id),
                    "filename": file["filename"],
                    "size": file["size"],
                    "url": url,
                    "proxy_url": url,
                    "content_type": file.get("content_type"),
                }
            )
        return attachments

    @staticmethod
    def _record(
        journal: Journal[SentMessage],
        message: dict[str, Any],
        body: dict[str, Any],
        source: str,
        interaction_id: int | None,
    ) -> None:
        journal.append(
            SentMessage(
                id=int(message["id"]),
                channel_id=int(message["channel_id"]),
                payload=body,
                message=dict(message),
                source=source,
                created_at=time.monotonic(),
                interaction_id=interaction_id,
            )
        )

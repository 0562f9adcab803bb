"""The fake Discord's world: users, guilds, channels, messages and application commands.

Entities are small dataclasses; ``*_payload`` methods render them as the JSON Discord sends, with the
fields discord.py reads (it indexes some keys directly, so the required ones are always present).
Messages are stored as the Discord message objects themselves.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from . import errors as err
from .snowflakes import SnowflakeFactory, iso_now

# Channel types.
GUILD_TEXT = 0
DM = 1

# Message types.
DEFAULT_MESSAGE = 0
REPLY_MESSAGE = 19
CHAT_INPUT_COMMAND_MESSAGE = 20

#: Permissions of the @everyone role the server creates: view, send, read history, embed, attach, etc.
DEFAULT_PERMISSIONS = 0x0000_0006_3BFF_FE41
#: What the bot's own managed role grants (administrator), so permission checks never get in the way.
BOT_PERMISSIONS = (1 << 41) - 1

MENTION = re.compile(r"<@!?(\d+)>")


@dataclass
class User:
    id: int
    username: str
    bot: bool = False
    global_name: str | None = None


@dataclass
class Channel:
    id: int
    type: int
    name: str | None
    guild_id: int | None = None
    position: int = 0
    topic: str | None = None
    #: For DM channels: the user on the other side.
    recipient_id: int | None = None


@dataclass
class Role:
    id: int
    name: str
    permissions: int
    position: int = 0
    managed: bool = False


@dataclass
class Member:
    user_id: int
    joined_at: str
    nick: str | None = None
    roles: list[int] = field(default_factory=list)


@dataclass
class Guild:
    id: int
    name: str
    owner_id: int
    channel_ids: list[int] = field(default_factory=list)
    roles: dict[int, Role] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)


class DiscordState:
    """The data model plus its JSON rendering. One instance per server."""

    def __init__(self, *, bot_name: str = "factbot", application_flags: int = (1 << 19) | (1 << 23)) -> None:
        self.snowflakes = SnowflakeFactory()
        self.users: dict[int, User] = {}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self.dm_channels: dict[int, int] = {}
        self.bot = self.create_user(bot_name, bot=True)
        #: Modern applications share their id with their bot user.
        self.application_id = self.bot.id
        self.application_flags = application_flags
        self.owner = self.create_user("owner")
        self.global_commands: list[dict[str, Any]] = []
        self.guild_commands: dict[int, list[dict[str, Any]]] = {}

    # ----------------------------------------------------------------- creation

    def new_id(self) -> int:
        return self.snowflakes.next()

    def create_user(self, username: str, *, bot: bool = False, global_name: str | None = None) -> User:
        user = User(id=self.new_id(), username=username, bot=bot, global_name=global_name)
        self.users[user.id] = user
        return user

    def create_guild(self, name: str, *, owner_id: int | None = None) -> Guild:
        guild_id = self.new_id()
        guild = Guild(id=guild_id, name=name, owner_id=owner_id or self.owner.id)
        # The @everyone role shares the guild's id.
        guild.roles[guild_id] = Role(id=guild_id, name="@everyone", permissions=DEFAULT_PERMISSIONS)
        bot_role = Role(id=self.new_id(), name=self.bot.username, permissions=BOT_PERMISSIONS, position=1, managed=True)
        guild.roles[bot_role.id] = bot_role
        self.guilds[guild_id] = guild
        self.add_member(guild_id, self.bot.id, roles=[bot_role.id])
        self.add_member(guild_id, guild.owner_id)
        return guild

    def create_channel(self, guild_id: int, name: str, *, type: int = GUILD_TEXT, topic: str | None = None) -> Channel:
        guild = self.guild(guild_id)
        channel = Channel(
            id=self.new_id(),
            type=type,
            name=name,
            guild_id=guild_id,
            position=len(guild.channel_ids),
            topic=topic,
        )
        self.channels[channel.id] = channel
        guild.channel_ids.append(channel.id)
        return channel

    def add_member(
        self, guild_id: int, user_id: int, *, roles: list[int] | None = None, nick: str | None = None
    ) -> Member:
        self.user(user_id)
        member = Member(user_id=user_id, joined_at=iso_now(), nick=nick, roles=list(roles or []))
        self.guild(guild_id).members[user_id] = member
        return member

    def dm_channel(self, user_id: int) -> Channel:
        """The DM channel between the bot and ``user_id``, created on first use."""
        self.user(user_id)
        channel_id = self.dm_channels.get(user_id)
        if channel_id is None:
            channel = Channel(id=self.new_id(), type=DM, name=None, recipient_id=user_id)
            self.channels[channel.id] = channel
            self.dm_channels[user_id] = channel_id = channel.id
        return self.channels[channel_id]

    # ------------------------------------------------------------------ lookups

    def user(self, user_id: int) -> User:
        try:
            return self.users[int(user_id)]
        except (KeyError, ValueError):
            raise err.unknown("User", err.UNKNOWN_USER) from None

    def guild(self, guild_id: int) -> Guild:
        try:
            return self.guilds[int(guild_id)]
        except (KeyError, ValueError):
            raise err.unknown("Guild", err.UNKNOWN_GUILD) from None

    def channel(self, channel_id: int) -> Channel:
        try:
            return self.channels[int(channel_id)]
        except (KeyError, ValueError):
            raise err.unknown("Channel", err.UNKNOWN_CHANNEL) from None

    def message(self, channel_id: int, message_id: int) -> dict[str, Any]:
        message = self.messages.get(_int_or_zero(message_id))
        if message is None or int(message["channel_id"]) != int(channel_id):
            raise err.unknown("Message", err.UNKNOWN_MESSAGE)
        return message

    def member_permissions(self, guild_id: int, user_id: int) -> int:
        guild = self.guild(guild_id)
        if user_id == guild.owner_id:
            return BOT_PERMISSIONS
        member = guild.members.get(user_id)
        permissions = guild.roles[guild.id].permissions
        for role_id in member.roles if member else []:
            permissions |= guild.roles[role_id].permissions
        return permissions

    def shard_of(self, guild_id: int | None, shard_count: int) -> int:
        """Discord's shard formula; DMs belong to shard 0."""
        return 0 if guild_id is None else (int(guild_id) >> 22) % shard_count

    # ---------------------------------------------------------------- rendering

    def user_payload(self, user_id: int) -> dict[str, Any]:
        user = self.user(user_id)
        payload: dict[str, Any] = {
            "id": str(user.id),
            "username": user.username,
            "discriminator": "0",
            "global_name": user.global_name,
            "avatar": None,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
        }
        if user.bot:
            payload["bot"] = True
        return payload

    def self_user_payload(self) -> dict[str, Any]:
        """``GET /users/@me`` and READY's ``user``: the bot, with the account-only fields."""
        return {
            **self.user_payload(self.bot.id),
            "verified": True,
            "mfa_enabled": False,
            "email": None,
            "locale": "en-US",
        }

    def member_payload(self, guild_id: int, user_id: int, *, with_user: bool = True) -> dict[str, Any]:
        guild = self.guild(guild_id)
        member = guild.members.get(int(user_id))
        if member is None:
            raise err.unknown("Member", err.UNKNOWN_MEMBER)
        payload: dict[str, Any] = {
            "nick": member.nick,
            "avatar": None,
            "banner": None,
            "roles": [str(role) for role in member.roles],
            "joined_at": member.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_user:
            payload["user"] = self.user_payload(user_id)
        return payload

    def role_payload(self, role: Role) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "id": str(role.id),
            "name": role.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": role.position,
            "permissions": str(role.permissions),
            "managed": role.managed,
            "mentionable": False,
            "flags": 0,
        }
        if role.managed:
            payload["tags"] = {"bot_id": str(self.bot.id)}
        return payload

    def channel_payload(self, channel_id: int) -> dict[str, Any]:
        channel = self.channel(channel_id)
        if channel.type == DM:
            return {
                "id": str(channel.id),
                "type": DM,
                "last_message_id": None,
                "flags": 0,
                "recipients": [self.user_payload(channel.recipient_id or 0)],
            }
        return {
            "id": str(channel.id),
            "type": channel.type,
            "guild_id": str(channel.guild_id),
            "name": channel.name,
            "position": channel.position,
            "permission_overwrites": [],
            "parent_id": None,
            "topic": channel.topic,
            "nsfw": False,
            "rate_limit_per_user": 0,
            "last_message_id": None,
            "flags": 0,
        }

    def guild_payload(self, guild_id: int) -> dict[str, Any]:
        """The guild object (without the GUILD_CREATE extras)."""
        guild = self.guild(guild_id)
        return {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(guild.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "system_channel_id": str(guild.channel_ids[0]) if guild.channel_ids else None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "preferred_locale": "en-US",
            "vanity_url_code": None,
            "features": [],
            "roles": [self.role_payload(role) for role in guild.roles.values()],
            "emojis": [],
            "stickers": [],
            "max_members": 500000,
            "max_video_channel_users": 25,
        }

    def guild_create_payload(self, guild_id: int, *, include_members: bool = True) -> dict[str, Any]:
        """GUILD_CREATE: the guild plus channels, members (always including the bot) and live state."""
        guild = self.guild(guild_id)
        member_ids = list(guild.members) if include_members else [self.bot.id]
        me = self.bot.id
        joined_at = guild.members[me].joined_at if me in guild.members else iso_now()
        return {
            **self.guild_payload(guild_id),
            "joined_at": joined_at,
            "large": False,
            "unavailable": False,
            "member_count": len(guild.members),
            "members": [self.member_payload(guild_id, user_id) for user_id in member_ids],
            "channels": [_without(self.channel_payload(cid), "guild_id") for cid in guild.channel_ids],
            "threads": [],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "application_command_counts": {},
        }

    def application_payload(self) -> dict[str, Any]:
        """``GET /oauth2/applications/@me`` (and ``/applications/@me``)."""
        return {
            "id": str(self.application_id),
            "name": self.bot.username,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "flags": self.application_flags,
            "owner": self.user_payload(self.owner.id),
            "team": None,
            "bot": self.user_payload(self.bot.id),
            "rpc_origins": [],
            "tags": [],
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "approximate_guild_count": len(self.guilds),
            "integration_types_config": {"0": {}},
        }

    # ----------------------------------------------------------------- messages

    def build_message(
        self,
        channel_id: int,
        author_id: int,
        body: dict[str, Any],
        *,
        attachments: list[dict[str, Any]] | None = None,
        mentions: list[int] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Render and store a new message in ``channel_id`` from a create body (content, embeds, ...).

        ``mentions`` defaults to the ``<@id>`` mentions in the content that name known users.
        A ``message_reference`` must point at a stored message (else 50035 ``REPLIES_UNKNOWN_MESSAGE``
        unless ``fail_if_not_exists`` is false); the stored message is embedded as ``referenced_message``.
        """
        channel = self.channel(channel_id)
        content = body.get("content") or ""
        if mentions is None:
            mentions = [int(m) for m in MENTION.findall(content) if int(m) in self.users]
        message: dict[str, Any] = {
            "id": str(self.new_id()),
            "type": DEFAULT_MESSAGE,
            "channel_id": str(channel.id),
            "author": self.user_payload(author_id),
            "content": content,
            "timestamp": iso_now(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts", False)),
            "mention_everyone": False,
            "mentions": [self._mention_payload(channel, user_id) for user_id in dict.fromkeys(mentions)],
            "mention_roles": [],
            "attachments": attachments or [],
            "embeds": [_normalise_embed(embed) for embed in body.get("embeds") or []],
            "reactions": [],
            "pinned": False,
            "flags": int(body.get("flags") or 0),
            "components": copy.deepcopy(body.get("components") or []),
        }
        if body.get("nonce") is not None:
            message["nonce"] = body["nonce"]
        reference = body.get("message_reference")
        if reference and reference.get("message_id"):
            referenced = self.messages.get(_int_or_zero(reference["message_id"]))
            if referenced is None or int(referenced["channel_id"]) != channel.id:
                if reference.get("fail_if_not_exists", True):
                    form = err.FormErrors()
                    form.add(("message_reference",), "REPLIES_UNKNOWN_MESSAGE", "Unknown message")
                    form.raise_if_any()
            else:
                message["type"] = REPLY_MESSAGE
                message["message_reference"] = {
                    "type": 0,
                    "message_id": referenced["id"],
                    "channel_id": referenced["channel_id"],
                    **({"guild_id": str(channel.guild_id)} if channel.guild_id else {}),
                }
                message["referenced_message"] = _without(referenced, "referenced_message")
        if extra:
            message.update(extra)
        self.messages[int(message["id"])] = message
        return message

    def edit_message(self, message: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        """Apply an edit body to a stored message in place and return it."""
        for key in ("content", "components", "flags"):
            if key in body and body[key] is not None:
                message[key] = copy.deepcopy(body[key])
        if "embeds" in body and body["embeds"] is not None:
            message["embeds"] = [_normalise_embed(embed) for embed in body["embeds"]]
        if "attachments" in body and body["attachments"] is not None:
            keep = {str(a.get("id")) for a in body["attachments"]}
            message["attachments"] = [a for a in message.get("attachments", []) if a["id"] in keep]
        message["edited_timestamp"] = iso_now()
        return message

    def gateway_message(self, message: dict[str, Any]) -> dict[str, Any]:
        """A stored message as MESSAGE_CREATE/UPDATE carries it: with ``guild_id`` and ``member``."""
        payload = copy.deepcopy(message)
        channel = self.channels.get(int(message["channel_id"]))
        if channel is not None and channel.guild_id is not None:
            payload["guild_id"] = str(channel.guild_id)
            author_id = int(message["author"]["id"])
            if author_id in self.guild(channel.guild_id).members:
                payload["member"] = self.member_payload(channel.guild_id, author_id, with_user=False)
        return payload

    def _mention_payload(self, channel: Channel, user_id: int) -> dict[str, Any]:
        payload = self.user_payload(user_id)
        if channel.guild_id is not None and user_id in self.guild(channel.guild_id).members:
            payload["member"] = self.member_payload(channel.guild_id, user_id, with_user=False)
        return payload

    # ----------------------------------------------------------------- commands

    def commands(self, guild_id: int | None) -> list[dict[str, Any]]:
        if guild_id is None:
            return self.global_commands
        return self.guild_commands.setdefault(int(guild_id), [])

    def overwrite_commands(self, guild_id: int | None, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Bulk overwrite. A command keeps its id when one of the same type and name existed."""
        old = {(int(c["type"]), c["name"]): c for c in self.commands(guild_id)}
        new = [
            self._render_command(guild_id, body, old.get((int(body.get("type") or 1), body["name"]))) for body in bodies
        ]
        if guild_id is None:
            self.global_commands = new
        else:
            self.guild_commands[int(guild_id)] = new
        return new

    def upsert_command(self, guild_id: int | None, body: dict[str, Any]) -> dict[str, Any]:
        commands = self.commands(guild_id)
        key = (int(body.get("type") or 1), body["name"])
        for index, command in enumerate(commands):
            if (int(command["type"]), command["name"]) == key:
                commands[index] = self._render_command(guild_id, body, command)
                return commands[index]
        command = self._render_command(guild_id, body, None)
        commands.append(command)
        return command

    def find_command(self, name: str, guild_id: int | None = None, type: int = 1) -> dict[str, Any] | None:
        """A registered command by name: the guild's first, then the global ones."""
        pools = ([self.commands(guild_id)] if guild_id is not None else []) + [self.global_commands]
        for pool in pools:
            for command in pool:
                if command["name"] == name and int(command["type"]) == type:
                    return command
        return None

    def _render_command(
        self, guild_id: int | None, body: dict[str, Any], previous: dict[str, Any] | None
    ) -> dict[str, Any]:
        command = {
            "id": previous["id"] if previous else str(self.new_id()),
            "application_id": str(self.application_id),
            "version": str(self.new_id()),
            "type": int(body.get("type") or 1),
            "name": body["name"],
            "name_localizations": body.get("name_localizations"),
            "description": body.get("description", ""),
            "description_localizations": body.get("description_localizations"),
            "options": copy.deepcopy(body.get("options") or []),
            "default_member_permissions": body.get("default_member_permissions"),
            "dm_permission": body.get("dm_permission", True),
            "nsfw": bool(body.get("nsfw", False)),
            "integration_types": body.get("integration_types") or [0],
            "contexts": body.get("contexts"),
        }
        if guild_id is not None:
            command["guild_id"] = str(guild_id)
        return command


def _normalise_embed(embed: dict[str, Any]) -> dict[str, Any]:
    embed = copy.deepcopy(embed)
    embed.setdefault("type", "rich")
    return embed


def _without(payload: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k != key}


def _int_or_zero(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0

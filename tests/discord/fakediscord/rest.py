"""The REST API (``/api/v10``): routes, authorization, body parsing, request log and error answers.

Handlers return plain data (a dict or list becomes ``200`` JSON, ``None`` becomes ``204``) or raise
:class:`~fakediscord.errors.DiscordAPIError`. JSON responses carry exactly ``Content-Type: application/json``
(discord.py compares the header literally). Every routed answer carries Discord's ``X-RateLimit-*`` headers
and a request over its route's limit gets ``429`` (:mod:`.ratelimits`, limits in :class:`ServerConfig`).
Unknown routes answer ``404 {"message": "404: Not Found", "code": 0}`` and are listed in
:attr:`RestApi.unknown_routes` (and logged), so gaps in this fake are visible.
"""

from __future__ import annotations

import inspect
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from . import errors as err
from .config import ServerConfig
from .errors import DiscordAPIError, FormErrors
from .gateway import Gateway
from .interactions import InteractionService
from .limits import check_command, check_commands
from .messages import MessageService
from .ratelimits import RateLimiter, major_parameter, rate_limited_body
from .records import Journal, RequestRecord
from .state import DM, DiscordState

log = logging.getLogger("fakediscord.rest")

API_PREFIX = "/api/v10"
Handler = Callable[[web.Request], Awaitable[Any]]

RECORD = web.RequestKey("record", RequestRecord)
BODY = web.RequestKey("body", object)
FILES = web.RequestKey("files", list)


def route(method: str, path: str, *, auth: bool = True) -> Callable[[Handler], Handler]:
    """Mark a :class:`RestApi` method as the handler of ``method path`` (path relative to ``/api/v10``).

    ``auth=False`` for the routes Discord serves without a bot token: ``GET /gateway``, interaction
    callbacks and interaction webhooks (authorised by their token in the URL).
    """

    def mark(handler: Handler) -> Handler:
        handler._route = (method, path, auth)  # type: ignore[attr-defined]
        return handler

    return mark


def json_response(data: Any, status: int = 200) -> web.Response:
    # "Via" marks an answer as Discord's own: discord.py takes a 429 without it for a Cloudflare ban.
    return web.Response(
        body=json.dumps(data).encode(), status=status, content_type="application/json", headers={"Via": "1.1 google"}
    )


class RestApi:
    """The REST routes, bound to the server's state and services."""

    def __init__(
        self,
        state: DiscordState,
        gateway: Gateway,
        messages: MessageService,
        interactions: InteractionService,
        config: ServerConfig,
    ) -> None:
        self.state = state
        self.gateway = gateway
        self.messages = messages
        self.interactions = interactions
        self.config = config
        self.rate_limiter = RateLimiter(config.rate_limits, config.default_rate_limit)
        #: Every REST request with its answer.
        self.requests: Journal[RequestRecord] = Journal("REST requests")
        #: ``"METHOD /path"`` of requests no route matched.
        self.unknown_routes: list[str] = []

    # ------------------------------------------------------------- plumbing

    def add_routes(self, app: web.Application) -> None:
        """Register every ``@route`` handler under ``/api/v10``, then the catch-all for unknown routes."""
        handlers = [member for _, member in inspect.getmembers(self, inspect.ismethod) if hasattr(member, "_route")]
        # Literal paths (".../@me") before templated ones that would also match them.
        handlers.sort(key=lambda h: "{" in h._route[1].split("/")[-1])
        for handler in handlers:
            method, path, auth = handler._route
            app.router.add_route(method, API_PREFIX + path, self._wrap(handler, path, auth))
        app.router.add_route("*", "/{tail:.*}", self._unknown_route)

    def _wrap(self, handler: Handler, path: str, auth: bool) -> Handler:
        async def wrapped(request: web.Request) -> web.StreamResponse:
            record: RequestRecord | None = request.get(RECORD)
            if record is not None:
                record.route = path
            if auth and request.headers.get("Authorization") != f"Bot {self.config.token}":
                raise err.unauthorized()
            verdict = self.rate_limiter.take(f"{request.method} {path}", major_parameter(dict(request.match_info)))
            if verdict.retry_after is not None:
                if record is not None:
                    record.error_body = rate_limited_body(verdict.retry_after)
                response = json_response(rate_limited_body(verdict.retry_after), 429)
                response.headers.update(verdict.headers)
                return response
            result = await handler(request)
            if not isinstance(result, web.StreamResponse):
                result = web.Response(status=204) if result is None else json_response(result)
            result.headers.update(verdict.headers)
            return result

        return wrapped

    async def _unknown_route(self, request: web.Request) -> web.StreamResponse:
        entry = f"{request.method} {request.path}"
        self.unknown_routes.append(entry)
        log.warning("fakediscord: no route for %s", entry)
        raise err.not_found()

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Parse the body, record the request and its answer, and turn errors into Discord JSON."""
        if request.path.startswith("/gateway"):
            return await handler(request)
        record = RequestRecord(
            method=request.method,
            path=request.path.removeprefix(API_PREFIX) if request.path.startswith(API_PREFIX) else request.path,
            route=None,
            query=dict(request.query),
            body=None,
            files=[],
            received_at=time.monotonic(),
        )
        request[RECORD] = record
        try:
            request[BODY], request[FILES] = await self._read_body(request)
            record.body = request[BODY]
            record.files = [f["filename"] for f in request[FILES]]
            response = await handler(request)
        except DiscordAPIError as exc:
            record.error_code = exc.code
            record.error_body = exc.body()
            response = json_response(exc.body(), exc.status)
        record.status = response.status
        record.responded_at = time.monotonic()
        self.requests.append(record)
        return response

    @staticmethod
    async def _read_body(request: web.Request) -> tuple[Any, list[dict[str, Any]]]:
        """JSON body, or for multipart the ``payload_json`` part plus the files (name, size, type)."""
        if request.content_type.startswith("multipart/"):
            body: Any = None
            files: list[dict[str, Any]] = []
            reader = await request.multipart()
            async for part in reader:
                if part.name == "payload_json":  # type: ignore[union-attr]
                    body = _loads(await part.text())  # type: ignore[union-attr]
                else:
                    data = await part.read()  # type: ignore[union-attr]
                    files.append(
                        {
                            "field": part.name,  # type: ignore[union-attr]
                            "filename": part.filename or "file",  # type: ignore[union-attr]
                            "size": len(data),
                            "content_type": part.headers.get("Content-Type"),  # type: ignore[union-attr]
                        }
                    )
            return body, files
        raw = await request.read()
        return (_loads(raw.decode()) if raw else None), []

    @staticmethod
    def _object_body(request: web.Request) -> dict[str, Any]:
        body = request[BODY]
        if not isinstance(body, dict):
            raise err.invalid_body("DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
        return body

    def _check_application(self, application_id: str) -> None:
        if application_id != str(self.state.application_id):
            raise err.missing_access()

    def _check_guild(self, guild_id: str) -> int:
        guild = self.state.guilds.get(int(guild_id)) if guild_id.isdigit() else None
        if guild is None or self.state.bot.id not in guild.members:
            raise err.missing_access()
        return guild.id

    # -------------------------------------------------------- gateway, users

    @route("GET", "/gateway", auth=False)
    async def get_gateway(self, request: web.Request) -> Any:
        return {"url": self.gateway.url}

    @route("GET", "/gateway/bot")
    async def get_gateway_bot(self, request: web.Request) -> Any:
        return {
            "url": self.gateway.url,
            "shards": self.config.recommended_shards,
            "session_start_limit": {
                "total": 1000,
                "remaining": self.gateway.session_start_remaining,
                "reset_after": 86_400_000,
                "max_concurrency": 1,
            },
        }

    @route("GET", "/users/@me")
    async def get_me(self, request: web.Request) -> Any:
        return self.state.self_user_payload()

    @route("GET", "/users/{user_id}")
    async def get_user(self, request: web.Request) -> Any:
        return self.state.user_payload(_snowflake(request, "user_id"))

    @route("POST", "/users/@me/channels")
    async def create_dm(self, request: web.Request) -> Any:
        recipient = self._object_body(request).get("recipient_id")
        return self.state.channel_payload(self.state.dm_channel(_int(recipient)).id)

    @route("GET", "/oauth2/applications/@me")
    async def get_oauth_application(self, request: web.Request) -> Any:
        return self.state.application_payload()

    @route("GET", "/applications/@me")
    async def get_application(self, request: web.Request) -> Any:
        return self.state.application_payload()

    @route("GET", "/applications/{application_id}/emojis")
    async def get_application_emojis(self, request: web.Request) -> Any:
        self._check_application(request.match_info["application_id"])
        return {"items": []}

    # ---------------------------------------------------- application commands

    def _command_scope(self, request: web.Request) -> int | None:
        self._check_application(request.match_info["application_id"])
        guild_id = request.match_info.get("guild_id")
        return None if guild_id is None else self._check_guild(guild_id)

    @route("GET", "/applications/{application_id}/commands")
    async def get_global_commands(self, request: web.Request) -> Any:
        return self.state.commands(self._command_scope(request))

    @route("GET", "/applications/{application_id}/guilds/{guild_id}/commands")
    async def get_guild_commands(self, request: web.Request) -> Any:
        return self.state.commands(self._command_scope(request))

    @route("PUT", "/applications/{application_id}/commands")
    async def put_global_commands(self, request: web.Request) -> Any:
        return self._overwrite_commands(request)

    @route("PUT", "/applications/{application_id}/guilds/{guild_id}/commands")
    async def put_guild_commands(self, request: web.Request) -> Any:
        return self._overwrite_commands(request)

    def _overwrite_commands(self, request: web.Request) -> Any:
        guild_id = self._command_scope(request)
        body = request[BODY]
        if not isinstance(body, list):
            raise err.invalid_body("LIST_TYPE_CONVERT", "Only iterables may be used in a ListType")
        form = FormErrors()
        check_commands(body, form)
        form.raise_if_any()
        return self.state.overwrite_commands(guild_id, body)

    @route("POST", "/applications/{application_id}/commands")
    async def post_global_command(self, request: web.Request) -> Any:
        return self._upsert_command(request)

    @route("POST", "/applications/{application_id}/guilds/{guild_id}/commands")
    async def post_guild_command(self, request: web.Request) -> Any:
        return self._upsert_command(request)

    def _upsert_command(self, request: web.Request) -> Any:
        guild_id = self._command_scope(request)
        body = self._object_body(request)
        form = FormErrors()
        check_command(body, form, ())
        form.raise_if_any()
        return self.state.upsert_command(guild_id, body)

    def _find_command(self, request: web.Request) -> tuple[list[dict[str, Any]], int]:
        commands = self.state.commands(self._command_scope(request))
        for index, command in enumerate(commands):
            if command["id"] == request.match_info["command_id"]:
                return commands, index
        raise err.unknown("application command", err.UNKNOWN_APPLICATION_COMMAND)

    @route("GET", "/applications/{application_id}/commands/{command_id}")
    async def get_global_command(self, request: web.Request) -> Any:
        commands, index = self._find_command(request)
        return commands[index]

    @route("GET", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
    async def get_guild_command(self, request: web.Request) -> Any:
        commands, index = self._find_command(request)
        return commands[index]

    @route("DELETE", "/applications/{application_id}/commands/{command_id}")
    async def delete_global_command(self, request: web.Request) -> Any:
        commands, index = self._find_command(request)
        del commands[index]

    @route("DELETE", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
    async def delete_guild_command(self, request: web.Request) -> Any:
        commands, index = self._find_command(request)
        del commands[index]

    # ------------------------------------------------------- guilds, channels

    @route("GET", "/guilds/{guild_id}")
    async def get_guild(self, request: web.Request) -> Any:
        return self.state.guild_payload(self._check_guild(request.match_info["guild_id"]))

    @route("GET", "/guilds/{guild_id}/channels")
    async def get_guild_channels(self, request: web.Request) -> Any:
        guild = self.state.guild(self._check_guild(request.match_info["guild_id"]))
        return [self.state.channel_payload(channel_id) for channel_id in guild.channel_ids]

    @route("GET", "/guilds/{guild_id}/members/{user_id}")
    async def get_member(self, request: web.Request) -> Any:
        guild_id = self._check_guild(request.match_info["guild_id"])
        return self.state.member_payload(guild_id, _snowflake(request, "user_id"))

    @route("GET", "/channels/{channel_id}")
    async def get_channel(self, request: web.Request) -> Any:
        return self.state.channel_payload(_snowflake(request, "channel_id"))

    @route("POST", "/channels/{channel_id}/typing")
    async def trigger_typing(self, request: web.Request) -> Any:
        self.state.channel(_snowflake(request, "channel_id"))

    # --------------------------------------------------------------- messages

    @route("GET", "/channels/{channel_id}/messages")
    async def get_messages(self, request: web.Request) -> Any:
        channel = self.state.channel(_snowflake(request, "channel_id"))
        limit = min(int(request.query.get("limit", "50")), 100)
        found = [m for m in self.state.messages.values() if int(m["channel_id"]) == channel.id]
        return sorted(found, key=lambda m: int(m["id"]), reverse=True)[:limit]

    @route("POST", "/channels/{channel_id}/messages")
    async def create_message(self, request: web.Request) -> Any:
        channel = self.state.channel(_snowflake(request, "channel_id"))
        if channel.type == DM and self.state.user(channel.recipient_id or 0).bot:
            raise DiscordAPIError(400, err.CANNOT_SEND_TO_USER, "Cannot send messages to this user")
        body = self._object_body(request) if request[BODY] is not None else {}
        return self.messages.create(channel.id, body, source="channel", files=request[FILES])

    @route("GET", "/channels/{channel_id}/messages/{message_id}")
    async def get_message(self, request: web.Request) -> Any:
        return self.state.message(_snowflake(request, "channel_id"), _snowflake(request, "message_id"))

    @route("PATCH", "/channels/{channel_id}/messages/{message_id}")
    async def edit_message(self, request: web.Request) -> Any:
        message = self.state.message(_snowflake(request, "channel_id"), _snowflake(request, "message_id"))
        if message["author"]["id"] != str(self.state.bot.id):
            raise DiscordAPIError(403, 50005, "Cannot edit a message authored by another user")
        return self.messages.edit(message, self._object_body(request), source="channel_edit")

    @route("DELETE", "/channels/{channel_id}/messages/{message_id}")
    async def delete_message(self, request: web.Request) -> Any:
        message = self.state.message(_snowflake(request, "channel_id"), _snowflake(request, "message_id"))
        self.messages.delete(message)

    @route("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me")
    async def add_reaction(self, request: web.Request) -> Any:
        self.state.message(_snowflake(request, "channel_id"), _snowflake(request, "message_id"))

    @route("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me")
    async def remove_reaction(self, request: web.Request) -> Any:
        self.state.message(_snowflake(request, "channel_id"), _snowflake(request, "message_id"))

    # ------------------------------------------------------------ interactions

    @route("POST", "/interactions/{interaction_id}/{token}/callback", auth=False)
    async def interaction_callback(self, request: web.Request) -> Any:
        body = self._object_body(request)
        response = self.interactions.callback(
            request.match_info["interaction_id"], request.match_info["token"], body, request[FILES]
        )
        if request.query.get("with_response") in ("1", "true", "True"):
            return response
        return None

    @route("POST", "/webhooks/{application_id}/{token}", auth=False)
    async def execute_followup(self, request: web.Request) -> Any:
        interaction = self.interactions.by_token(request.match_info["application_id"], request.match_info["token"])
        body = self._object_body(request) if request[BODY] is not None else {}
        message = self.interactions.create_followup(interaction, body, request[FILES])
        return message if request.query.get("wait") in ("1", "true", "True") else None

    @route("GET", "/webhooks/{application_id}/{token}/messages/{message_id}", auth=False)
    async def get_webhook_message(self, request: web.Request) -> Any:
        interaction = self.interactions.by_token(request.match_info["application_id"], request.match_info["token"])
        return self.interactions.get_message(interaction, request.match_info["message_id"])

    @route("PATCH", "/webhooks/{application_id}/{token}/messages/{message_id}", auth=False)
    async def edit_webhook_message(self, request: web.Request) -> Any:
        interaction = self.interactions.by_token(request.match_info["application_id"], request.match_info["token"])
        body = self._object_body(request)
        return self.interactions.edit_message(interaction, request.match_info["message_id"], body)

    @route("DELETE", "/webhooks/{application_id}/{token}/messages/{message_id}", auth=False)
    async def delete_webhook_message(self, request: web.Request) -> Any:
        interaction = self.interactions.by_token(request.match_info["application_id"], request.match_info["token"])
        self.interactions.delete_message(interaction, request.match_info["message_id"])


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise err.invalid_json() from None


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _snowflake(request: web.Request, name: str) -> int:
    """A snowflake path parameter; Discord answers 404 for ids that are not numbers."""
    value = request.match_info[name]
    if not value.isdigit():
        raise err.not_found()
    return int(value)

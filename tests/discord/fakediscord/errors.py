"""Discord's JSON error responses: the exception the REST layer raises and the error-code catalogue.

Every error the server returns goes through :class:`DiscordAPIError`, whose :meth:`~DiscordAPIError.body`
is shaped exactly like Discord's (``{"message": ..., "code": ...}`` plus ``errors`` for form errors),
so discord.py turns it into an :class:`discord.HTTPException` with the right ``status`` and ``code``.
"""

from __future__ import annotations

from typing import Any

# JSON error codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json).
GENERAL = 0
UNKNOWN_APPLICATION = 10002
UNKNOWN_CHANNEL = 10003
UNKNOWN_GUILD = 10004
UNKNOWN_MEMBER = 10007
UNKNOWN_MESSAGE = 10008
UNKNOWN_USER = 10013
UNKNOWN_WEBHOOK = 10015
UNKNOWN_INTERACTION = 10062
UNKNOWN_APPLICATION_COMMAND = 10063
ALREADY_ACKNOWLEDGED = 40060
MISSING_ACCESS = 50001
CANNOT_SEND_EMPTY_MESSAGE = 50006
CANNOT_SEND_TO_USER = 50007
INVALID_WEBHOOK_TOKEN = 50027
INVALID_FORM_BODY = 50035
INVALID_JSON = 50109

# Gateway close codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway).
CLOSE_UNKNOWN_ERROR = 4000
CLOSE_UNKNOWN_OPCODE = 4001
CLOSE_DECODE_ERROR = 4002
CLOSE_NOT_AUTHENTICATED = 4003
CLOSE_AUTHENTICATION_FAILED = 4004
CLOSE_ALREADY_AUTHENTICATED = 4005
CLOSE_INVALID_SEQ = 4007
CLOSE_SESSION_TIMED_OUT = 4009
CLOSE_INVALID_SHARD = 4010
CLOSE_INVALID_API_VERSION = 4012
CLOSE_INVALID_INTENTS = 4013
CLOSE_DISALLOWED_INTENTS = 4014


class DiscordAPIError(Exception):
    """An error response: HTTP ``status``, Discord JSON ``code``, ``message`` and optional form ``errors``."""

    def __init__(self, status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> dict[str, Any]:
        """The JSON body Discord sends for this error."""
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors is not None:
            body["errors"] = self.errors
        return body


def unauthorized() -> DiscordAPIError:
    return DiscordAPIError(401, GENERAL, "401: Unauthorized")


def not_found() -> DiscordAPIError:
    return DiscordAPIError(404, GENERAL, "404: Not Found")


def unknown(what: str, code: int) -> DiscordAPIError:
    """``404 Unknown <what>``, e.g. ``unknown("Channel", UNKNOWN_CHANNEL)``."""
    return DiscordAPIError(404, code, f"Unknown {what}")


def unknown_interaction() -> DiscordAPIError:
    return DiscordAPIError(404, UNKNOWN_INTERACTION, "Unknown interaction")


def already_acknowledged() -> DiscordAPIError:
    return DiscordAPIError(400, ALREADY_ACKNOWLEDGED, "Interaction has already been acknowledged.")


def missing_access() -> DiscordAPIError:
    return DiscordAPIError(403, MISSING_ACCESS, "Missing Access")


def empty_message() -> DiscordAPIError:
    return DiscordAPIError(400, CANNOT_SEND_EMPTY_MESSAGE, "Cannot send an empty message")


def invalid_json() -> DiscordAPIError:
    return DiscordAPIError(400, INVALID_JSON, "The request body contains invalid JSON.")


def invalid_body(code: str, message: str) -> DiscordAPIError:
    """50035 for a body of the wrong shape as a whole (e.g. a list where an object belongs)."""
    return DiscordAPIError(
        400, INVALID_FORM_BODY, "Invalid Form Body", {"_errors": [{"code": code, "message": message}]}
    )


def invalid_webhook_token() -> DiscordAPIError:
    return DiscordAPIError(401, INVALID_WEBHOOK_TOKEN, "Invalid Webhook Token")


class FormErrors:
    """Collects field errors and renders them the way Discord nests them for code 50035.

    ``add(("embeds", 0, "title"), "BASE_TYPE_MAX_LENGTH", "Must be 256 or fewer in length.")`` becomes
    ``{"embeds": {"0": {"title": {"_errors": [{"code": ..., "message": ...}]}}}}``.
    """

    def __init__(self) -> None:
        self.tree: dict[str, Any] = {}
        self.count = 0

    def add(self, path: tuple[str | int, ...], code: str, message: str) -> None:
        node = self.tree
        for key in path:
            node = node.setdefault(str(key), {})
        node.setdefault("_errors", []).append({"code": code, "message": message})
        self.count += 1

    def max_length(self, path: tuple[str | int, ...], limit: int) -> None:
        self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")

    def bad_length(self, path: tuple[str | int, ...], low: int, high: int) -> None:
        self.add(path, "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length.")

    def required(self, path: tuple[str | int, ...]) -> None:
        self.add(path, "BASE_TYPE_REQUIRED", "This field is required")

    def __bool__(self) -> bool:
        return self.count > 0

    def raise_if_any(self) -> None:
        """Raise ``400 Invalid Form Body`` (50035) if anything was collected."""
        if self:
            raise DiscordAPIError(400, INVALID_FORM_BODY, "Invalid Form Body", self.tree)

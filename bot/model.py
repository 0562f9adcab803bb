"""The reply model every front renders: plain data, no I/O, no Discord."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

LANGUAGES = ("en", "vi")


class Status(StrEnum):
    ANSWER = "answer"
    SUGGEST = "suggest"
    DECLINE = "decline"


@dataclass(frozen=True, slots=True)
class Source:
    """One article in the catalogue (facts/sources.yaml)."""

    id: str
    outlet: str
    title: str
    url: str
    published: dt.date
    language: str
    #: What a reader should know about this source (wrong dateline, wrong caption), per language.
    caveat: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A "did you mean" candidate: a fact and one of its questions in the asker's language."""

    fact_id: str
    question: str
    score: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"fact_id": self.fact_id, "question": self.question}


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    title: dict[str, str]
    fact_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reply:
    """What the engine decided about one question, ready for any front to render."""

    status: Status
    #: The answer, or for a suggest/decline the message to show.
    answer: str
    language: str
    fact_id: str | None = None
    score: float = 0.0
    sources: tuple[Source, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    as_of: dt.date | None = None
    #: Where sources disagree or contain an error, what the reader should know.
    note: str | None = None
    topic: str | None = None

    @property
    def answered(self) -> bool:
        return self.status is Status.ANSWER

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "answer": self.answer,
            "language": self.language,
            "fact_id": self.fact_id,
            "score": round(self.score, 4),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "note": self.note,
            "sources": [s.to_json() for s in self.sources],
            "suggestions": [s.to_json() for s in self.suggestions],
        }

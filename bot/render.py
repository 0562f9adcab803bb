"""Plain-text rendering of a Reply, shared by the console chat and `factbot ask`."""

from __future__ import annotations

from bot.model import Reply, Source, Status

LABELS = {
    "en": {
        "source": "Source",
        "sources": "Sources",
        "as_of": "As of",
        "note": "Note",
        "published": "published",
        "pick": "Type a number to pick one.",
    },
    "vi": {
        "source": "Nguồn",
        "sources": "Nguồn",
        "as_of": "Tính đến",
        "note": "Lưu ý",
        "published": "đăng ngày",
        "pick": "Gõ một số để chọn.",
    },
}


def citation(source: Source, language: str) -> str:
    """Outlet, title, date and link of one article."""
    label = LABELS.get(language, LABELS["en"])
    return f'{source.outlet} — "{source.title}" ({label["published"]} {source.published.isoformat()}) {source.url}'


def render_text(reply: Reply) -> str:
    label = LABELS.get(reply.language, LABELS["en"])
    lines = [reply.answer]
    if reply.status is Status.ANSWER:
        if reply.note:
            lines.append(f"{label['note']}: {reply.note}")
        if len(reply.sources) == 1:
            lines.append(f"{label['source']}: {citation(reply.sources[0], reply.language)}")
        else:
            lines.append(f"{label['sources']}:")
            lines.extend(f"  - {citation(s, reply.language)}" for s in reply.sources)
        if reply.as_of:
            lines.append(f"{label['as_of']} {reply.as_of.isoformat()}")
    elif reply.status is Status.SUGGEST and reply.suggestions:
        lines = [lines[0].splitlines()[0]]
        lines.extend(f"  {n}. {s.question}" for n, s in enumerate(reply.suggestions, 1))
        lines.append(label["pick"])
    return "\n".join(lines)

"""Write a chat session out: Markdown to read, JSON to verify every quote against the index.

The JSON gives, for each passage, its offsets in the article's clean body and SHA-256 hashes
of the passage text and of that body, plus the index manifest (model, checksums, build time),
so a reader can check that `body[start:end]` is the quoted text and hashes to the same value.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .text import one_line, strip_controls, to_json
from .vocab import NOT_FOUND

if TYPE_CHECKING:
    from .answer import Answer, Hit
    from .bot import Bot

FORMAT = "qa-session/1"


def sha256(text: str) -> str:
    """SHA-256 of the UTF-8 bytes of `text`, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def export_paths(target: str | Path | None, now: datetime | None = None) -> tuple[Path, Path]:
    """Where the Markdown and JSON files go: PATH(.md) and the same name with .json.

    No target gives `qa-session-YYYYMMDD-HHMMSS.md` in the working folder; a folder gives
    that name inside it.
    """
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    default = f"qa-session-{stamp}.md"
    if target is None or str(target).strip() == "":
        md = Path(default)
    else:
        md = Path(str(target)).expanduser()
        if md.is_dir() or str(target).endswith(("/", "\\")):
            md = md / default
        elif md.suffix.lower() != ".md":
            md = md.with_name(md.name + ".md")
    return md, md.with_suffix(".json")


def session_markdown(answers: Sequence[Answer], bot: Bot, exported_at: str) -> str:
    """The session as Markdown: each question, its answer and cited passages as footnotes."""
    lines = ["# qa session", "",
             f"Corpus `{one_line(str(bot.corpus))}`, index `{one_line(bot.index_label)}`, "
             f"exported {exported_at}. Each quote is verifiable with the JSON file beside this "
             "one.", ""]
    for n, answer in enumerate(answers, 1):
        lines += [f"## {n}. {one_line(answer.question)}", ""]
        if answer.interpreted_as:
            lines += [f"*Interpreted as:* {one_line(answer.interpreted_as)}", ""]
        for note in answer.notes:
            lines += [f"*Note:* {one_line(note)}", ""]
        if answer.text is not None:
            lines += [f"**Answer:** {one_line(answer.text)}[^{n}-{answer.rank}]", "",
                      "Sources:", ""]
        else:
            lines += [f"**{NOT_FOUND}:** {answer.not_found_detail}", "",
                      "Closest passages (they may not answer it):", ""]
        for hit in answer.passages:
            quote = " ".join(one_line(p) for p in hit.text.split("\n\n") if p.strip())
            lines.append(f"{hit.rank}. > {quote} [^{n}-{hit.rank}]")
        lines.append("")
        for hit in answer.passages:
            c = hit.citation
            lines.append(f"[^{n}-{hit.rank}]: {one_line(str(c))}, characters {c.start}–{c.end}"
                         f" of the clean body, score {hit.score:.2f}, sha256 "
                         f"{sha256(hit.text)[:16]}…")
        lines.append("")
    return "\n".join(lines)


def session_json(answers: Sequence[Answer], bot: Bot, exported_at: str) -> dict[str, Any]:
    """The session as one JSON object: answers, passages with offsets and hashes, manifest."""
    bodies: dict[str, str | None] = {}
    turns = []
    for answer in answers:
        turn = answer.to_dict()
        turn["passages"] = [_passage(hit, bot, bodies) for hit in answer.passages]
        turns.append(turn)
    return {
        "format": FORMAT,
        "exported_at": exported_at,
        "corpus": str(bot.corpus),
        "index": bot.index_label,
        "manifest": bot.store.manifest,
        "verify": "For each passage: sha256(utf-8 of article body[start:end]) == text_sha256, "
                  "where the body is `qa.open(corpus, index=index).article(article_id).body`.",
        "turns": turns,
    }


def _passage(hit: Hit, bot: Bot, bodies: dict[str, str | None]) -> dict[str, Any]:
    out = hit.to_dict()
    aid = hit.citation.article_id
    if aid not in bodies:
        article = bot.store.article(aid)
        bodies[aid] = article.body if article is not None else None
    body = bodies[aid]
    out["passage_id"] = hit.passage_id
    out["text_sha256"] = sha256(hit.text)
    if body is not None:
        out["body_sha256"] = sha256(body)
        out["matches_body"] = body[hit.citation.start:hit.citation.end] == hit.text
    return out


def export_session(answers: Sequence[Answer], bot: Bot,
                   target: str | Path | None = None) -> tuple[Path, Path]:
    """Write the session as Markdown and JSON; returns both paths."""
    now = datetime.now(timezone.utc)
    md_path, json_path = export_paths(target, now.astimezone())
    exported_at = now.isoformat(timespec="seconds")
    markdown = strip_controls(session_markdown(answers, bot, exported_at))
    data = session_json(answers, bot, exported_at)
    try:
        md_path.parent.mkdir(parents=True, exist_ok=True)
        md_path.write_text(markdown, encoding="utf-8")
        json_path.write_text(to_json(data, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"Cannot write the export to {md_path.parent} "
                         f"({exc.strerror or exc}). Give another path: /export PATH.") from exc
    return md_path, json_path

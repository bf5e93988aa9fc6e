"""Walk the corpus folder and turn each file (or JSONL record) into a clean `Article`."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any

from .text import normalize, one_line
from .vocab import DEFAULT_MAX_BYTES, month_number

SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
_NOT_ARTICLES = ("readme.", "license.", "licence.", "copying.")


@dataclass(frozen=True)
class Article:
    """One news article, cleaned of site chrome."""

    id: str
    """Stable key: the path relative to the corpus, plus `#record-id` for JSONL records."""
    path: str
    """File path relative to the corpus folder (POSIX separators)."""
    headline: str
    date: str | None
    """ISO date (YYYY-MM-DD) when the article states one; never guessed."""
    source: str | None
    """Publisher or wire credit named in the article, e.g. "The Canadian Press"."""
    body: str
    """Clean body: paragraphs separated by one blank line; passage offsets point into it."""
    hash: str
    """SHA-256 of the raw file or record: the unit of incremental indexing."""


def context_headline(article: Article) -> str:
    """The headline to give the embedder and the lexical index: empty when it is only the
    article's own first sentence (made up for an article without one), so it is not counted
    twice."""
    lede = article.headline.removesuffix("…")
    return "" if article.body.startswith(lede) else article.headline


@dataclass(frozen=True)
class FileStamp:
    """What `stat` says of a corpus file: a cheap first test of whether it changed."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Notice:
    """A file that was skipped or read with a caveat, reported to the user in one line."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{one_line(self.path)}: {self.message}"


# --- walking -------------------------------------------------------------------------------


def scan(root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[FileStamp], list[Notice]]:
    """List the corpus files qa reads, without reading them.

    Symlinks are followed only when they resolve inside the corpus; loops, FIFOs, devices,
    hidden files, oversized and unreadable files are reported instead of read.
    """
    root_real = Path(os.path.realpath(root))
    stamps: list[FileStamp] = []
    notices: list[Notice] = []
    if root.is_file():
        # A single file as the corpus (e.g. a BEIR corpus.jsonl): its name is its path.
        st = root.stat()
        if st.st_size > max_bytes:
            notices.append(Notice(root.name, f"skipped: {st.st_size:,} bytes is over the "
                                  f"{max_bytes:,}-byte cap (raise it with --max-bytes)"))
            return stamps, notices
        return [FileStamp(root.name, st.st_size, st.st_mtime_ns)], notices
    seen_dirs: set[tuple[int, int]] = set()

    def walk(directory: Path, rel: str) -> Iterator[tuple[Path, str]]:
        try:
            st = directory.stat()
        except OSError as exc:
            notices.append(Notice(rel or ".", f"skipped: cannot read folder ({exc.strerror})"))
            return
        if (st.st_dev, st.st_ino) in seen_dirs:
            notices.append(Notice(rel, "skipped: folder link loop"))
            return
        seen_dirs.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            notices.append(Notice(rel or ".", f"skipped: cannot list folder ({exc.strerror})"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            child_rel = f"{rel}/{entry.name}" if rel else entry.name
            if not _is_utf8(entry.name):
                notices.append(Notice(child_rel, "skipped: the name is not valid UTF-8 "
                                                 "(rename it)"))
                continue
            if entry.is_symlink():
                target = os.path.realpath(path)
                if not (target == str(root_real) or target.startswith(str(root_real) + os.sep)):
                    notices.append(Notice(child_rel, "skipped: link points outside the corpus"))
                    continue
                if not os.path.exists(target):
                    notices.append(Notice(child_rel, "skipped: broken or looping link"))
                    continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from walk(path, child_rel)
            elif entry.name.lower().endswith(SUFFIXES):
                if entry.name.lower().startswith(_NOT_ARTICLES):
                    notices.append(Notice(child_rel, "skipped: a folder's README or licence, "
                                                     "not an article"))
                    continue
                yield path, child_rel

    for path, rel in walk(root, ""):
        try:
            st = path.stat()
        except OSError as exc:
            notices.append(Notice(rel, f"skipped: cannot read ({exc.strerror})"))
            continue
        if not stat.S_ISREG(st.st_mode):
            notices.append(Notice(rel, "skipped: not a regular file"))
            continue
        if st.st_size > max_bytes:
            notices.append(
                Notice(rel, f"skipped: {st.st_size:,} bytes is over the {max_bytes:,}-byte cap "
                            "(raise it with --max-bytes)")
            )
            continue
        if not os.access(path, os.R_OK, effective_ids=os.access in os.supports_effective_ids):
            notices.append(Notice(rel, "skipped: permission denied"))
            continue
        stamps.append(FileStamp(rel, st.st_size, st.st_mtime_ns))
    return stamps, notices


def _is_utf8(name: str) -> bool:
    """False for a file name whose bytes are not UTF-8 (Python keeps them as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _opened(fd: int, path: Path) -> str:
    """The real path of an open file: from the kernel where it says (Linux), else resolved."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return os.path.realpath(path)


def _inside(root: Path, real: str) -> bool:
    """True when `real` is the corpus file itself or lies inside the corpus folder."""
    top = os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def read(root: Path, stamp: FileStamp) -> tuple[list[Article], list[Notice]]:
    """Read and clean one corpus file: one article, or one per JSONL record."""
    rel = stamp.path
    base = root.parent if root.is_file() else root
    try:
        # Non-blocking: a file swapped for a FIFO since the scan must not hang the run.
        with open(os.open(base / rel, os.O_RDONLY | os.O_NONBLOCK), "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                return [], [Notice(rel, "skipped: not a regular file")]
            # A link swapped since the scan must not lead outside: judge what was opened.
            if not _inside(root, _opened(f.fileno(), base / rel)):
                return [], [Notice(rel, "skipped: link points outside the corpus")]
            raw = f.read(DEFAULT_MAX_BYTES * 100)
    except OSError as exc:
        return [], [Notice(rel, f"skipped: cannot read ({exc.strerror})")]
    if not raw.strip():
        return [], [Notice(rel, "skipped: empty file")]
    if b"\x00" in raw[:8192]:
        return [], [Notice(rel, "skipped: binary file")]
    text, encoding = decode(raw)
    notices = []
    if encoding != "utf-8":
        notices.append(Notice(rel, f"not valid UTF-8: decoded as {encoding}"))
    suffix = rel.lower().rsplit(".", 1)[-1]
    if suffix == "jsonl":
        articles, more = _read_jsonl(rel, text)
        return articles, notices + more
    if suffix in ("html", "htm"):
        article = _read_html(rel, text, _sha(raw))
    else:
        article = parse_text(rel, text, _sha(raw), markdown=suffix == "md")
    if article is None:
        return [], notices + [Notice(rel, "skipped: no article text found")]
    return [article], notices


def decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8, falling back to cp1252 (then Latin-1) for old news files."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- cleaning --------------------------------------------------------------------------------

# Lines that are site navigation, never article text.
_CHROME = {
    "skip to main content", "skip to content", "skip to navigation", "advertisement",
    "share", "share this article", "share this", "print", "email", "comments",
    "sign up", "subscribe", "log in", "sign in", "menu", "close", "search",
}
# Markers after which a page holds only promos, link lists and footers.
_TAIL = ("top stories", "stay connected", "related stories", "related articles",
         "more from", "most read", "trending", "you may also like", "recommended for you")
_TAIL_GLUED = re.compile(
    r"\s*\b(Top Stories|Stay Connected|Related Stories|Related Articles|Most Read)\s*$"
)
_DATE_PREFIX = re.compile(r"^\s*date\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
_DATELINE_ONLY = re.compile(r"^[A-Z][A-Z.,'’ ]{1,40}\s*[-–—]+\s*$")
_CREDIT = re.compile(
    r"^This (?:report|story|article) by (?P<src>.+?) was first published(?: on)?"
    r"(?P<when> [A-Z][a-z]+\.? \d{1,2}, \d{4})?\.?\s*$"
)
_WITH_FILES = re.compile(r"^[-–—]*\s*With files from (?P<src>.+?)\.?\s*$", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"^---\n(.*?)\n---\n", re.DOTALL)


def parse_text(rel: str, text: str, digest: str, *, markdown: bool = False,
               headline: str | None = None, date: str | None = None,
               source: str | None = None) -> Article | None:
    """Clean a plain-text or Markdown article; `None` when no body text is left."""
    text = normalize(text).replace("\u00a0", " ")
    if markdown:
        m = _FRONT_MATTER.match(text)
        if m:
            meta = _front_matter(m.group(1))
            headline = headline or meta.get("title")
            date = date or iso_date(meta.get("date"))
            source = source or meta.get("source")
            text = text[m.end():]
    m = _DATE_PREFIX.match(text)
    if m:
        date = date or iso_date(m.group(1))
        text = text[m.end():]

    paragraphs = _paragraphs(text, markdown)
    kept: list[str] = []
    for para in paragraphs:
        low = para.lower().strip(" .:")
        if low in _CHROME:
            continue
        if low.startswith(_TAIL) and len(low) < 40:
            if kept:
                break
            continue  # navigation above the article ("Top Stories" in a menu), not its end
        glued = _TAIL_GLUED.search(para)
        if glued and glued.start() > 0 and kept:
            para = para[: glued.start()].rstrip()
            kept.append(para)
            break
        kept.append(para)

    body_paras: list[str] = []
    for para in kept:
        if _DATELINE_ONLY.match(para) and not body_paras:
            continue
        credit = _CREDIT.match(para)
        if credit:
            source = source or credit.group("src").strip()
            if credit.group("when"):
                date = date or iso_date(credit.group("when").strip())
            continue
        with_files = _WITH_FILES.match(para)
        if with_files:
            source = source or with_files.group("src").strip()
            continue
        body_paras.append(para)

    if not body_paras:
        return None
    if headline is None:
        first = body_paras[0]
        if markdown and first.startswith("#"):
            headline = first.lstrip("#").strip()
            body_paras = body_paras[1:]
        elif _looks_like_headline(first) and len(body_paras) > 1:
            headline = first
            body_paras = body_paras[1:]
    if not body_paras:
        return None
    body = "\n\n".join(body_paras)
    if not headline:
        headline = _headline_from(body)
    return Article(
        id=rel, path=rel.split("#", 1)[0], headline=one_line(headline), date=date,
        source=one_line(source) if source else None, body=body, hash=digest,
    )


def _paragraphs(text: str, markdown: bool) -> list[str]:
    """Blocks separated by blank lines; single newlines inside a block become spaces."""
    blocks = re.split(r"\n[ \t]*\n", text)
    out = []
    for block in blocks:
        # A chrome line glued to text by a single newline is still chrome.
        lines = [ln.strip() for ln in block.split("\n")
                 if ln.strip() and ln.strip().lower().strip(" .:") not in _CHROME]
        if not lines:
            continue
        if markdown and lines[0].startswith("#") and len(lines) > 1:
            out.append(lines[0])
            lines = lines[1:]
        out.append(" ".join(" ".join(lines).split()))
    return out


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    ends_like_prose = line.rstrip().endswith((".", "!", '"', "”", ":", ";", ","))
    return 0 < len(words) <= 25 and len(line) <= 200 and not ends_like_prose


def _headline_from(body: str, limit: int = 90) -> str:
    """A headline for an article that has none: its first sentence, shortened at a word."""
    first = re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _front_matter(block: str) -> dict[str, str]:
    meta = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta


def iso_date(value: object) -> str | None:
    """An ISO date from '2020-10-06', '2020/01/03', '2023-07-21T…' or 'July 21, 2023'."""
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    m = re.match(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})", s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = re.match(r"^([A-Za-z]{3,9})\.? (\d{1,2}), (\d{4})$", s)
        month = month_number(m.group(1)) if m else None
        if not m or month is None:
            return None
        y, mo, d = int(m.group(3)), month, int(m.group(2))
    try:
        return Date(y, mo, d).isoformat()
    except ValueError:
        return None


# --- other formats ---------------------------------------------------------------------------


def _read_jsonl(rel: str, text: str) -> tuple[list[Article], list[Notice]]:
    articles: list[Article] = []
    notices: list[Notice] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except (json.JSONDecodeError, RecursionError):  # RecursionError: nested too deep
            notices.append(Notice(f"{rel}:{n}", "skipped: not a JSON object"))
            continue
        if not isinstance(rec, dict):
            notices.append(Notice(f"{rel}:{n}", "skipped: not a JSON object"))
            continue
        rid = rec.get("_id", rec.get("id"))
        body = rec.get("text")
        if rid is None or not isinstance(body, str):
            notices.append(Notice(f"{rel}:{n}", 'skipped: needs "_id" (or "id") and "text"'))
            continue
        meta_raw = rec.get("metadata")
        meta: dict[str, Any] = meta_raw if isinstance(meta_raw, dict) else {}
        title_raw = rec.get("title")
        title = title_raw if isinstance(title_raw, str) else ""
        article = parse_text(
            f"{rel}#{rid}", body, _sha(line.encode()),
            headline=title.strip() or None, date=iso_date(meta.get("date")),
            source=meta.get("source") if isinstance(meta.get("source"), str) else None,
        )
        if article is None:
            notices.append(Notice(f"{rel}#{rid}", "skipped: empty text"))
            continue
        articles.append(article)
    return articles, notices


def _read_html(rel: str, html: str, digest: str) -> Article | None:
    import trafilatura  # slow to import: only when the corpus has HTML

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text:
        return None
    meta = trafilatura.extract_metadata(html)
    title = getattr(meta, "title", None) if meta else None
    return parse_text(
        rel, text.replace("\n", "\n\n"), digest, headline=title or None,
        date=iso_date(getattr(meta, "date", None)) if meta else None,
        source=getattr(meta, "sitename", None) if meta else None,
    )

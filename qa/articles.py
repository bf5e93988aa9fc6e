"""Walk the corpus folder and turn each file (or JSONL record) into a clean `Article`."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from . import formats
from .cleaning import clean, iso_date, paragraphs
from .text import lines, one_line, paragraph_spans
from .vocab import DEFAULT_MAX_BYTES

__all__ = ["PARSER_VERSION", "Article", "FileStamp", "Notice", "SUFFIXES", "context_headline",
           "decode", "iso_date", "parse_text", "read", "read_capped", "scan", "section_starts"]

SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", *formats.suffixes())
PARSER_VERSION = 2
"""How this qa reads articles; bump it when a change to this module, qa.cleaning or
qa.formats reads any file differently. An index built by another version reads every file
again at its next update and embeds again only the articles that now read differently.
1 (or none in the manifest): before a "By <source>" line with its date on the next line, under
the headline, gave the source and date; 2: since."""
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
    link: str | None = None
    """Where the article was published (a feed item's link, front matter's `link:`): http(s)."""
    sections: tuple[tuple[int, str], ...] = ()
    """(offset in `body`, label) where each page or chapter begins, for citations."""

    def section_at(self, offset: int) -> str | None:
        """The label of the page or chapter holding `offset` in the body, if any."""
        return section_at(self.sections, offset)


def section_at(sections: tuple[tuple[int, str], ...] | list, offset: int) -> str | None:
    """The label of the last section starting at or before `offset`."""
    label = None
    for start, name in sections:
        if start > offset:
            break
        label = name
    return label


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
    max_bytes: int = DEFAULT_MAX_BYTES
    """The cap the scan applied (`--max-bytes`): `read` never reads more than this + 1 bytes."""


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
            notices.append(Notice(root.name, _over_cap(max_bytes, st.st_size)))
            return stamps, notices
        return [FileStamp(root.name, st.st_size, st.st_mtime_ns, max_bytes)], notices
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
            notices.append(Notice(rel, _over_cap(max_bytes, st.st_size)))
            continue
        if not os.access(path, os.R_OK, effective_ids=os.access in os.supports_effective_ids):
            notices.append(Notice(rel, "skipped: permission denied"))
            continue
        stamps.append(FileStamp(rel, st.st_size, st.st_mtime_ns, max_bytes))
    return stamps, notices


def _over_cap(max_bytes: int, size: int | None = None) -> str:
    """The one message for a file over `--max-bytes`."""
    what = f"{size:,} bytes is over" if size is not None else "over"
    return f"skipped: {what} the {max_bytes:,}-byte cap (raise it with --max-bytes)"


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
            raw = read_capped(f, stamp.max_bytes)
    except OSError as exc:
        return [], [Notice(rel, f"skipped: cannot read ({exc.strerror})")]
    if raw is None:  # it grew past the cap since the scan
        return [], [Notice(rel, _over_cap(stamp.max_bytes))]
    if not raw.strip():
        return [], [Notice(rel, "skipped: empty file")]
    suffix = rel.lower().rsplit(".", 1)[-1]
    if suffix in formats.READERS:
        return _read_docs(rel, raw, suffix)
    if b"\x00" in raw[:8192]:
        return [], [Notice(rel, "skipped: binary file")]
    text, encoding = decode(raw)
    notices = []
    if encoding != "utf-8":
        notices.append(Notice(rel, f"not valid UTF-8: decoded as {encoding}"))
    if suffix == "jsonl":
        articles, more = _read_jsonl(rel, text)
        return articles, notices + more
    if suffix in ("html", "htm"):
        article = _read_html(rel, text, _sha(raw))
    else:
        article, problem = _parse(rel, text, _sha(raw), markdown=suffix == "md")
        if problem:
            notices.append(Notice(rel, f"front matter ignored: {problem}"))
    if article is None:
        return [], notices + [Notice(rel, "skipped: no article text found")]
    return [article], notices


def read_capped(f: BinaryIO, max_bytes: int) -> bytes | None:
    """All of an open file, or `None` when it holds more than `max_bytes`: never reads
    more than `max_bytes + 1` bytes, however large the file is or grows."""
    raw = f.read(max_bytes + 1)
    return None if len(raw) > max_bytes else raw


def parse_text(rel: str, text: str, digest: str, *, markdown: bool = False,
               headline: str | None = None, date: str | None = None,
               source: str | None = None, link: str | None = None,
               web: bool = True) -> Article | None:
    """Clean a plain-text or Markdown article; `None` when no body text is left."""
    return _parse(rel, text, digest, markdown=markdown, headline=headline, date=date,
                  source=source, link=link, web=web)[0]


def _parse(rel: str, text: str, digest: str, **fields: Any) -> tuple[Article | None, str | None]:
    """The article and, when the text was kept despite one, a problem to report."""
    c = clean(text, **fields)
    if c is None:
        return None, None
    article = Article(
        id=rel, path=rel.split("#", 1)[0], headline=one_line(c.headline), date=c.date,
        source=one_line(c.source) if c.source else None, body=c.body, hash=digest,
        link=c.link,
    )
    return article, c.problem


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


# --- other formats ---------------------------------------------------------------------------


def _read_jsonl(rel: str, text: str) -> tuple[list[Article], list[Notice]]:
    articles: list[Article] = []
    notices: list[Notice] = []
    for n, line in enumerate(lines(text), start=1):
        if not line.strip():
            continue
        try:
            # strict=False: a raw tab or other control character inside a string (sloppy
            # exports) is kept, not a reason to drop the record.
            rec = json.loads(line, strict=False)
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


def _read_docs(rel: str, raw: bytes, suffix: str) -> tuple[list[Article], list[Notice]]:
    """A file of one of qa.formats' formats: its documents as articles."""
    try:
        docs, problems = formats.read(suffix, raw)
    except Exception as exc:  # a damaged file must not stop the run: report it, go on
        return [], [Notice(rel, f"skipped: cannot read it as .{suffix} "
                                f"({one_line(str(exc)) or type(exc).__name__})")]
    notices = [Notice(rel, problem) for problem in problems]
    articles = []
    digest = _sha(raw)
    for doc in docs:
        key = f"{rel}#{doc.key}" if doc.key is not None else rel
        article = parse_text(key, doc.text, _doc_sha(doc) if doc.key else digest,
                             headline=doc.headline, date=doc.date, source=doc.source,
                             link=doc.link, web=doc.web)
        if article is None:
            notices.append(Notice(key, "skipped: no article text found"))
            continue
        if doc.sections:
            article = replace(article, sections=section_starts(article.body, doc.sections))
        articles.append(article)
    if not docs and not problems:
        notices.append(Notice(rel, "skipped: no article text found"))
    return articles, notices


def section_starts(body: str, sections: tuple[tuple[str, str], ...]) -> tuple[tuple[int, str], ...]:
    """(offset in the clean `body`, label) where each (label, text) section begins.

    Cleaning joins lines and drops paragraphs (chrome, credit lines, the headline), so offsets
    in a reader's text do not carry over. Each body paragraph is one of the paragraphs its
    section's text splits into (cut at its end by a glued promo, or at its start by a date
    prefix), in order: matching them in order finds where each section's first kept paragraph
    starts. A section none of whose paragraphs was kept gets no entry."""
    owned = [(para, n) for n, (_, text) in enumerate(sections) for para in paragraphs(text)]
    starts: list[tuple[int, str]] = []
    last, at = -1, 0
    for a, b in paragraph_spans(body):
        kept = body[a:b]
        match = next((k for k in range(at, len(owned)) if owned[k][0].startswith(kept)
                      or owned[k][0].endswith(kept)), None)
        if match is None:
            continue
        n = owned[match][1]
        if n != last:
            starts.append((a, sections[n][0]))
            last = n
        at = match + 1
    return tuple(starts)


def _doc_sha(doc: formats.Doc) -> str:
    """The hash of one record of a file: every field, so a feed item whose title or link
    alone changed is indexed again too."""
    fields = [doc.text, doc.headline, doc.date, doc.source, doc.link, doc.sections]
    return _sha(json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass"))


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

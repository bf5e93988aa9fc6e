"""Bring the index up to date with the corpus: only new and edited articles are embedded."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from .articles import (
    PARSER_VERSION,
    SUFFIXES,
    Article,
    FileStamp,
    Notice,
    context_headline,
    read,
    scan,
)
from .encoder import Encoder
from .errors import CorpusError, CorpusUnreadableError, IndexError_
from .fsutil import cache_root, write_atomic
from .index import FORMAT_VERSION, ONNX_PREFIX, Described, Store, checksum
from .models import Change, SentenceVectors
from .passages import ChunkSettings, Passage, split_article, split_sentences
from .text import plural

Progress = Callable[[int, int], None]
"""Called with (passages embedded so far, passages to embed)."""

BATCH = 256


class Embedder(Protocol):
    """Where passages are embedded: this process by default, or a cluster (`qa.ray_engine`).

    Given the encoder (its passage export already chosen), the texts and their sentence spans,
    it returns what `Encoder.encode_passages` returns for them, in order.
    """

    def __call__(self, encoder: Encoder, texts: list[str],
                 spans: list[list[tuple[int, int]]], progress: Progress | None
                 ) -> tuple[Any, list[Any]]: ...

EMBED_TEXT = ("headline (unless it is the lede) + newline + passage; sentence vectors "
              "mean-pooled from the passage's token states")
"""What each passage vector encodes; a change re-embeds everything."""


@dataclass(frozen=True)
class IndexSummary:
    """What one `qa index` run did."""

    articles: int
    """Articles in the index after the run."""
    passages: int
    """Passages in the index after the run."""
    added: int
    updated: int
    removed: int
    unchanged: int
    seconds: float
    notices: tuple[Notice, ...] = field(default=())
    """Files skipped or read with a caveat, one line each."""
    rebuilt: str | None = None
    """Why everything was re-embedded (model or settings changed), or None."""

    def to_dict(self) -> dict[str, Any]:
        """The `qa index --json` object."""
        return {
            "articles": self.articles, "passages": self.passages, "added": self.added,
            "updated": self.updated, "removed": self.removed, "unchanged": self.unchanged,
            "seconds": round(self.seconds, 3), "notices": [str(n) for n in self.notices],
            "rebuilt": self.rebuilt,
        }


def check_corpus(corpus: Path) -> None:
    """Fail early, with the next step, when the corpus folder cannot be used."""
    if not corpus.exists():
        raise CorpusError(f"No corpus folder at {corpus}. Point qa at a folder of your articles "
                          f"({', '.join(SUFFIXES)}): qa --corpus DIR, or qa.open(DIR) in Python.")
    if not (corpus.is_dir() or corpus.suffix.lower() in SUFFIXES):
        raise CorpusError(f"{corpus} is neither a folder nor an article file. Point qa at a folder "
                          "of your articles: qa --corpus DIR, or qa.open(DIR) in Python.")


def mismatch(store: Described, encoder: Encoder, settings: ChunkSettings) -> str | None:
    """Why the stored vectors cannot be used with this model and these settings, or None."""
    if not store.manifest:
        return None
    reason = _incompatible(store, encoder)
    if reason is None and store.manifest.get("embed_text") != EMBED_TEXT:
        return "the text given to the model changed"
    if reason is None and store.manifest.get("passage_encoder") != passage_encoder(encoder):
        return "the passage encoder changed"
    if reason is None and store.manifest.get("chunker") != settings.to_dict():
        return "the passage settings changed"
    return reason


def reread_reason(store: Described) -> str | None:
    """Why every file must be read again, or None: the index was built by a qa that reads
    articles differently (PARSER_VERSION), so an article's headline, date, source or body may
    not be what the file gives now."""
    if store.manifest and int(store.manifest.get("parser") or 1) < PARSER_VERSION:  # (not newer)
        return "qa reads articles differently since the index was built"
    return None


def check_owner(store: Described, corpus: Path) -> None:
    """Refuse to update the index of another corpus: the update would replace its articles."""
    recorded = store.manifest.get("corpus")
    if recorded is not None and recorded != str(corpus.resolve()):
        raise IndexError_(f"The index at {store.dir} was built for corpus {recorded}, not "
                          f"{corpus.resolve()}. Pass --index DIR for this corpus, or `qa index "
                          f"--rebuild --corpus {corpus} --index {store.dir}` to replace it.")


def check_compatible(store: Described, encoder: Encoder, *, where: str | None = None,
                     build: str | None = None, rebuild: str | None = None) -> None:
    """Refuse, before the vectors are searched, an index this model cannot search. `where`
    ("at DIR"), `build` and `rebuild` (the commands that fix it) name another kind of index
    (Milvus) in the messages."""
    where = where or f"at {store.dir}"
    if not store.manifest:
        raise IndexError_(f"The index {where} was never completed. Build it with "
                          f"`{build or f'qa index --index {store.dir}'}`.")
    reason = _incompatible(store, encoder)
    if reason is not None:
        rebuild = rebuild or f"for this model and qa with `qa index --index {store.dir}`"
        raise IndexError_(f"The index {where} cannot be searched here: {reason}. Rebuild it "
                          f"{rebuild} (or pass the model it was built with, --model DIR).")


def _incompatible(store: Described, encoder: Encoder) -> str | None:
    m = store.manifest
    version = m.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise IndexError_(f"The index at {store.dir} was built by a newer qa (format "
                          f"{version}, this qa reads {FORMAT_VERSION}). Upgrade qa, or "
                          f"rebuild it with `qa index --rebuild --index {store.dir}`.")
    if version < FORMAT_VERSION:
        return f"it was built by an older qa (format {version})"
    if m.get("dimension") != encoder.dimension:
        return (f"the index has {m.get('dimension')}-dimension vectors, the model "
                f"{encoder.dimension}")
    if m.get("normalized") is not True or m.get("metric") != "inner_product":
        return "the stored vectors are not normalised for inner-product search"
    stamp = encoder.stamp()
    if (m.get("model_size"), m.get("model_mtime_ns")) == (stamp.size, stamp.mtime_ns):
        return None
    if m.get("model_sha256") != encoder.checksum():
        return f"the index was built with another model ({m.get('model_name')})"
    return None


def stale_files(store: Store, stamps: list[FileStamp]) -> bool:
    """True when the corpus files differ from those last indexed (added, removed, touched)."""
    known = store.file_stamps()
    return known != {s.path: (s.size, s.mtime_ns) for s in stamps}


def update(store: Store, corpus: Path, encoder: Encoder, settings: ChunkSettings, *,
           max_bytes: int, progress: Progress | None = None,
           rebuild: bool = False, embedder: Embedder | None = None) -> IndexSummary:
    """Re-read changed files, embed new and edited articles, drop deleted ones.

    `embedder` replaces the embedding step only (see `Embedder`); what is written, and how,
    stays the same.

    `rebuild` trusts nothing stored (it may be damaged): every article is embedded again and
    the new index replaces the old one in one transaction.
    """
    t0 = time.perf_counter()
    check_corpus(corpus)
    with store.writer():
        if not rebuild:
            check_owner(store, corpus)
        stamps, notices = scan(corpus, max_bytes)
        unread = len(notices)  # files scan passed over: too large, unreadable, not files
        if not stamps:
            if not store.counts()[0]:
                raise CorpusError(f"No article files in {corpus} to index. Add articles "
                                  f"({', '.join(SUFFIXES)}) there, or pass --corpus DIR.")
            notices.append(Notice(str(corpus), f"no article files ({', '.join(SUFFIXES)}) "
                                               "to index"))
        rebuilt = "asked to rebuild" if rebuild else mismatch(store, encoder, settings)
        if rebuilt is None:
            store.verify()  # never build on a damaged index: deletes would miss rows
        reread = not rebuilt and reread_reason(store) is not None  # every file, read anew
        stamped = {} if rebuilt else store.file_stamps()
        known_files = {} if reread else stamped
        skipped = {} if rebuilt else store.skipped_files()
        known = {} if rebuilt else store.article_hashes()
        by_path: dict[str, list[str]] = {}
        by_hash: dict[str, str] = {}
        for aid, (path, digest) in known.items():
            by_path.setdefault(path, []).append(aid)
            by_hash.setdefault(digest, aid)

        upserts: list[Article] = []
        seen: set[str] = set()
        added = updated = unchanged = reparsed = 0
        for stamp in stamps:
            if known_files.get(stamp.path) == (stamp.size, stamp.mtime_ns):
                if stamp.path in skipped:  # said again each run, not only when it changes
                    notices.append(Notice(stamp.path, skipped[stamp.path]))
                ids = by_path.get(stamp.path, [])
                seen.update(ids)
                unchanged += len(ids)
                continue
            articles, more = read(corpus, stamp)
            notices.extend(more)
            if reread and not articles and by_path.get(stamp.path) \
                    and stamped.get(stamp.path) == (stamp.size, stamp.mtime_ns):
                seen.update(by_path[stamp.path])  # unchanged but unread now: kept as it was
                unchanged += len(by_path[stamp.path])
                continue
            skipped.pop(stamp.path, None)
            if not articles and more:
                skipped[stamp.path] = more[-1].message
            for article in articles:
                if article.id in seen:
                    notices.append(Notice(article.id, "skipped: duplicate id"))
                    continue
                seen.add(article.id)
                twin = by_hash.setdefault(article.hash, article.id)
                if twin != article.id:
                    notices.append(Notice(article.id, f"same text as {twin} (both indexed)"))
                old = known.get(article.id)
                same = old is not None and old[1] == article.hash
                if same and reread and store.article(article.id) != article:
                    same, reparsed = False, reparsed + 1
                if same:
                    unchanged += 1
                elif old is not None:
                    updated += 1
                    upserts.append(article)
                else:
                    added += 1
                    upserts.append(article)
        if not seen and (stamps or unread):  # every file skipped: say so, keep the index
            files = [n for n in notices if n.path != str(corpus)]  # not "no article files"
            why = "; ".join(str(n) for n in files[:2])
            skipped_files = len(stamps) + unread
            raise CorpusUnreadableError(
                f"No article in {corpus} could be read ({skipped_files} "
                f"file{'s' if skipped_files > 1 else ''} skipped: {why}"
                f"{'; …' if len(files) > 2 else ''}). Add readable articles "
                f"({', '.join(SUFFIXES)}) there, or pass --corpus DIR.")
        removed_ids = [aid for aid in known if aid not in seen]
        files = [(s.path, s.size, s.mtime_ns, skipped.get(s.path, "")) for s in stamps]

        stale_onnx = encoder.pooling() is not None and store.manifest.get("onnx_file") != (
            onnx_name(store.manifest.get("model_sha256", "")))
        if reread:
            notices.append(Notice(str(corpus), "read every file again, as qa now reads articles "
                                               f"differently: {plural(reparsed, 'article')} of "
                                               "unchanged files read differently"))
        if upserts or removed_ids or rebuilt or reread or not store.manifest or stale_onnx:
            store.writable()  # before the embedding, not after it
            split = [(a, split_article(a, settings, encoder.count_tokens, encoder.token_offsets))
                     for a in upserts]
            fields = manifest(encoder, settings, corpus, {} if rebuild else store.manifest)
            fields.update(ensure_onnx(store, encoder, fields["model_sha256"], fresh=rebuild))
            vectors, sentences = embed(encoder, settings, split, progress, embedder)
            fields["built_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
            store.apply(Change(split, removed_ids, files), vectors, fields,
                        rebuild=rebuilt is not None, sentences=sentences)
        elif known_files != {s.path: (s.size, s.mtime_ns) for s in stamps}:
            store.writable()
            store.touch_files(files)
    n_articles, n_passages = store.counts()
    return IndexSummary(n_articles, n_passages, added, updated, len(removed_ids), unchanged,
                        time.perf_counter() - t0, tuple(notices), rebuilt)


def embed(encoder: Encoder, settings: ChunkSettings,
          split: list[tuple[Article, list[Passage]]], progress: Progress | None,
          embedder: Embedder | None = None) -> tuple[Any, list[SentenceVectors]]:
    """Vectors for every passage (the headline given to the model as context), and for every
    sentence of each passage, pooled from the same model run."""
    import numpy as np

    texts: list[str] = []
    local: list[list[tuple[int, int]]] = []  # sentence spans in the passage text
    spans: list[list[tuple[int, int]]] = []  # the same spans in the text given to the model
    for article, passages in split:
        head = encoder.clip(context_headline(article), settings.headline_tokens)
        offset = len(head) + 1 if head else 0
        for p in passages:
            texts.append(f"{head}\n{p.text}" if head else p.text)
            sentences = split_sentences(p.text)
            local.append(sentences)
            spans.append([(offset + a, offset + b) for a, b in sentences])
    if not texts:
        return np.zeros((0, encoder.dimension), dtype=np.float32), []
    vectors, pooled = (embedder or embed_here)(encoder, texts, spans, progress)
    sentence_vectors = [SentenceVectors(tuple(row), vecs)
                        for row, vecs in zip(local, pooled, strict=True)]
    return vectors, sentence_vectors


def embed_here(encoder: Encoder, texts: list[str], spans: list[list[tuple[int, int]]],
               progress: Progress | None) -> tuple[Any, list[Any]]:
    """The default `Embedder`: batches of `BATCH` passages in this process."""
    import numpy as np

    vectors: list[Any] = []
    pooled: list[Any] = []
    if progress:
        progress(0, len(texts))
    for i in range(0, len(texts), BATCH):
        v, s = encoder.encode_passages(texts[i:i + BATCH], spans[i:i + BATCH])
        vectors.append(v)
        pooled.extend(s)
        if progress:
            progress(min(i + BATCH, len(texts)), len(texts))
    return np.concatenate(vectors), pooled


def onnx_name(model_sha256: str) -> str:
    """The file name of the model's ONNX export in the index folder."""
    from .onnx_export import VERSION

    return f"{ONNX_PREFIX}{model_sha256[:16]}-v{VERSION}.onnx"


def ensure_onnx(store: Store, encoder: Encoder, model_sha256: str,
                fresh: bool = False) -> dict[str, Any]:
    """Export the model to ONNX beside the index (once per model) and encode with it.

    Queries then need neither torch nor sentence-transformers. A model whose pooling cannot
    be exported keeps the torch path.
    """
    if encoder.pooling() is None:
        encoder.use_onnx(None)
        encoder.use_passage_onnx(None)
        return {"onnx_file": None, "onnx_checksum": None}
    name = onnx_name(model_sha256)
    path = store.dir / name
    m = store.manifest
    if m.get("onnx_file") == name and path.exists() and not fresh:
        data = store.read_file(name, "onnx_checksum")
        digest = m["onnx_checksum"]
    else:
        data = _exported(encoder, model_sha256)
        digest = checksum(data)
        store.write_file(name, data, twin=_export_cache(model_sha256))  # one copy on disk
    encoder.use_onnx(data)
    encoder.use_passage_onnx(_quantized(data, digest))
    return {"onnx_file": name, "onnx_checksum": digest}


def passage_encoder(encoder: Encoder) -> str:
    """What encodes passages at index time for this model (recorded in the manifest)."""
    from .onnx_export import QUANTIZED

    return QUANTIZED if encoder.pooling() is not None else "sentence-transformers fp32"


def _quantized(model: bytes, digest: str) -> bytes:
    """The int8 passage encoder made from the fp32 export, from the user cache when there."""
    from .onnx_export import quantize

    cached = _cache_dir() / f"int8-{digest[:16]}.onnx"
    data = _from_cache(cached)
    if data is None:
        data = quantize(model)
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(cached, data)
            write_atomic(cached.with_suffix(".checksum"), checksum(data).encode())
        except OSError:
            pass  # no writable cache: quantised again next time (a few seconds)
    return data


def _exported(encoder: Encoder, model_sha256: str) -> bytes:
    """The ONNX export of the model, from the user cache when an earlier index made it."""
    cached = _export_cache(model_sha256)
    data = _from_cache(cached)
    if data is not None:
        return data
    fresh = cached.with_name(f"{cached.stem}.{os.getpid()}.tmp.onnx")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        try:
            encoder.export_onnx(fresh)  # then renamed: indexes linked to the old file keep it
            data = fresh.read_bytes()
            os.replace(fresh, cached)
        finally:
            with contextlib.suppress(OSError):
                fresh.unlink(missing_ok=True)  # (an export that failed or was interrupted)
        cached.with_suffix(".checksum").write_text(checksum(data))
        return data
    except OSError:
        # No writable cache: export straight into a temp file beside nothing else.
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "model.onnx"
            encoder.export_onnx(out)
            return out.read_bytes()


def _export_cache(model_sha256: str) -> Path:
    """Where the user cache keeps the model's ONNX export."""
    from .onnx_export import VERSION

    return _cache_dir() / f"{model_sha256[:16]}-v{VERSION}.onnx"


def _cache_dir() -> Path:
    return cache_root() / "onnx"


def _from_cache(path: Path) -> bytes | None:
    """A cached model file, when the checksum written beside it still matches."""
    stamp = path.with_suffix(".checksum")
    if path.exists() and stamp.exists():
        data = path.read_bytes()
        if checksum(data) == stamp.read_text().strip():
            return data
    return None


def manifest(encoder: Encoder, settings: ChunkSettings, corpus: Path,
             previous: dict[str, Any]) -> dict[str, Any]:
    """The manifest fields a build records (the store adds the generation and FAISS file)."""
    stamp = encoder.stamp()
    same_file = (previous.get("model_size"), previous.get("model_mtime_ns")) == (
        stamp.size, stamp.mtime_ns)
    sha = previous["model_sha256"] if same_file and previous.get("model_sha256") else (
        encoder.checksum())
    return {
        "model_name": encoder.name, "model_sha256": sha,
        "model_size": stamp.size, "model_mtime_ns": stamp.mtime_ns,
        "dimension": encoder.dimension, "normalized": True, "embed_text": EMBED_TEXT,
        "passage_encoder": passage_encoder(encoder),
        "metric": "inner_product",
        "chunker": settings.to_dict(), "parser": PARSER_VERSION,
        "corpus": str(corpus.resolve()),
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }

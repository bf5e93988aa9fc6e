"""The writes of a Milvus index: new rows and retirements invisible, then one manifest
upsert (see the package's docstring)."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
from collections.abc import Iterator, Sequence
from datetime import date as Date
from typing import Any

import numpy as np

from ... import dates
from ...articles import context_headline, section_at
from ...errors import IndexError_
from ...models import Change, SentenceVectors
from ..schema import FORMAT_VERSION, encode_extra, manifest_checksum
from .common import (
    _ARTICLE_FIELDS,
    _PASSAGE_FIELDS,
    ALIVE,
    BATCH,
    DUMMY,
    PART_CHARS,
    TEXT_MAX,
    literal,
    stems,
    visible,
)


class Writes:
    """What `indexer.update` writes through; mixed into `MilvusStore`."""

    def _create(self, dimension: int) -> None:
        from pymilvus import DataType, Function, FunctionType

        c = self._client
        existing = set(self._call(c.list_collections))
        if self.passages_name not in existing:
            s = c.create_schema(auto_id=False)
            s.add_field("id", DataType.INT64, is_primary=True)
            for name in ("born", "died", "paragraph", "start", "end"):
                s.add_field(name, DataType.INT64)
            for name in ("article_id", "text", "headline", "source", "source_fold", "path",
                         "link", "section", "times", "sentences"):
                s.add_field(name, DataType.VARCHAR, max_length=TEXT_MAX)
            s.add_field("date", DataType.VARCHAR, max_length=32)
            s.add_field("terms", DataType.VARCHAR, max_length=TEXT_MAX, enable_analyzer=True,
                        enable_match=True, analyzer_params={"tokenizer": "standard"})
            s.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
            s.add_field("vector", DataType.FLOAT_VECTOR, dim=dimension)
            s.add_function(Function(name="terms_bm25", function_type=FunctionType.BM25,
                                    input_field_names=["terms"],
                                    output_field_names=["sparse"]))
            ip = c.prepare_index_params()
            ip.add_index("vector", index_type="FLAT", metric_type="IP")
            ip.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
            self._call(c.create_collection, self.passages_name, schema=s, index_params=ip,
                       consistency_level="Strong")
        if self.articles_name not in existing:
            s = c.create_schema(auto_id=False)
            s.add_field("key", DataType.VARCHAR, is_primary=True, max_length=128)
            for name in ("born", "died", "part"):
                s.add_field(name, DataType.INT64)
            for name in ("article_id", "path", "headline", "source", "hash", "extra", "body"):
                s.add_field(name, DataType.VARCHAR, max_length=TEXT_MAX)
            s.add_field("date", DataType.VARCHAR, max_length=32)
            s.add_field("vector", DataType.FLOAT_VECTOR, dim=len(DUMMY))
            self._call(c.create_collection, self.articles_name, schema=s,
                       index_params=self._dummy_index(), consistency_level="Strong")
        if self.meta_name not in existing:
            s = c.create_schema(auto_id=False)
            s.add_field("key", DataType.VARCHAR, is_primary=True, max_length=128)
            s.add_field("born", DataType.INT64)
            s.add_field("value", DataType.VARCHAR, max_length=TEXT_MAX)
            s.add_field("vector", DataType.FLOAT_VECTOR, dim=len(DUMMY))
            self._call(c.create_collection, self.meta_name, schema=s,
                       index_params=self._dummy_index(), consistency_level="Strong")
        self._load()

    def _dummy_index(self) -> Any:
        ip = self._client.prepare_index_params()
        ip.add_index("vector", index_type="FLAT", metric_type="IP")
        return ip

    def _drop(self) -> None:
        for name in (self.passages_name, self.articles_name, self.meta_name):
            if self._call(self._client.has_collection, name):
                self._call(self._client.drop_collection, name)
        with self._lock:
            self._manifest = {}

    @contextlib.contextmanager
    def writer(self) -> Iterator[None]:
        """One writer in this process; first, what a killed run left is undone."""
        with self._write_lock:
            if self._exists():
                self.reload()
                self._recover()
            yield

    def _exists(self) -> bool:
        return bool(self._call(self._client.has_collection, self.meta_name))

    def writable(self) -> None:
        """Milvus takes writes or fails the request: nothing to check before."""

    def _recover(self) -> None:
        """Delete the rows a killed run wrote and un-retire the rows it retired: after this
        the collections hold the committed generation (and older rows not yet deleted)."""
        m = self.manifest
        gen = int(m.get("generation") or 0)
        for name in (self.passages_name, self.articles_name):
            self._call(self._client.delete, name, filter=f"born > {gen}")
            fields = _PASSAGE_FIELDS if name == self.passages_name else _ARTICLE_FIELDS
            rows = list(self._scan(name, f"died > {gen} and died < {ALIVE}", fields))
            for i in range(0, len(rows), BATCH):
                part = [{**r, "died": ALIVE} for r in rows[i:i + BATCH]]
                self._call(self._client.upsert, name, part)
        self._call(self._client.delete, self.meta_name,
                   filter=f'born > {gen} and key != "manifest"')

    def apply(self, change: Change, vectors: np.ndarray, manifest: dict[str, Any],
              rebuild: bool = False, sentences: Sequence[SentenceVectors] = ()) -> None:
        """Write one update: new rows and retirements invisible, then one manifest upsert
        makes them the current generation; then rows no reader can see are deleted."""
        if len(vectors) != sum(len(p) for _, p in change.upserts) or (
                sentences and len(sentences) != len(vectors)):
            raise ValueError("one vector (and one sentence row) per passage is required")
        with self._write_lock:
            if rebuild and self._exists():
                old = self._read_manifest()
                if old and old.get("dimension") != manifest.get("dimension"):
                    self._drop()  # a collection holds one dimension: made again below
            self._create(int(manifest["dimension"]))
            self.reload()
            old = self.manifest
            gen = int(old.get("generation") or 0)
            floor = int(old.get("floor") or 0)
            new = gen + 1
            new_floor = new if rebuild else floor
            next_id = int(old.get("next_id") or 1)
            next_id = self._write_rows(change, vectors, sentences, new, next_id)
            if not rebuild:
                self._retire([*change.removed_ids, *(a.id for a, _ in change.upserts)],
                             floor, gen, new)
            chunks = self._write_files(change.files, new)
            live = visible(new_floor, new)
            n_articles = 0
            newest: str | None = None
            for r in self._scan(self.articles_name, f"{live} and part == 0", ["date"]):
                n_articles += 1
                if r["date"] and (newest is None or r["date"] > newest):
                    newest = r["date"]
            n_passages = self._count(self.passages_name, live)
            n_sentences = self._count(self.passages_name, f'{live} and sentences != ""')
            m = {**manifest, "format_version": FORMAT_VERSION, "backend": "milvus",
                 "collection": self.key, "generation": new, "floor": new_floor,
                 "next_id": next_id, "vectors": n_passages, "articles": n_articles,
                 "sentences": n_sentences, "newest": newest, "files_gen": new,
                 "files_chunks": chunks}
            self._commit(m)
            self._collect(floor, gen, new_floor, new)
            self._flush()

    def _flush(self) -> None:
        """Seal what was written into indexed segments: searches of unflushed rows are slow
        (Milvus Lite scans its memtable in Python)."""
        for name in (self.passages_name, self.articles_name, self.meta_name):
            self._call(self._client.flush, name)

    def touch_files(self, files: Sequence[tuple[str, int, int, str]]) -> None:
        """Record new file stamps when contents did not change: a new generation that only
        points to new stamps."""
        with self._write_lock:
            old = self.manifest
            gen, floor = int(old.get("generation") or 0), int(old.get("floor") or 0)
            chunks = self._write_files(files, gen + 1)
            self._commit({**old, "generation": gen + 1, "files_gen": gen + 1,
                          "files_chunks": chunks})
            self._collect(floor, gen, floor, gen + 1)

    def _commit(self, m: dict[str, Any]) -> None:
        m = {k: v for k, v in m.items() if k != "manifest_sha256"}
        m["manifest_sha256"] = manifest_checksum(m)
        value = json.dumps(m, ensure_ascii=True)
        if len(value) > TEXT_MAX:
            raise IndexError_("The manifest is too large for one Milvus row.")
        self._call(self._client.upsert, self.meta_name,
                   [{"key": "manifest", "born": int(m["generation"]), "value": value,
                     "vector": DUMMY}])
        with self._lock:
            self._manifest = m

    def _collect(self, old_floor: int, old_gen: int, floor: int, gen: int) -> None:
        """Delete what neither this generation nor the one before shows: a question still
        reading the one before keeps its rows until the next update."""
        keep = f"({visible(old_floor, old_gen)} or {visible(floor, gen)})"
        for name in (self.passages_name, self.articles_name):
            self._call(self._client.delete, name, filter=f"not {keep}")
        self._call(self._client.delete, self.meta_name,
                   filter=f'key != "manifest" and born != {gen} and born != {old_gen}')

    def _write_rows(self, change: Change, vectors: np.ndarray,
                    sentences: Sequence[SentenceVectors], new: int, next_id: int) -> int:
        articles: list[dict[str, Any]] = []
        passages: list[dict[str, Any]] = []
        n = 0
        for article, split in change.upserts:
            extra = encode_extra(article)
            base = {"article_id": article.id, "born": new, "died": ALIVE, "path": article.path,
                    "headline": article.headline, "date": article.date or "",
                    "source": article.source or "", "hash": article.hash, "vector": DUMMY}
            body = article.body
            parts = [body[i:i + PART_CHARS] for i in range(0, len(body), PART_CHARS)] or [""]
            digest = hashlib.sha256(article.id.encode()).hexdigest()[:40]
            for p, text in enumerate(parts):
                articles.append({**base, "key": f"{digest}:{new}:{p}", "part": p,
                                 "extra": extra if p == 0 else "", "body": text})
            head = context_headline(article)
            published = Date.fromisoformat(article.date) if article.date else None
            terms = stems([f"{p.text}\n{head}" for p in split])
            for p, tokens in zip(split, terms, strict=True):
                sv = sentences[n] if sentences else None
                passages.append({
                    "id": next_id, "born": new, "died": ALIVE, "article_id": article.id,
                    "paragraph": p.paragraph, "start": p.start, "end": p.end, "text": p.text,
                    "headline": article.headline, "date": article.date or "",
                    "source": article.source or "",
                    "source_fold": (article.source or "").casefold(), "path": article.path,
                    "link": article.link or "", "section": section_at(article.sections,
                                                                      p.start) or "",
                    "times": dates.encode(dates.mentions(p.text, published)),
                    "terms": " ".join(tokens), "sentences": _encode_sentences(sv),
                    "vector": np.asarray(vectors[n], dtype=np.float32).tolist()})
                next_id += 1
                n += 1
                if len(passages) >= BATCH:
                    self._call(self._client.insert, self.passages_name, passages)
                    passages = []
            if len(articles) >= BATCH:
                self._call(self._client.insert, self.articles_name, articles)
                articles = []
        if passages:
            self._call(self._client.insert, self.passages_name, passages)
        if articles:
            self._call(self._client.insert, self.articles_name, articles)
        return next_id

    def _retire(self, article_ids: Sequence[str], floor: int, gen: int, new: int) -> None:
        """Mark the rows of replaced and removed articles as gone from generation `new`."""
        live = visible(floor, gen)
        for i in range(0, len(article_ids), 100):
            names = ", ".join(literal(a) for a in article_ids[i:i + 100])
            expr = f"{live} and article_id in [{names}]"
            for name, fields in ((self.passages_name, _PASSAGE_FIELDS),
                                 (self.articles_name, _ARTICLE_FIELDS)):
                rows = list(self._scan(name, expr, fields))
                for j in range(0, len(rows), BATCH):
                    self._call(self._client.upsert, name,
                               [{**r, "died": new} for r in rows[j:j + BATCH]])

    def _write_files(self, files: Sequence[tuple[str, int, int, str]], new: int) -> int:
        """The corpus file stamps as rows of generation `new`; how many rows."""
        rows: list[dict[str, Any]] = []
        chunk: list[list[Any]] = []
        size = 2
        for f in files:
            item = [f[0], int(f[1]), int(f[2]), f[3]]
            width = len(json.dumps(item, ensure_ascii=True)) + 1
            if chunk and size + width > TEXT_MAX - 16:
                rows.append(self._file_row(chunk, new, len(rows)))
                chunk, size = [], 2
            chunk.append(item)
            size += width
        rows.append(self._file_row(chunk, new, len(rows)))
        for i in range(0, len(rows), BATCH):
            self._call(self._client.upsert, self.meta_name, rows[i:i + BATCH])
        return len(rows)

    @staticmethod
    def _file_row(chunk: list[list[Any]], new: int, n: int) -> dict[str, Any]:
        return {"key": f"files:{new}:{n}", "born": new,
                "value": json.dumps(chunk, ensure_ascii=True), "vector": DUMMY}



def _encode_sentences(sv: SentenceVectors | None) -> str:
    """Spans and float16 vectors as JSON; '' when there are none or they do not fit a row
    (that passage's answer is then highlighted without them)."""
    if sv is None:
        return ""
    blob = np.asarray(sv.vectors, dtype=np.float16).tobytes()
    value = json.dumps({"spans": [list(s) for s in sv.spans],
                        "f16": base64.b64encode(blob).decode("ascii")})
    return value if len(value) <= TEXT_MAX else ""



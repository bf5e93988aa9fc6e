"""`Bot`: an open corpus and index that answers questions; what the CLI and the chat use."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING

from . import answer as answering
from . import dates, evidence, indexer, vocab
from .articles import Article, scan
from .encoder import Encoder
from .errors import (
    CorpusError,
    CorpusUnreadableError,
    IndexBusyError,
    IndexDamagedError,
    IndexError_,
    IndexWriteError,
    InputError,
    QAError,
)
from .fsutil import cache_root, can_write, first_missing
from .index import DB_NAME, IndexView, Store, discard, drop_stub
from .leaning import asks
from .models import Filters
from .passages import ChunkSettings
from .search import search
from .slots import asked_kind
from .text import one_line, plural, remove_escape_sequences, strip_controls
from .vocab import (
    ASKS_NOTHING,
    DEFAULT_MAX_BYTES,
    MAX_QUESTION_CHARS,
    check_k,
    check_mode,
    empty_question,
    terms,
)

if TYPE_CHECKING:
    from .chat import Chat
    from .index.milvus import MilvusStore

DEFAULT_INDEX = "embeddings"
DEFAULT_CORPUS = "corpus"


@dataclass(frozen=True)
class IndexStatus:
    """What the chat's status line shows."""

    corpus: str
    index: str
    articles: int
    passages: int
    built_at: str | None
    stale: str | None
    """Why the index no longer matches the corpus, or None when it does."""


class Bot:
    """Answers questions from one corpus and its index. Safe to share between threads."""

    def __init__(self, corpus: Path, index_dir: Path, encoder: Encoder,
                 max_bytes: int = DEFAULT_MAX_BYTES, milvus: str | None = None) -> None:
        self.corpus = corpus
        self.index_dir = index_dir
        self.milvus = milvus
        """The Milvus URI the index is served from (`--milvus`), or None for the local store."""
        self.encoder = encoder
        self.settings = ChunkSettings.for_window(encoder.window)
        self.max_bytes = max_bytes
        self.last_refresh: indexer.IndexSummary | None = None
        self.refresh_error: QAError | None = None
        """Why `open` answers from the index as it was (busy, unwritable, or no article of the
        corpus readable), or None."""
        self.embedder: indexer.Embedder | None = None
        """Where `refresh` embeds passages (e.g. a Ray cluster); None: in this process."""
        self._store: Store | MilvusStore | None = None
        self._checked: set[object] = set()
        """Generations whose manifest passed `_check_compatible`."""
        self._lock = threading.RLock()
        """Guards opening, refreshing and closing the store; never held during a question."""

    # index ---------------------------------------------------------------------------------

    @property
    def index_label(self) -> str:
        """Where the index is, for messages: its folder or its Milvus URI."""
        return str(self.index_dir) if self.milvus is None else self.milvus

    def _open_store(self, create: bool = False) -> Store | MilvusStore:
        if self.milvus is None:
            return Store(self.index_dir, create=create)
        from .index.milvus import MilvusStore

        return MilvusStore(self.milvus, self.corpus, create=create)

    @property
    def store(self) -> Store:
        """The open index; raises with the next step when there is none."""
        store = self._store
        if store is None:
            with self._lock:
                if self._store is None:
                    opened = self._open_store()
                    try:
                        self._attach_onnx(opened)
                    except BaseException:
                        opened.close()
                        raise
                    self._store = opened
                store = self._store
        return store

    def _attach_onnx(self, store: Store | MilvusStore) -> None:
        """Encode questions with the index's ONNX export (no torch) when it has one."""
        name = store.manifest.get("onnx_file")
        if name and not self.encoder.uses_onnx:
            if indexer.mismatch(store, self.encoder, self.settings) is None:
                try:
                    self.encoder.use_onnx(store.read_file(name, "onnx_checksum"))
                except FileNotFoundError:  # Milvus: another machine indexed; torch encodes
                    if self.milvus is None:
                        raise

    def refresh(self, progress: indexer.Progress | None = None,
                rebuild: bool = False) -> indexer.IndexSummary:
        """Bring the index up to date with the corpus (what `qa index` does).

        `rebuild` embeds every article again and replaces the index in one transaction, so
        readers keep answering from the old one meanwhile; an index too damaged for that
        (SQLite cannot open or change it) is deleted first.
        """
        if not rebuild:
            return self._update(progress, rebuild=False)
        indexer.check_corpus(self.corpus)
        try:
            return self._update(progress, rebuild=True)
        except IndexDamagedError:
            self.close()
            if self.milvus is not None:
                from .index.milvus import discard as drop_collections

                drop_collections(self.milvus, self.corpus)
            elif self.index_dir.is_dir():
                discard(self.index_dir)
            return self._update(progress, rebuild=True)

    def _update(self, progress: indexer.Progress | None, rebuild: bool) -> indexer.IndexSummary:
        made = first_missing(self.index_dir) if self.milvus is None else None
        try:
            return self._update_store(progress, rebuild)
        except CorpusError:
            if made is not None:  # a first index of an empty corpus leaves no stub folder
                self.close()
                drop_stub(self.index_dir, made)
            raise

    def _update_store(self, progress: indexer.Progress | None, rebuild: bool
                      ) -> indexer.IndexSummary:
        with self._lock:
            if self._store is None:
                self._store = self._open_store(create=True)
            if self.milvus is not None and not rebuild:
                # A collection may serve other clients: never re-embed it unasked.
                reason = indexer.mismatch(self._store, self.encoder, self.settings)
                if reason is not None:
                    raise IndexError_(f"The index in Milvus at {self.milvus} cannot be "
                                      f"updated: {reason}. Run `qa index --corpus "
                                      f"{self.corpus} --milvus {self.milvus} --rebuild` to "
                                      "embed every article again.")
            summary = indexer.update(self._store, self.corpus, self.encoder, self.settings,
                                     max_bytes=self.max_bytes, progress=progress,
                                     rebuild=rebuild, embedder=self.embedder)
            self.last_refresh = summary
            self.refresh_error = None
            return summary

    def refresh_or_keep(self, progress: indexer.Progress | None = None
                        ) -> indexer.IndexSummary | None:
        """`refresh`, or None when the index cannot be updated but can still answer: another
        writer holds it, the disk refuses the write, or no article of the corpus can be read
        any more. The reason is then in `refresh_error` (`kept_warning` says it); with no
        index to answer from, it is raised."""
        try:
            return self.refresh(progress)
        except (IndexBusyError, IndexWriteError, CorpusUnreadableError) as exc:
            try:
                complete = self.has_index() and bool(self.store.manifest)
            except QAError:
                complete = False  # an index that cannot even be read: the first error says it
            if not complete:
                raise
            with self._lock:
                self.refresh_error = exc
            return None

    def kept_warning(self) -> str | None:
        """One line saying the index answers as it was and why (`refresh_or_keep`), or None."""
        if self.refresh_error is None:
            return None
        return ("could not update the index, answering from it as it is: "
                f"{one_line(str(self.refresh_error))}")

    def stale(self) -> str | None:
        """Why the index does not match the corpus and model, or None when it does."""
        if not self.has_index():
            return "no index yet"
        indexer.check_corpus(self.corpus)
        if reason := (indexer.mismatch(self.store, self.encoder, self.settings)
                      or indexer.reread_reason(self.store)):
            return reason
        if not self.store.manifest:
            return "the index was never completed"
        stamps, _ = scan(self.corpus, self.max_bytes)
        if indexer.stale_files(self.store, stamps):
            return "the corpus changed since the index was built"
        return None

    def has_index(self) -> bool:
        """Whether an index (maybe incomplete) exists to answer from."""
        if self.milvus is None:
            return (self.index_dir / DB_NAME).exists()
        try:
            return bool(self.store.manifest)
        except IndexError_ as exc:
            if str(exc).startswith("No index"):
                return False
            raise

    def status(self) -> IndexStatus:
        """Corpus, counts, build time and staleness, for a status line."""
        articles, passages = self.store.counts()
        return IndexStatus(str(self.corpus), self.index_label, articles, passages,
                           self.store.manifest.get("built_at"), self.stale())

    def article(self, article_id: str) -> Article:
        """The whole clean article a citation points to."""
        found = self.store.article(article_id)
        if found is None:
            raise IndexError_(f"No article {article_id!r} in the index. Run `qa index`.")
        return found

    # questions -----------------------------------------------------------------------------

    def ask(self, question: str, k: int = 5, mode: str = "hybrid", *,
            filters: Filters | None = None, as_of: Date | str | None = None,
            diversity: float = 0.0, context: Iterable[str] = ()) -> answering.Answer:
        """Answer one question with the top `k` cited passages.

        `filters` limit the articles searched; a time in the question ("in July 2023") is
        preferred, never a limit, and "latest" prefers the newest. With `as_of`, later
        articles are left out and newer ones preferred. `diversity` in (0, 1] trades
        relevance for variety among the passages. `context` names articles (ids) to prefer:
        those that answered the previous turn of a conversation.
        """
        check_k(k)
        check_mode(mode)
        if not 0.0 <= diversity <= 1.0:
            raise InputError(f"diversity must be between 0 and 1, not {diversity}.")
        notes: list[str] = []
        asked_text = question or ""
        plain = remove_escape_sequences(asked_text)
        cleaned = " ".join(strip_controls(plain).replace("\ufffd", " ").split())
        crlf = plain.replace("\r", " ")
        if plain != asked_text or strip_controls(crlf) != crlf:
            notes.append("Control characters were removed from the question.")
        if not cleaned:
            raise empty_question()
        if len(cleaned) > MAX_QUESTION_CHARS:
            cleaned = cleaned[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
            notes.append(f"The question was cut to its first {len(cleaned):,} characters.")
        anchor = _as_date(as_of)
        store = self.store
        intent = dates.parse(cleaned)
        asked = filters or Filters()
        if asked.since and asked.until and asked.since > asked.until:
            raise InputError(f"The date range is empty: since {asked.since} is after until "
                             f"{asked.until}. Swap them.")
        # A time named in the question is a preference, never a limit: news recounts events
        # later, and undated articles say nothing either way. Only the flags limit.
        prefer = (intent.since, intent.until) if intent.since or intent.until else None
        # A damaged, mismatched or empty index fails here, before the model loads.
        with store.snapshot(self._check_compatible) as view:
            total = int(view.manifest.get("vectors") or 0)
            if not total:
                raise IndexError_(f"The index at {view.dir} is empty. Add articles to the "
                                  "corpus and run `qa index`.")
            if intent.recent and anchor is None:
                newest = view.newest_date()
                anchor = Date.fromisoformat(newest) if newest else None
        # A time the search prefers is no topic word: left in,
        # "July 2023" would count against every passage that does not spell it out.
        topic = cleaned
        if intent.phrase and (prefer or intent.recent) and not intent.names_thing:
            topic = " ".join(cleaned.replace(intent.phrase, " ").split()) or cleaned
        vector = None if mode == "lexical" else self.encoder.encode([topic])[0]
        # One generation throughout, even if another process commits meanwhile.
        with store.snapshot(self._check_compatible) as view:
            total = int(view.manifest.get("vectors") or 0)
            wanted = min(k, max(total, 1))
            if total < k and k != vocab.DEFAULT_K:  # (a small corpus shows all it has unasked)
                notes.append(f"Only {plural(total, 'passage')} in the index; asked for {k}.")
            # At least SENTENCE_POOL passages are read, so that other sources can support
            # the answer even when fewer are shown.
            pool = min(max(wanted, answering.SENTENCE_POOL), max(total, 1))
            words = terms(topic)
            counts = view.term_counts(words)
            candidates = search(view, topic, vector, pool, mode, asked, as_of=anchor,
                                diversity=diversity, prefer=prefer,
                                context=frozenset([context] if isinstance(context, str)
                                                  else context), counts=counts)
            if not candidates and (limits := asked.as_of(anchor if as_of is not None else None)
                                   ).active() and not len(view.allowed_ids(limits)):
                notes.append(f"No article meets the limits ({limits.describe()}): widen or "
                             "drop them.")
            elif len(candidates) < wanted:
                notes.append(f"Only {plural(len(candidates), 'passage')} matched; asked for {k}.")
            rows = view.passages({c.id for c in candidates} |
                                  {d for c in candidates for d in c.duplicates})
            candidates = [c for c in candidates if c.id in rows]
            sentences = view.sentence_vectors(
                c.id for c in candidates[:answering.SENTENCE_POOL])
            articles = {}  # the words of each article whose sentences may be weighed
            for c in candidates[:min(wanted, answering.SENTENCE_POOL)]:
                if c.article_id not in articles and (art := view.article(c.article_id)):
                    articles[c.article_id] = evidence.article_words(f"{art.headline}\n{art.body}")
        kind = asked_kind(topic)  # "body" in "Which UN body…?": the answer names it
        unknown = sum(1 for w in words if not counts[w] and w != kind) / len(words) \
            if words else 0.0
        rarity = evidence.rarity(counts, total)
        built = answering.build(topic, vector, candidates, rows, sentences, rarity, unknown,
                                prefer, shown=wanted, articles=articles)
        weighed = built.evidence
        found = built.rank is not None and weighed is not None and (
            mode == "lexical" or weighed.found)
        if not (asked_something := asks(cleaned)):  # "red": passages match, nothing asked
            found = False
            notes.append(f"“{cleaned[:60]}” {ASKS_NOTHING}: these are the passages that match "
                         "it best. Ask a question (“Who…?”, “When…?”) for an answer.")
        text = None
        if found and built.rank is not None:
            hit = built.hits[built.rank - 1]
            if hit.highlight:
                text = hit.text[hit.highlight[0]:hit.highlight[1]]
        return answering.Answer(
            question=question, text=text, rank=built.rank if text is not None else None,
            passages=tuple(built.hits),
            confidence=weighed.confidence if weighed and asked_something else 0.0,
            mode=mode, interpreted_as=cleaned if cleaned != question.strip() else None,
            notes=tuple(notes), dates=intent.describe(anchor) if anchor or intent.phrase
            else None,
            support=built.support if text is not None else (),
            conflicts=built.conflicts if text is not None else (),
            evidence=tuple(weighed.features.items()) if weighed else (),
        )

    def chat(self, keep: int | None = None) -> Chat:
        """A conversation over this bot: follow-up questions are rewritten from the last turn.
        It remembers its last `keep` answers (all when None)."""
        from .chat import Chat

        return Chat(self, keep=keep)

    def _check_compatible(self, view: IndexView) -> None:
        """Refuse an index of another model, dimension or format; once per generation."""
        generation = view.manifest.get("generation")
        if generation in self._checked:  # a set read: safe while another thread adds
            return
        if self.milvus is not None:
            uri = self.milvus
            indexer.check_compatible(view, self.encoder, where=f"in Milvus at {uri}",
                                     build=f"qa index --milvus {uri}",
                                     rebuild=f"with `qa index --milvus {uri} --rebuild`")
        else:
            indexer.check_compatible(view, self.encoder)
        with self._lock:
            self._checked.add(generation)

    def close(self) -> None:
        """Release the index files."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
                self._checked = set()


def open_bot(corpus: str | os.PathLike[str] = "corpus",
             index: str | os.PathLike[str] | None = None,
             model: str | os.PathLike[str] | None = None, *, refresh: bool = True,
             progress: indexer.Progress | None = None,
             max_bytes: int = DEFAULT_MAX_BYTES, milvus: str | None = None) -> Bot:
    """Open a corpus and its index, building or refreshing the index as needed.

    With `milvus` (a URI `pymilvus.MilvusClient` takes: a local `.db` file for Milvus Lite, or
    `http://host:19530`), the index is served from Milvus instead of the local folder."""
    bot = make_bot(corpus, index, model, max_bytes=max_bytes, milvus=milvus)
    if refresh:
        indexer.check_corpus(bot.corpus)
        if bot.stale() is not None:
            bot.refresh_or_keep(progress)  # else answer from the last complete index
    else:
        bot.store  # noqa: B018 -- fail now, with the next step, when there is no index
    return bot


def make_bot(corpus: str | os.PathLike[str] = "corpus",
             index: str | os.PathLike[str] | None = None,
             model: str | os.PathLike[str] | None = None, *,
             max_bytes: int = DEFAULT_MAX_BYTES, milvus: str | None = None) -> Bot:
    """A `Bot` that has read nothing yet: no index, no weights (for a window that opens at once).

    Call `stale()` and `refresh()` on it, typically from a worker thread.
    """
    corpus_path = Path(corpus)
    index_dir = Path(index) if index is not None else default_index_dir(corpus_path)
    if milvus is not None:
        from .index.milvus import require

        require()  # before the model loads: a missing extra says so at once
    return Bot(corpus_path, index_dir, Encoder(model), max_bytes=max_bytes, milvus=milvus)


def default_index_dir(corpus: Path) -> Path:
    """./embeddings for ./corpus (the default corpus) when it can be written; for any other
    corpus, or when it cannot, a folder in the user's cache keyed by the corpus's full path,
    so two corpora never share (and overwrite) one index."""
    here = Path(DEFAULT_INDEX)
    if corpus.resolve() == Path(DEFAULT_CORPUS).resolve() and can_write(here):
        return here
    import hashlib

    key = hashlib.sha256(str(corpus.resolve()).encode()).hexdigest()[:16]
    return cache_root() / f"index-{key}"


def _as_date(value: Date | str | None) -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{value!r} is not a date. Give it as YYYY-MM-DD.") from exc

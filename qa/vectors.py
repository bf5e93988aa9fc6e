"""The FAISS index: the one module that calls FAISS. Exact search while it is fast enough,
an IVF index with 8-bit scalar quantisation past `EXACT_LIMIT` vectors."""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from typing import Any

import faiss
import numpy as np

# One question is one query: OpenMP threads only add wake-up latency (36 ms against 0.3 ms
# for 10k vectors on a busy 2-core machine). Builds raise the count while they train.
faiss.omp_set_num_threads(1)

EXACT_LIMIT = 200_000
"""Up to this many vectors, search is exact (see benchmarks/warm.py for the measurement)."""
BRUTE_FORCE_LIMIT = 20_000
"""A filter leaving this few passages is searched exactly, whatever the index."""
NPROBE_SHARE = 1 / 16
"""Share of IVF lists probed per query; recall@10 against exact search is measured, not assumed."""


class VectorIndex:
    """Unit vectors keyed by passage id, searched by inner product (= cosine)."""

    def __init__(self, index: Any) -> None:
        self._index = index

    # building --------------------------------------------------------------------------------

    @classmethod
    def empty(cls, dimension: int) -> VectorIndex:
        """An exact index with nothing in it."""
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dimension)))

    @classmethod
    def build(cls, vectors: np.ndarray, ids: np.ndarray, *,
              exact_limit: int = EXACT_LIMIT) -> VectorIndex:
        """The right index for the size: exact, or IVF-SQ8 trained on these vectors."""
        n, d = vectors.shape
        if n <= exact_limit:
            index = cls.empty(d)
            index.add(vectors, ids)
            return index
        nlist = 1 << max(8, round(math.log2(4 * math.sqrt(n))))
        quantizer = faiss.IndexFlatIP(d)
        ivf = faiss.IndexIVFScalarQuantizer(quantizer, d, nlist, faiss.ScalarQuantizer.QT_8bit,
                                            faiss.METRIC_INNER_PRODUCT)
        ivf.own_fields = True
        quantizer.this.disown()  # type: ignore[attr-defined]  # owned by ivf now
        rng = np.random.default_rng(0)
        sample = vectors[rng.choice(n, size=min(n, 64 * nlist), replace=False)]
        faiss.omp_set_num_threads(os.cpu_count() or 1)
        try:
            ivf.train(sample)
            ivf.set_direct_map_type(faiss.DirectMap.Hashtable)  # type: ignore[attr-defined]
            ivf.add_with_ids(vectors, ids)
        finally:
            faiss.omp_set_num_threads(1)
        ivf.nprobe = max(1, round(nlist * NPROBE_SHARE))
        return cls(ivf)

    @classmethod
    def load(cls, data: bytes) -> VectorIndex:
        """An index from `serialize()` bytes."""
        index = faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8))
        return cls(index)

    def serialize(self) -> bytes:
        """The index as bytes, for an atomic file write."""
        return bytes(faiss.serialize_index(self._index).tobytes())

    def copy(self) -> VectorIndex:
        """An independent copy to update while readers use this one."""
        return VectorIndex(faiss.clone_index(self._index))

    # reading ---------------------------------------------------------------------------------

    @property
    def ntotal(self) -> int:
        """How many vectors the index holds."""
        return int(self._index.ntotal)

    @property
    def dimension(self) -> int:
        """Vector length."""
        return int(self._index.d)

    @property
    def kind(self) -> str:
        """"flat" (exact) or "ivf-sq8" (approximate)."""
        return "ivf-sq8" if isinstance(self._index, faiss.IndexIVF) else "flat"

    def search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None
               ) -> list[tuple[int, float]]:
        """(id, cosine) of the `k` nearest vectors, best first; only `allowed` ids if given."""
        if allowed is not None:
            k = min(k, len(allowed))
        k = min(k, self.ntotal)
        if k <= 0:
            return []
        params: Any = None
        if isinstance(self._index, faiss.IndexIVF):
            if allowed is not None and len(allowed) <= BRUTE_FORCE_LIMIT:
                # Few passages pass the filter: score them all, so none hides in an
                # unprobed list.
                scores = self.reconstruct(allowed.tolist()) @ np.asarray(vector, np.float32)
                top = np.argsort(-scores)[:k]
                return [(int(allowed[i]), float(scores[i])) for i in top]
            nprobe = self._index.nprobe
            if allowed is not None:  # probe more lists when a filter thins them out
                nprobe = min(self._index.nlist, nprobe * math.ceil(self.ntotal / len(allowed)))
            params = faiss.SearchParametersIVF(nprobe=nprobe)  # type: ignore[call-arg]
        bitmap = None
        if allowed is not None:
            # A bitmap over the ids, not IDSelectorBatch's hash set: building that for the
            # 160,000 ids of a filter at 811,000 passages took 18 ms a question.
            bits = np.zeros(int(allowed.max()) + 1 if len(allowed) else 0, dtype=bool)
            bits[np.asarray(allowed, dtype=np.int64)] = True
            bitmap = np.packbits(bits, bitorder="little")
            selector = faiss.IDSelectorBitmap(len(bitmap), faiss.swig_ptr(bitmap))
            if params is None:
                params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
            else:
                params.sel = selector
        scores, ids = self._index.search(np.asarray(vector, dtype=np.float32).reshape(1, -1), k,
                                         params=params)
        del bitmap  # the selector reads it until here
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def reconstruct(self, ids: Sequence[int]) -> np.ndarray:
        """The stored vectors of these ids (approximate for a quantised index)."""
        if not len(ids):
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._index.reconstruct(int(i)) for i in ids])

    # writing ---------------------------------------------------------------------------------

    def add(self, vectors: np.ndarray, ids: np.ndarray) -> None:
        """Add vectors under these ids."""
        if len(ids):
            self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                     np.asarray(ids, dtype=np.int64))

    def remove(self, ids: Sequence[int]) -> None:
        """Drop the vectors of these ids."""
        if len(ids):
            self._index.remove_ids(np.asarray(ids, dtype=np.int64))

    def ids(self) -> np.ndarray:
        """The id of every stored vector (int64), in storage order."""
        if isinstance(self._index, faiss.IndexIDMap2):
            return faiss.vector_to_array(self._index.id_map).astype(np.int64)
        invlists = self._index.invlists
        ids_list = []
        for lst in range(self._index.nlist):
            size = invlists.list_size(lst)
            if size:
                ptr = invlists.get_ids(lst)
                ids_list.append(faiss.rev_swig_ptr(ptr, size).copy())
        return np.concatenate(ids_list) if ids_list else np.zeros(0, dtype=np.int64)

    def all(self) -> tuple[np.ndarray, np.ndarray]:
        """Every (vectors, ids) pair, for rebuilding as another kind of index."""
        ids = self.ids()
        if isinstance(self._index, faiss.IndexIDMap2):
            return self._index.index.reconstruct_n(0, self.ntotal), ids
        return self.reconstruct(ids.tolist()), ids

    def resized(self, exact_limit: int = EXACT_LIMIT) -> VectorIndex:
        """This index, rebuilt as the other kind when its size crossed the limit."""
        n = self.ntotal
        if (self.kind == "flat" and n > exact_limit) or (
                self.kind != "flat" and n <= exact_limit // 2):
            vectors, ids = self.all()
            return VectorIndex.build(vectors, ids, exact_limit=exact_limit)
        return self

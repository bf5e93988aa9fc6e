"""The FAISS index: exact below the limit, IVF-SQ8 above it, checked against brute force."""

from __future__ import annotations

import numpy as np
import pytest

from qa.vectors import VectorIndex


def clustered(n: int, d: int = 64, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((50, d))
    x = centres[rng.integers(0, 50, n)] + 0.6 * rng.standard_normal((n, d))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = clustered(30_000)
    ids = np.arange(1000, 31_000, dtype=np.int64)
    queries = clustered(40, seed=1)
    return x, ids, queries


def brute(x: np.ndarray, ids: np.ndarray, q: np.ndarray, k: int) -> list[int]:
    return [int(i) for i in ids[np.argsort(-(x @ q))[:k]]]


def test_exact_index_matches_brute_force(data) -> None:  # type: ignore[no-untyped-def]
    x, ids, queries = data
    index = VectorIndex.build(x, ids)
    assert index.kind == "flat"
    for q in queries[:10]:
        assert [i for i, _ in index.search(q, 10)] == brute(x, ids, q, 10)


def test_ivf_past_the_limit_keeps_recall(data) -> None:  # type: ignore[no-untyped-def]
    x, ids, queries = data
    index = VectorIndex.build(x, ids, exact_limit=10_000)
    assert index.kind == "ivf-sq8"
    recall = np.mean([len({i for i, _ in index.search(q, 10)} & set(brute(x, ids, q, 10))) / 10
                      for q in queries])
    assert recall >= 0.9


def test_ivf_filters_find_all_allowed(data) -> None:  # type: ignore[no-untyped-def]
    x, ids, queries = data
    index = VectorIndex.build(x, ids, exact_limit=10_000)
    allowed = ids[::997]
    got = [i for i, _ in index.search(queries[0], 10, allowed)]
    # Few allowed ids are scored exactly, so none hides in an unprobed list: the top 10 of
    # the allowed vectors, as brute force finds them.
    assert len(got) == 10 < len(allowed)
    assert set(got) == set(brute(x[::997], allowed, queries[0], 10))


def test_roundtrip_remove_and_resize(data) -> None:  # type: ignore[no-untyped-def]
    x, ids, _ = data
    index = VectorIndex.build(x[:5000], ids[:5000])
    index.remove([int(ids[0])])
    loaded = VectorIndex.load(index.serialize())
    assert loaded.ntotal == 4999 and loaded.kind == "flat"
    grown = loaded.resized(exact_limit=1000)
    assert grown.kind == "ivf-sq8" and grown.ntotal == 4999
    vectors, got_ids = grown.all()
    assert sorted(got_ids.tolist()) == sorted(ids[1:5000].tolist())
    assert grown.resized(exact_limit=20_000).kind == "flat"

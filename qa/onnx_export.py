"""Export a sentence-transformers model to one ONNX graph, so queries need no torch."""

from __future__ import annotations

import logging
import os
import tempfile
import warnings
from pathlib import Path

VERSION = 2
"""Bumped when the exported graph changes (2: token states as a second output)."""


def export(model_dir: Path, pooling: str, dest: Path) -> None:
    """Transformer + `pooling` ("mean" or "cls") + L2 normalisation, written to `dest`."""
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ[var] = "1"
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    base = AutoModel.from_pretrained(str(model_dir), local_files_only=True,
                                     use_safetensors=True).eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.base = base

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                    token_type_ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            hidden = self.base(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            if pooling == "cls":
                vec = hidden[:, 0]
            else:
                mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
                vec = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            # The token states too: sentence vectors are pooled from them at index time.
            return torch.nn.functional.normalize(vec, dim=-1), hidden

    sample = torch.ones((2, 16), dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {n: {0: "batch", 1: "tokens"} for n in names} | {
        "embedding": {0: "batch"}, "token_states": {0: "batch", 1: "tokens"}}
    tmp = dest.with_name(dest.name + ".tmp")
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(Pooled(), (sample, sample, torch.zeros_like(sample)), str(tmp),
                          input_names=names, output_names=["embedding", "token_states"],
                          dynamic_axes=axes,
                          opset_version=17, dynamo=False)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, dest)


QUANTIZED = "onnx int8 per-channel dynamic (MatMul weights), one passage per run"
"""How passages are encoded at index time: recorded in the manifest, part of the vectors'
identity (questions keep the fp32 export, whose vectors match sentence-transformers)."""


def quantize(model: bytes) -> bytes:
    """The export with int8 per-channel weights for its matrix products (dynamic quantisation).

    Run one passage at a time on parallel single-threaded sessions (activations are quantised
    per run, so batching would tie a passage's vector to its neighbours): about 2.5x the
    passages/s of fp32 batches on a 2-core CPU, passage vectors within cosine 0.98 of fp32,
    and retrieval quality within 0.01 nDCG@10 (benchmarks/ablation.py).
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "fp32.onnx", Path(tmp) / "int8.onnx"
        src.write_bytes(model)
        logging.disable(logging.WARNING)  # its advice to pre-process is for CNNs, not us
        try:
            quantize_dynamic(str(src), str(dst), per_channel=True, weight_type=QuantType.QInt8)
        finally:
            logging.disable(logging.NOTSET)
        return dst.read_bytes()

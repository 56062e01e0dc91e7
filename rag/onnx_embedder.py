"""The embedder on ONNX Runtime: exported once, locally, from the bundled weights; int8 optional.

No hub: torch exports the same weights the default embedder loads; for int8 the weights are
quantised dynamically, per channel. int8 vectors differ from torch's (cosine ~0.92-0.95), so a
store remembers which backend built it (the model name carries it) and refuses the other.
Measured here (BENCHMARKS.md): int8 is only ~1.1x faster than this torch CPU build, so torch
stays the default.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rag.embeddings import Embedder, TokenCounts, resolve_model_path
from rag.errors import MissingExtra
from rag.settings import DEFAULT_EMBEDDING_MODEL

INPUTS = ("input_ids", "attention_mask", "token_type_ids")


class OnnxEmbedder(Embedder):
    def __init__(self, model: str, cache_dir: Path, *, int8: bool, threads: int | None = None, batch_size: int = 32) -> None:
        try:
            import onnxruntime as ort
        except ImportError as e:
            raise MissingExtra("The ONNX embedder", "onnx") from e
        from transformers import AutoTokenizer

        source = resolve_model_path(model)
        variant = "onnx-int8" if int8 else "onnx"
        self.name = f"{model if model == DEFAULT_EMBEDDING_MODEL else source.name}+{variant}"
        path = cache_dir / f"{source.name}-{variant}.onnx"
        if not path.exists():
            export(source, path, int8=int8)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._tokenizer = AutoTokenizer.from_pretrained(str(source))
        self.dimension = int(self._session.get_outputs()[0].shape[-1] or 384)
        self.max_tokens = 256
        self.batch_size = batch_size
        self._counts = TokenCounts(self._tokenizer)

    def embed_batch(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad less
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i in range(0, len(order), self.batch_size):
            idx = order[i : i + self.batch_size]
            enc = self._tokenizer([texts[j] for j in idx], padding=True, truncation=True, max_length=self.max_tokens, return_tensors="np")
            hidden = self._session.run(None, {k: enc[k].astype(np.int64) for k in INPUTS})[0]
            mask = enc["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(1) / np.maximum(mask.sum(1), 1e-9)
            out[idx] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out.tolist()

    def embed_documents(self, texts: Sequence[str], batch_size: int = 32) -> list[list[float]]:
        return self.embed_batch(texts)

    def count_tokens(self, text: str) -> int:
        return self._counts(text)


def export(source: Path, target: Path, *, int8: bool) -> None:
    """torch -> ONNX (fp32) -> int8 weights (per channel); written atomically. onnxruntime fuses
    the graph itself when it loads it (ORT_ENABLE_ALL)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.stem}-{os.getpid()}.onnx"
    raw = tmp.with_suffix(".raw.onnx")
    try:
        bert = AutoModel.from_pretrained(str(source)).eval()

        class Encoder(torch.nn.Module):  # keyword arguments: transformers 5 reorders forward()'s
            def __init__(self) -> None:
                super().__init__()
                self.bert = bert  # a submodule, so tracing sees its weights as parameters

            def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001, ANN202
                return self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

        enc = AutoTokenizer.from_pretrained(str(source))(["an example sentence"], return_tensors="pt")
        with torch.no_grad():
            torch.onnx.export(
                Encoder().eval(), tuple(enc[k] for k in INPUTS), str(raw), input_names=list(INPUTS), output_names=["last_hidden_state"],
                dynamic_axes={k: {0: "batch", 1: "tokens"} for k in (*INPUTS, "last_hidden_state")}, opset_version=17, dynamo=False,
            )
        if int8:
            quantize_dynamic(str(raw), str(tmp), weight_type=QuantType.QInt8, per_channel=True)
        else:
            raw.replace(tmp)
        tmp.replace(target)
    finally:
        for p in (raw, tmp):
            p.unlink(missing_ok=True)

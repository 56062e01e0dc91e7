"""The embedder on ONNX Runtime: exported once, locally, from the bundled weights; int8 optional.

No hub: torch exports the same weights the torch embedder loads; for int8 the weights are
quantised dynamically, per channel. The export lands in a cache folder (`AQA_MODEL_CACHE_DIR`,
default `~/.cache/assessment-qa/models`) with the tokenizer and a manifest carrying the files'
SHA-256 checksums; it is made once (`python -m rag.onnx_embedder`, run by `make install` and the
Docker build, or on first use) and checked each time it is loaded.

Loading an exported model needs neither torch nor transformers: onnxruntime runs it and the
tokenizer is the `tokenizers` library's own (the same tokenizer.json, the same ids). Torch is
needed only to export.

int8 vectors differ slightly from torch's (cosine ~0.92-0.95), so a store remembers which
backend built it (the model name carries it) and refuses another.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.embeddings import Embedder, resolve_model_path
from rag.errors import AQAError, MissingExtra
from rag.settings import DEFAULT_EMBEDDING_MODEL

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
MAX_TOKENS = 256  # the model's window (sentence_bert_config.json's max_seq_length)
MANIFEST = "manifest.json"
FORMAT = 1  # of the folder below; a manifest of another format is exported again


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "assessment-qa" / "models"


def variant_of(int8: bool) -> str:
    return "onnx-int8" if int8 else "onnx"


def model_folder(model: str, cache_dir: Path, *, int8: bool) -> Path:
    """Where one model's export lives: named by the model (and, for a local path, the path)."""
    if model == DEFAULT_EMBEDDING_MODEL:
        key = model
    else:
        path = Path(model).expanduser().resolve()
        key = f"{path.name}-{hashlib.blake2b(str(path).encode(), digest_size=4).hexdigest()}"
    return cache_dir / f"{key}-{variant_of(int8)}"


class OnnxEmbedder(Embedder):
    def __init__(self, model: str, cache_dir: Path | None = None, *, int8: bool, threads: int | None = None,
                 batch_size: int = 32) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as e:
            raise MissingExtra("The ONNX embedder", "onnx") from e
        variant = variant_of(int8)
        self.name = f"{model if model == DEFAULT_EMBEDDING_MODEL else Path(model).name}+{variant}"
        self.folder = ensure_exported(model, cache_dir or default_cache_dir(), int8=int8)
        manifest = json.loads((self.folder / MANIFEST).read_text())
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(self.folder / "model.onnx"), options, providers=["CPUExecutionProvider"])
        self.max_tokens = int(manifest.get("max_tokens", MAX_TOKENS))
        self.dimension = int(manifest.get("dimension") or self._session.get_outputs()[0].shape[-1] or 384)
        self.batch_size = batch_size
        # One tokenizer for the model's input (truncated to the window, padded to the batch's
        # longest), one for counting (the whole text, no special tokens), as the chunker asks.
        self._tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=self.max_tokens)
        pad_id = self._tokenizer.token_to_id("[PAD]") or 0
        self._tokenizer.enable_padding(pad_id=pad_id, pad_token="[PAD]")
        self._counter = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        self._counter.no_truncation()
        self._counter.no_padding()
        self._counts: dict[str, int] = {}

    def embed_batch(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad less
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i in range(0, len(order), self.batch_size):
            idx = order[i : i + self.batch_size]
            encodings = self._tokenizer.encode_batch([texts[j] for j in idx])
            feed = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            hidden = self._session.run(None, feed)[0]
            mask = feed["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(1) / np.maximum(mask.sum(1), 1e-9)
            out[idx] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out.tolist()

    def embed_documents(self, texts: Sequence[str], batch_size: int = 32) -> list[list[float]]:
        return self.embed_batch(texts)

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for text, without special tokens (remembered: the chunker asks
        about the same paragraphs and headers many times over)."""
        if (n := self._counts.get(text)) is None:
            n = self._counts[text] = len(self._counter.encode(text, add_special_tokens=False).ids)
            if len(self._counts) > 50_000:
                self._counts.clear()
        return n


# --- the export, once --------------------------------------------------------------------------


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check(folder: Path) -> str | None:
    """Why the export in `folder` cannot be used (missing, other format, checksum), or None."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        return "not exported yet"
    except ValueError:
        return "its manifest is not valid JSON"
    if manifest.get("format") != FORMAT:
        return f"exported in format {manifest.get('format')!r}, not {FORMAT}"
    for name, digest in (manifest.get("files") or {}).items():
        path = folder / name
        if not path.is_file():
            return f"{name} is missing"
        if sha256(path) != digest:
            return f"{name} does not match its checksum"
    if not manifest.get("files"):
        return "its manifest lists no files"
    return None


def ensure_exported(model: str, cache_dir: Path, *, int8: bool) -> Path:
    """The folder with the exported model, checked; exported now (with torch) if it is missing,
    damaged or of another format. Several processes starting at once export it once."""
    folder = model_folder(model, cache_dir, int8=int8)
    if check(folder) is None:
        return folder
    from filelock import FileLock

    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(folder.with_name(folder.name + ".lock")))
        lock.acquire(timeout=600)
    except OSError as e:
        raise AQAError(f"The ONNX model in {folder} is {check(folder)}, and {cache_dir} is not writable to export it: {e}. "
                       "Export it where it can be written (python -m rag.onnx_embedder --cache-dir DIR) and set AQA_MODEL_CACHE_DIR.") from e
    try:
        if (why := check(folder)) is not None:  # another process may have exported it meanwhile
            print(f"Exporting the embedding model to ONNX ({variant_of(int8)}; {why}) in {folder} ...", file=sys.stderr)
            export(resolve_model_path(model), folder, int8=int8)
    finally:
        lock.release()
    return folder


def export(source: Path, folder: Path, *, int8: bool) -> None:
    """torch -> ONNX (fp32) -> int8 weights (per channel), with the tokenizer and a manifest of
    checksums, written into a new folder that replaces `folder` whole. onnxruntime fuses the graph
    itself when it loads it (ORT_ENABLE_ALL)."""
    try:
        import torch
        from transformers import AutoModel, AutoTokenizer
    except ImportError as e:
        raise MissingExtra("Exporting the embedding model to ONNX (once)", "torch") from e
    try:
        import onnx  # noqa: F401 - torch.onnx.export needs it
    except ImportError as e:
        raise MissingExtra("Exporting the embedding model to ONNX (once)", "onnx") from e
    if not (source / "tokenizer.json").is_file():
        raise AQAError(f"{source} has no tokenizer.json (a fast tokenizer): the ONNX embedder needs one")

    started = time.perf_counter()
    tmp = folder.with_name(f".{folder.name}-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        raw = tmp / "raw.onnx"
        bert = AutoModel.from_pretrained(str(source)).eval()

        class Encoder(torch.nn.Module):  # keyword arguments: transformers 5 reorders forward()'s
            def __init__(self) -> None:
                super().__init__()
                self.bert = bert  # a submodule, so tracing sees its weights as parameters

            def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001, ANN202
                return self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

        enc = AutoTokenizer.from_pretrained(str(source))(["an example sentence"], return_tensors="pt")
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on the attention code: not the user's concern
            torch.onnx.export(
                Encoder().eval(), tuple(enc[k] for k in INPUTS), str(raw), input_names=list(INPUTS), output_names=["last_hidden_state"],
                dynamic_axes={k: {0: "batch", 1: "tokens"} for k in (*INPUTS, "last_hidden_state")}, opset_version=17, dynamo=False,
            )
        if int8:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(str(raw), str(tmp / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True)
            raw.unlink()
        else:
            raw.replace(tmp / "model.onnx")
        shutil.copy(source / "tokenizer.json", tmp / "tokenizer.json")
        dimension = int(getattr(bert.config, "hidden_size", 384))
        files = {name: sha256(tmp / name) for name in ("model.onnx", "tokenizer.json")}
        manifest: dict[str, Any] = {
            "format": FORMAT, "variant": variant_of(int8), "source": str(source), "dimension": dimension,
            "max_tokens": MAX_TOKENS, "files": files, "torch": torch.__version__,
            "exported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "export_seconds": round(time.perf_counter() - started, 1),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")  # written last: the commit mark
        old = folder.with_name(f".{folder.name}-old-{os.getpid()}")
        if folder.exists():
            folder.replace(old)
        tmp.replace(folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """`python -m rag.onnx_embedder [--cache-dir DIR] [--variant onnx|onnx-int8|all]`: export now
    (make install and the Docker build run this, so no command needs torch afterwards)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m rag.onnx_embedder", description=main.__doc__)
    parser.add_argument("--cache-dir", type=Path, default=None, help="default: AQA_MODEL_CACHE_DIR or ~/.cache/assessment-qa/models")
    parser.add_argument("--model", default=None, help="default: AQA_EMBEDDING_MODEL")
    parser.add_argument("--variant", choices=["onnx", "onnx-int8", "all"], default="all")
    args = parser.parse_args(argv)
    from rag.settings import load_settings

    settings = load_settings()
    cache_dir = args.cache_dir or settings.model_cache_dir or default_cache_dir()
    model = args.model or settings.embedding_model
    for int8 in {"onnx": [False], "onnx-int8": [True], "all": [False, True]}[args.variant]:
        folder = ensure_exported(model, cache_dir, int8=int8)
        print(f"{variant_of(int8)}: {folder} ({check(folder) or 'checked'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

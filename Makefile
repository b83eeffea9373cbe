# One entry point for people and CI: `.ci/run` calls these same targets.
# Every target runs from a fresh clone; `test` installs what it needs (maturin, pytest, @napi-rs/cli) itself.

CARGO ?= cargo

.PHONY: help demo test test-rust test-add-model test-python test-node soak codegen python-stub check fmt lint bench fuzz fuzz-replay release-check ci

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-16s %s\n", $$1, $$2}'

demo: ## The main job: submit the published example to the built-in emulator, wait, download the MP4, print the cost.
	$(CARGO) run --locked --quiet -p omixa-cli -- demo

test: test-rust test-add-model test-python test-node ## Every test: Rust, the add-a-model check, Python, Node.

test-rust: ## Rust unit, integration and vector tests.
	$(CARGO) test --locked --workspace

test-add-model: ## Adds a model YAML to a temporary copy of the repo and checks it works end to end.
	$(CARGO) test --locked -p omixa-cli --test add_model -- --ignored

test-python: ## Builds the Python package into bindings/python/.venv (debug) and runs pytest (with examples/python-app).
	bash bindings/python/scripts/test.sh

test-node: ## Builds the Node package (debug) and runs node --test (with examples/node-app).
	bash bindings/node/scripts/test.sh

soak: ## 1,000 clients against `omixa serve` with every fault for 10 min (OMIXA_SOAK_SECONDS shortens it).
	$(CARGO) test --locked --release -p omixa-cli --test soak -- --ignored --nocapture

codegen: ## Regenerates generated/ from spec/.
	$(CARGO) run --locked -p omixa-codegen

python-stub: ## Regenerates the Python stub bindings/python/python/omixa/_native.pyi from the binding's annotations.
	$(CARGO) run --locked --quiet -p omixa-python --no-default-features --features stub-gen --bin stub_gen

check: ## Fails when generated/ is out of date with spec/.
	$(CARGO) run --locked --quiet -p omixa-codegen -- --check

fmt: ## Formats the Rust code.
	$(CARGO) fmt --all

lint: ## rustfmt and clippy, warnings as errors.
	$(CARGO) fmt --all --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings

bench: ## Rust benchmarks (validation vs the jsonschema crate; jobs vs a bare HTTP loop; the batch journal's cost).
	$(CARGO) bench --locked -p omixa --bench validate
	$(CARGO) bench --locked -p omixa-cli --bench jobs
	$(CARGO) bench --locked -p omixa-cli --bench batch

# The fuzz targets: fuzz/fuzz_targets/*.rs, bodies in fuzz/targets (see fuzz/README.md).
FUZZ_TARGETS := request_json request_text catalog_yaml gateway_response media emulator
FUZZ_SECONDS ?= 1800

fuzz: ## Fuzzes every target for FUZZ_SECONDS (default 1800) each, one after another, then minimizes its corpus (nightly, cargo-fuzz).
	@command -v cargo-fuzz >/dev/null || $(CARGO) install --locked cargo-fuzz
	@for target in $(FUZZ_TARGETS); do \
		echo "== $$target: $(FUZZ_SECONDS) s"; \
		$(CARGO) +nightly fuzz run --fuzz-dir fuzz $$target -- -max_total_time=$(FUZZ_SECONDS) || exit 1; \
		$(CARGO) +nightly fuzz cmin --fuzz-dir fuzz $$target -- -set_cover_merge=1 -use_counters=0 || exit 1; \
	done

fuzz-replay: ## Replays every fuzz corpus and regression file as an ordinary test (stable, no fuzzing).
	$(CARGO) test --locked -p omixa-fuzz-targets

release-check: ## Builds every release package for this platform into target/artifacts/ and installs each on its own.
	bash tools/release-check/run.sh

ci: check lint test ## What CI runs.

# udma top-level targets. Every target that builds first installs what is missing
# (scripts/install-deps.sh, Debian 12 packages), so a fresh machine needs no manual step.
BUILD    ?= build
JOBS     ?= $(shell nproc)
CTEST_J  ?= $(JOBS)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps configure build test sim bench results stress synth formal lint regmap clean help

all: build

help:
	@echo "make sim      build and run the default demonstration (every method, honest + malicious)"
	@echo "make test     build and run every test (CTest)"
	@echo "make bench    print the initiation / data-mover / simulation-speed figures"
	@echo "make results  re-run the figures into docs/results.md and the README results block"
	@echo "make stress   long randomized runs of the secure methods (not in CI)"
	@echo "make synth    iCE40 HX8K synthesis, place and route, area / Fmax table"
	@echo "make formal   every proof and cover task"
	@echo "make lint     Verilator -Wall on the RTL"
	@echo "make regmap   regenerate rtl/udma_regs.vh, sw/include/udma/udma_regs.h, docs/register-map.md"

deps:
	@bash scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(CTEST_J)

sim: build
	$(BUILD)/tb/udma-sim --demo

bench: build
	@for b in $(BUILD)/bench/udma-bench-*; do echo "== $$b"; $$b || exit 1; done

results: build
	python3 scripts/results.py $(BUILD)

stress: build
	bash scripts/stress.sh $(BUILD)

synth: deps
	python3 scripts/synth.py table

formal: deps
	bash scripts/formal.sh

lint: deps
	@bash scripts/lint.sh

regmap:
	python3 scripts/gen_regmap.py

clean:
	rm -rf $(BUILD)

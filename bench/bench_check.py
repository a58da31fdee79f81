"""Benchmark: ``xuehui check`` (all rules) against ``check-jsonschema`` (schema only) on the same files.

Scenarios, each on a fresh synthetic tree (``synth.make_tree``: N societies, N applications of about 12 KB
of Chinese text, all distinct, plus the programme, the call, its formal review and the office records:
2N + 7 files, so N = 5,000 is a tree of 10,007 files):

- ``clean-N``: the valid tree. (a) ``xuehui check submissions`` (the whole tree, every rule) against
  (b) ``check-jsonschema --schemafile schemas/application.schema.json <the N applications>``;
- ``findings-N``: the same tree where every society profile and every application has findings
  (``synth.with_findings``: a rule finding, located at its line, in each);
- ``one-in-N``: ``xuehui check <one application>`` inside the valid N-application tree (what the pre-commit
  hook and a contributor run, before the deadline: ``synth.NOW_OPEN``) against ``check-jsonschema`` on
  that one file.

Both are whole processes at their best: check-jsonschema with ruamel.yaml.clib (its C YAML parser), xuehui
without its parse cache (``XUEHUI_CACHE=0``, as on a fresh CI machine), both with their bytecode compiled (as
``pip install`` leaves them; xuehui's is written first, ``_compile_package``). Each tool runs once to warm the OS
file cache and check its output, then ``--repeat`` times alternately; medians count. For every run the
wall time, the CPU time (user + system, the process and the workers it waited for) and the peak resident
memory of the largest process are taken from ``wait4``; the load average is printed before each scenario.

    python bench/bench_check.py [--scenarios clean-1000,findings-1000,one-in-1000,clean-5000,findings-5000]
                                [--repeat 3] [--keep DIR] [--seed 0] [--check-targets]

The last lines are stable and machine-readable: ``RESULT scenario=… cpu_ratio=… wall_ratio=… …``, where a
ratio is check-jsonschema's time divided by xuehui's (above 1: xuehui is faster).
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
TARGET_TREE = (
    5.0  # whole tree, clean and findings-heavy: check-jsonschema CPU time / xuehui CPU time (issue 26)
)
TARGET_ONE = 1.5  # one application in a 1,000-application tree, whole process (CPU; issue 26)
TARGET_MEMORY = 6.0  # peak resident memory / input bytes, whole tree
# N applications make a tree of 2N + 7 files: 1,000 → 2,007 files, 5,000 → 10,007 files. (At N = 10,000 the
# office's annual-reports record alone would hold more than yamlio.MAX_NODES nodes.)
DEFAULT_SCENARIOS = ("clean-1000", "findings-1000", "one-in-1000", "clean-5000", "findings-5000")


class BenchError(Exception):
    """A tool is missing or did not give the expected output."""


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


def _load() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "n/a"
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


@dataclass(frozen=True, slots=True)
class Run:
    wall: float
    cpu: float
    maxrss_kb: int
    returncode: int
    stdout: bytes
    stderr: bytes


@dataclass(slots=True)
class Measure:
    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def maxrss_kb(self) -> int:
        return max(r.maxrss_kb for r in self.runs)


# xuehui's parse cache (generator/cache.py) is off here: every measured run parses every file, as on a
# fresh CI machine. (check-jsonschema has no such cache.)
COLD = dict(os.environ, XUEHUI_CACHE="0")


def _run(cmd: Sequence[str], cwd: Path) -> Run:
    """Run ``cmd`` once: wall time, CPU time and peak RSS from ``wait4`` (the process and the children it
    waited for, such as xuehui's parse workers; the RSS is the largest single process's)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=COLD, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, process.returncode, out.read(), err.read()
        )


def _report(run: Run) -> dict[str, object]:
    try:
        report: dict[str, object] = json.loads(run.stdout)
    except ValueError as exc:
        raise BenchError(
            f"xuehui check gave no JSON report (exit {run.returncode}):\n"
            f"{run.stdout.decode('utf-8', 'replace')[-2000:]}{run.stderr.decode('utf-8', 'replace')[-2000:]}"
        ) from exc
    return report


def _verify_clean(run: Run, expected_files: int) -> str:
    report = _report(run)
    summary = report["summary"]
    assert isinstance(summary, dict)
    if run.returncode != 0 or report["findings"]:
        raise BenchError(
            f"xuehui check exited {run.returncode} on the valid tree with {summary}:\n"
            f"{json.dumps(report['findings'], ensure_ascii=False)[:3000]}"
        )
    if summary["files"] != expected_files:
        raise BenchError(f"xuehui check saw {summary['files']} files, expected {expected_files}")
    return f"{summary['files']} files, 0 findings"


def _verify_findings(run: Run, expected_files: int, must_have: set[str]) -> str:
    report = _report(run)
    summary = report["summary"]
    findings = report["findings"]
    assert isinstance(summary, dict) and isinstance(findings, list)
    if run.returncode != 1 or summary["files"] != expected_files:
        raise BenchError(f"xuehui check exited {run.returncode} with {summary} on the findings tree")
    missing = must_have - {f["file"] for f in findings}
    if missing:
        raise BenchError(f"{len(missing)} files have no finding, e.g. {sorted(missing)[:3]}")
    lines = sum(1 for f in findings if f["line"])
    return f"{summary['files']} files, {len(findings)} findings ({lines} with a line)"


def _verify_cj(run: Run) -> str:
    out = (run.stdout + run.stderr).decode("utf-8", "replace")
    if run.returncode != 0:
        hint = ""
        if "date" in out or "is not of type" in out:
            hint = (
                "\n(check-jsonschema reads YAML with its own typing; a value our strict loader reads as"
                " text or an exact decimal may arrive as another type there. The generator quotes every"
                " date, phone and account number so both tools see the same valid files.)"
            )
        raise BenchError(f"check-jsonschema exited {run.returncode} on the valid files:\n{out[-3000:]}{hint}")
    return out.strip().splitlines()[-1] if out.strip() else "ok"


@dataclass(slots=True)
class Result:
    scenario: str
    size: int
    files_x: int  # files xuehui checks (reports on)
    files_c: int  # files check-jsonschema validates
    input_bytes: int  # what xuehui reads: every file of the tree
    xuehui: Measure
    cj: Measure
    load_before: str
    whole_tree: bool

    @property
    def cpu_ratio(self) -> float:
        return self.cj.cpu / self.xuehui.cpu

    @property
    def wall_ratio(self) -> float:
        return self.cj.wall / self.xuehui.wall

    @property
    def memory_ratio(self) -> float:
        return self.xuehui.maxrss_kb * 1024 / self.input_bytes

    @property
    def target(self) -> float:
        return TARGET_TREE if self.whole_tree else TARGET_ONE

    @property
    def met(self) -> bool:
        memory_ok = not self.whole_tree or self.memory_ratio <= TARGET_MEMORY
        return self.cpu_ratio >= self.target and memory_ok


def _scenario(name: str) -> tuple[str, int]:
    kind, _, size = name.rpartition("-")
    if kind not in ("clean", "findings", "one-in") or not size.isdigit() or int(size) < 1:
        raise argparse.ArgumentTypeError(f"unknown scenario {name!r} (clean-N, findings-N, one-in-N)")
    return kind, int(size)


def bench(name: str, repeat: int, seed: int, keep: Path | None, xuehui: Path, cj: Path) -> Result:
    kind, size = _scenario(name)
    with tempfile.TemporaryDirectory(prefix=f"xuehui-bench-{name}-") as tmp:
        root = (keep / name) if keep else Path(tmp)
        if keep and root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        apps = synth.make_tree(root, size, seed, findings=kind == "findings")
        generate_s = time.perf_counter() - start
        every = [p for p in (root / "submissions").rglob("*") if p.is_file()]
        input_bytes = sum(p.stat().st_size for p in every)
        rel = [p.relative_to(root).as_posix() for p in apps]
        if kind == "one-in":
            # Before the deadline, as a society checks its application (after it, DEAD-001 refuses it).
            cmd_x = [str(xuehui), "check", rel[0], "--now", synth.NOW_OPEN, "--format", "json"]
            cmd_c = [str(cj), "--schemafile", str(SCHEMA), rel[0]]
            files_x, files_c = 1, 1
        else:
            cmd_x = [str(xuehui), "check", "submissions", "--now", synth.NOW, "--format", "json"]
            cmd_c = [str(cj), "--schemafile", str(SCHEMA), *rel]
            files_x, files_c = len(every), len(rel)
        must_have = {
            p.relative_to(root).as_posix() for p in every if p.parent.name in ("societies", "applications")
        }

        def verify(run: Run) -> str:
            if kind == "findings":
                return _verify_findings(run, files_x, must_have)
            return _verify_clean(run, files_x)

        load = _load()
        print(
            f"  {name}: tree generated in {generate_s:.1f} s ({input_bytes / 1e6:.1f} MB, {len(every)} files)"
        )
        mx, mc = Measure("xuehui"), Measure("check-jsonschema")
        seen_x = verify(_run(cmd_x, root))  # warm-up: the OS file cache, and both outputs checked
        seen_c = _verify_cj(_run(cmd_c, root))
        print(f"  warm-up: xuehui: {seen_x}; check-jsonschema: {seen_c}; load average {load}")
        for _ in range(repeat):
            run = _run(cmd_x, root)
            verify(run)
            mx.runs.append(run)
            run = _run(cmd_c, root)
            _verify_cj(run)
            mc.runs.append(run)
        for m in (mx, mc):
            print(
                f"  {m.name}: wall {' '.join(f'{r.wall:.3f}' for r in m.runs)} s; "
                f"CPU {' '.join(f'{r.cpu:.3f}' for r in m.runs)} s"
            )
        print(f"  load average after: {_load()}")
        return Result(name, size, files_x, files_c, input_bytes, mx, mc, load, kind != "one-in")


def _mib(kb: int) -> str:
    return f"{kb / 1024:.0f}"


def print_table(results: Sequence[Result]) -> None:
    header = (
        f"{'scenario':>15} {'x files':>7} {'x wall':>7} {'x CPU':>7} {'cj wall':>7} {'cj CPU':>7} "
        f"{'CPU ×':>6} {'wall ×':>6} {'target':>6} {'x MiB':>6} {'KB/file':>7} {'mem/in':>6} {'met':>4}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.scenario:>15} {r.files_x:>7} {r.xuehui.wall:>7.2f} {r.xuehui.cpu:>7.2f} {r.cj.wall:>7.2f} "
            f"{r.cj.cpu:>7.2f} {r.cpu_ratio:>5.1f}× {r.wall_ratio:>5.1f}× {f'≥{r.target:g}×':>6} "
            f"{_mib(r.xuehui.maxrss_kb):>6} {r.xuehui.maxrss_kb / r.files_x:>7.1f} "
            f"{r.memory_ratio:>5.1f}× {'yes' if r.met else 'no':>4}"
        )
    print(
        "(medians, seconds; x = xuehui (every file of the tree, every rule), cj = check-jsonschema (the"
        " applications, schema only); × = cj time / xuehui time; mem/in = xuehui's peak RSS / input bytes,"
        f" target ≤{TARGET_MEMORY:g}× for the whole tree; KB/file = peak RSS per file checked)"
    )


_COMPILE_CODE = """
import compileall, os, generator
folder = os.path.dirname(generator.__file__)
ok = compileall.compile_dir(folder, quiet=1)
print(f"{folder} compiled" if ok else f"{folder}: compileall failed")
"""


_LOADER_CODE = """
from generator import yamlio
native = yamlio.native_loader()
if native is None:
    print("pure Python (generator.yamlcore not built, or XUEHUI_PURE_YAML set)")
else:
    from generator import yamlcore
    print(f"compiled clean path (generator.yamlcore, libyaml {yamlcore.LIBYAML_VERSION})")
"""


def _compile_package(python: str) -> str:
    """Write xuehui's bytecode (``__pycache__``), as ``pip install`` does for an installed package: an
    editable install under ``PYTHONDONTWRITEBYTECODE=1`` would otherwise compile every module's source on
    every run (about 0.09 s of CPU), which check-jsonschema, installed with its bytecode, never does."""
    return _probe(python, _COMPILE_CODE)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument(
        "--scenarios",
        type=lambda text: [part.strip() for part in text.split(",") if part.strip()],
        default=list(DEFAULT_SCENARIOS),
        help="comma-separated: clean-N, findings-N, one-in-N",
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool and scenario (medians)")
    parser.add_argument("--keep", type=Path, help="write the trees under this folder and keep them")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    parser.add_argument("--check-targets", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    try:
        for name in args.scenarios:
            _scenario(name)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    try:
        xuehui, cj = _tool("xuehui"), _tool("check-jsonschema")
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    cj_python, x_python = _interpreter_of(cj), _interpreter_of(xuehui)
    print("== xuehui check vs check-jsonschema ==")
    print(
        f"machine: {platform.system()} {platform.release()} {platform.machine()}; "
        f"CPU {_cpu_model()}; nproc {_cpus()}; load average {_load()}"
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
    print(f"xuehui bytecode: {_compile_package(x_python)}")
    print(f"xuehui YAML loader: {_probe(x_python, _LOADER_CODE)}")
    print(f"repeat: median of {args.repeat} after one warm-up run of each tool; seed {args.seed}")
    results: list[Result] = []
    try:
        for name in args.scenarios:
            results.append(bench(name, args.repeat, args.seed, args.keep, xuehui, cj))
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    print()
    print_table(results)
    print()
    for r in results:
        print(
            f"RESULT scenario={r.scenario} files={r.files_x} cj_files={r.files_c} bytes={r.input_bytes} "
            f"xuehui_wall_s={r.xuehui.wall:.4f} xuehui_cpu_s={r.xuehui.cpu:.4f} "
            f"cj_wall_s={r.cj.wall:.4f} cj_cpu_s={r.cj.cpu:.4f} cpu_ratio={r.cpu_ratio:.2f} "
            f"wall_ratio={r.wall_ratio:.2f} target={r.target:g} xuehui_maxrss_kb={r.xuehui.maxrss_kb} "
            f"cj_maxrss_kb={r.cj.maxrss_kb} memory_ratio={r.memory_ratio:.2f} load={r.load_before.replace(' ', '/')} "
            f"met={'yes' if r.met else 'no'}"
        )
    if args.check_targets and not all(r.met for r in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: how long each workflow job waits for its install, in a fresh virtual environment without
pip's cache (``pip install --no-cache-dir``: every distribution downloaded, every sdist built), as a runner
without a cache does. Four cases, each on a copy of the source (the editable install writes into it):

(a) ``before``: the whole project as every job installed it before the split, ``pip install -e .`` of the
    commit ``--before`` (default ``main``; written out with ``git archive``), all of its dependencies;
    ``full``: this checkout's core and site's stack, ``pip install -e '.[site]'`` (resolved from the
    index, the package built with build isolation);
(b) ``verdict``: what the check jobs install now, ``pip install --require-hashes -r
    requirements/verdict.txt`` then ``pip install --no-deps --no-build-isolation -e .``;
(c) ``publish``: what the comment and status job installs now, the same with requirements/publish.txt.

For every case: the wall time and the CPU time (user + system of pip and every process it waited for, from
``resource.getrusage(RUSAGE_CHILDREN)``) of the install commands only (the venv is made before the clock
starts), the number of distributions installed and what they add to site-packages (the new venv's pip and
setuptools not counted), and the load average before and after. The cases alternate ``--repeat`` times; the median counts. Afterwards the full and the verdict
environments each run ``xuehui check --format json`` on the shipped data: the two reports must be
byte-identical (the verdict does not depend on the site's stack).

    python bench/bench_install.py [--repeat 1] [--cases before,full,verdict,publish] [--before main]

Needs the network (the package index pip is configured for; a mirror through PIP_INDEX_URL works too).
The last lines are stable: ``RESULT case=… wall_s=… cpu_s=… dists=… size_mb=… load_before=… load_after=…``
per case, then ``RATIO before/verdict wall=… cpu=…`` and the same for each pair of a whole and a job's install.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PIP = ["-m", "pip", "install", "--no-cache-dir", "--disable-pip-version-check", "-q"]
CASES: dict[str, list[list[str]]] = {
    "before": [["-e", "."]],
    "full": [["-e", ".[site]"]],
    "verdict": [
        ["--require-hashes", "-r", "requirements/verdict.txt"],
        ["--no-deps", "--no-build-isolation", "-e", "."],
    ],
    "publish": [
        ["--require-hashes", "-r", "requirements/publish.txt"],
        ["--no-deps", "--no-build-isolation", "-e", "."],
    ],
}


@dataclass
class Runs:
    case: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    loads: list[tuple[float, float]] = field(default_factory=list)
    dists: int = 0
    size_mb: float = 0.0


def source_copy(dest: Path) -> Path:
    """This checkout's files (tracked and new, not ignored) copied to ``dest``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for rel in filter(None, listed.split("\0")):
        if (REPO / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, dest / rel)
    return dest


def archive(commit: str, dest: Path) -> Path:
    """The files of ``commit`` written to ``dest``."""
    dest.mkdir(parents=True)
    tar = subprocess.run(
        ["git", "archive", "--format=tar", commit], cwd=REPO, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(dest)], input=tar.stdout, check=True)
    return dest


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def install(case: str, venv: Path, source: Path, runs: Runs) -> None:
    """One timed install of ``case`` into a new ``venv`` (made before the clock starts)."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    dists0, size0 = inventory(python)
    load_before = os.getloadavg()[0]
    cpu0, wall0 = children_cpu(), time.perf_counter()
    for args in CASES[case]:
        subprocess.run([python, *PIP, *args], cwd=source, env=env, check=True)
    runs.wall.append(time.perf_counter() - wall0)
    runs.cpu.append(children_cpu() - cpu0)
    runs.loads.append((load_before, os.getloadavg()[0]))
    dists, size = inventory(python)
    runs.dists, runs.size_mb = len(dists - dists0), (size - size0) / 1e6


def inventory(python: str) -> tuple[set[str], int]:
    """The distributions installed in the venv of ``python`` and the bytes of its site-packages."""
    listed = subprocess.run(
        [python, "-m", "pip", "list", "--format", "json", "--disable-pip-version-check"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout.strip()
    size = sum(p.stat().st_size for p in Path(purelib).rglob("*") if p.is_file() and not p.is_symlink())
    return {f"{d['name'].lower()}=={d['version']}" for d in json.loads(listed)}, size


def verdict_of(venv: Path, source: Path) -> bytes:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["XUEHUI_CACHE"] = "0"
    return subprocess.run(
        [str(venv / "bin" / "xuehui"), "check", "--now", "2026-11-26", "--format", "json"],
        cwd=source,
        env=env,
        capture_output=True,
        check=False,
    ).stdout


def report(results: dict[str, Runs]) -> None:
    for runs in results.values():
        before = "/".join(f"{a:.2f}" for a, _ in runs.loads)
        after = "/".join(f"{b:.2f}" for _, b in runs.loads)
        print(
            f"RESULT case={runs.case} wall_s={statistics.median(runs.wall):.2f} "
            f"cpu_s={statistics.median(runs.cpu):.2f} dists={runs.dists} size_mb={runs.size_mb:.1f} "
            f"load_before={before} load_after={after}"
        )
    for whole in ("before", "full"):
        for job in ("verdict", "publish"):
            if whole in results and job in results:
                wall = statistics.median(results[whole].wall) / statistics.median(results[job].wall)
                cpu = statistics.median(results[whole].cpu) / statistics.median(results[job].cpu)
                print(f"RATIO {whole}/{job} wall={wall:.1f} cpu={cpu:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--cases", default="before,full,verdict,publish")
    parser.add_argument("--before", default="main", help="the commit installed as it was (case before)")
    args = parser.parse_args(argv)
    cases = [c for c in args.cases.split(",") if c]
    unknown = set(cases) - set(CASES)
    if unknown or args.repeat < 1:
        parser.error(f"unknown cases {sorted(unknown)} (known: {', '.join(CASES)}) or --repeat below 1")
    results = {case: Runs(case) for case in cases}
    with tempfile.TemporaryDirectory(prefix="xuehui-bench-install-") as tmp:
        base = Path(tmp)
        for round_ in range(args.repeat):
            for case in cases:
                where = base / f"src-{case}-{round_}"
                source = archive(args.before, where) if case == "before" else source_copy(where)
                venv = base / f"venv-{case}-{round_}"
                install(case, venv, source, results[case])
                print(
                    f"  {case} #{round_ + 1}: {results[case].wall[-1]:.2f} s wall, "
                    f"{results[case].cpu[-1]:.2f} s CPU",
                    flush=True,
                )
        if {"full", "verdict"} <= set(cases):
            last = args.repeat - 1
            full = verdict_of(base / f"venv-full-{last}", base / f"src-full-{last}")
            core = verdict_of(base / f"venv-verdict-{last}", base / f"src-verdict-{last}")
            same = full == core and full.startswith(b"{")
            print(f"verdict identical (full vs verdict install): {'yes' if same else 'NO'}")
        print(
            f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, pip --no-cache-dir, fresh venv per case"
        )
        report(results)
        print("removing the environments …", flush=True)  # slow on a busy disk: the results come first
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: ``xuehui build`` (the whole public-site build) against a plain mkdocs-material build of the
same Markdown.

For each size N (default 100, 500 and 2,000 societies) a synthetic programme of ``--cycles`` cycles is
generated (``synth_site.make_programme``: N society profiles, about N/10 applications of about 12 KB a
cycle with reviews, decisions, plans, reports and inspections), then two whole processes are timed:

(a) ``xuehui build --now 2026-11-26 --out <dir>``: read and check every file, project the public data,
    render the Markdown, run mkdocs-material (strict) in-process, fill in the Content-Security-Policy,
    scan every output file for private values, swap the output folder in;
(b) ``mkdocs build -q -f <staging>/mkdocs.yml``: mkdocs-material alone on the same docs folder and the same
    generated mkdocs.yml (written in this process by the same functions ``build()`` uses), with the same
    ``SOURCE_DATE_EPOCH``.

Pages are the ``index.html`` files of the output (both builds must give the same number). Each tool runs
``--repeat`` times alternately; the best time counts.

    python bench/bench_site.py [--sizes 100,500,2000] [--cycles 10] [--repeat 1] [--keep DIR] [--seed 0]
                               [--check-targets]

The last lines are stable and machine-readable: ``RESULT size=… pages=… xuehui_s=… mkdocs_s=… ratio=…``
per size and ``LINEARITY …``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import synth_site
from bench_check import BenchError, _cpu_model, _cpus, _interpreter_of, _probe, _tool

REPO = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.15  # xuehui build time / plain mkdocs build time, at every size
TARGET_LINEAR = 0.85  # pages/s at the largest size ÷ pages/s at the smallest, at least
MAX_RESEEDS = 8

_VERSIONS_CODE = """
import importlib.metadata as m
def v(name):
    try:
        return m.version(name)
    except m.PackageNotFoundError:
        return "-"
print(" ".join(f"{n}={v(n)}" for n in ("xuehui", "mkdocs", "mkdocs-material", "jieba", "jinja2", "pyyaml")))
"""


@dataclass(slots=True)
class Staged:
    """The Markdown of one tree, written as ``build()`` writes it, and what a preflight scan found."""

    folder: Path
    config: Path
    epoch: int
    files: int  # generated files written into docs/ (pages, feed, open data)
    seconds: float
    false_positives: list[str] = field(default_factory=list)


def stage_markdown(root: Path, folder: Path, now: datetime) -> Staged:
    """Write ``folder/docs`` and ``folder/mkdocs.yml`` for a plain mkdocs build of the site
    ``generator.site.build.build`` makes (which hands the same pages to mkdocs in memory), using the same
    functions. Also scan the generated files for shapes the build's privacy
    scan rejects although they are not private (see ``false_positives``)."""
    from generator.checker import check, parse_all
    from generator.repository import read_folder
    from generator.rules.base import Context
    from generator.site.build import render_markdown, stage_plain
    from generator.site.privacy import credit_codes, scan_text

    start = time.perf_counter()
    sources = read_folder(root)
    parsed = parse_all(sources)
    result = check(sources, Context(now=now), parse=lambda _sources: parsed)
    if not result.ok or result.dataset is None or result.dataset.programme is None:
        raise BenchError(f"the synthetic tree at {root} does not pass the check: {result.errors} errors")
    site, pages, epoch = render_markdown(root, result.dataset, now)
    if folder.exists():
        shutil.rmtree(folder)
    config = stage_plain(site, pages, folder)
    # The build's pattern scan (phones, ID numbers, long digit runs) on the generated files: in a synthetic
    # tree every hit is a false positive (the values are made up), and it would stop the build.
    codes = credit_codes(parsed)
    found = [
        f"{leak.file}: {leak.what} ({leak.sample})"
        for rel, text in sorted(pages.items())
        if not rel.startswith("data/schemas/")
        for leak in scan_text(rel, text, {}, codes)
    ]
    return Staged(folder, config, epoch, len(pages), time.perf_counter() - start, found)


def _count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def _run(cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    out = (done.stdout + done.stderr).decode("utf-8", "replace")
    if done.returncode != 0:
        raise BenchError(f"{' '.join(cmd[:3])} … exited {done.returncode}:\n{out[-3000:]}")
    return elapsed, out


def _load() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "n/a"
    return f"{one:.2f} {five:.2f}"


@dataclass(slots=True)
class SizeResult:
    societies: int
    cycles: int
    seed: int
    files: int
    applications: int
    pages: int
    xuehui: list[float]  # with the parse cache warm (a rebuild of an unchanged tree)
    mkdocs: list[float]
    generate_s: float
    stage_s: float
    cold: list[float]  # with the parse cache off (a fresh machine)

    @property
    def cold_s(self) -> float:
        return min(self.cold)

    @property
    def cold_ratio(self) -> float:
        return self.cold_s / self.mkdocs_s

    @property
    def xuehui_s(self) -> float:
        return min(self.xuehui)

    @property
    def mkdocs_s(self) -> float:
        return min(self.mkdocs)

    @property
    def ratio(self) -> float:
        return self.xuehui_s / self.mkdocs_s

    @property
    def met(self) -> str:
        return "yes" if self.ratio <= TARGET_RATIO else "no"


def bench_size(
    size: int, cycles: int, repeat: int, seed: int, keep: Path | None, xuehui: Path, mkdocs: Path
) -> SizeResult:
    now_text = synth_site.NOW
    from generator.clock import parse_now

    now = parse_now(now_text)
    with tempfile.TemporaryDirectory(prefix=f"xuehui-bench-site-{size}-") as tmp:
        base = (keep / f"site-{size}") if keep else Path(tmp)
        if keep and base.exists():
            shutil.rmtree(base)
        base.mkdir(parents=True, exist_ok=True)
        tree, plain, out = base / "tree", base / "plain", base / "xuehui-site"
        for attempt in range(MAX_RESEEDS + 1):
            if tree.exists():
                shutil.rmtree(tree)
            start = time.perf_counter()
            synth_site.make_programme(tree, size, cycles, seed + attempt)
            generate_s = time.perf_counter() - start
            staged = stage_markdown(tree, plain, now)
            if not staged.false_positives:
                break
            print(
                f"  WARNING: seed {seed + attempt}: the build's privacy scan would reject made-up values "
                f"({'; '.join(staged.false_positives[:3])}); trying seed {seed + attempt + 1}"
            )
        else:
            raise BenchError(f"no seed in {seed}..{seed + MAX_RESEEDS} gives a tree the build accepts")
        used = seed + attempt
        files = sum(1 for p in (tree / "submissions").rglob("*") if p.is_file())
        applications = sum(1 for _ in (tree / "submissions").glob("*/applications/*.yaml"))
        print(
            f"  size {size}: {files} files ({applications} applications, {cycles} cycles, seed {used}) "
            f"generated in {generate_s:.1f} s; Markdown staged in {staged.seconds:.1f} s "
            f"({staged.files} generated files) at {base}"
        )
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(staged.epoch))
        cmd_x = [str(xuehui), "build", "--now", now_text, "--out", str(out)]
        cmd_m = [str(mkdocs), "build", "-q", "-f", str(staged.config)]
        times_x: list[float] = []
        times_m: list[float] = []
        pages_x = pages_m = 0
        cache = base / "parse-cache"
        warm_env = dict(os.environ, XUEHUI_CACHE=str(cache))
        cold_env = dict(os.environ, XUEHUI_CACHE="0")
        times_xc: list[float] = []
        _run(cmd_x, tree, warm_env)  # fills the parse cache
        for _ in range(repeat):
            if out.exists():
                shutil.rmtree(out)
            print(f"  load {_load()}: xuehui build (parse cache off) …", flush=True)
            elapsed, _text = _run(cmd_x, tree, cold_env)
            times_xc.append(elapsed)
            shutil.rmtree(out)
            print(f"  load {_load()}: xuehui build (parse cache warm) …", flush=True)
            elapsed, text = _run(cmd_x, tree, warm_env)
            times_x.append(elapsed)
            pages_x = _count_pages(out)
            said = re.search(r"（(\d+) 个页面）", text)
            if said and int(said.group(1)) != pages_x:
                raise BenchError(f"xuehui build reported {said.group(1)} pages, the output has {pages_x}")
            shutil.rmtree(staged.folder / "site", ignore_errors=True)
            print(f"  load {_load()}: mkdocs build …", flush=True)
            elapsed, _text = _run(cmd_m, staged.folder, env)
            times_m.append(elapsed)
            pages_m = _count_pages(staged.folder / "site")
        if pages_x != pages_m:
            raise BenchError(f"xuehui build gave {pages_x} pages, plain mkdocs {pages_m}: not the same site")
        print(
            f"  runs (s): xuehui warm {' '.join(f'{t:.2f}' for t in times_x)}; "
            f"cold {' '.join(f'{t:.2f}' for t in times_xc)}; "
            f"mkdocs {' '.join(f'{t:.2f}' for t in times_m)}",
            flush=True,
        )
        return SizeResult(
            size,
            cycles,
            used,
            files,
            applications,
            pages_x,
            times_x,
            times_m,
            generate_s,
            staged.seconds,
            times_xc,
        )


def print_table(results: Sequence[SizeResult]) -> None:
    header = (
        f"{'societies':>9} {'cycles':>6} {'files':>6} {'pages':>6} {'xuehui s':>9} {'cold s':>7} {'mkdocs s':>9} "
        f"{'xuehui p/s':>10} {'mkdocs p/s':>10} {'ratio':>6} {'cold':>6} {'met':>4} {'xuehui s/kp':>11} {'mkdocs s/kp':>11}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.societies:>9} {r.cycles:>6} {r.files:>6} {r.pages:>6} {r.xuehui_s:>9.2f} {r.cold_s:>7.2f} {r.mkdocs_s:>9.2f} "
            f"{r.pages / r.xuehui_s:>10.1f} {r.pages / r.mkdocs_s:>10.1f} {r.ratio:>5.2f}× {r.cold_ratio:>5.2f}× {r.met:>4} "
            f"{1000 * r.xuehui_s / r.pages:>11.2f} {1000 * r.mkdocs_s / r.pages:>11.2f}"
        )
    print(
        f"(best of the repeats; files = input files under submissions/; pages = index.html files of the output;"
        f" ratio = xuehui build time (parse cache warm) / plain mkdocs time, target ≤ {TARGET_RATIO}×;"
        f" cold = the same with the parse cache off; s/kp = seconds per 1,000 pages)"
    )
    ordered = sorted(results, key=lambda r: r.pages)
    for a, b in itertools.pairwise(ordered):
        if b.pages > a.pages:
            dx = 1000 * (b.xuehui_s - a.xuehui_s) / (b.pages - a.pages)
            dm = 1000 * (b.mkdocs_s - a.mkdocs_s) / (b.pages - a.pages)
            print(
                f"marginal cost {a.societies}→{b.societies} societies: xuehui {dx:.2f} s, mkdocs {dm:.2f} s per"
                f" 1,000 more pages"
            )


def _parse_sizes(text: str) -> list[int]:
    sizes = [int(part) for part in text.split(",") if part.strip()]
    if not sizes or any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError("sizes are positive integers, e.g. 100,500,2000")
    return sizes


def _reexec_in_venv() -> None:
    """This benchmark imports the generator: run it with the repository's virtual environment."""
    try:
        import generator  # noqa: F401
    except ImportError:
        venv = REPO / ".venv"
        venv_python = venv / "bin" / "python"
        if venv_python.is_file() and Path(sys.prefix).resolve() != venv.resolve():
            os.execv(str(venv_python), [str(venv_python), *sys.argv])
        raise


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument(
        "--sizes", type=_parse_sizes, default=[100, 500, 2000], help="societies, e.g. 100,500"
    )
    parser.add_argument("--cycles", type=int, default=10, help="cycles per programme (the last is 2026)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per tool and size (best counts)")
    parser.add_argument("--keep", type=Path, help="write the trees and sites under this folder and keep them")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    parser.add_argument("--check-targets", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not 1 <= args.cycles <= 30:
        parser.error("--cycles must be between 1 and 30")
    _reexec_in_venv()
    try:
        xuehui, mkdocs = _tool("xuehui"), _tool("mkdocs")
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    print("== xuehui build vs plain mkdocs-material ==")
    print(
        f"machine: {platform.system()} {platform.release()} {platform.machine()}; "
        f"CPU {_cpu_model()}; nproc {_cpus()}; load average {_load()}"
    )
    print(f"python: {platform.python_implementation()} {platform.python_version()} ({sys.executable})")
    print(f"xuehui: {xuehui}; mkdocs: {mkdocs}")
    print(f"versions: {_probe(_interpreter_of(xuehui), _VERSIONS_CODE)}")
    print(f"repeat: best of {args.repeat}, alternating; seed {args.seed}; --now {synth_site.NOW}")
    results: list[SizeResult] = []
    try:
        for size in args.sizes:
            results.append(bench_size(size, args.cycles, args.repeat, args.seed, args.keep, xuehui, mkdocs))
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    print()
    print_table(results)
    print()
    for r in results:
        print(
            f"RESULT size={r.societies} cycles={r.cycles} seed={r.seed} files={r.files} "
            f"applications={r.applications} pages={r.pages} xuehui_s={r.xuehui_s:.3f} mkdocs_s={r.mkdocs_s:.3f} "
            f"xuehui_pps={r.pages / r.xuehui_s:.1f} mkdocs_pps={r.pages / r.mkdocs_s:.1f} ratio={r.ratio:.3f} "
            f"xuehui_cold_s={r.cold_s:.3f} cold_ratio={r.cold_ratio:.3f} target={TARGET_RATIO} met={r.met}"
        )
    linear_ok = True
    if len(results) > 1:
        small = min(results, key=lambda r: r.pages)
        large = max(results, key=lambda r: r.pages)
        lx = (large.pages / large.xuehui_s) / (small.pages / small.xuehui_s)
        lm = (large.pages / large.mkdocs_s) / (small.pages / small.mkdocs_s)
        linear_ok = lx >= TARGET_LINEAR
        print(
            f"LINEARITY pages_small={small.pages} pages_large={large.pages} "
            f"xuehui_pps_small={small.pages / small.xuehui_s:.1f} xuehui_pps_large={large.pages / large.xuehui_s:.1f} "
            f"xuehui_ratio={lx:.3f} mkdocs_pps_small={small.pages / small.mkdocs_s:.1f} "
            f"mkdocs_pps_large={large.pages / large.mkdocs_s:.1f} mkdocs_ratio={lm:.3f} "
            f"target={TARGET_LINEAR} met={'yes' if linear_ok else 'no'}"
        )
    if args.check_targets and (any(r.met == "no" for r in results) or not linear_ok):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

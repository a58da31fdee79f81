"""Benchmark: ``xuehui build`` (the whole public-site build) against a plain mkdocs-material build of the
same Markdown, in wall time, CPU time and memory.

For each size N (default 100, 500 and 2,000 societies) a synthetic programme of ``--cycles`` cycles is
generated (``synth_site.make_programme``: N society profiles, about N/10 applications of about 12 KB a
cycle with reviews, decisions, plans, reports and inspections), then whole processes are timed:

(a) ``xuehui build --now 2026-11-26 --out <dir>`` of this checkout: read and check every file, project the
    public data, render the Markdown into the staging folder, run mkdocs-material (strict), scan every
    output file, swap the output folder in;
(b) the same command of each ``--generator NAME=DIR`` (another checkout of the generator, e.g. an older
    commit written out with ``git archive``), run with ``PYTHONPATH=DIR``: to compare two versions of the
    build on the same tree at the same moment;
(c) ``mkdocs build -q -f <staging>/mkdocs.yml``: mkdocs-material alone on the same docs folder and the same
    mkdocs.yml, written (untimed) by this process with the function ``build()`` stages its own with
    (``stage_plain``), with the same ``SOURCE_DATE_EPOCH``.

Each build runs once untimed first (it fills the parse cache: the timed runs are rebuilds of an unchanged
tree, as ``make site`` or ``xuehui serve`` do), then ``--repeat`` times, the tools alternating; the best of
the repeats counts. For every run (under GNU ``/usr/bin/time``): wall time; CPU time (user + system of the
process and every process it waited for); peak RSS (of the largest single process); and the peak of the
summed proportional set size (PSS) of all the run's processes, sampled from ``/proc`` every 0.2 s (forked
workers share pages: PSS counts each shared page once; a peak shorter than the interval can be missed, so
the RSS is the exact figure for a build that runs in one process). Load averages are printed per run.

Pages are the ``.html`` files of the output but ``404.html`` (every build must give the same number).

    python bench/bench_site.py [--sizes 100,500,2000] [--cycles 10] [--repeat 1] [--keep DIR] [--seed 0]
                               [--generator NAME=DIR ...] [--check-targets]

The last lines are stable and machine-readable: ``RESULT size=… tool=… wall_s=… cpu_s=… rss_mb=…
pss_mb=… wall_ratio=… cpu_ratio=… rss_ratio=… target=… cpu_target=… met=…`` per size and tool (ratios
against plain mkdocs; met: the wall ratio within ``target`` and the CPU ratio within ``cpu_target``).
"""

from __future__ import annotations

import argparse
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
from bench_check import BenchError, _cpu_model, _cpus, _probe, _tool

REPO = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.15  # xuehui build wall time / plain mkdocs wall time, at every size
TARGET_CPU_RATIO = 1.1  # xuehui build CPU time / plain mkdocs CPU time, at every size (issue 26)
MAX_RESEEDS = 8
MKDOCS = "mkdocs"
SAMPLE_S = 0.2
TIME = "/usr/bin/time"  # GNU time: CPU (user + system, children included) and peak RSS of a run
CLI_CODE = "import sys; from generator.cli import main; sys.exit(main(sys.argv[1:]))"

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
    """The Markdown of one tree, staged as ``build()`` stages it, and what a preflight scan found."""

    folder: Path
    config: Path
    epoch: int
    files: int  # generated files written into docs/ (pages, feed, open data)
    seconds: float
    false_positives: list[str] = field(default_factory=list)


def stage_markdown(root: Path, folder: Path, now: datetime) -> Staged:
    """Write ``folder/docs`` and ``folder/mkdocs.yml`` with the functions ``generator.site.build.build``
    uses for its own staging folder. Also scan the generated files for shapes the build's privacy scan
    rejects although they are not private (see ``false_positives``)."""
    from generator.checker import check
    from generator.repository import read_folder
    from generator.rules.base import Context
    from generator.site.build import render_markdown, stage_plain
    from generator.site.privacy import scan_text

    start = time.perf_counter()
    result = check(read_folder(root), Context(now=now))
    if not result.ok or result.dataset is None or result.dataset.programme is None:
        raise BenchError(f"the synthetic tree at {root} does not pass the check: {result.errors} errors")
    site, pages, epoch = render_markdown(root, result.dataset, now)
    if folder.exists():
        shutil.rmtree(folder)
    config = stage_plain(site, pages, folder)
    # The build's pattern scan (phones, ID numbers, long digit runs) on the generated files: in a synthetic
    # tree every hit is a false positive (the values are made up), and it would stop the build.
    codes = set(result.private.credit_codes)
    found = [
        f"{leak.file}: {leak.what} ({leak.sample})"
        for rel, text in sorted(pages.items())
        if not rel.startswith("data/schemas/")
        for leak in scan_text(rel, text, {}, codes)
    ]
    return Staged(folder, config, epoch, len(pages), time.perf_counter() - start, found)


def _count_pages(site: Path) -> int:
    """The HTML pages of a built site (pages are ``<name>.html`` since the site opens from disk, not
    ``<name>/index.html``), the not-found page left out, as ``xuehui build`` counts them."""
    return sum(1 for page in site.rglob("*.html") if page.relative_to(site).as_posix() != "404.html")


def _load() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "n/a"
    return f"{one:.2f} {five:.2f}"


def _group_pss_kb(pgid: int) -> int:
    """The summed PSS (kB) of the living processes of a process group, from /proc (0 where unreadable)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
            if int(fields[2]) != pgid:
                continue
            for line in (entry / "smaps_rollup").read_text(encoding="ascii", errors="replace").splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except (OSError, IndexError, ValueError):
            continue
    return total


@dataclass(frozen=True, slots=True)
class Run:
    wall: float
    cpu: float  # user + system, of the process and the processes it waited for
    rss_kb: int  # the peak RSS of the largest single process
    pss_kb: int  # the peak of the summed PSS of all its processes (sampled)
    load: str


def run_measured(cmd: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[Run, str]:
    """Run ``cmd`` in its own process group under ``/usr/bin/time``; its figures and its output.

    ``time`` is a small process of its own: the peak RSS of a process made by this one directly would start
    at this process's own (which holds a whole staged site in memory), since Linux keeps the high-water mark
    of the memory a process had before it ran another program."""
    load = _load()
    with tempfile.TemporaryFile() as output, tempfile.NamedTemporaryFile("r") as figures:
        start = time.perf_counter()
        process = subprocess.Popen(
            [TIME, "-q", "-o", figures.name, "-f", "%U %S %M", *cmd],
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        peak = 0
        while process.poll() is None:
            peak = max(peak, _group_pss_kb(process.pid))
            time.sleep(SAMPLE_S)
        wall = time.perf_counter() - start
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
        measured = figures.read().split()
    if process.returncode != 0 or len(measured) < 3:
        raise BenchError(f"{' '.join(cmd[:4])} … exited {process.returncode}:\n{text[-3000:]}")
    user, system, rss_kb = float(measured[-3]), float(measured[-2]), int(measured[-1])
    return Run(wall, user + system, rss_kb, peak, load), text


@dataclass(frozen=True, slots=True)
class Tool:
    """One way of building: a generator checkout's ``xuehui build``, or plain mkdocs."""

    name: str
    checkout: Path | None  # None: plain mkdocs

    def command(self, out: Path, config: Path) -> list[str]:
        if self.checkout is None:
            return [str(_tool("mkdocs")), "build", "-q", "-f", str(config)]
        return [sys.executable, "-c", CLI_CODE, "build", "--now", synth_site.NOW, "--out", str(out)]

    def environment(self, cache: Path, epoch: int) -> dict[str, str]:
        if self.checkout is None:
            return dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
        return dict(os.environ, PYTHONPATH=str(self.checkout), XUEHUI_CACHE=str(cache / self.name))


@dataclass(slots=True)
class SizeResult:
    societies: int
    cycles: int
    seed: int
    files: int
    applications: int
    pages: int
    runs: dict[str, list[Run]]

    def best(self, tool: str) -> Run:
        runs = self.runs[tool]
        return Run(
            min(r.wall for r in runs),
            min(r.cpu for r in runs),
            min(r.rss_kb for r in runs),
            min(r.pss_kb for r in runs),
            runs[0].load,
        )

    def ratios(self, tool: str) -> tuple[float, float, float, float]:
        """wall, CPU, peak RSS and peak PSS of ``tool`` over plain mkdocs'."""
        a, m = self.best(tool), self.best(MKDOCS)
        return a.wall / m.wall, a.cpu / m.cpu, a.rss_kb / m.rss_kb, a.pss_kb / max(m.pss_kb, 1)


def make_tree(size: int, cycles: int, seed: int, base: Path) -> tuple[int, Staged]:
    """A synthetic tree under ``base/tree`` that the build's privacy scan accepts, and its staged Markdown."""
    from generator.clock import parse_now

    now = parse_now(synth_site.NOW)
    tree = base / "tree"
    for attempt in range(MAX_RESEEDS + 1):
        if tree.exists():
            shutil.rmtree(tree)
        start = time.perf_counter()
        synth_site.make_programme(tree, size, cycles, seed + attempt)
        generate_s = time.perf_counter() - start
        staged = stage_markdown(tree, base / "plain", now)
        if not staged.false_positives:
            files = sum(1 for p in (tree / "submissions").rglob("*") if p.is_file())
            print(
                f"  size {size}: {files} files (seed {seed + attempt}) generated in {generate_s:.1f} s; "
                f"Markdown staged in {staged.seconds:.1f} s ({staged.files} generated files) at {base}",
                flush=True,
            )
            return seed + attempt, staged
        print(
            f"  WARNING: seed {seed + attempt}: the build's privacy scan would reject made-up values "
            f"({'; '.join(staged.false_positives[:3])}); trying seed {seed + attempt + 1}"
        )
    raise BenchError(f"no seed in {seed}..{seed + MAX_RESEEDS} gives a tree the build accepts")


def bench_size(
    size: int, cycles: int, repeat: int, seed: int, keep: Path | None, tools: Sequence[Tool]
) -> SizeResult:
    with tempfile.TemporaryDirectory(prefix=f"xuehui-bench-site-{size}-") as tmp:
        base = (keep / f"site-{size}") if keep else Path(tmp)
        if keep and base.exists():
            shutil.rmtree(base)
        base.mkdir(parents=True, exist_ok=True)
        used, staged = make_tree(size, cycles, seed, base)
        tree = base / "tree"
        runs: dict[str, list[Run]] = {tool.name: [] for tool in tools}
        pages: dict[str, int] = {}
        for tool in tools:  # untimed: fills each generator's parse cache
            if tool.checkout is not None:
                run_measured(
                    tool.command(base / f"out-{tool.name}", staged.config),
                    tree,
                    tool.environment(base / "cache", staged.epoch),
                )
        for _ in range(repeat):
            for tool in tools:
                out = base / f"out-{tool.name}"
                site = out if tool.checkout is not None else staged.folder / "site"
                shutil.rmtree(site, ignore_errors=True)
                print(f"  load {_load()}: {tool.name} …", flush=True)
                measured, text = run_measured(
                    tool.command(out, staged.config),
                    staged.folder if tool.checkout is None else tree,
                    tool.environment(base / "cache", staged.epoch),
                )
                runs[tool.name].append(measured)
                pages[tool.name] = _count_pages(site)
                said = re.search(r"（(\d+) 个页面）", text)
                if said and int(said.group(1)) != pages[tool.name]:
                    raise BenchError(f"{tool.name} reported {said.group(1)} pages, the output has {pages}")
        if len(set(pages.values())) != 1:
            raise BenchError(f"the builds gave different page counts {pages}: not the same site")
        for tool in tools:
            print(
                f"  {tool.name:>8} runs: "
                + "; ".join(
                    f"{r.wall:.2f} s wall, {r.cpu:.2f} s CPU, {r.rss_kb / 1024:.0f} MB RSS, "
                    f"{r.pss_kb / 1024:.0f} MB PSS (load {r.load})"
                    for r in runs[tool.name]
                ),
                flush=True,
            )
        files = sum(1 for p in (tree / "submissions").rglob("*") if p.is_file())
        applications = sum(1 for _ in (tree / "submissions").glob("*/applications/*.yaml"))
        return SizeResult(size, cycles, used, files, applications, next(iter(pages.values())), runs)


def print_table(results: Sequence[SizeResult], tools: Sequence[Tool]) -> None:
    header = (
        f"{'societies':>9} {'pages':>6} {'tool':>8} {'wall s':>7} {'CPU s':>7} {'RSS MB':>7} {'PSS MB':>7} "
        f"{'wall×':>6} {'CPU×':>6} {'RSS×':>6} {'PSS×':>6} {'load':>11}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        for tool in tools:
            b = r.best(tool.name)
            wall, cpu, rss, pss = r.ratios(tool.name)
            print(
                f"{r.societies:>9} {r.pages:>6} {tool.name:>8} {b.wall:>7.2f} {b.cpu:>7.2f} "
                f"{b.rss_kb / 1024:>7.0f} {b.pss_kb / 1024:>7.0f} {wall:>5.2f}× {cpu:>5.2f}× {rss:>5.2f}× "
                f"{pss:>5.2f}× {b.load:>11}"
            )
    print(
        "(best of the repeats, each figure on its own; CPU = user+sys of all the run's processes; RSS = peak"
        " of the largest process; PSS = peak of the sum over the run's processes; × = over plain mkdocs;"
        " load = 1- and 5-minute load average before the first run)"
    )


def _parse_sizes(text: str) -> list[int]:
    sizes = [int(part) for part in text.split(",") if part.strip()]
    if not sizes or any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError("sizes are positive integers, e.g. 100,500,2000")
    return sizes


def _parse_generator(text: str) -> Tool:
    name, sep, folder = text.partition("=")
    checkout = Path(folder).resolve()
    if not sep or not re.fullmatch(r"[a-z0-9_-]+", name) or name in ("xuehui", MKDOCS):
        raise argparse.ArgumentTypeError("NAME=DIR, NAME in a-z0-9_- and not xuehui or mkdocs")
    if not (checkout / "generator" / "cli.py").is_file():
        raise argparse.ArgumentTypeError(f"{checkout} holds no generator/cli.py")
    return Tool(name, checkout)


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
    parser.add_argument(
        "--generator",
        type=_parse_generator,
        action="append",
        default=[],
        metavar="NAME=DIR",
        help="also time the build of another generator checkout (PYTHONPATH=DIR)",
    )
    parser.add_argument("--check-targets", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not 1 <= args.cycles <= 30:
        parser.error("--cycles must be between 1 and 30")
    _reexec_in_venv()
    try:
        mkdocs = _tool("mkdocs")
        if not os.access(TIME, os.X_OK):
            raise BenchError(f"{TIME} not found (Debian: apt-get install time)")
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    tools = [Tool("xuehui", REPO), *args.generator, Tool(MKDOCS, None)]
    print("== xuehui build vs plain mkdocs-material ==")
    print(
        f"machine: {platform.system()} {platform.release()} {platform.machine()}; "
        f"CPU {_cpu_model()}; nproc {_cpus()}; load average {_load()}"
    )
    print(f"python: {platform.python_implementation()} {platform.python_version()} ({sys.executable})")
    print(
        f"mkdocs: {mkdocs}; generators: " + ", ".join(f"{t.name}={t.checkout}" for t in tools if t.checkout)
    )
    print(f"versions: {_probe(sys.executable, _VERSIONS_CODE)}")
    print(f"repeat: best of {args.repeat}, alternating; seed {args.seed}; --now {synth_site.NOW}")
    results: list[SizeResult] = []
    try:
        for size in args.sizes:
            results.append(bench_size(size, args.cycles, args.repeat, args.seed, args.keep, tools))
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    print()
    print_table(results, tools)
    print()
    missed = False
    for r in results:
        for tool in tools:
            b = r.best(tool.name)
            wall, cpu, rss, pss = r.ratios(tool.name)
            met = wall <= TARGET_RATIO and cpu <= TARGET_CPU_RATIO
            missed |= tool.name == "xuehui" and not met
            print(
                f"RESULT size={r.societies} cycles={r.cycles} seed={r.seed} files={r.files} "
                f"applications={r.applications} pages={r.pages} tool={tool.name} wall_s={b.wall:.3f} "
                f"cpu_s={b.cpu:.3f} rss_mb={b.rss_kb / 1024:.1f} pss_mb={b.pss_kb / 1024:.1f} "
                f"wall_ratio={wall:.3f} cpu_ratio={cpu:.3f} rss_ratio={rss:.3f} pss_ratio={pss:.3f} "
                f"target={TARGET_RATIO} cpu_target={TARGET_CPU_RATIO} met={'yes' if met else 'no'}"
            )
    return 1 if args.check_targets and missed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Progress of long commands (issue 24): a self-overwriting line on a terminal, plain lines now and then
elsewhere, nothing for a short run, with ``--quiet`` or with machine output; standard output unchanged; the
lower layers hear of it only through an optional callback (``generator.progress``)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from generator import cli
from generator.checker import check
from generator.clock import parse_now
from generator.commands import progress as shown
from generator.commands.progress import Reporter
from generator.repository import Source
from generator.rules import ALL_RULES
from generator.rules.base import Context
from tests.helpers import copy_mini, mini_tree


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_terminal_gets_one_line_that_overwrites_itself_and_is_cleared() -> None:
    out, clock = io.StringIO(), Clock()
    r = Reporter(out, tty=True, clock=clock)
    r("读取文件", 1, 300)
    assert out.getvalue() == ""  # a short piece of work shows nothing
    clock.now = 1.0
    r("读取文件", 150, 300)
    clock.now = 1.05
    r("读取文件", 151, 300)  # redrawn at most every TTY_INTERVAL
    clock.now = 1.2
    r("规则", 3, 10)
    text = out.getvalue()
    assert text.count("\r") == 2 and "\n" not in text
    assert "读取文件 150/300（50%）" in text and "规则 3/10（30%）" in text
    r.finish()
    assert out.getvalue().endswith("\r") and out.getvalue()[len(text) :].strip() == ""


def test_ci_gets_plain_lines_now_and_then() -> None:
    out, clock = io.StringIO(), Clock()
    r = Reporter(out, tty=False, clock=clock)
    for i in range(1, 101):
        clock.now = i * 0.1  # ten seconds in all
        r("读取文件", i, 100)
    r("规则", 1, 5)
    lines = out.getvalue().splitlines()
    assert 2 <= len(lines) <= 4 and all(line.startswith("进度：") for line in lines)
    assert "\r" not in out.getvalue() and lines[-1].startswith("进度：规则 1/5")
    r.finish()
    assert out.getvalue().count("\n") == len(lines)


def test_the_check_tells_its_callback_and_finds_the_same() -> None:
    sources = [Source(p, raw) for p, raw in sorted(mini_tree().items())]
    heard: list[tuple[str, int, int]] = []
    ctx = Context(now=parse_now("2026-11-26"))
    with_progress = check(sources, ctx, progress=lambda *a: heard.append(a))
    assert with_progress.findings == check(sources, ctx).findings
    files = [h for h in heard if h[0] == "读取文件"]
    assert files[-1] == ("读取文件", len(sources), len(sources))
    assert ("规则", len(ALL_RULES), len(ALL_RULES)) in heard


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy_mini(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(shown, "PLAIN_DELAY", 0.0)  # show at once, so that a short test run shows it
    monkeypatch.setattr(shown, "PLAIN_INTERVAL", 0.0)
    return tmp_path


@pytest.mark.parametrize(
    ("extra", "expected"),
    [((), True), (("--quiet",), False), (("--format", "json"), False), (("--format", "markdown"), False)],
)
def test_progress_only_for_people_and_standard_output_unchanged(
    repo: Path, capsys: pytest.CaptureFixture[str], extra: tuple[str, ...], expected: bool
) -> None:
    base = ["check", "--now", "2026-11-26"]
    cli.main([*base, "--quiet", *[a for a in extra if a != "--quiet"]])
    quiet_out, _ = capsys.readouterr()
    cli.main([*base, *extra])
    out, err = capsys.readouterr()
    assert out == quiet_out  # byte for byte
    assert ("进度：读取文件" in err) is expected
    assert ("进度：规则" in err) is expected

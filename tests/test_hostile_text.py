"""Hostile names in every text output: no line a CI runner reads as a workflow command, and the character named.

A file name (or a value) may carry a newline followed by ``::error file=x::``, a carriage return, U+2028,
U+0085, a byte order mark or a right-to-left override. Every report names such a character
(``<U+000A 换行>``) and no line of it starts (after blanks) with ``::`` or ``##[``; the github format keeps its
own percent-encoding of CR and LF in messages.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path

import pytest

from generator import audit
from generator.checker import CheckResult
from generator.cli import main
from generator.clock import parse_now
from generator.findings import Finding, Severity
from generator.forge import Change, open_repo
from generator.lifecycle import CycleStatus, Publicity, Reminder, ReminderKind
from generator.pullrequest import check_pull_request
from generator.report import github, markdown, ranking, status, text
from generator.report import json as json_report
from generator.scoring import Standing
from generator.textsafe import character_name, inert, inert_lines, unsafe_characters, visible
from tests.gitrepo import branch, commit_all, git, make_repo, write
from tests.helpers import copy_mini

HOSTILE = {
    "newline": ("\n::error file=x::pwned", "U+000A 换行"),
    "carriage return": ("\r::add-mask::secret", "U+000D 回车"),
    "line separator": ("\u2028::stop-commands::token", "U+2028 行分隔符"),
    "next line": ("\x85::error::x", "U+0085 下一行"),
    "byte order mark": ("\ufeff::error::x", "U+FEFF 字节顺序标记"),
    "right-to-left override": ("\u202efdp.exe", "U+202E 从右到左覆盖"),
}
CASES = sorted(HOSTILE)


def _path(case: str) -> str:
    return f"submissions/2026/attachments/wuhan-mechanical-engineering/a{HOSTILE[case][0]}.pdf"


def _result(case: str) -> CheckResult:
    hostile = HOSTILE[case][0]
    finding = Finding(
        _path(case),
        0,
        0,
        "",
        "FILE-009",
        Severity.ERROR,
        "格式要求",
        f"文件名含有不可见字符{hostile}",
        f"bad name{hostile}",
        f"请改名{hostile}",
    )
    return CheckResult((finding,), 1)


def _no_command(out: str) -> None:
    for line in out.replace("\r\n", "\n").split("\n"):
        assert not line.lstrip().startswith(("::", "##[")), line


def _lines_are_lines(out: str) -> None:
    """Nothing a reader might take for a line break is left inside the output's lines."""
    for ch in ("\r", "\x85", "\u2028", "\u2029", "\x0b", "\x0c"):
        assert ch not in out


@pytest.mark.parametrize("case", CASES)
def test_the_text_report_names_the_character(case: str) -> None:
    out = text.render(_result(case))
    _no_command(out)
    _lines_are_lines(out)
    assert HOSTILE[case][1] in out
    assert "\ufeff" not in out and "\u202e" not in out


@pytest.mark.parametrize("case", CASES)
def test_the_github_format_stays_one_command_per_finding(case: str) -> None:
    out = github.render(_result(case))
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error file=submissions/")
    _lines_are_lines(out)
    code = HOSTILE[case][1].split()[0].removeprefix("U+")
    assert HOSTILE[case][1].split()[1] in out or f"%{code[-2:]}" in out
    assert "\ufeff" not in out and "\u202e" not in out


@pytest.mark.parametrize("case", CASES)
def test_the_markdown_comment_names_the_character(case: str) -> None:
    out = markdown.render(_result(case))
    _no_command(out)
    _lines_are_lines(out)
    assert HOSTILE[case][1] in out.replace("&#43;", "+")


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_the_audit_outputs_name_the_character(case: str, fmt: str) -> None:
    result = _result(case)
    report = audit.Audit(
        "a" * 40,
        "b" * 40,
        "c" * 40,
        (f"login{HOSTILE[case][0]}",),
        (Change("A", _path(case)),),
        result.findings,
    )
    out = audit.render(report, fmt)
    _no_command(out)
    if fmt == "json":  # data for machines: the exact path, JSON-escaped
        assert json.loads(out)["changes"][0]["path"] == _path(case)
        return
    _lines_are_lines(out)
    assert HOSTILE[case][1] in out.replace("&#43;", "+")


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_rank_names_the_character(case: str, fmt: str) -> None:
    standing = Standing("wuhan-x", 5, {"innovation": Fraction(20)}, Fraction(20), True, 1, False, "一等", "")
    out = ranking.render([standing], {"wuhan-x": f"{HOSTILE[case][0]}学会"}, 2026, fmt)
    _no_command(out)
    _lines_are_lines(out)
    assert HOSTILE[case][1] in out.replace("&#43;", "+")


@pytest.mark.parametrize("case", CASES)
def test_status_names_the_character(case: str) -> None:
    now = datetime(2026, 11, 26, 9, 0)
    state = CycleStatus(
        2026,
        now,
        date(2026, 11, 26),
        Publicity(None, None, "not_started", None),
        (("wuhan-x", "submitted"),),
        (
            Reminder(
                ReminderKind.COMMENDATION, "warning", _path(case), (("end", f"2026-12-01{HOSTILE[case][0]}"),)
            ),
        ),
    )
    out = status.render(state, "text", {"wuhan-x": f"{HOSTILE[case][0]}学会"})
    _no_command(out)
    _lines_are_lines(out)
    assert HOSTILE[case][1] in out


def test_json_keeps_the_exact_path() -> None:
    out = json_report.render(_result("newline"))
    _no_command(out)
    assert json.loads(out)["findings"][0]["file"] == _path("newline")


def test_a_value_that_starts_a_command_is_defused() -> None:
    assert inert("::add-mask::x") == "<U+003A>:add-mask::x"
    assert inert("##[error]x") == "<U+0023>#[error]x"
    assert inert_lines("ok\n  ::error::x\n\t##[group]y") == "ok\n  <U+003A>:error::x\n\t<U+0023>#[group]y"
    assert inert("a::b") == "a::b"


def test_visible_names_each_character_once_in_place() -> None:
    assert visible("a\nb") == "a<U+000A 换行>b"
    assert visible("a\r\nb", keep="\r\n") == "a\r\nb"
    assert visible("普通文字 plain") == "普通文字 plain"
    assert character_name("\u2029") == "U+2029 段分隔符"
    assert character_name("\x07") == "U+0007 控制字符"
    assert character_name("\u2061") == "U+2061 格式字符"
    assert unsafe_characters("a\nb\nc\u200b") == ("\n", "\u200b")


def test_a_path_starting_a_command_is_defused_in_the_text_report() -> None:
    finding = Finding("::error::x", 0, 0, "", "AUTH-001", Severity.ERROR, "五（二）", "无权", "no", "撤销")
    for out in (text.render(CheckResult((finding,), 1)), audit.render(_audit_of(finding), "text")):
        _no_command(out)
        assert "<U+003A>:error::x" in out


def _audit_of(finding: Finding) -> audit.Audit:
    return audit.Audit("a" * 40, "b" * 40, "c" * 40, ("x",), (Change("A", finding.file),), (finding,))


HOSTILE_ATTACHMENT = "submissions/2026/attachments/wuhan-mechanical-engineering/证明\n::error file=x::.pdf"


def test_a_whole_tree_check_refuses_the_name_and_prints_it_inert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_mini(tmp_path)
    (tmp_path / HOSTILE_ATTACHMENT).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / HOSTILE_ATTACHMENT).write_bytes(b"%PDF-1.4\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--now", "2026-11-26"]) == 1
    out = capsys.readouterr().out
    _no_command(out)
    assert "FILE-009" in out and "U+000A 换行" in out


def test_a_pull_request_and_the_audit_refuse_the_name(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    base = git(repo, "rev-parse", "HEAD")
    branch(repo, "hostile")
    write(repo, HOSTILE_ATTACHMENT, "%PDF-1.4\n")
    commit_all(repo, "an attachment")
    result, _ = check_pull_request(
        open_repo(repo), "main", "hostile", "mech-secretariat", parse_now("2026-10-20")
    )
    found = [f for f in result.findings if f.rule == "FILE-009"]
    assert [f.file for f in found] == [HOSTILE_ATTACHMENT]
    assert "U+000A 换行" in found[0].message_zh
    head = git(repo, "rev-parse", "hostile")
    report = audit.audit(open_repo(repo), base, base, head, ("mech-secretariat",))
    assert not report.ok and {f.rule for f in report.findings} == {"FILE-009"}
    out = audit.render(report, "text")
    _no_command(out)
    assert "证明<U+000A 换行>::error file=x::.pdf" in out


def test_a_printable_text_has_nothing_clean_drops() -> None:
    """``clean`` skips its character-by-character filter when ``str.isprintable()`` holds: no code point that
    is printable belongs to a category it drops (control, format, surrogate, private use, unassigned)."""
    import sys
    import unicodedata

    from generator import textsafe

    wrong = [
        cp
        for cp in range(sys.maxunicode + 1)
        if chr(cp).isprintable() and unicodedata.category(chr(cp)) in textsafe._DROP_CATEGORIES
    ]
    assert wrong == []
    assert textsafe.clean("甲\u200b乙\u202e丙\ue000丁") == "甲乙丙丁"

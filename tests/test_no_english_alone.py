"""No English alone where a Chinese reader looks (issue 25): every command's text output on the shipped
data, the ``--help`` of every subcommand and the pull-request comment are scanned for English words outside
code spans, identifiers, file paths, rule ids and a short allow-list. English beside Chinese (on a line
that also holds Chinese, before it) is a gloss and allowed; a line of English words with no Chinese fails."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator import cli
from generator.catalogue import ordered
from generator.yamlio import load_yaml
from tests.helpers import REPO

SUBCOMMANDS = (
    "check rules rank status build serve codeowners audit comment commit-status audit-actors workflows new letters"
).split()
NOW = "2026-12-06"
ALLOWED = {
    # names and formats a reader types or sees as they are
    "xuehui",
    "YAML",
    "UTF",
    "BOM",
    "JSON",
    "Markdown",
    "GitHub",
    "Actions",
    "Gitea",
    "Forgejo",
    "Git",
    "git",
    "HEAD",
    "Tab",
    "Word",
    "WPS",
    "Excel",
    "Windows",
    "PDF",
    "https",
    "http",
    "Unicode",
    "NFC",
    "NFD",
    "ok",
    "auto",
    "text",
    "github",
    "markdown",
    "json",
    "success",
    "failure",
    "error",
    "pending",
    "application",
    "CODEOWNERS",
    "API",
    "Shift",
    "ID",
    "GBK",
    *SUBCOMMANDS,
    "codeowners",
}


def _identifiers() -> set[str]:
    """Field names and code values of the schemas: identifiers a message names as they are written."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    found.update(value)
                if key in ("enum", "const", "required"):
                    found.update(
                        v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)
                    )
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in (REPO / "schemas").glob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    programme = load_yaml((REPO / "submissions" / "programme.yaml").read_bytes()).data
    _codes(programme, found)
    return found


def _codes(node: object, found: set[str]) -> None:
    """The programme's codes (expense categories, areas, kinds …): its keys and ASCII word values."""
    if isinstance(node, dict):
        found.update(k for k in node if isinstance(k, str))
        for value in node.values():
            _codes(value, found)
    elif isinstance(node, list):
        for item in node:
            _codes(item, found)
    elif isinstance(node, str) and re.fullmatch(r"[a-z_]+", node):
        found.add(node)


IDENTIFIERS = _identifiers()
_CODE = re.compile(
    r"`[^`]*`"  # code spans
    r"|<[^>]*>"  # markup
    r"|\{[^}]*\}|\[[^\]]*\]"  # option choices, usage brackets
    r"|https?://\S+"  # addresses
    r"|[\w.\-/]*/[\w.\-/<>]*"  # paths
    r"|--?[\w-]+"  # options
    r"|\b[A-Z]+-\d{3}\b"  # rule ids
    r"|\b\w+(?:[_.]\w+)+\b"  # identifiers (snake_case, dotted)
    r"|\b[a-z]+(?:-[a-z0-9]+)+\b"  # slugs (wuhan-mechanical-engineering)
    r"|[\w.+-]+@[\w.-]+"  # e-mail addresses
    r"|\b[A-Z][A-Z0-9_]{2,}\b"  # constants and environment variables
)
_WORD = re.compile(r"[A-Za-z]{2,}")
_CJK = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")


def _logical_lines(text: str) -> list[str]:
    """The lines a reader reads: markup entities decoded, a line indented 16 or more spaces (a wrapped
    help text, a hint under its finding, a title's English under its Chinese) or following an unclosed
    bracket joined to the one above,
    and the YAML of a rule's examples (indented four spaces under their heading) left out."""
    lines: list[str] = []
    in_example = False
    for raw in html.unescape(text).splitlines():
        if raw.endswith("：") and "示例" in raw:
            in_example = True
            continue
        if in_example and (raw.startswith("    ") or not raw.strip()):
            continue
        in_example = False
        if lines and (raw.startswith(" " * 16) or lines[-1].count("(") > lines[-1].count(")")):
            lines[-1] += " " + raw.strip()
        else:
            lines.append(raw)
    return lines


def english_alone(text: str, *, glosses: bool = True) -> list[str]:
    """The lines of ``text`` with an English word outside what is allowed and no Chinese before it (with
    ``glosses=False``, for what secretaries read — reports, status, the comment —: any English word)."""
    bad: list[str] = []
    for line in _logical_lines(text):
        stripped = _CODE.sub(" ", line)
        for word in _WORD.finditer(stripped):
            if word.group() in ALLOWED or word.group() in IDENTIFIERS:
                continue
            if not glosses or not _CJK.search(stripped[: word.start()]):
                bad.append(line)
                break
    return bad


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    return "".join(_streams(args, capsys))


def _streams(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    try:
        cli.main(args)
    except SystemExit:
        pass
    captured = capsys.readouterr()
    return captured.out, captured.err


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_help_has_no_english_alone(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    said = _run([command, "--help"], capsys)
    assert english_alone(said) == []


def test_main_help_has_no_english_alone(capsys: pytest.CaptureFixture[str]) -> None:
    assert english_alone(_run(["--help"], capsys)) == []


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--now", NOW],
        ["check", "--now", NOW, "--format", "markdown"],
        ["status", "--now", NOW],
        ["status", "--cycle", "2025", "--now", NOW],
        ["rank", "--cycle", "2025"],
        ["rules"],
    ],
)
def test_command_output_has_no_english_alone(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    said, notes = _streams(args, capsys)
    assert english_alone(said, glosses=args[0] == "rules") == []
    assert english_alone(notes) == []  # notes on stderr: a gloss beside Chinese at most


def test_every_explanation_has_no_english_alone(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    bad = {r.id: english_alone(_run(["rules", "--explain", r.id], capsys)) for r in ordered()}
    assert {k: v for k, v in bad.items() if v} == {}


def test_the_scan_finds_english_alone() -> None:
    assert english_alone("(0 errors, 4 warnings, 3 notices in 63 files)")
    assert english_alone("Checked 1 files: 0 errors")
    assert not english_alone("检查通过：63 个文件。 (0 errors in 63 files)")
    assert english_alone("检查通过：63 个文件。 (0 errors in 63 files)", glosses=False)
    assert not english_alone("见 `submissions/2026/call.yaml` 与 FUND-002、wuhan-mechanical-engineering")


def test_the_pull_request_comment_golden_has_no_english_alone() -> None:
    comment = (Path(__file__).parent / "golden" / "pr-comment.md").read_text(encoding="utf-8")
    assert english_alone(comment, glosses=False) == []

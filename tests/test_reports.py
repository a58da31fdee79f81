"""The four report formats, pinned by golden files, and the properties each promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.checker import CheckResult
from generator.findings import Finding, Severity
from generator.report import github, markdown, text
from generator.report import json as json_report
from tests.golden import compare
from tests.helpers import APP, SOCIETY, edit, mini_tree, run


def broken_result() -> CheckResult:
    tree = mini_tree()
    edit(tree, APP, "{category: governance,", "{category: personnel,")
    edit(tree, APP, "amount: 80000.00}", "amount: 80000.01}")
    edit(
        tree,
        APP,
        "item: 学会治理制度修订与培训,",
        "item: '办公室装修 @wuhan/office [链接](javascript:alert(1)) <script>x</script> | {: onclick=a }',",
    )
    edit(tree, SOCIETY, 'council_elected: "2022-06-18"', 'council_elected: "2020-06-18"')
    tree["submissions/2026/applications/Wrong Name.yml"] = b"a: 1\n"
    return run(tree)


def test_text_golden(update_golden: bool) -> None:
    compare("check.txt", text.render(broken_result()), update_golden)


def test_json_golden(update_golden: bool) -> None:
    compare("check.json", json_report.render(broken_result()), update_golden)


def test_markdown_golden(update_golden: bool) -> None:
    compare("check.md", markdown.render(broken_result()), update_golden)


def test_github_golden(update_golden: bool) -> None:
    compare("check.github.txt", github.render(broken_result()), update_golden)


def test_json_shape_is_the_public_interface() -> None:
    payload = json.loads(json_report.render(broken_result()))
    assert payload["version"] == 1
    assert set(payload["summary"]) >= {"files", "errors", "warnings"}
    for item in payload["findings"]:
        assert set(item) == {
            "file",
            "line",
            "column",
            "path",
            "rule",
            "severity",
            "clause",
            "message_zh",
            "message_en",
            "hint",
            "context",
        }
        assert item["context"] is False  # a whole tree's check has no pull-request context
        assert item["severity"] in ("error", "warning", "notice")


def test_text_aligns_chinese() -> None:
    out = text.render(broken_result()).splitlines()
    finding_lines = [line for line in out if " 错误 " in line or " 警告 " in line]
    starts = {text.display_width(line.split("[", 1)[0]) for line in finding_lines}
    assert len(starts) == 1


def test_github_most_severe_first_and_escaped() -> None:
    out = github.render(broken_result()).splitlines()
    kinds = [line.split(" ", 1)[0] for line in out]
    assert kinds == sorted(kinds, key=lambda k: {"::error": 0, "::warning": 1, "::notice": 2}[k])
    assert all("\n" not in line for line in out)
    finding = Finding("a,b:c.yaml", 1, 1, "", "X-1", Severity.ERROR, "三（一）", "50%\r\nx", "", "")
    rendered = github.render(CheckResult((finding,), 1))
    assert "file=a%2Cb%3Ac.yaml" in rendered and "50%25%0D%0Ax" in rendered


def test_markdown_user_text_is_inert() -> None:
    out = markdown.render(broken_result())
    assert out.startswith(markdown.MARKER)
    for dangerous in ("<script>", "@wuhan", "](javascript", "{: onclick", "javascript:"):
        assert dangerous not in out
    assert "&#124; &#123;&#58; onclick" in out  # the user's "|" cannot end a table cell


def test_markdown_stays_under_the_limit() -> None:
    findings = tuple(
        Finding(
            f"submissions/2026/applications/s{i:04}.yaml",
            i,
            1,
            "x",
            "FUND-001",
            Severity.ERROR,
            "五（三）",
            "很长的说明" * 50,
            "long",
            "提示" * 50,
        )
        for i in range(2000)
    )
    out = markdown.render(CheckResult(findings, 2000))
    assert len(out) < markdown.LIMIT
    assert "另有" in out


def test_json_pieces_make_the_same_text() -> None:
    """``render_chunks`` (what the CLI writes as it goes; ``render`` joins it) gives exactly
    ``json.dumps``'s text of ``as_dict``, with findings, without any, and with text that JSON must escape."""
    odd = Finding(
        APP, 3, 1, "a.b", "FUND-002", Severity.ERROR, "五（三）", '引号"与\\反斜杠\n换行\t', "en", "提示"
    )
    results = [broken_result(), CheckResult((), 0), run(mini_tree()), CheckResult((odd,), 1)]
    for result in results:
        expected = json.dumps(json_report.as_dict(result), ensure_ascii=False, indent=2) + "\n"
        assert "".join(json_report.render_chunks(result)) == json_report.render(result) == expected
    assert len(list(json_report.render_chunks(broken_result()))) > 10  # pieces, not one text


def test_cli_writes_pieces_as_one_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Batched writing gives the same bytes on standard output, into a new file and into a device."""
    from generator.commands.output import WRITE_BATCH_CHARS
    from generator.commands.output import write as _write

    pieces = ["{", "长" * (WRITE_BATCH_CHARS - 1), "x" * 3, "\n", "尾"] * 3
    whole = "".join(pieces)
    _write(iter(pieces), None)
    assert capsys.readouterr().out == whole
    _write(iter(pieces), str(tmp_path / "report.json"))
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == whole
    _write(whole, str(tmp_path / "again.json"))
    assert (tmp_path / "again.json").read_bytes() == whole.encode("utf-8")
    _write(iter(pieces), "/dev/null")

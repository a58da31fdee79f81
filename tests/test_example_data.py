"""The shipped example programme (``submissions/``) is valid and tells the intended story."""

from __future__ import annotations

import re

from generator.checker import CheckResult, check
from generator.clock import parse_now
from generator.kinds import KINDS, classify
from generator.repository import read_folder
from generator.rules.base import Context
from generator.rules.references import credit_code_valid
from tests.helpers import REPO


def shipped(now: str = "2026-11-26") -> CheckResult:
    return check(read_folder(REPO), Context(now=parse_now(now)))


def test_shipped_data_has_no_errors() -> None:
    result = shipped()
    assert result.errors == 0, [
        (f.file, f.rule, f.message_zh) for f in result.findings if f.severity.value == "error"
    ]


def test_intended_warnings_and_notices_only() -> None:
    result = shipped()
    got = sorted((f.file.rsplit("/", 1)[-1], f.rule) for f in result.findings)
    assert got == [
        ("results.yaml", "COMM-001"),  # the shared tree alone: what it left to the committee check
        ("wuhan-agriculture.yaml", "ELIG-005"),  # 换届 overdue
        ("wuhan-civil-engineering.yaml", "CONT-002"),  # continued support after the 2025 final 合格
        ("wuhan-computer.yaml", "CONT-002"),
        ("wuhan-electronics.yaml", "FUND-005"),  # 装修 in a budget line, for reviewers
        ("wuhan-geology.yaml", "BAN-001"),  # the banned society's application, rejected in formal review
        ("wuhan-geology.yaml", "EXCL-003"),
        ("wuhan-mechanical-engineering.yaml", "CONT-002"),
        ("wuhan-medical.yaml", "CONT-002"),
        ("wuhan-science-writers.yaml", "ELIG-003"),  # the 补正 missed: rejected in formal review, a notice
    ]
    assert all(f.severity.value == "notice" for f in result.findings if f.file.endswith("wuhan-geology.yaml"))


def test_every_file_is_known_and_starts_with_its_schema_comment() -> None:
    seen = set()
    for source in read_folder(REPO):
        kind = classify(source.path)
        assert kind is not None, source.path
        seen.add(kind.kind)
        first = (source.raw or b"").split(b"\n", 1)[0].decode()
        if kind.kind == "results":  # written by `xuehui rank --record`, with its own header
            assert first.startswith("# 专家评审汇总结果"), source.path
            continue
        match = re.fullmatch(
            r"# yaml-language-server: \$schema=((?:\.\./)+)schemas/([a-z-]+)\.schema\.json", first
        )
        assert match, source.path
        assert match.group(2) == kind.kind
        depth = source.path.count("/")
        assert len(match.group(1)) // 3 == depth, source.path
    assert seen >= set(KINDS)


def test_enough_societies_with_valid_codes() -> None:
    result = shipped()
    assert result.files >= 60
    societies = [s for s in read_folder(REPO) if s.path.startswith("submissions/societies/")]
    assert len(societies) >= 12
    for source in societies:
        code = re.search(rb"credit_code: \"?([0-9A-Z]{18})", source.raw or b"")
        assert code and credit_code_valid(code.group(1).decode()), source.path


def test_2026_has_at_least_ten_applications() -> None:
    apps = [s for s in read_folder(REPO) if s.path.startswith("submissions/2026/applications/")]
    assert len(apps) >= 10

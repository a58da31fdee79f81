"""Personal data outside the values of the data files (PRIV-005…008): YAML comments, file and folder names
(in whole-tree and pull-request checks alike), the text of PDF attachments; with the exemptions of
PRIV-001…004, masked, bounded and never raising."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import generator.pdftext as pdftext
import generator.rules.privacy as privacy
from generator.checker import CheckResult, check, check_selection, parse_source
from generator.clock import parse_now
from generator.findings import Finding, Severity
from generator.forge import open_repo
from generator.pullrequest import check_pull_request
from generator.repository import Source
from generator.rules.base import Context
from tests.gitrepo import branch, commit_all, make_repo
from tests.helpers import APP, mini_tree
from tests.pdfmaker import encrypted_pdf, make_pdf

NOW = "2026-10-20"
FOLDER = "submissions/2026/attachments/wuhan-mechanical-engineering"
CREDIT_CODE = "51420100500012358X"  # the mini society's
LINE = "      description: 参会代表420人，收录论文136篇。"


def _check(changes: dict[str, bytes | None], refused: dict[str, str] | None = None) -> CheckResult:
    tree: dict[str, bytes | None] = {**mini_tree(), **changes}
    sources = [Source(p, r) for p, r in tree.items() if r is not None]
    sources += [Source(p, None, why) for p, why in (refused or {}).items()]
    return check(sorted(sources, key=lambda s: s.path), Context(now=parse_now(NOW)))


def _with_line(new: str) -> dict[str, bytes | None]:
    raw = mini_tree()[APP].decode("utf-8")
    assert LINE in raw
    return {APP: raw.replace(LINE, new, 1).encode("utf-8")}


def _of(result: CheckResult, rule: str) -> list[Finding]:
    return [f for f in result.findings if f.rule == rule]


def _line_of(raw: bytes, text: str) -> int:
    return raw.decode("utf-8").splitlines().index(text) + 1


# --------------------------------------------------------------------------------------------- comments


def test_a_mobile_in_a_comment_is_found_at_its_line_and_column_masked() -> None:
    changes = _with_line(f"{LINE}  # 联系人手机 138-0000-0091")
    result = _check(changes)
    [found] = _of(result, "PRIV-005")
    raw = changes[APP]
    assert raw is not None
    assert (found.file, found.line, found.column) == (
        APP,
        _line_of(raw, f"{LINE}  # 联系人手机 138-0000-0091"),
        40,
    )
    assert "138******91" in found.message_zh and "手机号码" in found.message_zh
    assert found.severity is Severity.ERROR
    shown = " ".join((found.message_zh, found.message_en, found.hint, found.path))
    assert "0000" not in shown and "13800000091" not in shown
    assert _of(result, "PRIV-001") == []  # the value rule reads values only


def test_each_kind_in_a_comment_and_the_exemptions() -> None:
    changes = _with_line(f"{LINE}  # 身份证 11010519491231002X 邮箱 wangmin@mech.example.org")
    assert sorted(f.message_en.split(" (")[0] for f in _of(_check(changes), "PRIV-005")) == [
        "A YAML comment holds a personal e-mail address",
        "A YAML comment holds an ID number",
    ]
    exempt = _with_line(f"{LINE}  # 合作学会 {CREDIT_CODE}，咨询 xhzx@example.org，座机 027-87654321")
    assert _of(_check(exempt), "PRIV-005") == []


def test_a_hash_in_a_quoted_value_is_the_values_rule_not_the_comments() -> None:
    result = _check(_with_line('      description: "参会代表420人 # 联系 13800000091"'))
    assert [f.rule for f in result.findings if f.rule.startswith("PRIV")] == ["PRIV-001"]


def test_a_comment_in_a_block_scalar_is_text_and_its_header_comment_is_a_comment() -> None:
    result = _check(_with_line("      description: |  # 13800000091\n        参会代表420人 # 13900000092"))
    assert [
        (f.rule, f.message_zh.split("：")[0][-11:]) for f in result.findings if f.rule.startswith("PRIV")
    ] == [
        ("PRIV-001", "139******92"),
        ("PRIV-005", "138******91"),
    ]


def test_comments_are_read_in_a_file_that_fails_to_load() -> None:
    raw = b'society: wuhan-mechanical-engineering  # 13800000091\nbad: "open\n'
    [found] = _of(_check({APP: raw}), "PRIV-005")
    assert (found.line, found.column) == (1, 40)


def test_a_file_whose_comments_are_clean_is_not_scanned_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a file whose comment tails pass the whole-file prefilter is decoded and scanned a second time;
    one whose values alone hold personal data (an @) is not."""
    calls: list[str] = []
    real = privacy.comments
    monkeypatch.setattr(privacy, "comments", lambda text, wanted: calls.append(text) or real(text, wanted))
    parse_source(Source("submissions/2026/call.yaml", b"year: 2026  # 2026-09-20 (no personal data)\n"))
    parse_source(Source("submissions/2026/call.yaml", b"mail: a@example.org  # 2026-09-20\n"))
    assert calls == []
    parse_source(Source("submissions/2026/call.yaml", b"year: 2026  # 13800000091\n"))
    assert len(calls) == 1


# ------------------------------------------------------------------------------------------------- names


def test_an_id_number_in_an_attachments_file_name() -> None:
    path = f"{FOLDER}/11010519491231002X.pdf"
    [found] = _of(_check({path: make_pdf(["council resolution"])}), "PRIV-006")
    assert (found.file, found.line, found.column, found.path) == (path, 0, 0, "")
    assert found.message_zh.startswith("文件名中出现身份证号码") and "110*************2X" in found.message_zh
    assert "11010519491231002X" not in found.message_zh + found.message_en + found.hint


def test_a_folder_name_counts_for_every_file_below_it_whatever_the_file_is() -> None:
    notes, image = "submissions/2026/13800000091/notes.txt", "submissions/2026/13800000091/a.png"
    result = _check({notes: b"x", image: b"y"}, refused={"submissions/wangmin@mech.example.org": "符号链接"})
    assert {(f.file, f.message_en.split(" holds")[0]) for f in _of(result, "PRIV-006")} == {
        (notes, "The folder name"),
        (image, "The folder name"),
        ("submissions/wangmin@mech.example.org", "The file name"),
    }


def test_a_societys_credit_code_as_a_file_name_is_public() -> None:
    assert _of(_check({f"{FOLDER}/{CREDIT_CODE}-登记证书.pdf": make_pdf(["certificate"])}), "PRIV-006") == []


def test_a_pull_request_adding_a_named_attachment(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    branch(repo, "attach")
    path = f"{FOLDER}/13800000091.pdf"
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_bytes(make_pdf(["council resolution"]))
    commit_all(repo, "attach")
    result, _ = check_pull_request(open_repo(repo), "main", "HEAD", "mech-secretariat", parse_now(NOW))
    assert [(f.file, f.line) for f in _of(result, "PRIV-006")] == [(path, 0)]


def test_a_one_file_check_of_a_named_file_reads_the_exemptions() -> None:
    tree = {
        **mini_tree(),
        f"{FOLDER}/{CREDIT_CODE}.pdf": make_pdf(["certificate"]),
        f"submissions/2026/{CREDIT_CODE}/notes.txt": b"x",
        f"{FOLDER}/13800000091.pdf": make_pdf(["x"]),
    }
    sources = [Source(p, r) for p, r in sorted(tree.items())]
    ctx = Context(now=parse_now(NOW))
    whole = check(sources, ctx)
    for source in sources:
        if "attachments" in source.path or "notes" in source.path:
            result = check_selection(
                [source], list(tree), lambda wanted: [s for s in sources if wanted(s.path)], ctx
            )
            assert result.findings == tuple(f for f in whole.findings if f.file == source.path), source.path


# -------------------------------------------------------------------------------------------------- PDFs


def test_personal_data_in_a_pdf_is_a_warning_naming_its_pages() -> None:
    path = f"{FOLDER}/signatures.pdf"
    pdf = make_pdf(
        ["Council resolution", "Tel 138-0000-0091", "Tel 13800000091 again", f"Code {CREDIT_CODE}"]
    )
    result = _check({path: pdf})
    [found] = _of(result, "PRIV-007")
    assert (found.file, found.line, found.severity) == (path, 0, Severity.WARNING)
    assert found.message_zh.startswith("PDF 附件第 2、3 页的文字中出现手机号码 138******91")
    assert "on page 2, 3" in found.message_en
    assert _of(result, "PRIV-008") == []


def test_many_pages_are_counted_not_listed() -> None:
    pdf = make_pdf([f"Tel 1380000009{i}" for i in range(8)])
    [found] = _of(_check({f"{FOLDER}/a.pdf": pdf}), "PRIV-007")
    assert "第 1、2、3、4、5 等 8 页" in found.message_zh and "and 3 more" in found.message_en


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (encrypted_pdf(["Tel 13800000091"]), "PDF 附件已加密"),
        (make_pdf(["Tel 13800000091"])[:200], "PDF 附件无法读取"),
        (b"", "PDF 附件无法读取"),
        (b"\x89PNG\r\n\x1a\n not a pdf", "PDF 附件无法读取"),
    ],
    ids=["encrypted", "truncated", "empty", "not-a-pdf"],
)
def test_an_unreadable_pdf_is_a_notice(raw: bytes, said: str) -> None:
    result = _check({f"{FOLDER}/a.pdf": raw})
    [notice] = _of(result, "PRIV-008")
    assert notice.severity is Severity.NOTICE and notice.message_zh.startswith(said)
    assert _of(result, "PRIV-007") == []


def test_work_is_capped_in_pages_and_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdftext, "MAX_PAGES", 2)
    read = pdftext.pdf_text(make_pdf(["one", "two", "Tel 13800000091"]))
    assert (read.pages, read.problem, read.page_count) == (("one", "two"), pdftext.TOO_MANY_PAGES, 3)
    monkeypatch.setattr(pdftext, "MAX_PDF_BYTES", 100)
    assert pdftext.pdf_text(make_pdf(["one"])).problem == pdftext.TOO_LARGE


def test_a_hostile_pdf_never_raises() -> None:
    good = make_pdf(["Tel 13800000091", "second page"])
    rng = random.Random(21)
    for _ in range(60):
        raw = bytearray(good)
        for _ in range(rng.randint(1, 12)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        cut = bytes(raw[: rng.randint(0, len(raw))]) if rng.random() < 0.3 else bytes(raw)
        read = pdftext.pdf_text(cut)
        assert read.problem in (None, pdftext.UNREADABLE, pdftext.ENCRYPTED, pdftext.TOO_MANY_PAGES)


def test_an_image_is_not_read() -> None:
    assert _of(_check({f"{FOLDER}/scan.png": b"13800000091"}), "PRIV-007") == []


def test_every_message_of_the_new_rules_fills_every_placeholder() -> None:
    from generator.rules import RULES_BY_ID

    values = {
        "masked": "138******91",
        "where": "文件名",
        "where_en": "file name",
        "pages": "2 ",
        "pages_en": "2",
    }
    values |= {"max_mb": 12, "max_pages": 40}
    for rule_id in ("PRIV-005", "PRIV-006", "PRIV-007", "PRIV-008"):
        for variant in RULES_BY_ID[rule_id].messages:
            for text in RULES_BY_ID[rule_id].text(variant, **values):
                assert "{" not in text and "}" not in text, (rule_id, variant, text)

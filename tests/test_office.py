"""``xuehui office``: each command on a real temporary git repository copied from the shipped tree: the
record written with its comments kept, the diff and the Chinese commit message printed, ``--commit``
committing with that message, invalid input refused with nothing written, and the tree still free of
errors afterwards (the same check as ``xuehui check``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import cli
from generator.checker import check
from generator.clock import parse_now
from generator.findings import Severity
from generator.repository import list_folder
from generator.rules.base import Context
from tests.gitrepo import commit_all, git
from tests.helpers import REPO

DECISIONS_2026 = "submissions/2026/decisions.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped tree (submissions/ and the example committee repository) in a git repository of its own."""
    root = tmp_path / "programme"
    shutil.copytree(REPO / "submissions", root / "submissions")
    shutil.copytree(REPO / "examples" / "committee", root / "examples" / "committee")
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    commit_all(root, "base")
    monkeypatch.chdir(root)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "办公室")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "office@example.org")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "办公室")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "office@example.org")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    return root


def office(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(["office", *args])
    out, err = capsys.readouterr()
    return code, out, err


def errors(root: Path, now: str) -> list[tuple[str, str]]:
    result = check(list_folder(root), Context(now=parse_now(now)))
    return [(f.file, f.rule) for f in result.findings if f.severity is Severity.ERROR]


def status(root: Path) -> str:
    return git(root, "status", "--porcelain", "--untracked-files=all")


def test_open_cycle_writes_the_call_and_decisions_and_commits(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = office(["open-cycle", "--year", "2027", "--now", "2027-08-20", "--commit"], capsys)
    assert code == 0, err
    call = (repo / "submissions/2027/call.yaml").read_text(encoding="utf-8")
    assert "cycle: 2027" in call and 'deadline: "2027-10-31T17:00:00+08:00"' in call
    assert "2025、2026年度社团年检" in call and "请逐项确认" in call
    assert "# 发布单位" not in call and "# 发文单位" in call  # the comments of the 2026 call are kept
    assert (repo / "submissions/2027/decisions.yaml").read_text(encoding="utf-8").endswith("cycle: 2027\n")
    assert "+++ b/submissions/2027/call.yaml" in out and "Xuehui-Office: open-cycle" in out
    message = git(repo, "log", "-1", "--format=%B")
    assert message.startswith("办公室：开启2027年度专项") and message.endswith("Xuehui-Office: open-cycle")
    assert status(repo) == "" and errors(repo, "2027-08-20") == []
    code, _, err = office(["open-cycle", "--year", "2027", "--now", "2027-08-20"], capsys)
    assert code == 1 and "已存在" in err and "未写入" in err


def test_publish_call_confirms_it_and_takes_the_note_out(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office(["open-cycle", "--year", "2027", "--now", "2027-08-20"], capsys)
    code, out, err = office(
        [
            "publish-call",
            "--cycle",
            "2027",
            "--published",
            "2027-09-02",
            "--doc-number",
            "武科协〔2027〕20号",
            "--now",
            "2027-09-02",
        ],
        capsys,
    )
    assert code == 0, err
    call = (repo / "submissions/2027/call.yaml").read_text(encoding="utf-8")
    assert 'published: "2027-09-02"' in call and "武科协〔2027〕20号" in call and "请逐项确认" not in call
    assert "Xuehui-Office: publish-call" in out


def test_formal_review_keeps_comments_and_layout(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / DECISIONS_2026
    original = path.read_text(encoding="utf-8")
    line = "    wuhan-materials: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}\n"
    path.write_text(original.replace(line, ""), encoding="utf-8")
    commit_all(repo, "materials not yet recorded")
    code, out, err = office(
        [
            "formal-review",
            "--cycle",
            "2026",
            "--date",
            "2026-11-06",
            "--passed",
            "wuhan-materials",
            "--verified",
            "--now",
            "2026-11-06",
            "--commit",
        ],
        capsys,
    )
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    assert sorted(after.splitlines()) == sorted(original.splitlines())  # the same lines, the new one appended
    assert "# 形式审查" in after and "# pending 处理中" in after
    assert "+" + line.rstrip("\n") in out.splitlines()
    assert git(repo, "log", "-1", "--format=%s") == "办公室：记录2026年度形式审查结果（1个学会）"
    assert status(repo) == "" and errors(repo, "2026-11-26") == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--passed", "wuhan-mechanical-engineering"], "已记录"),
        (["--passed", "wuhan-nobody"], "wuhan-nobody"),
        (["--failed", "wuhan-optics"], "学会代号=内容"),
        ([], "没有要记录的结果"),
    ],
)
def test_formal_review_refuses_bad_input_and_writes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    before = (repo / DECISIONS_2026).read_bytes()
    code, _, err = office(["formal-review", "--cycle", "2026", "--date", "2026-11-06", *args], capsys)
    assert code == 1 and said in err and "Traceback" not in err
    assert (repo / DECISIONS_2026).read_bytes() == before and status(repo) == ""


def test_commendation_is_refused_while_an_objection_is_pending(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The check, not the command, knows the rule: the new error is printed and nothing is written."""
    args = ["objection", "--cycle", "2026", "--id", "2026-yy-02", "--received", "2026-11-28"]
    args += [
        "--society",
        "wuhan-nursing",
        "--summary",
        "反映其科普活动场次偏多",
        "--now",
        "2026-11-28",
        "--commit",
    ]
    code, _out, err = office(args, capsys)
    assert code == 0, err
    code, out, err = office(
        [
            "commend",
            "--cycle",
            "2026",
            "--date",
            "2026-12-10",
            "--doc-number",
            "武科协〔2026〕30号",
            "--left-out",
            "wuhan-materials=递补公示尚未期满",
            "--now",
            "2026-12-10",
        ],
        capsys,
    )
    assert code == 1 and "DEC-007" in err and "不写入" in err
    assert "+  doc_number: 武科协〔2026〕30号" in out  # the diff it would have written is shown
    assert status(repo) == ""


def test_commendation_after_an_upheld_objection_and_a_substitution_then_inspection(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The shipped 2026 story: the objection against automation was upheld, materials moved up with its own
    publicity (to 2026-12-13). Commending on 12-10 leaves automation out, and materials too, with a reason."""
    commend = ["commend", "--cycle", "2026", "--date", "2026-12-10", "--doc-number", "武科协〔2026〕30号"]
    code, out, err = office([*commend, "--now", "2026-12-10"], capsys)
    assert code == 1 and "wuhan-materials" in err and "--left-out" in err  # its own publicity has not ended
    assert status(repo) == ""  # nothing written
    reason = "wuhan-materials=递补公示至2026-12-13期满，期满后另行表彰"
    code, out, err = office([*commend, "--left-out", reason, "--now", "2026-12-10", "--commit"], capsys)
    assert code == 0, err
    text = (repo / DECISIONS_2026).read_text(encoding="utf-8")
    assert "    - {society: wuhan-computer, tier: 一等, amount: 200000.00}" in text
    assert "    - {society: wuhan-agriculture, tier: 二等, amount: 100000.00}" in text
    assert "society: wuhan-automation, tier" not in text.split("commendation:")[1]  # the upheld objection
    assert "{society: wuhan-materials, reason: 递补公示至2026-12-13期满，期满后另行表彰}" in text
    assert "&" not in text.split("commendation:")[1]  # no anchors: the strict loader refuses them
    assert "- wuhan-computer：一等，200,000.00 元" in out
    assert git(repo, "log", "-1", "--format=%s") == "办公室：2026年度通报表彰（武科协〔2026〕30号，7个学会）"
    assert errors(repo, "2026-12-10") == []
    code, out, err = office(
        [
            "inspection",
            "--cycle",
            "2026",
            "--stage",
            "midterm",
            "--date",
            "2027-07-20",
            "--passed",
            "wuhan-medical=进度符合计划",
            "--failed",
            "wuhan-optics=未表彰",
            "--now",
            "2027-07-21",
        ],
        capsys,
    )
    assert code == 1 and "wuhan-optics" in err  # not commended in 2026
    code, out, err = office(
        [
            "inspection",
            "--cycle",
            "2026",
            "--stage",
            "midterm",
            "--date",
            "2027-07-20",
            "--passed",
            "wuhan-medical=进度符合计划",
            "--now",
            "2027-07-21",
        ],
        capsys,
    )
    assert code == 0, err
    assert "      wuhan-medical: {result: 合格, note: 进度符合计划}" in (repo / DECISIONS_2026).read_text(
        "utf-8"
    )


def test_objection_is_recorded_without_the_complainant(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["objection", "--cycle", "2026", "--id", "2026-yy-02", "--received", "2026-11-28"]
    args += ["--society", "wuhan-nursing", "--summary", "反映其科普活动场次偏多", "--now", "2026-11-28"]
    code, _out, err = office(args, capsys)
    assert code == 0, err
    assert '  - id: 2026-yy-02\n    received: "2026-11-28"\n' in (repo / DECISIONS_2026).read_text("utf-8")
    code, _, err = office(args, capsys)
    assert code == 1 and "已存在" in err


def test_publicity_already_recorded_is_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = office(
        ["publicity", "--cycle", "2026", "--start", "2026-11-25", "--doc-number", "武科协〔2026〕25号"],
        capsys,
    )
    assert code == 1 and "已记录" in err and status(repo) == ""


def test_committee_writes_members_and_one_empty_sheet_each(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office(["open-cycle", "--year", "2027", "--now", "2027-08-20", "--commit"], capsys)
    committee = repo / "examples" / "committee"
    code, _out, err = office(
        [
            "committee",
            "--cycle",
            "2027",
            "--committee",
            str(committee),
            "--member",
            "expert-zhao",
            "expert-li",
            "--now",
            "2027-11-10",
            "--commit",
        ],
        capsys,
    )
    assert code == 0, err
    assert (
        (committee / "2027/committee.yaml").read_text("utf-8").endswith("members: [expert-zhao, expert-li]\n")
    )
    sheet = (committee / "2027/reviews/expert-li.yaml").read_text(encoding="utf-8")
    assert "expert: expert-li" in sheet and "scores: []" in sheet and "review.schema.json" in sheet
    assert "Xuehui-Office: committee" in git(repo, "log", "-1", "--format=%B")
    assert status(repo) == ""
    code, _, err = office(
        ["committee", "--cycle", "2027", "--committee", str(committee), "--member", "expert-nobody"], capsys
    )
    assert code == 1 and "expert-nobody" in err


def test_sanction_and_correction_are_appended(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sanctions = repo / "submissions/office/sanctions.yaml"
    mode = sanctions.stat().st_mode
    code, _out, err = office(
        [
            "sanction",
            "--id",
            "2027-cf-001",
            "--society",
            "wuhan-materials",
            "--decided",
            "2027-03-01",
            "--kind",
            "criticism",
            "--summary",
            "举办活动未按规定报批，已整改。",
            "--doc-number",
            "武民社〔2027〕3号",
            "--now",
            "2027-03-02",
        ],
        capsys,
    )
    assert code == 0, err
    text = sanctions.read_text(encoding="utf-8")
    assert "    reclaim_amount: 0.00\n" in text and "# fraud (弄虚作假" in text
    assert sanctions.stat().st_mode == mode
    code, _, err = office(
        [
            "sanction",
            "--id",
            "2027-cf-002",
            "--society",
            "wuhan-materials",
            "--decided",
            "2027-03-01",
            "--kind",
            "fraud",
            "--summary",
            "虚报",
            "--doc-number",
            "x",
            "--reclaim",
            "5000",
            "--now",
            "2027-03-02",
        ],
        capsys,
    )
    assert code == 1 and "SANC-001" in err  # reclaiming needs the award's cycle: the check says so
    code, _out, err = office(
        [
            "correction",
            "--id",
            "2027-gz-001",
            "--date",
            "2027-03-02",
            "--cycle",
            "2025",
            "--path",
            "submissions/2025/reports/wuhan-optics.final.yaml",
            "--reason",
            "备注中的错字更正，不影响结论。",
            "--record",
            "2025年度总结验收",
            "--now",
            "2027-03-02",
        ],
        capsys,
    )
    assert code == 0, err
    assert "  - id: 2027-gz-001\n" in (repo / "submissions/office/corrections.yaml").read_text("utf-8")
    code, _, err = office(
        [
            "correction",
            "--id",
            "2027-gz-002",
            "--date",
            "2027-03-02",
            "--cycle",
            "2025",
            "--path",
            "submissions/2025/nothing.yaml",
            "--reason",
            "x",
        ],
        capsys,
    )
    assert code == 1 and "submissions/2025/nothing.yaml" in err


def test_dry_run_writes_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = office(["open-cycle", "--year", "2027", "--now", "2027-08-20", "--dry-run"], capsys)
    assert code == 0 and "试运行" in out and "+++ b/submissions/2027/call.yaml" in out
    assert status(repo) == ""


def test_the_extra_is_named_when_missing(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.commands import office as command

    monkeypatch.setattr(command, "_importable", lambda module: module != "ruamel.yaml")
    code, _, err = office(["open-cycle", "--year", "2027"], capsys)
    assert code == 2 and "xuehui[office]" in err and "ruamel.yaml" in err


def test_edited_keeps_the_lines_it_did_not_touch() -> None:
    from generator.office.edit import edited, load

    text = (
        "# 注释\nlines:\n"
        "  - {category: academic_exchange,     item: 论坛, amount: 70000.00}\n"
        "  - {category: standards,             item: 标准, amount: 40000.00}\n"
        "commit: null   # 保留\n"
        "done: false\n"
    )
    data = load(text)
    data["done"] = True
    assert edited(text, data) == text.replace("done: false", "done: true")


def test_formal_review_on_another_date_is_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / DECISIONS_2026
    line = "    wuhan-materials: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}\n"
    path.write_text(path.read_text(encoding="utf-8").replace(line, ""), encoding="utf-8")
    before = path.read_bytes()
    code, _, err = office(
        ["formal-review", "--cycle", "2026", "--date", "2026-11-07", "--passed", "wuhan-materials"], capsys
    )
    assert code == 1 and "2026-11-06" in err and path.read_bytes() == before


def test_a_supplement_requested_then_received(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """补正: the request (items, deadline) on the society's recorded result, then the material received; a
    second request, or a receipt without a request, is refused with nothing written."""
    ask = ["supplement", "--cycle", "2026", "--society", "wuhan-computer", "--requested", "2026-11-03"]
    code, out, err = office(
        [*ask, "--due", "2026-11-10", "--item", "财务人员任职证明", "--now", "2026-11-04"], capsys
    )
    assert code == 0, err
    text = (repo / DECISIONS_2026).read_text(encoding="utf-8")
    assert "supplement: {requested: " in text and "items: [财务人员任职证明]" in text
    assert "Xuehui-Office: supplement" in out
    code, _, err = office([*ask, "--due", "2026-11-12", "--item", "再次", "--now", "2026-11-05"], capsys)
    assert code == 1 and "已有补正要求" in err
    got = ["supplement", "--cycle", "2026", "--society", "wuhan-computer", "--received", "2026-11-08"]
    code, out, err = office([*got, "--now", "2026-11-09"], capsys)
    assert code == 0, err
    assert 'received: "2026-11-08"' in (repo / DECISIONS_2026).read_text(encoding="utf-8")
    assert errors(repo, "2026-11-26") == []
    other = ["supplement", "--cycle", "2026", "--society", "wuhan-medical", "--received", "2026-11-08"]
    code, _, err = office([*other, "--now", "2026-11-09"], capsys)
    assert code == 1 and "没有补正要求" in err


def test_a_payment_creates_the_cycles_record_and_an_overpayment_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The 2025 tranches are all paid: one more is more than the tranche (PAY-002), refused. A payment of a
    cycle without payments.yaml creates it (here 2026, once commended)."""
    again = ["payment", "--cycle", "2025", "--society", "wuhan-medical", "--tranche", "2"]
    code, _, err = office(
        [*again, "--date", "2026-09-01", "--amount", "80000", "--doc-number", "x号", "--now", "2026-09-02"],
        capsys,
    )
    assert code == 1 and "PAY-002" in err and status(repo) == ""
    code, _, err = office(
        ["commend", "--cycle", "2026", "--date", "2026-12-15", "--doc-number", "武科协〔2026〕30号",
         "--left-out", "wuhan-materials=递补公示期满后另行表彰", "--now", "2026-12-15"],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    pay = ["payment", "--cycle", "2026", "--society", "wuhan-computer", "--tranche", "1"]
    code, out, err = office([*pay, "--date", "2026-12-22", "--amount", "120000.00", "--doc-number", "武科协财〔2026〕40号", "--now", "2026-12-23"], capsys)  # fmt: skip
    assert code == 0, err
    created = (repo / "submissions/2026/payments.yaml").read_text(encoding="utf-8")
    assert '- {society: wuhan-computer, tranche: 1, date: "2026-12-22", amount: 120000.00' in created
    assert "120,000.00 元" in out and errors(repo, "2026-12-23") == []
    code, _, err = office(["payment", "--cycle", "2026", "--society", "wuhan-x", "--tranche", "1", "--date", "2026-12-22", "--amount", "1", "--doc-number", "y", "--now", "2026-12-23"], capsys)  # fmt: skip
    assert code == 1 and "不是 2026 年度受表彰的学会" in err


def _without(text: str, *keys: str) -> str:
    """``text`` (a decisions.yaml) without the top-level blocks ``keys``."""
    kept: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        if line[:1] not in (" ", "\n", "#", "") or line.startswith(tuple(f"{k}:" for k in keys)):
            skipping = line.startswith(tuple(f"{k}:" for k in keys))
        if not skipping:
            kept.append(line)
    return "".join(kept)


def test_reconsideration_and_substitution_write_what_the_office_would_type(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """复核 and 递补 by command: with the shipped 2026 story's 复核 and 递补 taken out, the three commands write
    them back as the shipped file has them (data equal), each one commit; bad input is refused and a
    substitute the call's rule does not name is refused by the check, with nothing written."""
    import yaml

    shipped = yaml.safe_load((REPO / DECISIONS_2026).read_text(encoding="utf-8"))
    path = repo / DECISIONS_2026
    path.write_text(_without(path.read_text(encoding="utf-8"), "reconsiderations", "substitutions"), "utf-8")
    commit_all(repo, "without 复核 and 递补")
    sub = ["substitution", "--cycle", "2026", "--decided", "2026-12-02"]
    sub += ["--reason", shipped["substitutions"][0]["reason"], "--start", "2026-12-04"]
    sub += ["--doc-number", "武科协〔2026〕27号", "--now", "2026-12-04", "--commit"]
    code, _out, err = office([*sub, "--replaces", "wuhan-automation", "--society", "wuhan-optics"], capsys)
    assert code == 1 and "SUBST-002" in err  # not the one the call's rule names
    code, _out, err = office([*sub, "--replaces", "wuhan-optics", "--society", "wuhan-materials"], capsys)
    assert code == 1 and "wuhan-optics 不在 2026 年度的拟表彰名单中" in err
    assert status(repo) == ""
    code, out, err = office([*sub, "--replaces", "wuhan-automation", "--society", "wuhan-materials"], capsys)
    assert code == 0, err
    assert "Xuehui-Office: substitution" in out
    assert (
        git(repo, "log", "-1", "--format=%s")
        == "办公室：2026年度由 wuhan-materials 递补 wuhan-automation（二等）"
    )
    ask = ["reconsideration", "--cycle", "2026", "--id", "2026-fh-01", "--society", "wuhan-automation"]
    code, _out, err = office([*ask, "--concerning", "2026-yy-09", "--received", "2026-12-03"], capsys)
    assert code == 1 and "formal_review" in err
    code, out, err = office(
        [*ask, "--concerning", "2026-yy-01", "--received", "2026-12-03", "--now", "2026-12-03", "--commit"],
        capsys,
    )
    assert code == 0, err
    done = ["reconsideration-outcome", "--cycle", "2026", "--id", "2026-fh-01", "--status", "dismissed"]
    done += ["--resolved", "2026-12-05", "--outcome", shipped["reconsiderations"][0]["outcome"]]
    code, out, err = office([*done, "--now", "2026-12-05", "--commit"], capsys)
    assert code == 0, err
    assert "维持原结论" in out and "Xuehui-Office: reconsideration-outcome" in out
    code, _out, err = office([*done, "--now", "2026-12-05"], capsys)
    assert code == 1 and "已有结论" in err
    text = path.read_text(encoding="utf-8")
    order = [text.index(f"\n{key}:") for key in ("objections", "reconsiderations", "substitutions")]
    assert order == sorted(order)  # in the file's order whichever was written first
    written = yaml.safe_load(text)
    for key in ("reconsiderations", "substitutions"):
        assert written[key] == shipped[key], key
    assert errors(repo, "2026-12-06") == []
    assert status(repo) == ""

"""``xuehui office substitution``: 递补 — a society moved up in place of one taken off the proposed list (an
upheld objection), with its own publicity (四（二）、四（三））. That the call allows it, that the substitute is
the one its rule names (``publicity.substitution: next_in_category``), and that the publicity is long enough
and after the decision are the rules' business (SUBST-001…005, PUBL-001): the command refuses to write what
would add an error."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.office.edit import (
    Draft,
    Refused,
    Workspace,
    block,
    cycle_record,
    iso_date,
    known_society,
    listed,
    seq,
)
from generator.office.publicity import CHANNELS


@dataclass(frozen=True, slots=True)
class Substitute:
    """What the office decided: who moves up, in whose place, when and why, and its own publicity."""

    society: str
    replaces: str
    decided: str
    reason: str
    start: str
    doc_number: str | None = None
    title: str | None = None
    channels: Sequence[str] = ()


def substitution(workspace: Workspace, cycle: int, given: Substitute) -> Draft:
    record = cycle_record(workspace, cycle)
    decided = iso_date(given.decided, "--decided")
    start = iso_date(given.start, "--start")
    known_society(workspace, given.society)
    proposed = {
        p.get("society"): p.get("tier") for p in record.data.get("proposed") or [] if isinstance(p, dict)
    }
    if given.replaces not in proposed:
        raise Refused(f"{given.replaces} 不在 {cycle} 年度的拟表彰名单中：递补只替代名单上被移出的学会。")
    if not given.reason.strip():
        raise Refused("--reason 不能为空：写明递补的依据，如 异议2026-yy-01成立，按同类别排名依次递补。")
    subs = listed(record, "substitutions")
    if any(isinstance(s, dict) and s.get("society") == given.society for s in subs):
        raise Refused(f"{given.society} 已经递补过：要改正，请按更正程序编辑文件。")
    channels = list(given.channels or CHANNELS)
    publicity: dict[str, object] = {"start": start}
    if given.doc_number and given.doc_number.strip():
        publicity["doc_number"] = given.doc_number.strip()
    title = given.title or f"关于{cycle}年度学会能力提升专项递补拟表彰学会的公示"
    publicity.update(title=title, channels=seq(channels, one_line=True))
    tier = str(proposed[given.replaces])
    subs.append(
        block(
            {
                "society": given.society,
                "tier": tier,
                "replaces": given.replaces,
                "decided": decided,
                "reason": given.reason.strip(),
                "publicity": block(publicity),
            }
        )
    )
    return Draft(
        "substitution",
        f"办公室：{cycle}年度由 {given.society} 递补 {given.replaces}（{tier}）",
        (
            f"{given.decided} 决定：{given.reason.strip()}",
            f"递补公示自 {given.start} 起，渠道：{'、'.join(channels)}",
            f"标题：{title}",
        ),
        (record.change(),),
    )

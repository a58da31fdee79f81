"""``xuehui office sanction``: a decision against a society (三（二）、五（二）) appended to
``submissions/office/sanctions.yaml``; the site publishes its notice from this record."""

from __future__ import annotations

from dataclasses import dataclass

from generator.kinds.sanctions import KIND as SANCTIONS
from generator.model import fmt_money
from generator.office.edit import Draft, Refused, Workspace, block, iso_date, known_society, money

KINDS = {"fraud": "弄虚作假", "violation": "违纪违法", "criticism": "通报批评或处罚"}


@dataclass(frozen=True, slots=True)
class Sanction:
    ident: str
    society: str
    decided: str
    kind: str
    summary: str
    doc_number: str
    cycle: int | None = None
    revoke_award: bool = False
    reclaim: str = "0"
    bans: bool = False


def sanction(workspace: Workspace, given: Sanction) -> Draft:
    record = workspace.record(SANCTIONS.path())
    day = iso_date(given.decided, "--decided")
    if given.kind not in KINDS:
        raise Refused(
            f"--kind 只能是 fraud（弄虚作假）、violation（违纪违法）或 criticism（通报批评），不是“{given.kind}”。"
        )
    known_society(workspace, given.society)
    if not given.summary.strip() or not given.doc_number.strip():
        raise Refused("--summary 和 --doc-number 不能为空：写明查实的事实和处理决定的文号。")
    entries = record.data.get("sanctions")
    if entries is None or any(isinstance(e, dict) and e.get("id") == given.ident for e in entries):
        raise Refused(f"处理决定编号 {given.ident} 已存在（或文件中没有 sanctions 列表）：请用一个新的编号。")
    amount = money(given.reclaim, "--reclaim")
    fields: dict[str, object] = {
        "id": given.ident,
        "society": given.society,
        "decided": day,
        "kind": given.kind,
    }
    if given.cycle is not None:
        fields["cycle"] = given.cycle
    fields.update(
        summary=given.summary.strip(),
        revoke_award=given.revoke_award,
        reclaim_amount=amount,
        bans_applications=given.bans,
        doc_number=given.doc_number.strip(),
    )
    entries.append(block(fields))
    return Draft(
        "sanction",
        f"办公室：记录对{given.society}的处理决定 {given.ident}（{given.doc_number.strip()}）",
        (
            f"{given.decided}，{KINDS[given.kind]}：{given.summary.strip()}",
            f"撤销奖励：{'是' if given.revoke_award else '否'}；收回 {fmt_money(amount)} 元；取消申报资格：{'是' if given.bans else '否'}",
        ),
        (record.change(),),
    )

"""``xuehui office correction``: the public record of a correction to a closed or frozen file (appended to
``submissions/office/corrections.yaml``; it goes in the same commit as the change it explains)."""

from __future__ import annotations

from generator.kinds.corrections import KIND as CORRECTIONS
from generator.office.edit import Draft, Refused, Workspace, iso_date


def correction(
    workspace: Workspace, ident: str, when: str, cycle: int, path: str, reason: str, concerning: str | None
) -> Draft:
    from generator.office.edit import block

    record = workspace.record(CORRECTIONS.path())
    day = iso_date(when, "--date")
    if not (workspace.shared / path).is_file() or not path.startswith("submissions/"):
        raise Refused(f"{path} 不是共享仓库 submissions/ 下的文件：--path 写被更正文件的仓库路径。")
    if not reason.strip():
        raise Refused("--reason 不能为空：写明改了什么、依据什么、是否影响结论。")
    entries = record.data.get("corrections")
    if entries is None or any(isinstance(e, dict) and e.get("id") == ident for e in entries):
        raise Refused(f"更正编号 {ident} 已存在（或文件中没有 corrections 列表）：请用一个新的编号。")
    fields: dict[str, object] = {
        "id": ident,
        "date": day,
        "cycle": cycle,
        "path": path,
        "reason": reason.strip(),
    }
    if concerning:
        fields["record"] = concerning
    entries.append(block(fields))
    return Draft(
        "correction",
        f"办公室：记录更正 {ident}（{path}）",
        (f"{when}：{reason.strip()}",),
        (record.change(),),
    )

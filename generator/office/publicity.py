"""``xuehui office publicity``: open the publicity of the proposed list (四（三）); the site publishes its
notice from this record."""

from __future__ import annotations

from collections.abc import Sequence

from generator.office.edit import Draft, Refused, Workspace, block, cycle_record, iso_date, put, seq

CHANNELS = ("武汉科协官网", "本站")


def publicity(
    workspace: Workspace, cycle: int, start: str, doc_number: str, title: str | None, channels: Sequence[str]
) -> Draft:
    record = cycle_record(workspace, cycle)
    day = iso_date(start, "--start")
    if not record.data.get("proposed"):
        raise Refused(f"{cycle} 年度还没有拟表彰名单（proposed）：专家评审后先记录名单，再开始公示。")
    if record.data.get("publicity"):
        raise Refused(f"{cycle} 年度的公示已记录：要改正，请按更正程序编辑文件。")
    if not doc_number.strip():
        raise Refused("--doc-number 不能为空：写公示的文号，如 武科协〔2027〕25号。")
    title = title or f"关于{cycle}年度学会能力提升专项拟表彰学会名单的公示"
    value = block(
        {
            "start": day,
            "channels": seq(channels or CHANNELS, one_line=True),
            "doc_number": doc_number.strip(),
            "title": title,
        }
    )
    put(record.data, "publicity", value)
    return Draft(
        "publicity",
        f"办公室：{cycle}年度拟表彰名单开始公示（{doc_number.strip()}）",
        (f"公示自 {start} 起，渠道：{'、'.join(channels or CHANNELS)}", f"标题：{title}"),
        (record.change(),),
    )

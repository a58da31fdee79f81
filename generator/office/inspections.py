"""``xuehui office inspection``: a midterm or final inspection's results (一（三）3) for commended societies;
the site publishes its notice from this record."""

from __future__ import annotations

from collections.abc import Sequence

from generator.office.edit import Draft, Refused, Workspace, block, cycle_record, flow, iso_date, pairs, put

STAGES = {"midterm": "中期检查", "final": "总结验收"}


def inspection(
    workspace: Workspace, cycle: int, stage: str, when: str, passed: Sequence[str], failed: Sequence[str]
) -> Draft:
    record = cycle_record(workspace, cycle)
    day = iso_date(when, "--date")
    if stage not in STAGES:
        raise Refused(f"--stage 只能是 midterm（中期检查）或 final（总结验收），不是“{stage}”。")
    given = [(s, "合格", n) for s, n in pairs(passed, "--passed")]
    given += [(s, "不合格", n) for s, n in pairs(failed, "--failed")]
    if not given:
        raise Refused("没有要记录的结果：用 --passed 学会代号=意见 或 --failed 学会代号=意见 给出。")
    found = workspace.data.cycles.get(cycle)
    awarded = {a.society for a in found.decisions.awards} if found and found.decisions else set()
    strangers = sorted({s for s, _, _ in given} - awarded)
    if strangers:
        raise Refused(f"{cycle} 年度没有表彰这些学会，不能记录检查结果：{'、'.join(strangers)}。")
    inspections = record.data.get("inspections")
    if not isinstance(inspections, dict):
        inspections = block({})
        put(record.data, "inspections", inspections)
    current = inspections.get(stage)
    if not current:
        current = block({"date": day, "results": block({})})
        inspections[stage] = current
    results = current.setdefault("results", block({}))
    again = sorted(s for s, _, _ in given if s in results)
    if again:
        raise Refused(f"{STAGES[stage]}结果已记录：{'、'.join(again)}。要改正，请按更正程序编辑文件。")
    for slug, verdict, note in given:
        results[slug] = flow({"result": verdict, "note": note})
    return Draft(
        "inspection",
        f"办公室：记录{cycle}年度{STAGES[stage]}结果（{len(given)}个学会）",
        tuple(f"{s}：{v}（{n}）" for s, v, n in given),
        (record.change(),),
    )

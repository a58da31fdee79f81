"""The lines of the reviewer's checklist (申报书摘要): the programme's conditions, one line each, by clause.

A rule says which line it answers with ``checklist=`` in its declaration; the summary lists each line with
the worst finding of the rules that name it (``rules.checklist_rules``). A rule that decides eligibility
(``eligibility=True``) must name a line (tests/test_rule_units.py), so the checklist cannot forget one.
"""

from __future__ import annotations

from generator.rules.base import ChecklistLine

INSPECTIONS = ChecklistLine(1, "连续两年年检合格（与办公室记录一致）", "三（一）")
ANNUAL_REPORTS = ChecklistLine(2, "按时报送年度总结和计划", "三（一）")
GOVERNANCE = ChecklistLine(3, "内部管理规范、按期换届", "三（一）")
STAFF = ChecklistLine(4, "秘书长（副秘书长）与工作人员", "三（一）")
FINANCES = ChecklistLine(5, "财务制度、独立账户、财务人员", "三（一）")
CONDUCT = ChecklistLine(6, "无违纪违法、通报批评或处罚，完成委托项目", "三（二）")
NOT_BANNED = ChecklistLine(7, "不在禁止申报期内", "五（二）")
PROCEDURE = ChecklistLine(8, "理事会（常务理事会）同意、按时提交", "四（一）")
BUDGET = ChecklistLine(9, "资金用途与预算", "五（三）")

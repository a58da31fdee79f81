"""申报书 · a society's application for a cycle (``submissions/<cycle>/applications/<slug>.yaml``; the
society's file). ``xuehui new`` writes it from a template. It closes at the call's deadline (editing it
after that is DEAD-001, deleting it LOCK-002) and freezes once the formal review records a result."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from generator import model
from generator.kinds import closing
from generator.kinds.spec import (
    CYCLE,
    FileKind,
    KindSpec,
    Lock,
    LockReason,
    Need,
    Owner,
    PrivateValue,
    Projection,
)
from generator.paths import SLUG, SUBMISSIONS

ZH = "申报书"
# The office's records every application is checked against (eligibility, exclusions, bans).
OFFICE_RECORDS = ("annual-inspections", "annual-reports", "entrusted-projects", "sanctions", "corrections")


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.cycle(kind.cycle or 0).applications[kind.slug or ""] = model.build_application(path, content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/{kind.cycle}/applications/{kind.slug}.yaml"


def deadline_locks(year: int, slug: str, since: date, why: str) -> list[Lock]:
    return [Lock(KIND.path(year, slug), False, LockReason.DEADLINE, since, why, ZH, deletion_only=True)]


def frozen_locks(cycle: model.Cycle, slug: str, today: date) -> list[Lock]:
    closed = closing.formal_review(cycle, slug, today)
    if closed is None:
        return []
    since, why = closed
    return [Lock(KIND.path(cycle.year, slug), False, LockReason.FROZEN, since, why, ZH)]


NEEDS = (
    Need("programme", "all", "ELIG-003/005/007, ACH-001, FUND-001/005, BAN-001, PRIV-004 (office e-mail)"),
    Need("society", "society", "REF-001, ELIG-005: its society (file name and declared)"),
    Need("society", "all-if-personal", "PRIV-001..004: the exemptions (every society's credit code "
         "and public e-mail), when the file holds what looks like personal data"),
    Need("call", "all", "CALL-001, FUND-003, every rule reading the call (_with_call): deadline, dates"),
    Need("decisions", "all", "ELIG-009, the formal review's rejection note on eligibility findings"),
    Need("holidays", "all", "working days chinese-calendar lacks: the publicity windows the decisions' rules read"),
    Need("results", "cycle", "read with the cycle's decisions"),
    Need("application", "society", "FILE-002/003, APP-001: its own and its society's applications"),
    Need("application", "cycle-if-renamed", "APP-001: two applications of one society in a cycle"),
    Need("attachment", "society-cycle", "ATT-001: the attachments it lists"),
    *(Need(kind, "all", "ELIG-002/003, EXCL-002/003/004, BAN-001: the office's records") for kind in OFFICE_RECORDS),
)  # fmt: skip

KIND = KindSpec(
    name="application",
    zh=ZH,
    pattern=re.compile(rf"{CYCLE}/applications/(?P<slug>{SLUG})\.yaml"),
    schema="application",
    place=place,
    writes=writes,
    template="application.yaml.j2",
    owner=Owner.SOCIETY,
    deadline_locks=deadline_locks,
    frozen_locks=frozen_locks,
    formally_reviewed=True,
    public=(
        Projection(
            "PublicApplication",
            {
                "society": "society",
                "requested_total": "budget.requested_total",
                "board_body": "board_approval.body",
                "board_date": "board_approval.date",
                "approach": "plan.approach",
                "focus": "plan.focus",
                "budget": "budget.lines",
                "achievements": "achievements",
            },
        ),
    ),
    needs=NEEDS,
    # Should a contact block or a bank account ever be written here again (they live in the committee
    # repository), the site's privacy scan looks for them.
    private=(
        PrivateValue(("contact", "name"), "联系人姓名", None),
        PrivateValue(("contact", "phone"), "联系电话", 5),
        PrivateValue(("contact", "email"), "联系邮箱", 5),
        PrivateValue(("eligibility", "secretariat", "secretary_general", "name"), "秘书长姓名", None),
        PrivateValue(("eligibility", "secretariat", "deputy_secretary_general", "name"), "秘书长姓名", None),
        PrivateValue(("eligibility", "finance", "bank_account", "number"), "银行账号", 6),
    ),
)

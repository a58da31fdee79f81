"""学会简介 · a society's profile (``submissions/societies/<slug>.yaml``; the society's file). It names the
society's maintainers; the fields the review reads close at the call's deadline (LOCK-001)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from generator import model
from generator.kinds.spec import FileKind, KindSpec, Lock, LockReason, Owner, PrivateValue, Projection
from generator.paths import SLUG, SUBMISSIONS


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.societies[kind.slug or ""] = model.build_society(path, content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/societies/{kind.slug}.yaml"


def deadline_locks(year: int, slug: str, since: date, why: str) -> list[Lock]:
    """Under judgement, the profile's fields the rules read are closed (``rules.records``)."""
    return [Lock(KIND.path(slug=slug), False, LockReason.PROFILE, since, why)]


KIND = KindSpec(
    name="society",
    zh="学会简介",
    pattern=re.compile(rf"societies/(?P<slug>{SLUG})\.yaml"),
    schema="society",
    place=place,
    writes=writes,
    owner=Owner.SOCIETY,
    maintainers=("maintainers",),
    deadline_locks=deadline_locks,
    public=(
        Projection(
            "PublicSociety",
            {
                "slug": "slug",
                "name": "name",
                "short_name": "short_name",
                "credit_code": "credit_code",
                "founded": "founded",
                "supervisor": "supervisor",
                "website": "website",
                "discipline": "discipline",
                "category": "category",
                "introduction": "introduction",
                "council_elected": "council_elected",
            },
        ),
    ),
    private=(PrivateValue(("maintainers", "*"), "维护账号", 3),),
    public_numbers=(("credit_code",),),
)

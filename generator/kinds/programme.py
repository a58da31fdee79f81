"""专项设置 · the programme: its settings, the office and who maintains the shared tree
(``submissions/programme.yaml``; the office's file)."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import FileKind, KindSpec, PrivateValue, Projection
from generator.paths import SUBMISSIONS


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.programme = model.build_programme(path, content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/programme.yaml"


KIND = KindSpec(
    name="programme",
    zh="专项设置",
    pattern=re.compile(r"programme\.yaml"),
    schema="programme",
    place=place,
    writes=writes,
    maintainers=("office", "maintainers"),
    public=(
        Projection(
            "PublicProgramme",
            {
                "name": "name",
                "organiser": "organiser",
                "office_name": "office.name",
                "office_email": "office.email",
                "office_phone": "office.phone",
                "office_address": "office.address",
                "site_title": "site.title",
                "site_url": "site.url",
                "objection_form": "site.objection_form",
                "areas": "areas",
                "categories": "expense_categories",
                "forbidden": "forbidden_categories",
                "ban_years": "eligibility.ban_years",
            },
        ),
    ),
    private=(PrivateValue(("office", "maintainers", "*"), "维护账号", 3),),
)

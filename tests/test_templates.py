"""The forge templates: the PR checklist, the issue forms (the objection form warns that issues are public),
and the pre-commit hook definition."""

from __future__ import annotations

from typing import Any

from generator.yamlio import load_yaml
from tests.helpers import REPO

GITHUB = REPO / ".github"


def load(path: str) -> Any:
    loaded = load_yaml((REPO / path).read_bytes())
    assert loaded.data is not None, loaded.problems
    return loaded.data


def test_pull_request_template_asks_for_board_approval_and_truthful_materials() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "- [ ]" in text and "理事会" in text and "同意" in text and "材料真实" in text


def test_objection_form_warns_that_issues_are_public() -> None:
    form = load(".github/ISSUE_TEMPLATE/objection.yml")
    intro = form["body"][0]["attributes"]["value"]
    assert "公开" in intro and "xhzx@example.org" in intro
    ids = {item.get("id") for item in form["body"]}
    assert {"society", "facts", "evidence"} <= ids
    confirm = next(item for item in form["body"] if item.get("id") == "confirm")
    assert all(option["required"] for option in confirm["attributes"]["options"])


def test_question_form_and_config() -> None:
    form = load(".github/ISSUE_TEMPLATE/question.yml")
    assert any(item.get("id") == "question" for item in form["body"])
    config = load(".github/ISSUE_TEMPLATE/config.yml")
    assert config["blank_issues_enabled"] is False


def test_office_email_matches_the_programme() -> None:
    programme = load("submissions/programme.yaml")
    email = programme["office"]["email"]
    for path in ("objection.yml", "config.yml"):
        assert email in (GITHUB / "ISSUE_TEMPLATE" / path).read_text(encoding="utf-8")


def test_pre_commit_hook_runs_the_check() -> None:
    import yaml

    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "xuehui-check" and hook["entry"] == "xuehui check --staged"
    assert hook["files"] == "^submissions/" and hook["language"] == "python"


def test_codeowners_is_current() -> None:
    from generator import codeowners
    from generator.authority import authority_from
    from generator.repository import read_folder

    expected = codeowners.render(authority_from(read_folder(REPO)))
    assert (REPO / codeowners.PATH).read_text(encoding="utf-8") == expected

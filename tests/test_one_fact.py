"""One fact, one place: the programme's zone, a call's deadline as a local date and time, the machine money
form, and the reviewer's checklist derived from the rule declarations."""

from __future__ import annotations

import ast
import json
from decimal import Decimal
from pathlib import Path

import pytest

from generator import cli, public
from generator.checker import check
from generator.clock import parse_now
from generator.commands.common import programme_zone
from generator.model import two_decimals
from generator.repository import Source
from generator.rules import ALL_RULES, RULES_BY_ID, checklist_rules
from generator.rules.base import Context
from generator.site import pages as site_pages
from tests.helpers import APP, CALL, PROGRAMME, REPO, mini_tree, write_tree

# The mini tree's deadline is 2026-10-31T17:00+08:00: in Honolulu (UTC-10) that is 2026-10-30 23:00, so the
# local date changes too.
FAR_ZONE = "Pacific/Honolulu"
FAR_DEADLINE = "2026-10-30 23:00"


def _far_tree() -> dict[str, bytes]:
    tree = mini_tree()
    text = tree[PROGRAMME].decode("utf-8")
    assert "timezone: Asia/Shanghai" in text
    tree[PROGRAMME] = text.replace("timezone: Asia/Shanghai", f"timezone: {FAR_ZONE}").encode("utf-8")
    return tree


def test_a_programme_in_another_zone_shows_every_time_of_the_call_in_that_zone() -> None:
    result = check(
        [Source(p, raw) for p, raw in sorted(_far_tree().items())], Context(now=parse_now("2026-11-26"))
    )
    assert result.dataset is not None
    site = public.project(result.dataset, parse_now("2026-11-26"))
    assert site.timezone == FAR_ZONE
    pages = site_pages.build_pages(site, commit="0123456789ab", histories={}, schema_files={})
    notice, cycle = pages["notices/2026-call.md"], pages["cycles/2026/index.md"]
    assert f"申报截止 | {FAR_DEADLINE}" in notice  # the notice's table
    assert f"申报截止 {FAR_DEADLINE}" in cycle  # the cycle page's sentence
    assert "2026-10-31 17:00" not in notice + cycle  # never the Beijing time of the file
    (timeline,) = [c.timeline for c in site.cycles if c.year == 2026]
    assert ("申报截止", "2026-10-30") in [(label, str(day)) for label, day, _ in timeline]


def test_the_deadline_finding_speaks_the_programme_zone_whatever_the_zone_of_now() -> None:
    tree = mini_tree()
    sources = [Source(p, raw) for p, raw in sorted(tree.items())]
    moment = parse_now("2026-11-02T00:00:00Z")  # a UTC --now: 08:00 in Beijing
    result = check(sources, Context(now=moment, submitted=frozenset({APP})))
    (dead,) = [f for f in result.findings if f.rule == "DEAD-001"]
    assert "申报已于 2026-10-31 17:00 截止" in dead.message_zh  # Beijing, not 09:00 UTC


def test_the_call_deadline_is_one_definition() -> None:
    """No module works out a call's deadline as a local date or time by itself (``Call.deadline_date`` and
    ``Call.deadline_text`` are the one definition)."""
    offenders = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        if path.name == "model.py":
            continue  # where the one definition lives
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Attribute) and node.attr == "deadline":
                parent_src = ast.get_source_segment(text, node) or ""
                line = text.splitlines()[node.lineno - 1]
                if "astimezone" in line or "local_date(" in line or "strftime" in line:
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno}: {parent_src}")
    assert not offenders, offenders


def test_two_decimal_text_is_one_function() -> None:
    assert two_decimals(Decimal("200000")) == "200000.00"
    offenders = [
        f"{p.relative_to(REPO)}"
        for p in sorted((REPO / "generator").rglob("*.py"))
        if p.name != "model.py" and ":.2f}" in p.read_text(encoding="utf-8")
    ]
    assert not offenders, offenders


def test_every_eligibility_rule_is_on_the_reviewers_checklist() -> None:
    missing = [r.id for r in ALL_RULES if r.eligibility and r.checklist is None]
    assert not missing, f"eligibility rules missing from the checklist: {missing}"
    on_list = {rule for _, rules in checklist_rules() for rule in rules}
    assert "ELIG-009" in on_list  # the one the hand-kept list had forgotten
    labels = [line.label for line, _ in checklist_rules()]
    assert len(labels) == len(set(labels)) == 9
    assert all(RULES_BY_ID[r].checklist is not None for r in on_list)


def test_the_call_fixture_still_has_its_beijing_deadline() -> None:
    """The zone tests above rely on the mini call's deadline; say so if the fixture changes."""
    text = Path(REPO / "tests/fixtures/mini" / CALL).read_text(encoding="utf-8")
    assert 'deadline: "2026-10-31T17:00:00+08:00"' in text


def test_now_without_an_offset_is_read_in_the_programmes_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--now 2026-10-31T12:00`` in a programme kept in Honolulu is 22:00 UTC, after the 09:00 UTC deadline:
    the submitted application is late (read in Beijing time it would be 04:00 UTC, on time)."""
    write_tree(tmp_path, _far_tree())
    monkeypatch.chdir(tmp_path)
    assert programme_zone() == FAR_ZONE
    code = cli.main(["check", "--now", "2026-10-31T12:00", "--format", "json", APP])
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert code == 1 and "DEAD-001" in rules
    code = cli.main(["check", "--now", "2026-10-31T12:00+08:00", "--format", "json", APP])
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "DEAD-001" not in rules  # an explicit offset is taken as written

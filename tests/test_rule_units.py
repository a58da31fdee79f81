"""Every finding id is one unit: declared once, in the module its prefix names, registered, and its docstring's
failing example fires exactly that id through the real checker while its passing example does not.

The examples are edits to the minimal tree (``tests/helpers.mini_tree`` and, under ``committee/``, the
committee repository); ``generator.rules.examples`` reads and applies them. An example with ``pr: <login>``
is a pull request on a real temporary git repository (``generator.pullrequest.check_pull_request``).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import generator.rules
from generator.checker import CheckResult, Source, check
from generator.clock import parse_now
from generator.rules import ALL_RULES, PREFIX_MODULES, RULES_BY_ID, module_of
from generator.rules.base import Rule
from generator.rules.examples import Example, apply, examples
from tests.gitrepo import commit_all, git
from tests.helpers import RESULTS, mini_committee, mini_results, mini_tree, write_tree

C = "committee/"
IDS = sorted(RULES_BY_ID)


def _base(example: Example) -> dict[str, bytes]:
    tree = mini_tree(example.flag("awarded"))
    if "pr" not in example.settings:
        tree.update({C + path: raw for path, raw in mini_committee().items()})
    return tree


def _pull_request(example: Example, base: dict[str, bytes], tmp: Path) -> CheckResult:
    from generator.forge import open_repo
    from generator.pullrequest import check_pull_request

    head, refused = apply(example, base)
    assert not refused, "a pull request example changes files; it does not refuse them"
    repo = tmp / "repo"
    repo.mkdir()
    write_tree(repo, base)
    git(tmp, "init", "-q", "-b", "main", str(repo))
    commit_all(repo, "base")
    git(repo, "checkout", "-q", "-b", "example")
    for path in set(base) - set(head):
        git(repo, "rm", "-q", path)
    write_tree(repo, {p: r for p, r in head.items() if base.get(p) != r})
    commit_all(repo, "example")
    result, _ = check_pull_request(
        open_repo(repo), "main", "HEAD", example.settings["pr"], parse_now(example.now)
    )
    return result


def run_example(example: Example, tmp: Path) -> CheckResult:
    """Check the minimal tree with the example's edits, the way ``xuehui check`` (or a pull request) would."""
    from generator.committee import check_committee
    from generator.rules.base import Context

    base = _base(example)
    if "pr" in example.settings:
        return _pull_request(example, apply(example, base, base=True)[0], tmp)
    tree, refused = apply(example, base)
    shared = {p: r for p, r in tree.items() if not p.startswith(C)}
    committee = {p.removeprefix(C): r for p, r in tree.items() if p.startswith(C)}
    if committee and RESULTS in shared and example.settings.get("rerecord") != "no":
        shared[RESULTS] = mini_results(shared, committee)  # the office records the results again
    sources = [Source(p, r) for p, r in sorted(shared.items())]
    sources += [Source(p, None, reason) for p, reason in refused.items() if not p.startswith(C)]
    sources.sort(key=lambda s: s.path)
    ctx = Context(
        now=parse_now(example.now),
        submitted=frozenset(example.submitted),
        actor_is_office=example.flag("office"),
    )
    if not committee:
        return check(sources, ctx)
    return check_committee(
        sources,
        [Source(p, r) for p, r in sorted(committee.items())],
        ctx,
        shared_head=example.settings.get("shared-head"),
    )


def _fired(result: CheckResult, rule_id: str) -> list[str]:
    return [f.message_zh for f in result.findings if f.rule == rule_id]


@pytest.mark.parametrize("rule_id", IDS)
def test_failing_example_fires_its_rule(rule_id: str, tmp_path: Path) -> None:
    failing, _ = examples(RULES_BY_ID[rule_id].doc)
    result = run_example(failing, tmp_path)
    assert _fired(result, rule_id), [(f.rule, f.message_zh) for f in result.findings]


@pytest.mark.parametrize("rule_id", IDS)
def test_passing_example_does_not_fire_it(rule_id: str, tmp_path: Path) -> None:
    _, passing = examples(RULES_BY_ID[rule_id].doc)
    assert _fired(run_example(passing, tmp_path), rule_id) == []


def _declared() -> dict[str, list[Rule]]:
    """Every Rule object bound at the top level of each module of ``generator.rules`` (walked, not listed)."""
    found: dict[str, list[Rule]] = {}
    for info in pkgutil.iter_modules(generator.rules.__path__):
        module = importlib.import_module(f"generator.rules.{info.name}")
        found[module.__name__] = [v for v in vars(module).values() if isinstance(v, Rule)]
    return found


def test_every_declared_rule_is_registered() -> None:
    registered = set(map(id, ALL_RULES))
    for module, rules in _declared().items():
        missing = [r.id for r in rules if id(r) not in registered]
        assert missing == [], f"{module} declares rules left out of its RULES: {missing}"


def test_an_ids_prefix_names_the_module_that_declares_it() -> None:
    for module, rules in _declared().items():
        own = getattr(sys.modules[module], "RULES", ())
        for r in rules:
            if r in own:
                assert module_of(r.id) == module, r.id
    assert {r.id.partition("-")[0] for r in ALL_RULES} == set(PREFIX_MODULES)


def test_every_rule_has_messages_and_both_examples() -> None:
    for r in ALL_RULES:
        failing, passing = examples(r.doc)
        assert failing.text != passing.text, f"{r.id}: the two examples are the same"
        assert r.messages, f"{r.id} declares no message"


def _xuehui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, encoding="utf-8"
    )


def test_explain_works_for_every_id() -> None:
    from generator.catalogue import explain

    for rule_id in IDS:
        text = explain(RULES_BY_ID[rule_id])
        rule = RULES_BY_ID[rule_id]
        assert text.startswith(f"{rule_id}  {rule.severity.zh}"), rule_id
        for part in (rule.clause, rule.zh, rule.en, "不通过的示例", "通过的示例"):
            assert part in text, (rule_id, part)
        for message in rule.messages.values():
            assert message.zh in text, rule_id


def test_explain_on_the_command_line() -> None:
    shown = _xuehui("rules", "--explain", "FUND-002")
    assert shown.returncode == 0
    assert shown.stdout.startswith("FUND-002  错误  五（三）\n")
    assert "预算各项合计 {total_yuan} 元" in shown.stdout
    as_json = json.loads(_xuehui("rules", "--explain", "fund-002", "--format", "json").stdout)
    assert as_json["id"] == "FUND-002" and as_json["examples"]["fails"]


def test_explain_an_unknown_id_names_close_ones() -> None:
    shown = _xuehui("rules", "--explain", "FUND-02")
    assert shown.returncode == 2
    assert "没有编号为 FUND-02 的规则" in shown.stderr
    assert "FUND-002" in shown.stderr


def test_a_schema_finding_cites_the_clause_its_field_embodies(tmp_path: Path) -> None:
    """``x-clause`` on a schema property: a missing ``board_approval`` is 四（一）, a bad date inside it too;
    a field without one stays 格式要求."""
    app = "submissions/2026/applications/wuhan-mechanical-engineering.yaml"
    line = (
        "board_approval:                          # 四（一）: the council (standing council) agreed to apply"
    )
    cases = {
        f"--- {app}\n- {line}\n+ {line.replace('board_approval', 'board_approvals')}": (
            "SCHEMA-001",
            "四（一）",
        ),
        f'--- {app}\n-   date: "2026-09-20"\n+   date: "2026-09-31"': ("SCHEMA-004", "四（一）"),
        f"--- {app}\n-   materials_truthful: true               # 材料真实，无弄虚作假\n"
        "+   materials_truthful: 是               # 材料真实，无弄虚作假": ("SCHEMA-003", "三（二）"),
        f"--- {app}\n- {line}\n+ unknown_field: 1\n+ {line}": ("SCHEMA-002", "格式要求"),
        "--- submissions/societies/wuhan-mechanical-engineering.yaml\n- founded: 1979\n+ founded: 一九七九": (
            "SCHEMA-003",
            "格式要求",
        ),
    }
    from generator.rules.examples import parse

    for text, (rule_id, clause) in cases.items():
        found = [f for f in run_example(parse(text), tmp_path).findings if f.rule == rule_id]
        assert found and {f.clause for f in found} == {clause}, (text, found)


def _placeholders(text: str) -> set[str]:
    import string

    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_is_filled_in_where_it_is_used() -> None:
    """Each ``<rule>.hit(…)`` / ``<rule>.text(…)`` in the code names a variant its rule declares and fills in
    every placeholder of it (read from the source: a variant used rarely cannot fail in front of a user)."""
    import ast

    checked = 0
    package = Path(generator.rules.__file__).parent.parent
    for path in sorted(package.rglob("*.py")):
        if path.name == "__main__.py":
            continue
        name = ".".join(("generator", *path.relative_to(package).with_suffix("").parts))
        module = importlib.import_module(name.removesuffix(".__init__"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in ("hit", "text") or any(k.arg is None for k in node.keywords):
                continue
            try:
                rule = eval(ast.unparse(node.func.value), vars(module))  # our own source
            except NameError:
                continue  # a rule passed in as a parameter: its callers are checked where they name it
            if not isinstance(rule, Rule):
                continue
            position = 2 if node.func.attr == "hit" else 0
            arg = node.args[position] if len(node.args) > position else ast.Constant("")
            options = [arg]
            while any(isinstance(o, ast.IfExp) for o in options):
                options = [
                    p for o in options for p in ([o.body, o.orelse] if isinstance(o, ast.IfExp) else [o])
                ]
            given = {k.arg for k in node.keywords} - {"severity"}
            named = [o.value for o in options if isinstance(o, ast.Constant)]
            variants = named if len(named) == len(options) else list(rule.messages)  # computed: any of them
            for variant in variants:
                message = rule.messages[variant]
                wanted = set().union(*map(_placeholders, (message.zh, message.en, message.hint)))
                assert wanted <= given, f"{path}:{node.lineno} {rule.id} {variant!r}: {wanted - given}"
                checked += 1
    assert checked > 100  # the calls found (about 130 when this was written)


def test_the_example_format() -> None:
    """Escapes write raw bytes and invisible characters; a hunk that is not in the file is a bug in the
    declaration, said as such; a pull request's base edits are kept apart from its head."""
    from generator.rules.examples import ExampleError, parse, unescape

    assert unescape(r"名称\t\u200b\xff\\") == "名称\t\u200b".encode() + b"\xff\\"
    example = parse("pr: office-li\n--- a.yaml\n- x: 1\n+ x: 2\n=== head\ndel a.yaml\n")
    assert apply(example, {"a.yaml": b"x: 1\n"}, base=True)[0] == {"a.yaml": b"x: 2\n"}
    assert apply(example, {"a.yaml": b"x: 2\n"})[0] == {}
    with pytest.raises(ExampleError, match="not found"):
        apply(parse("--- a.yaml\n- y: 1\n+ y: 2\n"), {"a.yaml": b"x: 1\n"})
    with pytest.raises(ExampleError, match="unknown setting"):
        parse("today: 2026-01-01\n")

"""A verdict for an older head never replaces the verdict for a newer one (``xuehui comment --head-sha``), on
both forges of the local fake forge: the comment records its head commit, and a run whose commit is no
longer the pull request's head leaves the comment alone (exit 0, with a note)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import forgeapi
from generator.forgeapi import MARKER
from tests.forge_server import FakeForge, Fault
from tests.test_forgeapi import BODY, NAME, OWNER, PR, TOKEN, Sleeps, make_forge, run_comment, upsert

OLD = "1" * 40
NEW = "2" * 40


@pytest.fixture(params=("github", "gitea"))
def forge(request: pytest.FixtureRequest) -> FakeForge:
    running = make_forge(request.param)
    running.__enter__()
    request.addfinalizer(lambda: running.__exit__(None, None, None))
    return running


def _head(forge: FakeForge, sha: str) -> None:
    forge.repos[(OWNER, NAME)].heads[PR] = sha


def test_the_pull_request_endpoint_answers_head_sha_as_each_forge_does(forge: FakeForge) -> None:
    _head(forge, NEW)
    target = forgeapi.parse_target(forge.kind, forge.api_url, f"{OWNER}/{NAME}")
    assert isinstance(target, forgeapi.Target)
    client = forgeapi.Client(target, TOKEN, forgeapi.urllib_transport, Sleeps(), lambda: 0.0)
    assert client.current_head(PR) == NEW
    assert forge.requests[-1].path == f"{forge.prefix}/repos/{OWNER}/{NAME}/pulls/{PR}"
    with pytest.raises(forgeapi.Stop) as stop:
        client.current_head(PR + 1)
    assert stop.value.failure.kind == "not-found"


def test_the_comment_records_the_head_it_is_for(forge: FakeForge) -> None:
    _head(forge, NEW)
    result = upsert(forge, head_sha=NEW)
    assert isinstance(result, forgeapi.CommentResult) and result.action == "created"
    [comment] = forge.comments_of(OWNER, NAME, PR)
    assert comment.body.startswith(MARKER + "\n<!-- xuehui-verdict head=" + NEW + " -->\n")
    assert forgeapi.recorded_head(comment.body) == NEW


def test_an_older_run_never_overwrites_the_newer_verdict(forge: FakeForge) -> None:
    _head(forge, NEW)
    newer = upsert(forge, head_sha=NEW, body=BODY + "新的结论\n")
    assert isinstance(newer, forgeapi.CommentResult)
    older = upsert(forge, head_sha=OLD, body=BODY + "旧的结论\n")
    assert older == forgeapi.CommentSkipped(PR, OLD, NEW)
    [comment] = forge.comments_of(OWNER, NAME, PR)
    assert "新的结论" in comment.body and forgeapi.recorded_head(comment.body) == NEW
    assert not any(r.method in ("PATCH", "POST") for r in forge.requests[-2:])


def test_an_older_run_posts_nothing_when_there_is_no_comment_yet(forge: FakeForge) -> None:
    _head(forge, NEW)
    assert isinstance(upsert(forge, head_sha=OLD), forgeapi.CommentSkipped)
    assert forge.comments_of(OWNER, NAME, PR) == []


def test_the_run_for_the_head_replaces_an_older_verdict(forge: FakeForge) -> None:
    _head(forge, OLD)
    assert isinstance(upsert(forge, head_sha=OLD, body=BODY + "旧\n"), forgeapi.CommentResult)
    _head(forge, NEW)  # a push
    result = upsert(forge, head_sha=NEW, body=BODY + "新\n")
    assert isinstance(result, forgeapi.CommentResult) and result.action == "updated"
    [comment] = forge.comments_of(OWNER, NAME, PR)
    assert comment.body.count("xuehui-verdict head=") == 1 and forgeapi.recorded_head(comment.body) == NEW


def test_a_head_that_moves_during_retries_stops_the_write(forge: FakeForge) -> None:
    """The head is read again before each attempt: a create that failed ambiguously is not retried once
    the pull request has moved on."""
    _head(forge, OLD)
    create = rf"{forge.prefix}/repos/{OWNER}/{NAME}/issues/{PR}/comments"
    forge.faults.append(Fault("POST", create, status=502))
    sleeps = Sleeps()

    def push_then_sleep(seconds: float) -> None:
        _head(forge, NEW)
        sleeps(seconds)

    result = forgeapi.upsert_comment(
        forgeapi.parse_target(forge.kind, forge.api_url, f"{OWNER}/{NAME}"),  # type: ignore[arg-type]
        TOKEN,
        PR,
        BODY,
        head_sha=OLD,
        sleep=push_then_sleep,
    )
    assert result == forgeapi.CommentSkipped(PR, OLD, NEW)
    assert forge.comments_of(OWNER, NAME, PR) == []


def test_a_bad_head_sha_is_a_usage_error(forge: FakeForge) -> None:
    result = upsert(forge, head_sha="main")
    assert isinstance(result, forgeapi.Failure) and result.kind == "usage" and "--head-sha" in result.en
    assert forge.requests == []


def test_a_body_already_marked_is_marked_once() -> None:
    once = forgeapi.with_head(BODY, OLD)
    twice = forgeapi.with_head(once, NEW)
    assert twice.startswith(MARKER) and twice.count("xuehui-verdict") == 1
    assert forgeapi.recorded_head(twice) == NEW and twice.endswith(BODY[len(MARKER) :])


def test_the_cli_skips_with_a_note_and_exit_0(
    forge: FakeForge, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(forgeapi.TOKEN_ENV, TOKEN)
    monkeypatch.setattr(forgeapi, "SLEEP", Sleeps())
    _head(forge, NEW)
    code, out, err = run_comment(forge, tmp_path, capsys, "--head-sha", NEW)
    assert (code, err) == (0, "") and "已发布" in out
    code, out, err = run_comment(forge, tmp_path, capsys, "--head-sha", OLD, text=BODY + "旧\n")
    assert (code, err) == (0, "")
    assert "已跳过" in out and NEW[:12] in out and OLD[:12] in out and "skipped" in out
    [comment] = forge.comments_of(OWNER, NAME, PR)
    assert "旧" not in comment.body

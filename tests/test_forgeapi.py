"""The forge adapter against local servers that answer as GitHub's REST API and Gitea's swagger do: the
sticky comment (create, update on a later page, never another user's marker comment), commit statuses,
errors and their exit codes, bounded retries, and the token only ever in the Authorization header."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import cli, forgeapi
from generator.forgeapi import MARKER, Failure, Target
from tests.forge_server import FakeForge, Fault

TOKEN = "tok_S3cret-0123456789abcdef"
BOT = "xuehui-bot"
SHA = "0123456789abcdef0123456789abcdef01234567"
OWNER, NAME, PR = "wast", "xuehui", 7
BODY = MARKER + "\n## 检查结果\n\n✅ 检查通过。\n"
KINDS = ("github", "gitea")


class Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def make_forge(kind: str, **options: int) -> FakeForge:
    forge = FakeForge("github" if kind == "github" else "gitea", **options)
    forge.add_account(TOKEN, BOT)
    forge.add_account("read-only-token", "reader", scope="read")
    forge.add_repo(OWNER, NAME, prs=(PR,), commits=(SHA,))
    return forge


@pytest.fixture(params=KINDS)
def forge(request: pytest.FixtureRequest) -> Iterator[FakeForge]:
    with make_forge(request.param) as running:
        yield running


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> Sleeps:
    recorder = Sleeps()
    monkeypatch.setattr(forgeapi, "SLEEP", recorder)
    return recorder


@pytest.fixture
def token_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(forgeapi.TOKEN_ENV, TOKEN)


def target_of(forge: FakeForge) -> Target:
    target = forgeapi.parse_target(forge.kind, forge.api_url, f"{OWNER}/{NAME}")
    assert isinstance(target, Target)
    return target


def upsert(
    forge: FakeForge, sleeps: Sleeps | None = None, **kwargs: object
) -> forgeapi.CommentResult | Failure:
    return forgeapi.upsert_comment(
        target_of(forge),
        str(kwargs.pop("token", TOKEN)),
        PR,
        str(kwargs.pop("body", BODY)),
        sleep=sleeps or Sleeps(),
        **kwargs,
    )  # type: ignore[arg-type]


def body_file(tmp_path: Path, text: str = BODY) -> str:
    path = tmp_path / "comment.md"
    path.write_text(text, encoding="utf-8")
    return str(path)


def run_comment(
    forge: FakeForge,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    *extra: str,
    api_url: str | None = None,
    text: str = BODY,
) -> tuple[int, str, str]:
    code = cli.main(
        [
            "comment",
            "--forge",
            forge.kind,
            "--api-url",
            api_url or forge.api_url,
            "--repo",
            f"{OWNER}/{NAME}",
            "--pr",
            str(PR),
            "--body-file",
            body_file(tmp_path, text),
            *extra,
        ]
    )
    out, err = capsys.readouterr()
    return code, out, err


def run_status(
    forge: FakeForge, capsys: pytest.CaptureFixture[str], *extra: str, sha: str = SHA
) -> tuple[int, str, str]:
    code = cli.main(
        [
            "commit-status",
            "--forge",
            forge.kind,
            "--api-url",
            forge.api_url,
            "--repo",
            f"{OWNER}/{NAME}",
            "--sha",
            sha,
            "--state",
            "success",
            "--context",
            "xuehui/check",
            "--description",
            "检查通过 (checks passed)",
            *extra,
        ]
    )
    out, err = capsys.readouterr()
    return code, out, err


def list_path(forge: FakeForge) -> str:
    return rf"{forge.prefix}/repos/{OWNER}/{NAME}/issues/{PR}/comments"


# ------------------------------------------------------------------------------------- the sticky comment


def test_creates_the_comment_when_none_exists(forge: FakeForge) -> None:
    result = upsert(forge)
    assert isinstance(result, forgeapi.CommentResult), result
    assert result.action == "created"
    [comment] = forge.comments_of(OWNER, NAME, PR)
    assert comment.body == BODY and comment.login == BOT and comment.id == result.comment_id
    assert [(r.method, r.path) for r in forge.requests] == [
        ("GET", f"{forge.prefix}/user"),
        (
            "GET",
            f"{forge.prefix}/repos/{OWNER}/{NAME}/issues/{PR}/comments"
            + ("?per_page=100" if forge.kind == "github" else ""),
        ),  # Gitea's issueGetComments has no paging
        ("POST", f"{forge.prefix}/repos/{OWNER}/{NAME}/issues/{PR}/comments"),
    ]
    post = forge.requests[-1]
    assert post.json() == {"body": BODY}
    assert post.header("Content-Type") == "application/json; charset=utf-8"
    assert (post.header("User-Agent") or "").startswith("xuehui/")
    if forge.kind == "github":
        assert post.header("Accept") == "application/vnd.github+json"
        assert post.header("X-GitHub-Api-Version") == "2022-11-28"
        assert post.header("Authorization") == f"Bearer {TOKEN}"
    else:
        assert post.header("Accept") == "application/json"
        assert post.header("Authorization") == f"token {TOKEN}"


def test_a_second_run_updates_the_same_comment(forge: FakeForge) -> None:
    first = upsert(forge)
    second = upsert(forge, body=BODY + "\n更新\n")
    assert isinstance(first, forgeapi.CommentResult) and isinstance(second, forgeapi.CommentResult)
    assert (second.action, second.comment_id) == ("updated", first.comment_id)
    [comment] = forge.comments_of(OWNER, NAME, PR)
    assert comment.body.endswith("更新\n")
    patch = forge.requests[-1]
    assert (patch.method, patch.path) == (
        "PATCH",
        f"{forge.prefix}/repos/{OWNER}/{NAME}/issues/comments/{first.comment_id}",
    )
    assert patch.json() == {"body": BODY + "\n更新\n"}


@pytest.mark.parametrize("kind", KINDS)
def test_updates_the_bots_comment_on_page_2(kind: str) -> None:
    """GitHub pages by ``per_page=100`` with ``Link`` next pointing at ``/repositories/{id}/…``; Gitea, when it
    (or a proxy) pages, by ``page``/``limit`` with ``Link`` next, which the adapter follows too."""
    with make_forge(kind, **({"gitea_page_size": 100} if kind == "gitea" else {})) as forge:
        repo = forge.repos[(OWNER, NAME)]
        for i in range(150):
            forge.add_comment(repo, PR, f"第 {i} 条评论", "alice")
        mine = forge.add_comment(repo, PR, MARKER + "\n旧报告", BOT)
        forge.comments_of(OWNER, NAME, PR).insert(120, forge.comments_of(OWNER, NAME, PR).pop())
        result = upsert(forge)
        assert isinstance(result, forgeapi.CommentResult), result
        assert (result.action, result.comment_id) == ("updated", mine.id)
        gets = [r.path for r in forge.matching("GET", "/comments")]
        assert len(gets) == 2
        if kind == "github":
            assert gets[1] == f"/repositories/{repo.id}/issues/{PR}/comments?per_page=100&page=2"
        else:
            assert gets[1] == f"/api/v1/repos/{OWNER}/{NAME}/issues/{PR}/comments?limit=100&page=2"
        assert not list(forge.matching("POST", "/comments"))
        assert mine.body == BODY


def test_gitea_as_specified_answers_every_comment_at_once() -> None:
    with make_forge("gitea") as forge:
        repo = forge.repos[(OWNER, NAME)]
        for i in range(150):
            forge.add_comment(repo, PR, f"第 {i} 条评论", "alice")
        mine = forge.add_comment(repo, PR, MARKER + "\n旧报告", BOT)
        result = upsert(forge)
        assert isinstance(result, forgeapi.CommentResult) and result.comment_id == mine.id
        assert [r.path for r in forge.matching("GET", "/comments")] == [
            f"/api/v1/repos/{OWNER}/{NAME}/issues/{PR}/comments"
        ]


def test_a_marker_comment_by_another_user_is_never_edited(forge: FakeForge) -> None:
    repo = forge.repos[(OWNER, NAME)]
    fake = forge.add_comment(repo, PR, MARKER + "\n✅ 全部通过（伪造）", "mallory")
    result = upsert(forge)
    assert isinstance(result, forgeapi.CommentResult) and result.action == "created"
    assert fake.body == MARKER + "\n✅ 全部通过（伪造）"
    assert not list(forge.matching("PATCH", "/comments"))
    assert [c.login for c in forge.comments_of(OWNER, NAME, PR)] == ["mallory", BOT]


def test_a_comment_of_ours_without_the_marker_is_left_alone(forge: FakeForge) -> None:
    repo = forge.repos[(OWNER, NAME)]
    other = forge.add_comment(repo, PR, "人工留言：请补充材料。 " + MARKER, BOT)
    result = upsert(forge)
    assert isinstance(result, forgeapi.CommentResult) and result.action == "created"
    assert other.body.startswith("人工留言")


def test_author_option_skips_the_user_lookup(forge: FakeForge) -> None:
    repo = forge.repos[(OWNER, NAME)]
    mine = forge.add_comment(repo, PR, MARKER + "\n旧", BOT)
    result = upsert(forge, author=BOT)
    assert isinstance(result, forgeapi.CommentResult) and result.comment_id == mine.id
    assert not list(forge.matching("GET", "/user"))


def test_github_actions_token_is_taken_as_github_actions_bot() -> None:
    """GITHUB_TOKEN cannot read GET /user (403 "Resource not accessible by integration"); it posts as
    github-actions[bot], whose marker comment is then the one updated."""
    with make_forge("github") as forge:
        forge.add_account("ghs_installation", "ignored", scope="installation")
        repo = forge.repos[(OWNER, NAME)]
        forge.add_comment(repo, PR, MARKER + "\n伪造", "mallory")
        ours = forge.add_comment(repo, PR, MARKER + "\n旧", "github-actions[bot]")
        result = upsert(forge, token="ghs_installation")
        assert isinstance(result, forgeapi.CommentResult), result
        assert (result.action, result.comment_id) == ("updated", ours.id)


def test_cli_comment_creates_then_updates(
    forge: FakeForge, tmp_path: Path, capsys: pytest.CaptureFixture[str], token_env: None, sleeps: Sleeps
) -> None:
    code, out, err = run_comment(forge, tmp_path, capsys)
    assert (code, err) == (0, "")
    assert "已发布拉取请求 #7 的检查评论" in out and "created comment" in out
    code, out, err = run_comment(forge, tmp_path, capsys, text=BODY + "再次")
    assert (code, err) == (0, "")
    assert "已更新拉取请求 #7 的检查评论" in out
    assert len(forge.comments_of(OWNER, NAME, PR)) == 1
    assert sleeps.calls == []


# ------------------------------------------------------------------------------------- errors, exit codes


def test_401_bad_token(
    forge: FakeForge,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sleeps: Sleeps,
) -> None:
    monkeypatch.setenv(forgeapi.TOKEN_ENV, "not-a-valid-token")
    code, out, err = run_comment(forge, tmp_path, capsys)
    assert code == cli.EXIT_FINDINGS and out == ""
    assert "令牌无效或已过期" in err and "the token was not accepted" in err and "XUEHUI_FORGE_TOKEN" in err
    assert "Traceback" not in err and "not-a-valid-token" not in err
    assert sleeps.calls == [] and len(forge.requests) == 1  # not retried


def test_403_token_without_write_permission(
    forge: FakeForge,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sleeps: Sleeps,
) -> None:
    monkeypatch.setenv(forgeapi.TOKEN_ENV, "read-only-token")
    code, _, err = run_comment(forge, tmp_path, capsys)
    assert code == cli.EXIT_FINDINGS
    assert "发布评论失败：令牌没有权限" in err and "lacks permission" in err
    assert ("personal access token" if forge.kind == "github" else "write:issue") in err
    assert sleeps.calls == [] and forge.comments_of(OWNER, NAME, PR) == []


def test_404_unknown_repository(
    forge: FakeForge, tmp_path: Path, capsys: pytest.CaptureFixture[str], token_env: None, sleeps: Sleeps
) -> None:
    code = cli.main(
        [
            "comment",
            "--forge",
            forge.kind,
            "--api-url",
            forge.api_url,
            "--repo",
            "wast/nothing",
            "--pr",
            "7",
            "--body-file",
            body_file(tmp_path),
        ]
    )
    _, err = capsys.readouterr()
    assert code == cli.EXIT_FINDINGS
    assert (
        "读取评论列表失败：找不到仓库、拉取请求、评论或提交" in err and "not found" in err and "--repo" in err
    )
    assert sleeps.calls == []


def test_422_rejected_content(
    forge: FakeForge, tmp_path: Path, capsys: pytest.CaptureFixture[str], token_env: None, sleeps: Sleeps
) -> None:
    forge.faults.append(Fault("POST", list_path(forge), 422, body={"message": "Validation Failed"}))
    code, _, err = run_comment(forge, tmp_path, capsys)
    assert code == cli.EXIT_FINDINGS
    assert "发布评论失败：平台不接受请求内容（平台说明：Validation Failed）" in err and "rejected" in err
    assert sleeps.calls == []


def test_423_archived_gitea_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], token_env: None
) -> None:
    with make_forge("gitea") as forge:
        forge.repos[(OWNER, NAME)].archived = True
        code, _, err = run_comment(forge, tmp_path, capsys)
        assert code == cli.EXIT_FINDINGS and "仓库已归档" in err


RATE_LIMITS = [
    ("github", 403, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1000005"}, 5.0),
    ("github", 429, {"retry-after": "3"}, 3.0),
    ("github", 403, {"retry-after": "2"}, 2.0),
    ("gitea", 429, {"Retry-After": "4"}, 4.0),
]


@pytest.mark.parametrize(("kind", "status", "headers", "wait"), RATE_LIMITS)
def test_rate_limit_then_success_within_the_bound(
    kind: str, status: int, headers: dict[str, str], wait: float
) -> None:
    with make_forge(kind) as forge:
        forge.faults.append(
            Fault(
                "GET",
                list_path(forge),
                status,
                headers,
                {"message": "API rate limit exceeded for user ID 1."},
            )
        )
        sleeps = Sleeps()
        result = forgeapi.upsert_comment(
            target_of(forge), TOKEN, PR, BODY, sleep=sleeps, clock=lambda: 1_000_000.0
        )
        assert isinstance(result, forgeapi.CommentResult), result
        assert sleeps.calls == [wait]
        assert len(list(forge.matching("GET", "/comments"))) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_rate_limit_exhausted_is_a_clear_failure(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], token_env: None, sleeps: Sleeps
) -> None:
    with make_forge(kind) as forge:
        forge.faults.append(Fault("GET", list_path(forge), 429, {"Retry-After": "1"}, times=10))
        code, _, err = run_comment(forge, tmp_path, capsys)
        assert code == cli.EXIT_FORGE_UNAVAILABLE
        assert "读取评论列表失败：平台限流" in err and "rate limited" in err and "稍后重新运行" in err
        assert len(list(forge.matching("GET", "/comments"))) == forgeapi.MAX_TRIES
        assert len(sleeps.calls) == forgeapi.MAX_TRIES - 1


def test_a_long_rate_limit_fails_at_once_saying_how_long(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], token_env: None, sleeps: Sleeps
) -> None:
    with make_forge("github") as forge:
        forge.faults.append(
            Fault(
                "GET",
                "/user",
                403,
                {"x-ratelimit-remaining": "0", "retry-after": "3600"},
                {"message": "API rate limit exceeded"},
            )
        )
        code, _, err = run_comment(forge, tmp_path, capsys)
        assert code == cli.EXIT_FORGE_UNAVAILABLE and "约需等待 3600 秒" in err and "3600 s" in err
        assert sleeps.calls == [] and len(forge.requests) == 1


def test_github_secondary_rate_limit_without_headers_waits_a_minute_so_fails_at_once() -> None:
    with make_forge("github") as forge:
        forge.faults.append(
            Fault(
                "POST",
                list_path(forge),
                403,
                {"x-ratelimit-remaining": "4000"},
                {"message": "You have exceeded a secondary rate limit."},
            )
        )
        sleeps = Sleeps()
        result = forgeapi.upsert_comment(target_of(forge), TOKEN, PR, BODY, sleep=sleeps)
        assert isinstance(result, Failure) and result.kind == "rate-limit" and "60" in result.zh
        assert forge.comments_of(OWNER, NAME, PR) == [] and sleeps.calls == []


def test_gitea_403_is_permission_not_rate_limit() -> None:
    with make_forge("gitea") as forge:
        forge.faults.append(Fault("GET", "/api/v1/user", 403, {"Retry-After": "1"}, {"message": "forbidden"}))
        result = forgeapi.upsert_comment(target_of(forge), TOKEN, PR, BODY, sleep=Sleeps())
        assert isinstance(result, Failure) and result.kind == "forbidden"


def test_5xx_is_retried_with_capped_backoff(forge: FakeForge) -> None:
    forge.faults.append(Fault("GET", list_path(forge), 502, times=2))
    sleeps = Sleeps()
    result = upsert(forge, sleeps)
    assert isinstance(result, forgeapi.CommentResult) and result.action == "created"
    assert sleeps.calls == [1.0, 2.0]


def test_5xx_retries_are_bounded(
    forge: FakeForge, tmp_path: Path, capsys: pytest.CaptureFixture[str], token_env: None, sleeps: Sleeps
) -> None:
    forge.faults.append(Fault("GET", list_path(forge), 503, times=100))
    code, _, err = run_comment(forge, tmp_path, capsys)
    assert code == cli.EXIT_FORGE_UNAVAILABLE
    assert "读取评论列表失败：平台内部错误" in err and "internal error" in err
    assert len(list(forge.matching("GET", "/comments"))) == forgeapi.MAX_TRIES
    assert sleeps.calls == [1.0, 2.0]


def test_a_create_that_failed_with_5xx_but_took_effect_is_not_posted_twice(forge: FakeForge) -> None:
    forge.faults.append(Fault("POST", list_path(forge), 502, after=True))
    sleeps = Sleeps()
    result = upsert(forge, sleeps)
    assert isinstance(result, forgeapi.CommentResult), result
    assert result.action == "updated"  # it looked again, found the comment it had made, and updated it
    assert len(forge.comments_of(OWNER, NAME, PR)) == 1
    assert len(list(forge.matching("POST", "/comments"))) == 1 and sleeps.calls == [1.0]


def test_a_create_that_keeps_failing_is_bounded(forge: FakeForge) -> None:
    forge.faults.append(Fault("POST", list_path(forge), 500, times=100))
    result = upsert(forge)
    assert isinstance(result, Failure) and result.kind == "server"
    assert len(list(forge.matching("POST", "/comments"))) == forgeapi.MAX_TRIES


def test_a_dropped_connection_is_retried(forge: FakeForge) -> None:
    forge.faults.append(Fault("GET", list_path(forge), drop=True))
    sleeps = Sleeps()
    result = upsert(forge, sleeps)
    assert isinstance(result, forgeapi.CommentResult) and sleeps.calls == [1.0]


def test_a_create_whose_connection_dropped_looks_again_before_posting_again(forge: FakeForge) -> None:
    forge.faults.append(Fault("POST", list_path(forge), drop=True))
    sleeps = Sleeps()
    result = upsert(forge, sleeps)
    assert isinstance(result, forgeapi.CommentResult) and result.action == "created"
    assert len(forge.comments_of(OWNER, NAME, PR)) == 1
    assert len(list(forge.matching("GET", "/comments"))) == 2 and sleeps.calls == [1.0]


def test_network_error_on_a_closed_port(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], token_env: None, sleeps: Sleeps
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for kind, api in (("github", f"http://127.0.0.1:{port}"), ("gitea", f"http://127.0.0.1:{port}/api/v1")):
        sleeps.calls.clear()
        code = cli.main(
            [
                "comment",
                "--forge",
                kind,
                "--api-url",
                api,
                "--repo",
                f"{OWNER}/{NAME}",
                "--pr",
                "7",
                "--body-file",
                body_file(tmp_path),
            ]
        )
        out, err = capsys.readouterr()
        assert code == cli.EXIT_FORGE_UNAVAILABLE and out == ""
        assert f"无法从 127.0.0.1:{port} 得到回答" in err and "no answer from" in err and "--api-url" in err
        assert "Traceback" not in err and TOKEN not in err
        assert sleeps.calls == [1.0, 2.0]


def test_a_redirect_is_not_followed_with_the_token(forge: FakeForge) -> None:
    with make_forge(forge.kind) as elsewhere:
        forge.faults.append(
            Fault("GET", f"{forge.prefix}/user", 301, {"Location": elsewhere.api_url + "/user"})
        )
        result = upsert(forge)
        assert isinstance(result, Failure) and result.kind == "refused" and "不跟随转向" in result.zh
        assert elsewhere.requests == []


def test_a_next_page_on_another_host_is_not_followed(forge: FakeForge) -> None:
    with make_forge(forge.kind) as elsewhere:
        other = {"id": 1, "body": "hi", "user": {"login": "alice", "id": 5}}
        forge.faults.append(
            Fault(
                "GET",
                list_path(forge),
                200,
                {"Link": f'<{elsewhere.api_url}/steal?page=2>; rel="next"'},
                [other],
            )
        )
        result = upsert(forge)
        assert isinstance(result, Failure) and "下一页链接指向别的主机" in result.zh
        assert elsewhere.requests == [] and forge.comments_of(OWNER, NAME, PR) == []


def test_an_oversized_answer_is_not_read(forge: FakeForge, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = forge.repos[(OWNER, NAME)]
    forge.add_comment(repo, PR, "长" * 5000, "alice")
    monkeypatch.setattr(forgeapi, "MAX_RESPONSE_BYTES", 4096)
    sleeps = Sleeps()
    result = upsert(forge, sleeps)
    assert isinstance(result, Failure) and result.kind == "response" and "已停止读取" in result.zh
    assert sleeps.calls == []


def test_an_html_answer_is_not_taken_for_the_api(forge: FakeForge) -> None:
    forge.faults.append(Fault("GET", f"{forge.prefix}/user", 200, {}, "<html>"))
    result = upsert(forge)
    assert isinstance(result, Failure) and result.kind == "response" and "--api-url" in result.hint


# ------------------------------------------------------------------------------------------- the token


def test_the_token_is_only_ever_in_the_authorization_header(
    forge: FakeForge, tmp_path: Path, capsys: pytest.CaptureFixture[str], token_env: None, sleeps: Sleeps
) -> None:
    forge.faults.append(Fault("GET", list_path(forge), 500))
    outputs = [
        run_comment(forge, tmp_path, capsys),
        run_comment(forge, tmp_path, capsys, text=BODY + "二"),
        run_status(forge, capsys),
        run_status(forge, capsys, sha="f" * 40),
    ]
    assert [code for code, _, _ in outputs] == [0, 0, 0, 1]
    for _, out, err in outputs:
        assert TOKEN not in out and TOKEN not in err
    assert len(forge.requests) >= 8
    scheme = "Bearer" if forge.kind == "github" else "token"
    for request in forge.requests:
        assert TOKEN not in request.path and TOKEN.encode() not in request.body
        carriers = [name for name, value in request.headers if TOKEN in value]
        assert carriers == ["Authorization"]
        assert request.header("Authorization") == f"{scheme} {TOKEN}"


def test_missing_token_is_a_usage_error(
    forge: FakeForge, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(forgeapi.TOKEN_ENV, raising=False)
    code, _, err = run_comment(forge, tmp_path, capsys)
    assert code == cli.EXIT_USAGE and "没有令牌" in err and forgeapi.TOKEN_ENV in err
    assert forge.requests == []


def test_a_token_with_a_newline_inside_is_refused_without_echoing_it(monkeypatch: pytest.MonkeyPatch) -> None:
    failure = forgeapi.read_token({forgeapi.TOKEN_ENV: "abc\r\nX-Evil: 1"})
    assert isinstance(failure, Failure) and failure.kind == "usage" and "abc" not in failure.zh + failure.en
    assert forgeapi.read_token({forgeapi.TOKEN_ENV: "  abc123\n"}) == "abc123"


# ------------------------------------------------------------------------------------- commit statuses


def test_commit_status_request_shape(
    forge: FakeForge, capsys: pytest.CaptureFixture[str], token_env: None, sleeps: Sleeps
) -> None:
    code, out, err = run_status(forge, capsys, "--target-url", "https://ci.example.org/runs/1")
    assert (code, err) == (0, "") and "已设置提交状态 xuehui/check = success" in out
    [request] = forge.requests
    assert (request.method, request.path) == ("POST", f"{forge.prefix}/repos/{OWNER}/{NAME}/statuses/{SHA}")
    assert request.json() == {
        "state": "success",
        "context": "xuehui/check",
        "description": "检查通过 (checks passed)",
        "target_url": "https://ci.example.org/runs/1",
    }
    [status] = forge.repos[(OWNER, NAME)].statuses
    assert status["context"] == "xuehui/check"


def test_commit_status_description_is_cut_to_140_characters(forge: FakeForge) -> None:
    long = "第一行\n" + "问" * 300
    result = forgeapi.create_status(
        target_of(forge), TOKEN, SHA.upper(), "failure", "xuehui/check", long, sleep=Sleeps()
    )
    assert isinstance(result, forgeapi.StatusResult), result
    sent = forge.requests[-1].json()
    assert len(sent["description"]) == 140 and sent["description"].endswith("…")
    assert "\n" not in sent["description"] and "target_url" not in sent
    assert forge.requests[-1].path.endswith(f"/statuses/{SHA}")  # lower-cased


def test_commit_status_for_an_unknown_commit(
    forge: FakeForge, capsys: pytest.CaptureFixture[str], token_env: None, sleeps: Sleeps
) -> None:
    code, _, err = run_status(forge, capsys, sha="e" * 40)
    assert code == cli.EXIT_FINDINGS and "设置提交状态失败" in err
    assert ("No commit found for SHA" if forge.kind == "github" else "找不到") in err


def test_commit_status_retries_a_server_error(forge: FakeForge) -> None:
    forge.faults.append(Fault("POST", rf"{forge.prefix}/repos/{OWNER}/{NAME}/statuses/{SHA}", 500))
    sleeps = Sleeps()
    result = forgeapi.create_status(
        target_of(forge), TOKEN, SHA, "pending", "xuehui/check", "运行中", sleep=sleeps
    )
    assert isinstance(result, forgeapi.StatusResult) and sleeps.calls == [1.0]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--sha", "main"], "40 位提交号"),
        (["--sha", SHA[:12]], "40 位提交号"),
        (["--target-url", "http://ci.example.org/x"], "只接受 https"),
        (["--target-url", "javascript:alert(1)"], "只接受 https"),
        (["--context", ""], "状态名称"),
    ],
)
def test_commit_status_usage_errors(
    args: list[str], needle: str, capsys: pytest.CaptureFixture[str], token_env: None
) -> None:
    base = {
        "--forge": "gitea",
        "--api-url": "https://git.example.org/api/v1",
        "--repo": "wast/xuehui",
        "--sha": SHA,
        "--state": "success",
        "--context": "xuehui/check",
        "--description": "ok",
    }
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    code = cli.main(["commit-status", *[x for pair in base.items() for x in pair]])
    _, err = capsys.readouterr()
    assert code == cli.EXIT_USAGE and needle in err


def test_commit_status_state_is_limited_by_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(
        [
            "commit-status",
            "--forge",
            "github",
            "--api-url",
            "https://api.github.com",
            "--repo",
            "a/b",
            "--sha",
            SHA,
            "--state",
            "warning",
            "--context",
            "c",
            "--description",
            "d",
        ]
    )
    capsys.readouterr()
    assert code == cli.EXIT_USAGE


# ------------------------------------------------------------------------------------ usage and parsing


def test_the_body_must_start_with_the_marker(
    forge: FakeForge, tmp_path: Path, capsys: pytest.CaptureFixture[str], token_env: None
) -> None:
    code, _, err = run_comment(forge, tmp_path, capsys, text="## 报告\n" + MARKER)
    assert code == cli.EXIT_USAGE and "必须以隐藏标记" in err and forge.requests == []


def test_an_unreadable_body_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], token_env: None
) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\xff\xfe\x00")
    for path in (str(bad), str(tmp_path / "missing.md")):
        code = cli.main(
            [
                "comment",
                "--forge",
                "github",
                "--api-url",
                "https://api.github.com",
                "--repo",
                "a/b",
                "--pr",
                "1",
                "--body-file",
                path,
            ]
        )
        _, err = capsys.readouterr()
        assert code == cli.EXIT_USAGE and "读不了评论文件" in err and "Traceback" not in err


def test_an_oversized_body_file_is_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], token_env: None
) -> None:
    big = tmp_path / "big.md"
    big.write_text(MARKER + "x" * (4 * forgeapi.MAX_BODY_CHARS), encoding="utf-8")
    code = cli.main(
        [
            "comment",
            "--forge",
            "github",
            "--api-url",
            "https://api.github.com",
            "--repo",
            "a/b",
            "--pr",
            "1",
            "--body-file",
            str(big),
        ]
    )
    _, err = capsys.readouterr()
    assert code == cli.EXIT_USAGE and "过大" in err


def test_an_overlong_body_is_refused() -> None:
    target = forgeapi.parse_target("github", "https://api.github.com", "a/b")
    assert isinstance(target, Target)
    result = forgeapi.upsert_comment(
        target, TOKEN, 1, MARKER + "x" * forgeapi.MAX_BODY_CHARS, transport=_no_network
    )
    assert isinstance(result, Failure) and result.kind == "usage" and "过长" in result.zh


def _no_network(request: forgeapi.Request, auth: str) -> forgeapi.Response:
    raise AssertionError("no request may be sent")


def test_pr_number_must_be_positive() -> None:
    target = forgeapi.parse_target("gitea", "https://git.example.org/api/v1", "a/b")
    assert isinstance(target, Target)
    result = forgeapi.upsert_comment(target, TOKEN, 0, BODY, transport=_no_network)
    assert isinstance(result, Failure) and result.kind == "usage"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.github.com", "https://api.github.com"),
        ("https://api.github.com/", "https://api.github.com"),
        ("https://git.example.org/api/v1/", "https://git.example.org/api/v1"),
        ("https://git.example.org:3000/gitea/api/v1", "https://git.example.org:3000/gitea/api/v1"),
        ("http://127.0.0.1:8080/api/v1", "http://127.0.0.1:8080/api/v1"),
        ("http://localhost:3000", "http://localhost:3000"),
        ("http://git.example.org/api/v1", None),
        ("ftp://git.example.org/api/v1", None),
        ("https://user:pass@git.example.org/api/v1", None),
        ("https://git.example.org/api/v1?token=x", None),
        ("https://git.example.org/api/v1#x", None),
        ("https://git.example.org:99999/api", None),
        ("https:///api/v1", None),
        ("https://git.example.org/a b", None),
        ("http://127.0.0.1.evil.org/api", None),
    ],
)
def test_api_url(url: str, expected: str | None) -> None:
    result = forgeapi.parse_api_url(url)
    if expected is None:
        assert isinstance(result, Failure) and result.kind == "usage"
    else:
        assert result == expected


@pytest.mark.parametrize(
    ("repo", "ok"),
    [
        ("wast/xuehui", True),
        ("Wast-Org/xue.hui_2", True),
        ("a/b", True),
        ("wast", False),
        ("wast/xuehui/extra", False),
        ("../xuehui", False),
        ("wast/..", False),
        ("wast/.", False),
        ("wast/xuehui.git", False),
        ("wa st/x", False),
        ("wast/x%2Fy", False),
        ("-wast/x", False),
        ("wast/", False),
        ("/x", False),
        ("wast/x?y", False),
    ],
)
def test_repo_pattern(repo: str, ok: bool) -> None:
    result = forgeapi.parse_target("github", "https://api.github.com", repo)
    assert isinstance(result, Target) is ok


def test_paths_quote_owner_and_name() -> None:
    target = forgeapi.parse_target("gitea", "https://git.example.org/api/v1", "o.w-n_er/na.me")
    assert isinstance(target, Target)
    assert (
        forgeapi.list_comments_request(target, 3).url
        == "https://git.example.org/api/v1/repos/o.w-n_er/na.me/issues/3/comments"
    )
    assert forgeapi.edit_comment_request(target, 9, BODY).method == "PATCH"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            '<https://api.github.com/repositories/1/issues/2/comments?page=2>; rel="next", '
            '<https://api.github.com/repositories/1/issues/2/comments?page=5>; rel="last"',
            "https://api.github.com/repositories/1/issues/2/comments?page=2",
        ),
        (
            '<https://x/api/v1/a?page=1>; rel="prev",<https://x/api/v1/a?page=3>;rel="next"',
            "https://x/api/v1/a?page=3",
        ),
        ('<https://x/a?page=9>; rel="last"', None),
        ("", None),
        (None, None),
        ("garbage", None),
    ],
)
def test_next_link(header: str | None, expected: str | None) -> None:
    assert forgeapi.next_link(header) == expected


def test_same_api_origin_and_path() -> None:
    target = forgeapi.parse_target("gitea", "https://git.example.org/api/v1", "a/b")
    assert isinstance(target, Target)
    assert forgeapi.same_api(target, "https://git.example.org/api/v1/repos/a/b/issues/1/comments?page=2")
    assert not forgeapi.same_api(target, "https://git.example.org/api/v10/x")
    assert not forgeapi.same_api(target, "https://git.example.org/other")
    assert not forgeapi.same_api(target, "http://git.example.org/api/v1/x")
    assert not forgeapi.same_api(target, "https://evil.example.org/api/v1/x")
    assert not forgeapi.same_api(target, "https://me@git.example.org/api/v1/x")


def test_marker_is_the_one_the_report_writes() -> None:
    from generator.report import markdown

    assert forgeapi.MARKER == markdown.MARKER


def test_own_comment_needs_marker_login_and_id() -> None:
    me = forgeapi.Account(BOT, 1)
    assert forgeapi.own_comment_id([{"id": 5, "body": MARKER, "user": {"login": BOT, "id": 1}}], me) == 5
    assert (
        forgeapi.own_comment_id([{"id": 5, "body": MARKER, "user": {"login": BOT.upper(), "id": 1}}], me) == 5
    )
    assert forgeapi.own_comment_id([{"id": 5, "body": MARKER, "user": {"login": BOT, "id": 2}}], me) is None
    assert forgeapi.own_comment_id([{"id": 5, "body": MARKER, "user": {"login": "x", "id": 1}}], me) is None
    assert (
        forgeapi.own_comment_id([{"id": 5, "body": " " + MARKER, "user": {"login": BOT, "id": 1}}], me)
        is None
    )
    assert forgeapi.own_comment_id([{"id": "5", "body": MARKER, "user": {"login": BOT}}], me) is None
    assert forgeapi.own_comment_id({"id": 5}, me) is None

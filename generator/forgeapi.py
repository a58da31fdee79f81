"""One adapter for the forge's REST API, GitHub or Gitea/Forgejo: the sticky check comment and commit statuses.

Who sees what: the comment and the status are public on a public repository (the societies and anyone who
opens a pull request read them); the token (``XUEHUI_FORGE_TOKEN``) is the office's and is sent only in the
``Authorization`` header of requests to the ``--api-url`` origin: never in a URL, a message or a log, never
along a redirect (redirects are refused) and never to a pagination link on another origin.

Stale verdicts: ``xuehui comment --head-sha`` records the commit a verdict is for in the body and, right
before writing, reads the pull request's current head; a run for an older head leaves the comment alone.
(GitHub Actions also cancels older runs through ``concurrency``; Gitea 1.25 and Forgejo do not, so this
check is what keeps an older run from overwriting a newer verdict there.)

What a hostile pull request could do: post its own comment that starts with the marker (it is never edited:
only a comment whose author is the token's own account is updated), or make the report body large (the body
is capped before it is sent). The forge's own answers are size-capped and their messages cleaned before they
are shown.

Specifications followed (read, not guessed):

* GitHub REST ``2022-11-28``: ``GET /user``; ``GET /repos/{o}/{r}/issues/{n}/comments`` (``per_page`` ≤ 100,
  ``Link: <…>; rel="next"``); ``POST`` the same path and ``PATCH /repos/{o}/{r}/issues/comments/{id}`` with
  ``{"body": …}`` (201 / 200); ``GET /repos/{o}/{r}/pulls/{number}`` → ``head.sha`` (200, 404 when the
  number is not a pull request); ``POST /repos/{o}/{r}/statuses/{sha}`` with ``state`` (error, failure,
  pending, success), ``target_url``, ``description``, ``context`` (201). Rate limits: 403 or 429 with
  ``x-ratelimit-remaining: 0`` (wait until ``x-ratelimit-reset``) or ``retry-after`` (wait that long), or a
  secondary-limit message (wait at least a minute). ``Authorization: Bearer …``. An Actions ``GITHUB_TOKEN``
  cannot read ``GET /user`` (403 "Resource not accessible by integration"); it posts as
  ``github-actions[bot]``, which is then taken as the author.
* Gitea swagger (``templates/swagger/v1_json.tmpl``): ``userGetCurrent`` ``GET /user``; ``issueGetComments``
  takes only ``since``/``before`` (no ``page``/``limit``: it answers every comment at once), a ``Link`` next
  is still followed if one comes (a proxy or a later version may paginate); ``issueCreateComment`` (201,
  403, 404, 423 archived); ``issueEditComment`` (200 or 204, 403, 404); ``repoGetPullRequest``
  ``GET /repos/{o}/{r}/pulls/{index}`` → ``PullRequest.head`` (``PRBranchInfo``: label, ref, repo_id,
  repo, ``sha``; 200, 404); ``repoCreateStatus`` with
  ``CreateStatusOption`` {context, description, state, target_url} (201, 400, 404); ``CommitStatusState``
  pending, success, error, failure. ``Authorization: token …`` ("API tokens must be prepended with "token"
  followed by a space"). Gitea has no rate limit of its own; a 429 from a proxy is honoured like GitHub's.

Pure functions build requests and interpret responses; the transport (``urllib_transport``) is the only part
that touches the network, and the orchestration (``upsert_comment``, ``create_status``) takes the transport,
the sleep and the clock as arguments, so tests never wait. Results are values (``Failure`` or a result).
"""

from __future__ import annotations

import http.client
import json
import re
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from generator import __version__
from generator.textsafe import clean, truncate

MARKER = "<!-- xuehui-check -->"
HEAD_MARKER = "<!-- xuehui-verdict head={sha} -->"  # which head commit the comment's verdict is for
TOKEN_ENV = "XUEHUI_FORGE_TOKEN"
FORGES = ("github", "gitea")
STATES = ("success", "failure", "error", "pending")  # the states both specifications accept
GITHUB_ACTIONS_LOGIN = "github-actions[bot]"

MAX_TRIES = 3  # per request (and per create-comment round)
BACKOFF_SECONDS = (1.0, 2.0)  # before the second and the third try
MAX_WAIT_SECONDS = 30.0  # a rate limit that asks for longer fails at once, saying when to try again
TIMEOUT_SECONDS = 30.0
MAX_RESPONSE_BYTES = 32 * 1024 * 1024  # a page of 100 comments of 65 536 CJK characters (3 bytes each) fits
MAX_PAGES = 200
MAX_BODY_CHARS = 65536  # GitHub's limit for a comment body
DESCRIPTION_CHARS = 140  # GitHub refuses a longer status description
CONTEXT_CHARS = 100
URL_CHARS = 2048

Forge = Literal["github", "gitea"]
Kind = Literal[
    "usage",
    "auth",
    "forbidden",
    "not-found",
    "invalid",
    "refused",
    "rate-limit",
    "server",
    "network",
    "response",
]

_OWNER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9_])?")
_NAME = re.compile(r"[A-Za-z0-9._-]{1,100}")
_SHA = re.compile(r"(?:[0-9a-f]{40}|[0-9a-f]{64})")
_HEAD_LINE = re.compile(r"\n?<!-- xuehui-verdict head=([0-9a-f]{40}|[0-9a-f]{64}) -->")
_LINK_PART = re.compile(r"<([^>]*)>\s*((?:;\s*[^;,]*)*)")
_LOOPBACK = ("127.0.0.1", "localhost")


# ----------------------------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class Target:
    """Where requests go: the forge, its API root (no trailing slash) and the repository."""

    forge: Forge
    api: str
    owner: str
    name: str

    @property
    def repo_path(self) -> str:
        quote = urllib.parse.quote
        return f"{self.api}/repos/{quote(self.owner, safe='')}/{quote(self.name, safe='')}"


@dataclass(frozen=True, slots=True)
class Request:
    """One HTTP request without its credentials (the transport adds ``Authorization``); safe to log."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None = None


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes


@dataclass(frozen=True, slots=True)
class Failure:
    """Why the forge (or the arguments) did not let it happen: Chinese, English, and what to check."""

    kind: Kind
    zh: str
    en: str
    hint: str

    @property
    def temporary(self) -> bool:
        """Trying again later may help (network, server error, rate limit)."""
        return self.kind in ("rate-limit", "server", "network")


@dataclass(frozen=True, slots=True)
class Account:
    login: str
    id: int | None = None


@dataclass(frozen=True, slots=True)
class CommentResult:
    action: Literal["created", "updated"]
    comment_id: int
    url: str | None


@dataclass(frozen=True, slots=True)
class CommentSkipped:
    """The comment was left as it is: the pull request's head has moved on since this run's commit."""

    pr: int
    head: str  # the commit this run checked
    current: str  # the pull request's head now


@dataclass(frozen=True, slots=True)
class StatusResult:
    state: str
    context: str
    description: str


class NetworkError(Exception):
    """The transport could not get an answer. ``reason`` never holds the token; ``retry`` says if trying
    again may help (a refused connection or a timeout may; a certificate that does not verify will not)."""

    def __init__(self, reason: str, *, retry: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry = retry


class TooLarge(NetworkError):
    """The answer is larger than ``MAX_RESPONSE_BYTES``: not read further, not retried."""

    def __init__(self) -> None:
        super().__init__(f"the answer is larger than {MAX_RESPONSE_BYTES} bytes", retry=False)


Transport = Callable[[Request, str], Response]
Sleep = Callable[[float], None]
Clock = Callable[[], float]

SLEEP: Sleep = time.sleep  # what the CLI waits with; tests replace it so they never wait


def usage(zh: str, en: str, hint: str) -> Failure:
    return Failure("usage", zh, en, hint)


# ------------------------------------------------------------------------------------------- validation


def parse_target(forge: str, api_url: str, repo: str) -> Target | Failure:
    if forge not in FORGES:
        return usage(f"不认识的平台：{forge}", f"unknown forge: {forge}", "--forge 只能是 github 或 gitea。")
    api = parse_api_url(api_url)
    if isinstance(api, Failure):
        return api
    owner, sep, name = repo.partition("/")
    if (
        not sep
        or not _OWNER.fullmatch(owner)
        or not _NAME.fullmatch(name)
        or name in (".", "..")
        or name.endswith(".git")
    ):
        return usage(
            f"仓库名不对：{clean(repo)[:120]}",
            "--repo must be OWNER/NAME (letters, digits, '.', '_', '-')",
            "--repo 写成 所有者/仓库名，如 wast/xuehui（不带 .git，不带网址）。",
        )
    return Target("github" if forge == "github" else "gitea", api, owner, name)


def parse_api_url(text: str) -> str | Failure:
    """The API root: https (http only for 127.0.0.1 / localhost, for tests), no credentials, query or
    fragment; returned without a trailing slash."""
    bad = usage(
        f"API 地址不可用：{clean(text)[:200]}",
        "--api-url must be an https URL without user, query or fragment",
        "--api-url 写 API 根地址：GitHub 为 https://api.github.com，Gitea/Forgejo 为 https://主机/api/v1。",
    )
    try:
        parts = urllib.parse.urlsplit(text.strip())
        host = parts.hostname or ""
        parts.port  # noqa: B018  # raises ValueError on a bad port
    except ValueError:
        return bad
    if parts.username is not None or parts.password is not None or parts.query or parts.fragment or not host:
        return bad
    if any(ch.isspace() or not ch.isprintable() for ch in text.strip()):
        return bad
    if parts.scheme == "https" or (parts.scheme == "http" and host in _LOOPBACK):
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))
    return bad


def read_token(environ: Mapping[str, str]) -> str | Failure:
    token = environ.get(TOKEN_ENV, "").strip()
    if not token:
        return usage(
            f"没有令牌：环境变量 {TOKEN_ENV} 为空。",
            f"no token: the environment variable {TOKEN_ENV} is empty",
            f"在工作流中设置 env: {TOKEN_ENV}: ${{{{ secrets.… }}}}（GitHub 可用 secrets.GITHUB_TOKEN）。",
        )
    if any(ch.isspace() or not ch.isprintable() or ord(ch) > 126 for ch in token):
        return usage(
            f"令牌含有空白或非 ASCII 字符：请检查环境变量 {TOKEN_ENV}。",
            f"the token in {TOKEN_ENV} contains whitespace or non-ASCII characters",
            "重新复制令牌，只粘贴令牌本身（不含引号、换行或“token ”前缀）。",
        )
    return token


def check_body(text: str) -> str | Failure:
    if not text.startswith(MARKER):
        return usage(
            f"评论内容必须以隐藏标记 {MARKER} 开头。",
            f"the comment body must start with the marker {MARKER}",
            "评论文件由 xuehui check --format markdown 生成；不要手工改动其第一行。",
        )
    if len(text) > MAX_BODY_CHARS:
        return usage(
            f"评论内容过长：{len(text)} 个字符，上限为 {MAX_BODY_CHARS}。",
            f"the comment body has {len(text)} characters; the limit is {MAX_BODY_CHARS}",
            "缩短报告（例如只列出前若干条问题），再发布。",
        )
    return text


def check_pr(number: int) -> int | Failure:
    if number < 1:
        return usage(
            f"拉取请求编号不对：{number}",
            f"--pr must be a positive number, not {number}",
            "--pr 写拉取请求的编号，如 12。",
        )
    return number


def check_sha(sha: str, option: str = "--sha") -> str | Failure:
    value = sha.strip().lower()
    if not _SHA.fullmatch(value):
        return usage(
            f"提交号不对：{clean(sha)[:80]}",
            f"{option} must be a full commit id (40 hexadecimal digits)",
            f"{option} 写完整的 40 位提交号（不能用分支名或缩写）。",
        )
    return value


def with_head(body: str, sha: str) -> str:
    """The comment body with the hidden line that records the head commit it is for, right after the
    marker (so the body still starts with ``MARKER``); an earlier such line is dropped."""
    rest = _HEAD_LINE.sub("", body[len(MARKER) :])
    return f"{MARKER}\n{HEAD_MARKER.format(sha=sha)}{rest}"


def recorded_head(body: str) -> str | None:
    """The head commit a comment body says it is for, or None."""
    found = _HEAD_LINE.search(body)
    return found.group(1) if found else None


def check_state(state: str) -> str | Failure:
    if state not in STATES:
        return usage(
            f"状态不对：{clean(state)[:40]}",
            f"--state must be one of {', '.join(STATES)}",
            "--state 只能是 success、failure、error 或 pending。",
        )
    return state


def check_context(context: str) -> str | Failure:
    value = clean(context)
    if not value or len(value) > CONTEXT_CHARS or value != context:
        return usage(
            f"状态名称不对：{value[:CONTEXT_CHARS]}",
            f"--context must be 1 to {CONTEXT_CHARS} printable characters on one line",
            "--context 写一个简短的名称，如 xuehui/check。",
        )
    return value


def clip_description(text: str) -> str:
    """One line, no control characters, at most ``DESCRIPTION_CHARS`` characters (an ellipsis if cut)."""
    return truncate(clean(text), DESCRIPTION_CHARS)


def check_target_url(text: str | None) -> str | Failure | None:
    if text is None or text == "":
        return None
    bad = usage(
        f"状态链接不可用：{clean(text)[:200]}",
        "--target-url must be an https URL",
        "--target-url 只接受 https 地址（如本次运行的日志页）。",
    )
    if len(text) > URL_CHARS or any(ch.isspace() or not ch.isprintable() for ch in text):
        return bad
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:
        return bad
    if parts.scheme != "https" or not parts.hostname or parts.username is not None:
        return bad
    return text


# ------------------------------------------------------------------------------------- building requests


def authorization(forge: Forge, token: str) -> str:
    return f"Bearer {token}" if forge == "github" else f"token {token}"


def request_headers(forge: Forge, *, json_body: bool) -> tuple[tuple[str, str], ...]:
    """The headers of every request to ``forge`` (also used by ``forgeflows``'s own requests)."""
    common: tuple[tuple[str, str], ...] = (("User-Agent", f"xuehui/{__version__}"),)
    if forge == "github":
        common += (("Accept", "application/vnd.github+json"), ("X-GitHub-Api-Version", "2022-11-28"))
    else:
        common += (("Accept", "application/json"),)
    if json_body:
        common += (("Content-Type", "application/json; charset=utf-8"),)
    return common


def _json(payload: Mapping[str, object]) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def user_request(target: Target) -> Request:
    return Request("GET", f"{target.api}/user", request_headers(target.forge, json_body=False))


def list_comments_request(target: Target, pr: int) -> Request:
    url = f"{target.repo_path}/issues/{pr}/comments"
    if target.forge == "github":
        url += "?per_page=100"
    return Request("GET", url, request_headers(target.forge, json_body=False))


def pull_request_request(target: Target, pr: int) -> Request:
    """GitHub ``GET /repos/{o}/{r}/pulls/{number}``, Gitea ``repoGetPullRequest`` (``…/pulls/{index}``)."""
    return Request("GET", f"{target.repo_path}/pulls/{pr}", request_headers(target.forge, json_body=False))


def head_of(payload: Any) -> str | None:
    """``head.sha`` of a pull request (both forges name it so: GitHub's ``head``, Gitea's ``PRBranchInfo``)."""
    head = payload.get("head") if isinstance(payload, dict) else None
    sha = head.get("sha") if isinstance(head, dict) else None
    return sha.lower() if isinstance(sha, str) and _SHA.fullmatch(sha.lower()) else None


def page_request(target: Target, url: str) -> Request:
    return Request("GET", url, request_headers(target.forge, json_body=False))


def create_comment_request(target: Target, pr: int, body: str) -> Request:
    return Request(
        "POST",
        f"{target.repo_path}/issues/{pr}/comments",
        request_headers(target.forge, json_body=True),
        _json({"body": body}),
    )


def edit_comment_request(target: Target, comment_id: int, body: str) -> Request:
    return Request(
        "PATCH",
        f"{target.repo_path}/issues/comments/{comment_id}",
        request_headers(target.forge, json_body=True),
        _json({"body": body}),
    )


def status_request(
    target: Target, sha: str, state: str, context: str, description: str, target_url: str | None
) -> Request:
    payload: dict[str, object] = {"state": state, "context": context, "description": description}
    if target_url is not None:
        payload["target_url"] = target_url
    return Request(
        "POST",
        f"{target.repo_path}/statuses/{sha}",
        request_headers(target.forge, json_body=True),
        _json(payload),
    )


# ---------------------------------------------------------------------------------- reading responses


def next_link(header: str | None) -> str | None:
    """The ``rel="next"`` target of an RFC 8288 ``Link`` header, if any."""
    if not header:
        return None
    for match in _LINK_PART.finditer(header):
        for param in match.group(2).split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "rel" and "next" in value.strip().strip('"').lower().split():
                return match.group(1).strip()
    return None


def same_api(target: Target, url: str) -> bool:
    """A pagination link may only lead to the API root's own scheme, host and port, under its path."""
    try:
        base, link = urllib.parse.urlsplit(target.api), urllib.parse.urlsplit(url)
        same = (base.scheme, base.hostname, base.port) == (link.scheme, link.hostname, link.port)
    except ValueError:
        return False
    return same and link.username is None and (link.path + "/").startswith(base.path + "/")


def forge_message(response: Response) -> str:
    """The forge's own error message (``message`` in both APIs), cleaned and short; '' if none."""
    try:
        payload = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return ""
    message = payload.get("message") if isinstance(payload, dict) else None
    return truncate(clean(message), 200) if isinstance(message, str) else ""


def rate_limit_wait(target: Target, response: Response, now: float) -> float | None:
    """Seconds the forge asks us to wait, if this response is a rate limit; None if it is not one."""
    headers = response.headers
    limited = response.status == 429 or (
        target.forge == "github"
        and response.status == 403
        and (
            headers.get("x-ratelimit-remaining") == "0"
            or "retry-after" in headers
            or "rate limit" in forge_message(response).lower()
        )
    )
    if not limited:
        return None
    retry_after = headers.get("retry-after", "").strip()
    if retry_after.isdigit():
        return float(retry_after)
    reset = headers.get("x-ratelimit-reset", "").strip()
    if headers.get("x-ratelimit-remaining") == "0" and reset.isdigit():
        return max(0.0, float(reset) - now)
    return 60.0  # GitHub: "otherwise, wait for at least one minute before retrying"


def describe(target: Target, response: Response, action_zh: str, action_en: str, now: float) -> Failure:
    """Why a response that is not a success failed, with what to check."""
    status, said = response.status, forge_message(response)
    said_zh = f"平台说明：{said}" if said else f"HTTP {status}"
    said_en = f"{status} {said}".strip()
    head_zh, head_en = f"{action_zh}失败", f"{action_en} failed"
    wait = rate_limit_wait(target, response, now)
    if wait is not None:
        return Failure(
            "rate-limit",
            f"{head_zh}：平台限流，约需等待 {round(wait)} 秒（{said_zh}）。",
            f"{head_en}: rate limited by the forge, about {round(wait)} s to wait ({said_en})",
            "稍后重新运行；若经常发生，减少同一令牌的并发使用或换用专用令牌。",
        )
    if 300 <= status < 400:
        where = clean(response.headers.get("location", ""))[:200]
        return Failure(
            "refused",
            f"{head_zh}：平台要求转到 {where or '另一地址'}，为保护令牌不跟随转向。",
            f"{head_en}: the forge redirected ({status}) to {where or 'elsewhere'}; redirects are not followed",
            "检查 --api-url（应为 API 根地址）和 --repo（仓库是否已改名或迁移）。",
        )
    if status == 401:
        return Failure(
            "auth",
            f"{head_zh}：令牌无效或已过期（{said_zh}）。",
            f"{head_en}: the token was not accepted ({said_en})",
            f"检查密钥 {TOKEN_ENV} 是否为该平台的有效令牌、是否过期，以及 --forge 与 --api-url 是否对应。",
        )
    if status == 403:
        return Failure(
            "forbidden",
            f"{head_zh}：令牌没有权限（{said_zh}）。",
            f"{head_en}: the token lacks permission ({said_en})",
            "评论需要 issues/pull requests 的写权限，提交状态需要 statuses（或仓库）写权限；"
            "GitHub 工作流需声明 permissions；Gitea 令牌需 write:issue / write:repository 范围。",
        )
    if status in (404, 410):
        return Failure(
            "not-found",
            f"{head_zh}：找不到仓库、拉取请求、评论或提交（{said_zh}）。",
            f"{head_en}: not found ({said_en})",
            "检查 --repo、--pr、--sha 与 --api-url；私有仓库对无权访问的令牌也显示为“找不到”。",
        )
    if status in (400, 422):
        return Failure(
            "invalid",
            f"{head_zh}：平台不接受请求内容（{said_zh}）。",
            f"{head_en}: the forge rejected the request ({said_en})",
            "检查评论长度、提交号是否存在于该仓库、状态参数是否合法。",
        )
    if status == 423:
        return Failure(
            "refused",
            f"{head_zh}：仓库已归档，不能修改（{said_zh}）。",
            f"{head_en}: the repository is archived ({said_en})",
            "请先在平台上取消归档。",
        )
    if status >= 500:
        return Failure(
            "server",
            f"{head_zh}：平台内部错误（{said_zh}）。",
            f"{head_en}: the forge had an internal error ({said_en})",
            "稍后重新运行；持续出现时请联系平台管理员。",
        )
    return Failure(
        "refused",
        f"{head_zh}：平台拒绝了请求（{said_zh}）。",
        f"{head_en}: the forge refused ({said_en})",
        "检查各参数是否正确。",
    )


def decode_body(response: Response, action_zh: str, action_en: str) -> Any | Failure:
    """The response's JSON, or a failure saying the forge did not answer in JSON."""
    try:
        return json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return Failure(
            "response",
            f"{action_zh}：平台的回答不是 JSON。",
            f"{action_en}: the forge's answer is not JSON",
            "检查 --api-url 是否指向 API 根地址（Gitea/Forgejo 要带 /api/v1），而不是网页地址。",
        )


def account_from(payload: Any) -> Account | None:
    if isinstance(payload, dict) and isinstance(payload.get("login"), str) and payload["login"]:
        ident = payload.get("id")
        return Account(
            payload["login"], ident if isinstance(ident, int) and not isinstance(ident, bool) else None
        )
    return None


def is_own_marker_comment(comment: Any, me: Account) -> bool:
    """The comment carries the marker AND was written by the token's own account (a pull request's author
    can post a comment that starts with the marker; it is never taken for ours)."""
    if not isinstance(comment, dict) or not isinstance(comment.get("body"), str):
        return False
    author = account_from(comment.get("user"))
    if author is None or not comment["body"].startswith(MARKER):
        return False
    if me.id is not None and author.id is not None:
        return me.id == author.id and me.login.casefold() == author.login.casefold()
    return me.login.casefold() == author.login.casefold()


def own_comment_id(page: Any, me: Account) -> int | None:
    if not isinstance(page, list):
        return None
    for comment in page:
        if is_own_marker_comment(comment, me) and isinstance(comment.get("id"), int):
            return int(comment["id"])
    return None


# ------------------------------------------------------------------------------------------- transport


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> None:
        return None  # urllib then raises HTTPError with the 3xx status, which is answered as a Response


def _read_capped(stream: Any) -> bytes:
    data: bytes = stream.read(MAX_RESPONSE_BYTES + 1)
    if len(data) > MAX_RESPONSE_BYTES:
        raise TooLarge
    return data


def _exchange(opener: urllib.request.OpenerDirector, req: urllib.request.Request) -> Response:
    try:
        with opener.open(req, timeout=TIMEOUT_SECONDS) as answer:
            return Response(
                answer.status, {k.lower(): v for k, v in answer.headers.items()}, _read_capped(answer)
            )
    except urllib.error.HTTPError as exc:  # a status outside 2xx (3xx included: redirects are not followed)
        with exc:
            headers = {k.lower(): v for k, v in exc.headers.items()} if exc.headers else {}
            return Response(exc.code, headers, _read_capped(exc))


def urllib_transport(request: Request, auth: str) -> Response:
    """Send one request with ``urllib``: no redirects, a timeout, a capped body. ``auth`` goes into the
    ``Authorization`` header only, as an unredirected header."""
    host = urllib.parse.urlsplit(request.url).hostname or ""
    handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
    if host in _LOOPBACK:
        handlers.append(urllib.request.ProxyHandler({}))  # a local test server is never behind a proxy
    opener = urllib.request.build_opener(*handlers)
    req = urllib.request.Request(request.url, data=request.body, method=request.method)
    for name, value in request.headers:
        req.add_header(name, value)
    req.add_unredirected_header("Authorization", auth)
    try:
        return _exchange(opener, req)
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ssl.SSLCertVerificationError):
            raise NetworkError(
                f"certificate verification failed: {reason.verify_message}", retry=False
            ) from None
        raise NetworkError(str(reason)) from None
    except TimeoutError:
        raise NetworkError("timed out") from None
    except (http.client.HTTPException, OSError) as exc:
        raise NetworkError(type(exc).__name__ + (f": {exc}" if str(exc) else "")) from None


# ----------------------------------------------------------------------------------------- orchestration


class Stop(Exception):
    """Raised by ``Client.send`` when a request failed for good; carries the failure to report."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.en)
        self.failure = failure


class _Ambiguous(Exception):
    """A create request may or may not have taken effect (server error or lost connection)."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.en)
        self.failure = failure


def backoff(attempt: int) -> float:
    return BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS)) - 1]


@dataclass(slots=True)
class Client:
    """Sends requests to one repository's API with bounded retries (also used by ``forgeflows``)."""

    target: Target
    token: str
    transport: Transport
    sleep: Sleep
    clock: Clock

    def send(
        self,
        request: Request,
        ok: tuple[int, ...],
        action_zh: str,
        action_en: str,
        *,
        idempotent: bool = True,
    ) -> Response:
        """Send with bounded retries (server errors, rate limits, network); raise Stop on failure, or
        _Ambiguous for a non-idempotent request whose outcome is unknown."""
        for attempt in range(1, MAX_TRIES + 1):
            last = attempt == MAX_TRIES
            try:
                response = self.transport(request, authorization(self.target.forge, self.token))
            except NetworkError as exc:
                failure = self._network_failure(exc, action_zh, action_en)
                if not exc.retry:
                    raise Stop(failure) from None
                if not idempotent:
                    raise _Ambiguous(failure) from None
                if last:
                    raise Stop(failure) from None
                self.sleep(backoff(attempt))
                continue
            if response.status in ok:
                return response
            failure = describe(self.target, response, action_zh, action_en, self.clock())
            if failure.kind == "rate-limit":  # refused before any effect: safe to repeat
                wait = rate_limit_wait(self.target, response, self.clock()) or 0.0
                if last or wait > MAX_WAIT_SECONDS:
                    raise Stop(failure)
                self.sleep(max(wait, backoff(attempt)))
                continue
            if failure.kind == "server":
                if not idempotent:
                    raise _Ambiguous(failure)
                if last:
                    raise Stop(failure)
                self.sleep(backoff(attempt))
                continue
            raise Stop(failure)
        raise AssertionError("unreachable")  # pragma: no cover

    def _network_failure(self, exc: NetworkError, action_zh: str, action_en: str) -> Failure:
        host = urllib.parse.urlsplit(self.target.api).netloc
        if isinstance(exc, TooLarge):
            return Failure(
                "response",
                f"{action_zh}失败：{host} 的回答超过 {MAX_RESPONSE_BYTES // (1024 * 1024)} MiB，已停止读取。",
                f"{action_en} failed: the answer from {host} is larger than {MAX_RESPONSE_BYTES} bytes",
                "检查 --api-url 是否指向 API 根地址。",
            )
        reason = truncate(clean(exc.reason), 200)
        return Failure(
            "network",
            f"{action_zh}失败：无法从 {host} 得到回答（{reason}）。",
            f"{action_en} failed: no answer from {host} ({reason})",
            "检查 --api-url 的主机名与端口、运行器的网络与代理（HTTPS_PROXY）设置、平台是否在线；"
            "自签名证书需设置 SSL_CERT_FILE。",
        )

    def json(
        self, request: Request, ok: tuple[int, ...], action_zh: str, action_en: str
    ) -> tuple[Any, Response]:
        response = self.send(request, ok, action_zh, action_en)
        payload = decode_body(response, action_zh, action_en)
        if isinstance(payload, Failure):
            raise Stop(payload)
        return payload, response

    def me(self, author: str | None) -> Account:
        if author:
            return Account(author)
        try:
            payload, _ = self.json(
                user_request(self.target), (200,), "读取令牌所属账号", "reading the token's account"
            )
        except Stop as stop:
            said = stop.failure.zh + stop.failure.en
            if (
                self.target.forge == "github"
                and stop.failure.kind == "forbidden"
                and "not accessible by integration" in said.lower()
            ):
                return Account(
                    GITHUB_ACTIONS_LOGIN
                )  # an Actions GITHUB_TOKEN: it posts as github-actions[bot]
            raise
        account = account_from(payload)
        if account is None:
            raise Stop(
                Failure(
                    "response",
                    "读取令牌所属账号：回答中没有 login。",
                    "reading the token's account: no login in the answer",
                    "检查 --api-url 是否指向 API 根地址。",
                )
            )
        return account

    def current_head(self, pr: int) -> str:
        payload, _ = self.json(
            pull_request_request(self.target, pr), (200,), "读取拉取请求", "reading the pull request"
        )
        sha = head_of(payload)
        if sha is None:
            raise Stop(
                Failure(
                    "response",
                    "读取拉取请求：回答中没有最新提交号（head.sha）。",
                    "reading the pull request: no head.sha in the answer",
                    "检查 --api-url 与 --forge 是否对应，--pr 是否为拉取请求（而非议题）的编号。",
                )
            )
        return sha

    def find_own_comment(self, pr: int, me: Account) -> int | None:
        request = list_comments_request(self.target, pr)
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            seen.add(request.url)
            page, response = self.json(request, (200,), "读取评论列表", "listing the comments")
            if not isinstance(page, list):
                raise Stop(
                    Failure(
                        "response",
                        "读取评论列表：回答不是评论列表。",
                        "listing the comments: the answer is not a list",
                        "检查 --api-url 与 --forge 是否对应。",
                    )
                )
            found = own_comment_id(page, me)
            if found is not None:
                return found
            link = next_link(response.headers.get("link"))
            if link is None or not page:
                return None
            link = urllib.parse.urljoin(request.url, link)
            if not same_api(self.target, link):
                raise Stop(
                    Failure(
                        "response",
                        "读取评论列表：下一页链接指向别的主机，为保护令牌已停止。",
                        "listing the comments: the next-page link leaves the API origin; stopped to protect the token",
                        "检查 --api-url 是否与平台对外地址（Gitea 的 ROOT_URL）一致。",
                    )
                )
            if link in seen:
                return None
            request = page_request(self.target, link)
        raise Stop(
            Failure(
                "response",
                f"读取评论列表：超过 {MAX_PAGES} 页，已停止。",
                f"listing the comments: more than {MAX_PAGES} pages; stopped",
                "请在平台上清理该拉取请求的评论，或联系管理员。",
            )
        )


def _comment_id(payload: Any) -> tuple[int, str | None] | Failure:
    if isinstance(payload, dict) and isinstance(payload.get("id"), int):
        url = payload.get("html_url")
        return int(payload["id"]), url if isinstance(url, str) else None
    return Failure(
        "response",
        "发布评论：回答中没有评论编号。",
        "posting the comment: no comment id in the answer",
        "检查 --api-url 与 --forge 是否对应。",
    )


def _post_once(client: Client, pr: int, body: str, me: Account) -> CommentResult | Failure | _Ambiguous:
    """Update our comment if there is one, else create it (an ambiguous create is returned, not raised)."""
    existing = client.find_own_comment(pr, me)
    if existing is not None:
        response = client.send(
            edit_comment_request(client.target, existing, body),
            (200, 204),
            "更新评论",
            "updating the comment",
        )
        url = None
        if response.status == 200:
            payload = decode_body(response, "更新评论", "updating the comment")
            url = payload.get("html_url") if isinstance(payload, dict) else None
        return CommentResult("updated", existing, url if isinstance(url, str) else None)
    try:
        response = client.send(
            create_comment_request(client.target, pr, body),
            (201,),
            "发布评论",
            "posting the comment",
            idempotent=False,
        )
    except _Ambiguous as unsure:
        return unsure
    made = _comment_id(decode_body(response, "发布评论", "posting the comment"))
    if isinstance(made, Failure):
        return made
    return CommentResult("created", made[0], made[1])


def _checked_body(pr: int, body: str, head_sha: str | None) -> tuple[str, str | None] | Failure:
    checks: list[object] = [check_pr(pr), check_body(body)]
    head = check_sha(head_sha, "--head-sha") if head_sha is not None else None
    checks.append(head)
    for value in checks:
        if isinstance(value, Failure):
            return value
    if not isinstance(head, str):
        return body, None
    marked = check_body(with_head(body, head))
    return marked if isinstance(marked, Failure) else (marked, head)


def upsert_comment(
    target: Target,
    token: str,
    pr: int,
    body: str,
    *,
    author: str | None = None,
    head_sha: str | None = None,
    transport: Transport = urllib_transport,
    sleep: Sleep = time.sleep,
    clock: Clock = time.time,
) -> CommentResult | CommentSkipped | Failure:
    """Create or update the one comment on pull request ``pr`` that carries ``MARKER`` and was written by
    the token's own account (or ``author``, when given).

    With ``head_sha`` (the commit this run checked) the body records it (``HEAD_MARKER``), and right before
    each write the pull request's current head is read: when it is another commit the comment is left alone
    (``CommentSkipped``), so a run for an older head never overwrites the verdict for a newer one, whatever
    order the runs finish in."""
    checked = _checked_body(pr, body, head_sha)
    if isinstance(checked, Failure):
        return checked
    text, head = checked
    client = Client(target, token, transport, sleep, clock)
    try:
        me = client.me(author)
        last: Failure | None = None
        for attempt in range(1, MAX_TRIES + 1):
            if head is not None and (current := client.current_head(pr)) != head:
                return CommentSkipped(pr, head, current)
            outcome = _post_once(client, pr, text, me)
            if not isinstance(outcome, _Ambiguous):
                return outcome
            last = outcome.failure  # look again before posting again, so there is never a second copy
            if attempt < MAX_TRIES:
                sleep(backoff(attempt))
        assert last is not None
        return last
    except Stop as stop:
        return stop.failure


def create_status(
    target: Target,
    token: str,
    sha: str,
    state: str,
    context: str,
    description: str,
    target_url: str | None = None,
    *,
    transport: Transport = urllib_transport,
    sleep: Sleep = time.sleep,
    clock: Clock = time.time,
) -> StatusResult | Failure:
    """Set commit status ``context`` on ``sha`` (a repeated status for the same context replaces the shown
    one on both forges, so a retried request is harmless)."""
    checked_sha, checked_state, checked_context = check_sha(sha), check_state(state), check_context(context)
    checked_url = check_target_url(target_url)
    for value in (checked_sha, checked_state, checked_context, checked_url):
        if isinstance(value, Failure):
            return value
    assert (
        isinstance(checked_sha, str) and isinstance(checked_state, str) and isinstance(checked_context, str)
    )
    assert not isinstance(checked_url, Failure)
    text = clip_description(description)
    client = Client(target, token, transport, sleep, clock)
    try:
        client.send(
            status_request(target, checked_sha, checked_state, checked_context, text, checked_url),
            (201,),
            "设置提交状态",
            "setting the commit status",
        )
    except Stop as stop:
        return stop.failure
    return StatusResult(checked_state, checked_context, text)

"""A local forge that answers as GitHub's REST API or Gitea's API (swagger ``v1_json.tmpl``) does, for the
endpoints the adapter uses (a pull request's ``head.sha`` included: ``Repo.heads``), and records every request.

It listens on 127.0.0.1 on a random port, in a thread; ``with FakeForge("github") as forge:`` starts and stops
it. Shapes follow the specifications: paths (GitHub at the root, Gitea under ``/api/v1``), the authorization
scheme (``Bearer`` / ``token``), status codes, JSON bodies (``message`` for errors), GitHub's ``per_page`` /
``page`` pagination with ``Link`` headers that point at ``/repositories/{id}/…`` (as GitHub's do), Gitea's
unpaginated comment list with ``X-Total-Count`` (or, with ``gitea_page_size``, Gitea's ``page``/``limit``
paging and ``Link`` headers, as its other lists do). ``faults`` script errors: a status with headers and a
body, optionally after the request took effect, or a dropped connection.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

ForgeKind = Literal["github", "gitea"]
Scope = Literal["write", "read", "installation"]


@dataclass
class Account:
    login: str
    id: int
    scope: Scope = "write"


@dataclass
class Comment:
    id: int
    body: str
    login: str
    user_id: int


@dataclass
class Repo:
    id: int
    prs: set[int] = field(default_factory=set)
    comments: dict[int, list[Comment]] = field(default_factory=dict)
    commits: set[str] = field(default_factory=set)
    statuses: list[dict[str, Any]] = field(default_factory=list)
    archived: bool = False
    heads: dict[int, str] = field(default_factory=dict)  # each pull request's head commit (a push moves it)


@dataclass
class Recorded:
    method: str
    path: str  # as sent, with the query
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


@dataclass
class Fault:
    """Answer the next ``times`` requests matching ``method`` and ``path`` (a regular expression on the
    path without the query) with ``status``; ``after=True`` lets the request take effect first; ``drop=True``
    closes the connection without an answer."""

    method: str
    path: str
    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    times: int = 1
    after: bool = False
    drop: bool = False


class FakeForge:
    def __init__(self, kind: ForgeKind, *, gitea_page_size: int | None = None) -> None:
        self.kind: ForgeKind = kind
        self.gitea_page_size = gitea_page_size
        self.accounts: dict[str, Account] = {}
        self.repos: dict[tuple[str, str], Repo] = {}
        self.requests: list[Recorded] = []
        self.faults: list[Fault] = []
        self.lock = threading.Lock()
        self._next_id = 1000
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ setup

    @property
    def prefix(self) -> str:
        return "" if self.kind == "github" else "/api/v1"

    @property
    def origin(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return self.origin + self.prefix

    def add_account(self, token: str, login: str, scope: Scope = "write") -> Account:
        account = Account(login, len(self.accounts) + 1, scope)
        self.accounts[token] = account
        return account

    def add_repo(
        self, owner: str, name: str, *, prs: tuple[int, ...] = (1,), commits: tuple[str, ...] = ()
    ) -> Repo:
        repo = Repo(id=4242 + len(self.repos), prs=set(prs), commits=set(commits))
        for pr in prs:
            repo.comments[pr] = []
            repo.heads[pr] = f"{pr:040x}"
        self.repos[(owner, name)] = repo
        return repo

    def add_comment(self, repo: Repo, pr: int, body: str, login: str) -> Comment:
        user_id = next((a.id for a in self.accounts.values() if a.login == login), 900 + len(login))
        comment = Comment(self._new_id(), body, login, user_id)
        repo.comments[pr].append(comment)
        return comment

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def __enter__(self) -> FakeForge:
        forge = self

        class Handler(_Handler):
            fake = forge

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None and self._thread is not None
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # ------------------------------------------------------------------ answering

    def take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.times > 0 and fault.method == method and re.fullmatch(fault.path, path):
                    fault.times -= 1
                    return fault
        return None

    def error(self, status: int, message: str) -> tuple[int, dict[str, str], Any]:
        if self.kind == "github":
            return (
                status,
                {},
                {
                    "message": message,
                    "documentation_url": "https://docs.github.com/rest",
                    "status": str(status),
                },
            )
        return status, {}, {"message": message, "url": self.origin + "/api/swagger"}

    def user_json(self, login: str, user_id: int) -> dict[str, Any]:
        if self.kind == "github":
            kind = "Bot" if login.endswith("[bot]") else "User"
            return {"login": login, "id": user_id, "type": kind, "url": f"{self.api_url}/users/{login}"}
        return {"id": user_id, "login": login, "full_name": "", "email": f"{login}@noreply.example.org"}

    def comment_json(self, owner: str, name: str, pr: int, comment: Comment) -> dict[str, Any]:
        html = f"{self.origin}/{owner}/{name}/pull/{pr}#issuecomment-{comment.id}"
        return {
            "id": comment.id,
            "body": comment.body,
            "user": self.user_json(comment.login, comment.user_id),
            "html_url": html,
            "created_at": "2026-11-26T09:00:00Z",
            "updated_at": "2026-11-26T09:00:00Z",
        }

    def authenticate(self, header: str | None) -> Account | None:
        scheme = "Bearer " if self.kind == "github" else "token "
        if not header or not header.startswith(scheme):
            return None
        return self.accounts.get(header[len(scheme) :])

    def answer(
        self, method: str, path: str, query: dict[str, list[str]], auth: str | None, body: bytes
    ) -> tuple[int, dict[str, str], Any]:
        account = self.authenticate(auth)
        if account is None:
            return self.error(
                401, "Bad credentials" if self.kind == "github" else "invalid username, password or token"
            )
        if not path.startswith(self.prefix + "/"):
            return self.error(404, "Not Found")
        rest = path[len(self.prefix) :]
        if rest == "/user" and method == "GET":
            if account.scope == "installation":
                return self.error(403, "Resource not accessible by integration")
            return 200, {}, self.user_json(account.login, account.id)
        match = re.fullmatch(r"/repos/([^/]+)/([^/]+)(/.*)", rest)
        by_id = re.fullmatch(r"/repositories/(\d+)(/.*)", rest) if self.kind == "github" else None
        if match:
            owner, name = urllib.parse.unquote(match.group(1)), urllib.parse.unquote(match.group(2))
            tail = match.group(3)
        elif by_id:
            found = [(o, n) for (o, n), r in self.repos.items() if r.id == int(by_id.group(1))]
            if not found:
                return self.error(404, "Not Found")
            (owner, name), tail = found[0], by_id.group(2)
        else:
            return self.error(404, "Not Found")
        repo = self.repos.get((owner, name))
        if repo is None:
            return self.error(404, "Not Found")
        return self.repo_answer(account, owner, name, repo, method, tail, query, body)

    def repo_answer(
        self,
        account: Account,
        owner: str,
        name: str,
        repo: Repo,
        method: str,
        tail: str,
        query: dict[str, list[str]],
        body: bytes,
    ) -> tuple[int, dict[str, str], Any]:
        writer = account.scope in ("write", "installation")
        if m := re.fullmatch(r"/issues/(\d+)/comments", tail):
            pr = int(m.group(1))
            if pr not in repo.prs:
                return self.error(404, "Not Found")
            if method == "GET":
                return self.list_comments(owner, name, repo, pr, query)
            if method == "POST":
                if not writer:
                    return self.forbidden()
                if repo.archived:
                    return self.error(423, "repo is archived")
                text = _body_text(body)
                if text is None or text == "":
                    return self.invalid("body")
                author = "github-actions[bot]" if account.scope == "installation" else account.login
                comment = Comment(self._new_id(), text, author, account.id)
                repo.comments[pr].append(comment)
                return 201, {}, self.comment_json(owner, name, pr, comment)
        if (m := re.fullmatch(r"/pulls/(\d+)", tail)) and method == "GET":
            pr = int(m.group(1))
            if pr not in repo.prs:
                return self.error(404, "Not Found")
            return 200, {}, self.pull_json(owner, name, repo, pr)
        if (m := re.fullmatch(r"/issues/comments/(\d+)", tail)) and method == "PATCH":
            for pr, comments in repo.comments.items():
                for comment in comments:
                    if comment.id == int(m.group(1)):
                        if not writer:
                            return self.forbidden()
                        text = _body_text(body)
                        if text is None or text == "":
                            return self.invalid("body")
                        comment.body = text
                        return 200, {}, self.comment_json(owner, name, pr, comment)
            return self.error(404, "Not Found")
        if (m := re.fullmatch(r"/statuses/([^/]+)", tail)) and method == "POST":
            if not writer:
                return self.forbidden()
            sha = m.group(1)
            payload = json.loads(body.decode("utf-8") or "{}")
            if sha not in repo.commits:
                if self.kind == "github":
                    return self.error(422, f"No commit found for SHA: {sha}")
                return self.error(404, "Not Found")
            if payload.get("state") not in ("error", "failure", "pending", "success"):
                return self.invalid("state")
            if self.kind == "github" and len(payload.get("description") or "") > 140:
                return self.invalid("description")
            status = {
                "id": self._new_id(),
                "state": payload["state"],
                "context": payload.get("context", "default"),
                "description": payload.get("description"),
                "target_url": payload.get("target_url"),
            }
            if self.kind == "gitea":
                status["status"] = status.pop("state")
            repo.statuses.append(status)
            return 201, {}, status
        return self.error(404, "Not Found")

    def pull_json(self, owner: str, name: str, repo: Repo, pr: int) -> dict[str, Any]:
        """A pull request as each forge answers it (the fields a client might read; ``head.sha`` is the one
        the adapter reads). GitHub: ``head``/``base`` with label ``owner:ref``, ref, sha, repo and user;
        Gitea: ``PRBranchInfo`` with label (the branch), ref, sha, repo_id and repo."""
        html = f"{self.origin}/{owner}/{name}/{'pull' if self.kind == 'github' else 'pulls'}/{pr}"
        repo_json = {"id": repo.id, "name": name, "full_name": f"{owner}/{name}"}
        head: dict[str, Any] = {"ref": f"pr-{pr}", "sha": repo.heads[pr], "repo": repo_json}
        base: dict[str, Any] = {"ref": "main", "sha": "0" * 40, "repo": repo_json}
        if self.kind == "github":
            head["label"], base["label"] = f"{owner}:pr-{pr}", f"{owner}:main"
            head["user"] = base["user"] = {"login": owner, "id": 1}
        else:
            head["label"], base["label"] = f"pr-{pr}", "main"
            head["repo_id"] = base["repo_id"] = repo.id
        payload: dict[str, Any] = {
            "id": 77000 + pr,
            "number": pr,
            "state": "open",
            "title": f"pull request {pr}",
            "html_url": html,
            "head": head,
            "base": base,
            "user": {"login": owner, "id": 1},
        }
        if self.kind == "gitea":
            payload.update({"mergeable": True, "merged": False, "merge_base": "0" * 40})
        return payload

    def forbidden(self) -> tuple[int, dict[str, str], Any]:
        if self.kind == "github":
            return self.error(403, "Resource not accessible by personal access token")
        return self.error(403, "token does not have at least one of required scope(s): [write:issue]")

    def invalid(self, what: str) -> tuple[int, dict[str, str], Any]:
        if self.kind == "github":
            status, headers, payload = self.error(422, "Validation Failed")
            payload["errors"] = [{"resource": "IssueComment", "code": "invalid", "field": what}]
            return status, headers, payload
        return self.error(422, f"[{what.capitalize()}]: Required")

    def list_comments(
        self, owner: str, name: str, repo: Repo, pr: int, query: dict[str, list[str]]
    ) -> tuple[int, dict[str, str], Any]:
        comments = repo.comments[pr]
        if self.kind == "gitea" and self.gitea_page_size is None:  # issueGetComments: every comment at once
            return (
                200,
                {"X-Total-Count": str(len(comments))},
                [self.comment_json(owner, name, pr, c) for c in comments],
            )
        if self.kind == "github":
            size = min(int(query.get("per_page", ["30"])[0]), 100)
            base = f"{self.api_url}/repositories/{repo.id}/issues/{pr}/comments"
            size_param = "per_page"
        else:
            size = int(query.get("limit", [str(self.gitea_page_size)])[0])
            base = f"{self.api_url}/repos/{owner}/{name}/issues/{pr}/comments"
            size_param = "limit"
        page = int(query.get("page", ["1"])[0])
        last = max(1, -(-len(comments) // size))
        chunk = comments[(page - 1) * size : page * size]
        links = []
        if page < last:
            links.append(f'<{base}?{size_param}={size}&page={page + 1}>; rel="next"')
            links.append(f'<{base}?{size_param}={size}&page={last}>; rel="last"')
        if page > 1:
            links.append(f'<{base}?{size_param}={size}&page=1>; rel="first"')
        headers = {"Link": ", ".join(links)} if links else {}
        if self.kind == "gitea":
            headers["X-Total-Count"] = str(len(comments))
        return 200, headers, [self.comment_json(owner, name, pr, c) for c in chunk]

    def comments_of(self, owner: str, name: str, pr: int) -> list[Comment]:
        return self.repos[(owner, name)].comments[pr]

    def matching(self, method: str, fragment: str) -> Iterator[Recorded]:
        return (r for r in self.requests if r.method == method and fragment in r.path)


def _body_text(body: bytes) -> str | None:
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    text = payload.get("body") if isinstance(payload, dict) else None
    return text if isinstance(text, str) else None


class _Handler(BaseHTTPRequestHandler):
    fake: FakeForge
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        fake = self.fake
        with fake.lock:
            fake.requests.append(Recorded(self.command, self.path, list(self.headers.items()), body))
        split = urllib.parse.urlsplit(self.path)
        fault = fake.take_fault(self.command, split.path)
        if fault and fault.drop:
            self.close_connection = True
            self.connection.shutdown(2)
            return
        status, payload = 0, None
        headers: dict[str, str] = {}
        if fault is None or fault.after:
            with fake.lock:
                status, headers, payload = fake.answer(
                    self.command,
                    split.path,
                    urllib.parse.parse_qs(split.query),
                    self.headers.get("Authorization"),
                    body,
                )
        if fault:
            status, headers, payload = fault.status, dict(fault.headers), fault.body
            if payload is None and status != 204:
                payload = fake.error(status, "fault")[2]
        data = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if fake.kind == "github" and "x-ratelimit-remaining" not in {k.lower() for k in headers}:
            headers.update(
                {
                    "x-ratelimit-limit": "5000",
                    "x-ratelimit-remaining": "4999",
                    "x-ratelimit-reset": "1795000000",
                    "x-ratelimit-resource": "core",
                }
            )
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PATCH(self) -> None:
        self._handle()

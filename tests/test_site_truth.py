"""Issue 25: the site, the set-up and the guides say what is true, in Chinese. Each test failed before:
the build's log lines, a repository with no commit, `make site` pulling the bootstrap, the preview
server's English error pages, a committee member's id in a public guide, English-only comments in the
shipped YAML, the office guide's status check and ranking, the timeline's step while publicity is open,
feed links to folders, pages sorted by their English codes."""

from __future__ import annotations

import http.server
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from functools import partial
from pathlib import Path

import pytest
import yaml

from generator.commands import serve
from generator.site import feed, svg
from generator.site.notices import notices
from generator.site.pages import chinese_order
from generator.site.searchscript import index_script
from generator.site.searchwords import issuer_words, user_dictionary
from tests.helpers import REPO, mini_tree, write_tree
from tests.test_site import mini_pages, site_of

NOW = "2026-11-26"
HAN = re.compile(r"[\u4e00-\u9fff]")


def _build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--now", NOW, "--out", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_a_build_prints_no_english_log_lines_and_says_what_opens_from_disk(tmp_path: Path) -> None:
    write_tree(tmp_path, mini_tree())
    done = _build(tmp_path, tmp_path / "public")
    assert done.returncode == 0, done.stderr
    for english in ("prefix dict", "Loading model", "Dumping model", "DEBUG"):
        assert english not in done.stderr + done.stdout
    assert "index.html" in done.stdout and "xuehui serve" in done.stdout and "搜索" in done.stdout
    assert done.stdout.count("用浏览器打开") == 1
    pages = [p for p in (tmp_path / "public").rglob("*.html") if p.name != "404.html"]
    assert f"（{len(pages)} 个页面）" in done.stdout


def test_a_repository_without_commits_is_explained(tmp_path: Path) -> None:
    write_tree(tmp_path, mini_tree())
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    done = _build(tmp_path, tmp_path / "public")
    assert done.returncode == 0, done.stderr
    assert "还没有任何提交" in done.stderr and "git commit" in done.stderr
    assert "bad revision" not in done.stderr and "fatal" not in done.stderr


def _make_dry_run(target: str, tmp_path: Path) -> str:
    done = subprocess.run(
        ["make", "-n", "-C", str(REPO), target, f"VENV={tmp_path / 'venv'}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.stdout + done.stderr


def test_make_site_needs_only_python_and_make(tmp_path: Path) -> None:
    site = _make_dry_run("site", tmp_path)
    assert ".ci/bootstrap" not in site and "npm" not in site, site
    assert "xuehui build --out public" in site
    assert "用浏览器打开" not in site  # the build says it once, not the Makefile a second time
    assert ".ci/bootstrap" in _make_dry_run("test", tmp_path)


@pytest.mark.parametrize("with_page", [True, False], ids=["site-404-page", "no-404-page"])
def test_the_preview_server_answers_errors_in_chinese(tmp_path: Path, with_page: bool) -> None:
    if with_page:
        (tmp_path / "404.html").write_text("<h1>找不到页面（404）</h1>", encoding="utf-8")
    handler = partial(serve._handler_class(), directory=str(tmp_path))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page.html", timeout=10)
        body = missing.value.read().decode("utf-8")
        assert missing.value.code == 404 and "找不到页面" in body and "File not found" not in body
        assert "charset=utf-8" in missing.value.headers["Content-Type"]
        with pytest.raises(urllib.error.HTTPError) as wrong:
            urllib.request.urlopen(
                urllib.request.Request(f"http://127.0.0.1:{port}/", method="POST"), timeout=10
            )
        text = wrong.value.read().decode("utf-8")
        assert wrong.value.code == 501 and "不支持的请求方式" in text and "Unsupported" not in text
    finally:
        server.shutdown()
        server.server_close()


def test_the_404_page_is_chinese() -> None:
    page = (REPO / "site" / "overrides" / "404.html").read_text(encoding="utf-8")
    assert "找不到页面" in page and "Not found" not in page


def _expert_ids() -> set[str]:
    ids: set[str] = set()
    for path in [*REPO.glob("examples/committee/experts.yaml"), *REPO.glob("tests/fixtures/**/experts.yaml")]:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        ids.update(e["id"] for e in data.get("experts", []) if isinstance(e, dict) and "id" in e)
    return ids


def test_public_guides_use_fictional_expert_ids() -> None:
    ids = _expert_ids()
    assert "expert-zhao" in ids
    for guide in sorted((REPO / "site" / "docs").rglob("*.md")):
        text = guide.read_text(encoding="utf-8")
        assert [i for i in ids if re.search(rf"\b{re.escape(i)}\b", text)] == [], guide.name


def _comments(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each comment: an end-of-line comment alone, a run of comment lines together."""
    found: list[tuple[int, str]] = []
    run: list[str] = []
    for number, line in enumerate([*text.splitlines(), ""], 1):
        if line.lstrip().startswith("#"):
            run.append(line.lstrip()[1:].strip())
            continue
        if run:
            found.append((number - len(run), " ".join(run)))
            run = []
        if "#" in line:
            found.append((number, line.partition("#")[2].strip()))
    return found


def test_shipped_yaml_comments_are_never_english_alone() -> None:
    alone = []
    for path in sorted((REPO / "submissions").rglob("*.yaml")):
        for number, comment in _comments(path.read_text(encoding="utf-8")):
            prose = re.sub(r"yaml-language-server: \S+", "", comment)  # an editor's directive, not prose
            if re.search(r"[A-Za-z]{3}", prose) and not HAN.search(prose):
                alone.append(f"{path.relative_to(REPO)}:{number}: {comment}")
    assert alone == []


def test_the_office_guide_agrees_with_the_commands() -> None:
    office = (REPO / "site" / "docs" / "guides" / "office.md").read_text(encoding="utf-8")
    assert "`xuehui/verdict`" in office and "(validate)" not in office
    assert "不要提交到仓库，也不要公开" not in office  # --record publishes the means: results.yaml is public
    assert "--record" in office and "公开" in office
    guide = (REPO / "docs" / "guide.md").read_text(encoding="utf-8")
    assert "处理决定、专家库）" not in guide
    assert "`xuehui/verdict`" in guide


def _steps(now: str) -> str:
    page = mini_pages(now=now)["cycles/2026/index.md"]
    found = re.search(r'<ol class="xh-sr-only"[^>]*>(.*?)</ol>', page)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-11-26", ["公示中：2026-11-25，进行中", "公示期满：2026-12-04，未开始"]),
        ("2026-12-04", ["公示中：2026-11-25，进行中", "公示期满：2026-12-04，未开始"]),  # the last day counts
        ("2026-12-05", ["公示：2026-11-25，已完成", "公示期满：2026-12-04，已完成"]),
    ],
)
def test_the_timeline_marks_todays_step(now: str, expected: list[str]) -> None:
    steps = _steps(now)
    for item in expected:
        assert f"<li>{item}</li>" in steps, steps


def test_the_timeline_has_a_legend() -> None:
    drawing = svg.timeline([("公示中", None, "current")], "t")
    assert "xh-timeline-legend" in drawing and "已完成" in drawing and "未开始" in drawing


def test_feed_links_name_pages() -> None:
    site = site_of(mini_tree(), NOW)
    text = feed.render(notices(site), "t", "https://example.org/", "d", "Asia/Shanghai")
    links = re.findall(r"<link>(.*?)</link>", text)[1:]
    assert links and all(link.endswith(".html") for link in links), links


def test_societies_sort_in_pinyin_order() -> None:
    names = ["武汉市自动化学会", "武汉市光学学会", "武汉市护理学会", "武汉市地质学会"]
    assert sorted(names, key=chinese_order) == [
        "武汉市地质学会",
        "武汉市光学学会",
        "武汉市护理学会",
        "武汉市自动化学会",
    ]


def test_document_numbers_are_search_words() -> None:
    assert issuer_words(["武科协〔2026〕25号", "武科协〔2025〕3号", "not a number"]) == ["武科协"]
    line = user_dictionary([], ["武科协〔2026〕25号"]).splitlines()
    assert len(line) == 1 and re.fullmatch(r"武科协 [1-9][0-9]*", line[0]), line


def test_the_index_as_a_script_cannot_close_a_script_tag() -> None:
    script = index_script('{"docs": [{"text": "</script><b>"}]}')
    assert "</script>" not in script and script.startswith("var __index = ")
    assert "window.xhSearchIndex = __index;" in script


def test_the_preview_server_logs_each_request_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The standard access line (``127.0.0.1 - - [06/Dec/2026 …] "GET / HTTP/1.1" 200 -``) carries an English
    month; the preview prints one Chinese line per request instead."""
    (tmp_path / "index.html").write_text("<h1>首页</h1>", encoding="utf-8")
    handler = partial(serve._handler_class(), directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10).read()
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/missing.html", timeout=10)
    finally:
        server.shutdown()
        server.server_close()
    logged = capsys.readouterr().err
    assert "xuehui serve：预览 GET /index.html HTTP/1.1 → 200" in logged
    assert "→ 404" in logged and "预览出错" in logged
    assert "Dec" not in logged and " - - [" not in logged

"""How ``xuehui build`` drives mkdocs: generated pages in memory, the search index from a worker process.
Both must give the site a plain mkdocs-material build of the same Markdown gives, byte for byte."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.config import load_config
from mkdocs.structure.files import File, get_files
from mkdocs.structure.toc import get_toc

from generator.checker import build_dataset, parse_all
from generator.clock import parse_now
from generator.repository import read_folder
from generator.site.build import SITE_DIR, build, render_markdown, stage_plain
from generator.site.generated import walk_order
from generator.site.outdir import MARKER, MARKER_TEXT
from generator.site.searchwords import compound_words
from generator.site.searchworker import OffloadedIndex, SearchWorkerFailed, usable
from tests.helpers import mini_tree, write_tree

NOW = "2026-11-26T10:00:00+08:00"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_build_gives_the_site_plain_mkdocs_gives(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    write_tree(root, mini_tree(awarded=True))
    now = parse_now(NOW)
    result = build(root, tmp_path / "public", now)
    assert result.ok, (result.problem, result.details)

    data = build_dataset(parse_all(read_folder(root)))[0]
    site, pages, epoch = render_markdown(root, data, now)
    staged = tmp_path / "staged"
    config_file = stage_plain(site, pages, staged)
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)],
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()

    ours, plain = snapshot(tmp_path / "public"), snapshot(staged / "site")
    assert ours.pop(MARKER) == MARKER_TEXT.encode("utf-8")  # the one file the build adds: "made by xuehui"
    assert sorted(ours) == sorted(plain)
    assert [name for name in ours if ours[name] != plain[name]] == []
    assert b"\\u200b" in ours["search/search_index.json"]  # jieba's segmentation went through the worker


def test_walk_order_is_the_order_mkdocs_lists_a_folder(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    names = [
        "index.md",
        "a.md",
        "b/index.md",
        "b/z.md",
        "b/a-b.md",
        "b/c/index.md",
        "b/c/x.json",
        "a-b/index.md",
        "ab.md",
        "societies/wuhan-x.md",
        "societies/index.md",
        "societies/wuhan/index.md",
        "data/2025.csv",
        "data/2025-awards.csv",
        "feed.xml",
        "z/README.md",
        "z/a.md",
    ]
    for name in names:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    listed = [f.src_uri for f in get_files(config)]
    assert sorted(names, key=walk_order) == [n for n in listed if n in names]


def _page(uri: str, content: str, title: str = "页面") -> Any:
    toc = get_toc([{"level": 2, "id": "s1", "name": "第一节", "html": "第一节", "children": []}])
    return SimpleNamespace(
        file=SimpleNamespace(src_uri=uri),
        content=content,
        toc=toc,
        url=uri.replace(".md", "/"),
        title=title,
        meta={},
    )


def _index() -> Any:
    return SearchIndex(lang=["zh"], separator=r"[\s\u200b\-]", pipeline=[], fields={})


@pytest.mark.skipif(not usable(), reason="needs fork and two cores")
def test_offloaded_index_matches_the_plugin_and_resends_changed_pages() -> None:
    pages = [
        _page("a.md", '<h2 id="s1">第一节</h2><p>武汉市机械工程学会 2025 年度</p>'),
        _page("b.md", "<p>公示期间如有异议</p>"),
        _page("c.md", '<h2 id="s1">第一节</h2><p>资金使用情况</p>'),
    ]
    offloaded = OffloadedIndex(_index())
    for page in pages:
        offloaded.submit(page, page.content)
    pages[1].content = "<p>内容在交给搜索插件之前又被改过</p>"  # changed after it was handed over
    for page in (pages[2], pages[0], pages[1]):  # the plugin's order decides the order of the entries
        offloaded.add_entry_from_context(page)
    ours = offloaded.generate_search_index(None)

    plain = _index()
    for page in (pages[2], pages[0], pages[1]):
        plain.add_entry_from_context(page)
    assert ours == plain.generate_search_index(None)
    text = "".join(entry["text"] for entry in json.loads(ours)["docs"]).replace("\u200b", "")
    assert "又被改过" in text and "异议" not in text


class _Broken(SearchIndex):  # type: ignore[misc]
    def add_entry_from_context(self, page: Any) -> None:
        raise ValueError("无法解析")


@pytest.mark.skipif(not usable(), reason="needs fork and two cores")
def test_a_failing_worker_fails_the_build_with_its_reason() -> None:
    offloaded = OffloadedIndex(_Broken(lang=["zh"], separator=" ", pipeline=[], fields={}))
    page = _page("a.md", "<p>x</p>")
    offloaded.submit(page, page.content)
    offloaded.add_entry_from_context(page)
    with pytest.raises(SearchWorkerFailed, match="无法解析"):
        offloaded.generate_search_index(None)


def test_generated_file_is_what_mkdocs_reads_from_disk(tmp_path: Path) -> None:
    config = SimpleNamespace(
        site_dir=str(tmp_path), use_directory_urls=True, plugins=SimpleNamespace(_current_plugin="xuehui")
    )
    file = File.generated(config, "data/2025-awards.csv", content="\ufeff学会,金额\r\n")  # type: ignore[arg-type]
    assert file.dest_uri == "data/2025-awards.csv"
    file.copy_file()
    assert (tmp_path / "data/2025-awards.csv").read_bytes() == "\ufeff学会,金额\r\n".encode()


HEAD = '<html><head><meta http-equiv="Content-Security-Policy" content="x"><title>t</title></head>'


def _examiner(site: Path) -> Any:
    from generator.site.build import Examiner
    from generator.site.privacy import Scanner

    return Examiner(site, lambda: Scanner({"13812345678": "联系电话"}, set()), set(), ["a/index.html"])


def test_a_page_read_while_being_written_is_judged_on_its_final_text(tmp_path: Path) -> None:
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir(parents=True)
    examiner = _examiner(tmp_path)
    page.write_bytes(b"")  # created, not yet written
    examiner.sweep()
    page.write_text(HEAD[:40], encoding="utf-8")  # the beginning only: no </head> yet
    examiner.sweep()
    page.write_text(HEAD + "<body><p>电话 13812345678</p></body></html>", encoding="utf-8")
    unexpected, leaks = examiner.finish()
    assert unexpected == []
    assert [(leak.file, leak.what) for leak in leaks] == [("a/index.html", "联系电话")]


def test_a_policy_after_the_head_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<html><head><title></title></head><body><meta http-equiv="Content-Security-Policy">',
        encoding="utf-8",
    )
    examiner = _examiner(tmp_path)
    examiner.sweep()
    unexpected, _leaks = examiner.finish()
    assert unexpected == ["a/index.html: 内容安全策略不在 <head> 中（页面头部被提前结束）"]


def test_compounds_in_names_are_split_for_the_search() -> None:
    names = [
        "武汉市机械工程学会",
        "武汉市土木建筑学会",
        "武汉市科普作家协会",
        "武汉市光学学会",
        "武汉市计算机学会",
    ]
    assert compound_words(names) == ["作家协会", "土木建筑", "机械工程"]
    assert compound_words(["Wuhan 学会", ""]) == []


def test_a_tag_split_over_lines_is_found_even_when_its_first_line_was_seen(tmp_path: Path) -> None:
    from generator.site.build import Examiner
    from generator.site.privacy import Scanner

    for name, body in (
        ("a", "<p>\n<img src=x\n alt=y>\n</p>"),
        ("b", '<p>\n<img src=x\n OnError="alert(1)">\n</p>'),
    ):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(HEAD + f"<body>{body}</body></html>", encoding="utf-8")
    examiner = Examiner(tmp_path, lambda: Scanner({}, set()), set(), [])
    unexpected, _leaks = examiner.finish()
    assert [line.split(":")[0:2] for line in unexpected] == [["b/index.html", " 事件处理属性"]]


def test_a_failing_mkdocs_build_reports_why_and_leaves_the_output(tmp_path: Path) -> None:
    import multiprocessing
    import shutil

    site_copy = tmp_path / "site"
    shutil.copytree(SITE_DIR, site_copy)
    (site_copy / "docs" / "guides" / "index.md").write_text(
        "# 指南\n\n[不存在的页面](missing.md)\n", encoding="utf-8"
    )
    root = tmp_path / "tree"
    write_tree(root, mini_tree())
    out = tmp_path / "public"
    out.mkdir()
    (out / "keep.txt").write_text("old", encoding="utf-8")
    result = build(root, out, parse_now(NOW), site_dir=site_copy)
    assert not result.ok and (result.problem or "").startswith("mkdocs 构建失败")
    assert any("missing.md" in line for line in result.details)
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    assert multiprocessing.active_children() == []


def test_one_core_builds_in_one_process_and_gives_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where there is one core (or no fork, as on Windows) mkdocs and the search plugin run in this process:
    the site is the same, and jieba is left as it was (a second build segments like the first)."""
    root = tmp_path / "tree"
    write_tree(root, mini_tree(awarded=True))
    now = parse_now(NOW)
    assert build(root, tmp_path / "forked", now).ok
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert not usable()
    for name in ("single", "single-again"):
        result = build(root, tmp_path / name, now)
        assert result.ok, (result.problem, result.details)
        assert snapshot(tmp_path / name) == snapshot(tmp_path / "forked")
    assert compound_words(["武汉市机械工程学会"]) == ["机械工程"]

"""How ``xuehui build`` drives mkdocs: it stages a plain mkdocs folder and builds it through mkdocs' public
interface, in this process. The site must be the one ``mkdocs build`` of the same folder gives, byte for
byte; the output is examined after mkdocs, file by file."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.checker import build_dataset, parse_all
from generator.clock import parse_now
from generator.repository import read_folder
from generator.site.build import SITE_DIR, build, examine_output, render_markdown, stage_plain
from generator.site.outdir import MARKER, MARKER_TEXT
from generator.site.privacy import Scanner
from generator.site.searchwords import compound_words
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
    assert b"\\u200b" in ours["search/search_index.json"]  # the search plugin segmented with jieba


HEAD = '<html><head><meta http-equiv="Content-Security-Policy" content="x"><title>t</title></head>'


def test_a_policy_after_the_head_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<html><head><title></title></head><body><meta http-equiv="Content-Security-Policy">',
        encoding="utf-8",
    )
    unexpected, _leaks = examine_output(tmp_path, Scanner({}, set()), set())
    assert unexpected == ["a/index.html: 内容安全策略不在 <head> 中（页面头部被提前结束）"]


def test_every_file_is_examined_and_a_line_seen_once_is_scanned_once(tmp_path: Path) -> None:
    """The scan walks the whole output (pages, data files, the search index), in path order: a private
    value is reported once, in the first file that holds it; an unscanned asset is skipped."""
    phone = "13812345678"
    files = {
        "a/index.html": HEAD + f"<body><p>电话 {phone}</p></body></html>",
        "b/index.html": HEAD + f"<body><p>电话 {phone}</p></body></html>",
        "data/x.csv": f"学会,电话\r\n某学会,{phone}-1\r\n",
        "search/search_index.json": '{"docs":[{"text":"' + phone[:3] + "\\u200b" + phone[3:] + '"}]}',
        "assets/javascripts/bundle.js": f"var x='{phone}';",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    unexpected, leaks = examine_output(tmp_path, Scanner({phone: "联系电话"}, set()), set())
    assert unexpected == []
    assert sorted({leak.file for leak in leaks}) == ["a/index.html", "data/x.csv", "search/search_index.json"]


def _written(folder: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")


def test_the_search_script_made_from_the_index_is_scanned_through_the_index(tmp_path: Path) -> None:
    """``search/search_index.js`` is the JSON index once more (``index_script``): when it is exactly that, the
    JSON's leaks are the script's too, found in one pass (the same leaks a scan of the script finds); when it
    is anything else it is scanned on its own."""
    from generator.site.searchscript import index_script

    phone = "13812345678"
    index = '{"docs":[{"text":"<p>电话 ' + phone + '</p>"}]}'
    scanner = Scanner({phone: "联系电话"}, set())
    _written(
        tmp_path / "same", {"search/search_index.json": index, "search/search_index.js": index_script(index)}
    )
    _unexpected, leaks = examine_output(tmp_path / "same", scanner, set())
    assert [(leak.file, leak.what) for leak in leaks] == [
        ("search/search_index.js", "联系电话"),
        ("search/search_index.json", "联系电话"),
    ]
    alone = scanner.scan("search/search_index.js", index_script(index))
    assert {(x.what, x.sample) for x in alone} == {(x.what, x.sample) for x in leaks}
    other = index_script('{"docs":[]}').replace("[]", '[{"text":"13912345678"}]')
    _written(
        tmp_path / "changed", {"search/search_index.json": '{"docs":[]}', "search/search_index.js": other}
    )
    _unexpected, leaks = examine_output(tmp_path / "changed", scanner, set())
    assert [(leak.file, leak.what) for leak in leaks] == [("search/search_index.js", "手机号码形式的数字")]


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
    for name, body in (
        ("a", "<p>\n<img src=x\n alt=y>\n</p>"),
        ("b", '<p>\n<img src=x\n OnError="alert(1)">\n</p>'),
    ):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(HEAD + f"<body>{body}</body></html>", encoding="utf-8")
    unexpected, _leaks = examine_output(tmp_path, Scanner({}, set()), set())
    assert [line.split(":")[0:2] for line in unexpected] == [["b/index.html", " 事件处理属性"]]


def test_a_failing_mkdocs_build_reports_why_and_leaves_the_output(tmp_path: Path) -> None:
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


def test_builds_in_one_process_give_the_same_site_and_leave_jieba_as_it_was(tmp_path: Path) -> None:
    """mkdocs runs in this process: a second and a third build give the same site as the first (the
    search plugin's user dictionary does not stay in jieba's global tokenizer), and no process is left."""
    root = tmp_path / "tree"
    write_tree(root, mini_tree(awarded=True))
    now = parse_now(NOW)
    assert build(root, tmp_path / "first", now).ok
    for name in ("second", "third"):
        result = build(root, tmp_path / name, now)
        assert result.ok, (result.problem, result.details)
        assert snapshot(tmp_path / name) == snapshot(tmp_path / "first")
    assert compound_words(["武汉市机械工程学会"]) == ["机械工程"]
    assert multiprocessing.active_children() == []


def test_the_guides_name_the_programmes_own_office(tmp_path: Path) -> None:
    """The hand-written guides name the office's contacts by words the staging fills in from programme.yaml: a
    programme with its own address shows it (and its build is not stopped by the shipped example's address,
    which no record of that programme makes official)."""
    tree = mini_tree(awarded=True)
    programme = "submissions/programme.yaml"
    text = tree[programme].decode("utf-8")
    assert "xhzx@example.org" in text
    tree[programme] = text.replace("xhzx@example.org", "contact@kexie-wuhan.example.net").encode("utf-8")
    root = tmp_path / "tree"
    write_tree(root, tree)
    now = parse_now(NOW)
    data = build_dataset(parse_all(read_folder(root)))[0]
    site, pages, _ = render_markdown(root, data, now)
    stage_plain(site, pages, tmp_path / "staged")
    guides = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "staged" / "docs").rglob("*.md"))]
    joined = "\n".join(guides)
    assert "{{office." not in joined
    assert "contact@kexie-wuhan.example.net" in joined and "xhzx@example.org" not in joined
    result = build(root, tmp_path / "public", now)
    assert result.ok, (result.problem, result.details)

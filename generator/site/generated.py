"""The generated pages, handed to mkdocs in memory instead of through a folder on disk.

``xuehui build`` renders some two thousand Markdown and data files for a large programme; writing them out
for mkdocs to read back took longer than rendering them. Here they join the files mkdocs found in the
hand-written docs folder (``site/docs``) as mkdocs' own in-memory files, in the order mkdocs would have
listed them had they been written into that folder (each folder's files, ``index`` first, then its
sub-folders, all sorted), so the site is the one a build from disk gives (a test compares them).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

PLUGIN_KEY = "xuehui/generated-pages"


def walk_order(src_uri: str) -> tuple[tuple[Any, ...], ...]:
    """The place of a docs file in ``mkdocs.structure.files.get_files``: a top-down walk, each folder's
    files first (``index`` and ``README`` before the others), then its sub-folders by name."""
    *folders, name = src_uri.split("/")
    stem = os.path.splitext(name)[0]
    return (*((1, folder) for folder in folders), (0, stem not in ("index", "README"), name))


class GeneratedPagesPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def __init__(self, pages: Mapping[str, str]) -> None:
        super().__init__()
        self.pages = pages

    def on_files(self, files: Files, *, config: Any) -> Files:
        docs_dir = os.path.normpath(config.docs_dir)
        generated = [File.generated(config, uri, content=text) for uri, text in sorted(self.pages.items())]
        replaced = {f.src_uri for f in generated}
        docs: list[File] = []
        others: list[File] = []
        for file in files:
            if file.src_uri in replaced:
                continue  # a generated file takes the place of a docs or theme file of the same name
            from_docs = file.src_dir is not None and os.path.normpath(file.src_dir) == docs_dir
            (docs if from_docs else others).append(file)
        ordered = sorted([*docs, *generated], key=lambda f: walk_order(f.src_uri))
        return Files([*ordered, *others])

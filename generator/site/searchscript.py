"""A mkdocs hook (``hooks:`` in the staged ``mkdocs.yml``): the search index once more, as a script.

mkdocs-material's search runs in a web worker that fetches ``search/search_index.json``; a browser that
opens the site from disk (``file://``) allows neither, so the search box never starts there. After the
search plugin has written its index, this hook writes the same data as ``search/search_index.js``
(``window.xhSearchIndex``), which a plain ``<script src>`` loads from disk as from a server. The
site's search page (``search.md``, with ``assets/xh-search.js``) reads it: searching works from disk too.

Loaded by mkdocs from its file (the staged configuration names this file), so a plain ``mkdocs build`` of
the staged folder writes the same file; it imports nothing from the package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

INDEX_JSON = "search/search_index.json"
INDEX_SCRIPT = "search/search_index.js"


def index_script(index_json: str) -> str:
    """The index as a script defining ``window.xhSearchIndex``, and ``__index``, the name the theme itself
    reads from this file when opened from disk (else its search stops with an error). JSON is JavaScript;
    ``<`` is escaped so that no ``</script>`` can appear even if the file were ever inlined."""
    data = index_json.strip().replace("<", "\\u003c")
    return f"var __index = {data};\nwindow.xhSearchIndex = __index;\n"


@event_priority(-100)  # after the search plugin's own on_post_build, which writes the JSON index
def on_post_build(config: Any, **_kwargs: Any) -> None:
    site = Path(config["site_dir"])
    source = site / INDEX_JSON
    if source.is_file():
        text = index_script(source.read_text(encoding="utf-8"))
        (site / INDEX_SCRIPT).write_text(text, encoding="utf-8", newline="\n")

"""mkdocs-material's search index, computed in a second process while mkdocs renders the pages.

In a plain mkdocs-material build about a third of the time goes into the search plugin: each page is parsed
into sections and its Chinese text segmented with jieba, one page after the other, on the core that also
converts the Markdown and fills the templates. That work depends only on the page's HTML, table of contents,
address, title and front matter, all known as soon as its Markdown is converted. So here each page is handed
to a forked copy of the mkdocs process right then, where the search plugin's own ``SearchIndex`` (the same
code and configuration) indexes it while mkdocs goes on converting the other pages; when the plugin would
index the page itself, the page is only checked to be unchanged since (else it is sent again), and at the
end the entries come back in the plugin's page order. ``search/search_index.json`` is the file
mkdocs-material would write by itself (a test compares them byte for byte).

Used only where ``fork`` exists and there is more than one core; otherwise, or when the search plugin is not
shaped as expected, mkdocs-material's plugin runs unchanged. The worker ends with the mkdocs process
(``lifeline``): a build killed at any moment leaves no indexer waiting for pages.
"""

from __future__ import annotations

import os
import queue
import threading
from dataclasses import dataclass
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority

PLUGIN_KEY = "xuehui/search-worker"


@dataclass(slots=True)
class IndexedPage:
    """What the search index reads from a page (mkdocs' ``Page`` itself is not sent between processes)."""

    content: str
    toc: Any
    url: str
    title: str | None
    meta: dict[str, Any]


class SearchWorkerFailed(Exception):
    pass


def _index_pages(index: Any, inbox: Any, outbox: Any, parent_pid: int, *unused: Any) -> None:
    """In the worker: index each page received with ``index`` (the plugin's ``SearchIndex``); when told the
    plugin's page order, send back all entries in that order (or what went wrong). Ends with the mkdocs
    process (``lifeline``): its copies of that process's pipe ends (``unused``) are closed first, so the
    pipe reports end-of-file as soon as that process is gone."""
    from generator.site.lifeline import die_with_parent

    die_with_parent(parent_pid, *unused)
    done: dict[str, list[Any]] = {}
    try:
        while True:
            message = inbox.recv()
            if message[0] == "page":
                _, key, page = message
                index.entries = []
                index.add_entry_from_context(page)
                done[key] = index.entries
            else:
                _, order = message
                outbox.send(("ok", [entry for key in order for entry in done[key]]))
                return
    except (EOFError, OSError):
        return  # the mkdocs process is gone
    except Exception as exc:  # reported to the mkdocs process, which fails the build with it
        try:
            outbox.send(("error", f"{type(exc).__name__}: {exc}"))
        except OSError:
            return


class OffloadedIndex:
    """Stands in for the search plugin's ``SearchIndex`` in the mkdocs process."""

    def __init__(self, index: Any) -> None:
        import multiprocessing

        self.index = index
        context = multiprocessing.get_context("fork")
        pages_out, pages_in = context.Pipe(duplex=False)
        entries_out, entries_in = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_index_pages,
            args=(index, pages_out, entries_in, os.getpid(), pages_in, entries_out),
            daemon=True,
        )
        try:
            self._process.start()
        except OSError:  # no process to be had: the caller leaves the plugin's own index in place
            for end in (pages_out, pages_in, entries_out, entries_in):
                end.close()
            raise
        pages_out.close()
        entries_in.close()
        self._pages = pages_in
        self._entries = entries_out
        self._sent: dict[str, tuple[Any, ...]] = {}
        self._order: list[str] = []
        # Sending happens on a thread, so mkdocs never waits for the worker to take a page.
        self._queue: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self._sender = threading.Thread(target=self._send, name="search-index-sender", daemon=True)
        self._sender.start()

    def _send(self) -> None:
        try:
            while (message := self._queue.get()) is not None:
                self._pages.send(message)
        except OSError:
            return

    def submit(self, page: Any, content: str) -> None:
        """Hand a page over as soon as its HTML is final."""
        key = page.file.src_uri
        meta = dict(page.meta)
        self._sent[key] = (content, page.toc, page.url, page.title, meta)
        self._queue.put(("page", key, IndexedPage(content, page.toc, page.url, page.title, meta)))

    def add_entry_from_context(self, page: Any) -> None:
        """Where the plugin indexes a page: send it again only if it changed since it was handed over."""
        key = page.file.src_uri
        sent = self._sent.get(key)
        if sent is None or not (
            sent[0] is page.content
            and sent[1] is page.toc
            and sent[2] == page.url
            and sent[3] == page.title
            and sent[4] == page.meta
        ):
            self.submit(page, page.content)
        self._order.append(key)

    def generate_search_index(self, prev: Any) -> str:
        self._queue.put(("order", self._order))
        self._queue.put(None)
        self._sender.join()
        try:
            status, payload = self._entries.recv()
        except (EOFError, OSError):
            status, payload = "error", "搜索索引进程意外退出"
        finally:
            self.close()
        if status != "ok":
            raise SearchWorkerFailed(f"搜索索引生成失败：{payload}")
        self.index.entries = payload
        text: str = self.index.generate_search_index(prev)
        return text

    def close(self) -> None:
        if self._sender.is_alive():
            self._queue.put(None)
        self._pages.close()
        self._entries.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()


class SearchWorkerPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Added to the plugins of an in-process build: hands the search plugin's work to a worker."""

    def __init__(self) -> None:
        super().__init__()
        self.offloaded: OffloadedIndex | None = None

    def on_pre_build(self, *, config: Any) -> None:
        search = config.plugins.get("material/search")
        index = getattr(search, "search_index", None)
        shaped = (
            index is not None
            and hasattr(index, "entries")
            and all(
                callable(getattr(index, name, None))
                for name in ("add_entry_from_context", "generate_search_index")
            )
        )
        if not shaped or getattr(search, "is_dirty", False):
            return
        try:
            self.offloaded = OffloadedIndex(index)
        except OSError:
            return  # no second process (a process or memory limit): the plugin indexes as it would alone
        search.search_index = self.offloaded

    @event_priority(-100)  # after every other plugin has changed the page's HTML
    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> None:
        if self.offloaded is not None:
            self.offloaded.submit(page, html)

    def on_shutdown(self) -> None:
        if self.offloaded is not None:
            self.offloaded.close()
            self.offloaded = None


def usable() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1

"""Search words: a jieba user dictionary that makes the words inside societies' names findable.

mkdocs-material segments the Chinese text of the search index with jieba at build time, and the browser
matches a query against the start of each indexed word. jieba keeps some compounds of a name as one word
(机械工程, 土木建筑, 作家协会), so the query 工程 found nothing in 武汉市机械工程学会. For every compound of
four or more Chinese characters in a public name that splits into two dictionary words of two or more
characters each, the dictionary gives the compound the lowest frequency, and jieba then indexes its parts
(机械 / 工程). Whole names still find their page: the browser segments the query the same way.

The file is read by the search plugin's own ``jieba_dict_user`` option, so a plain mkdocs build with the
same configuration indexes the same words. Computing it needs jieba's dictionary loaded, which the mkdocs
process has anyway.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path

_HAN = re.compile(r"[\u4e00-\u9fff]+")
MIN_COMPOUND = 4
MIN_PART = 2


def quiet_jieba() -> None:
    """jieba logs its dictionary loading in English on every build ("Building prefix dict …"): only its
    warnings and errors are shown (its own logger, set before the dictionary is first loaded)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)


def compound_words(names: Iterable[str]) -> list[str]:
    """The compounds jieba would keep whole in ``names`` that split into two dictionary words."""
    import jieba

    quiet_jieba()
    jieba.initialize()  # loads the dictionary (once) before its frequencies are read
    frequencies = jieba.dt.FREQ
    found: set[str] = set()
    for name in names:
        for word in jieba.cut(name):
            if len(word) < MIN_COMPOUND or not _HAN.fullmatch(word) or word in found:
                continue
            for cut in range(MIN_PART, len(word) - MIN_PART + 1):
                if frequencies.get(word[:cut]) and frequencies.get(word[cut:]):
                    found.add(word)
                    break
    return sorted(found)


def user_dictionary(names: Iterable[str]) -> str:
    """jieba's user dictionary format: one ``word frequency`` per line."""
    return "".join(f"{word} 1\n" for word in compound_words(names))


def write_user_dictionary(path: Path, names: Iterable[str]) -> None:
    path.write_text(user_dictionary(names), encoding="utf-8", newline="\n")

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
_ISSUER = re.compile(r"([\u4e00-\u9fff]{2,})[〔\[［(（]\d{4}[〕\]］)）]\d+号")


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


def issuer_words(numbers: Iterable[str]) -> list[str]:
    """The issuers' short names that open document numbers (武科协 in 武科协〔2026〕25号), which jieba would
    cut (武 / 科协) while a query keeps them whole. The search's separator (site/mkdocs.yml) splits the rest of
    a number at its brackets and between digits and characters, in the index and in the query alike."""
    found = {match.group(1) for number in numbers if (match := _ISSUER.match(number.strip()))}
    return sorted(found)


def user_dictionary(names: Iterable[str], numbers: Iterable[str] = ()) -> str:
    """jieba's user dictionary format: one ``word frequency`` per line. A name's compound gets the lowest
    frequency (its parts win); an issuer's short name the frequency that keeps it whole (jieba's own
    ``suggest_freq``)."""
    import jieba

    quiet_jieba()
    jieba.initialize()
    lines = [f"{word} 1\n" for word in compound_words(names)]
    lines += [f"{word} {jieba.suggest_freq(word, tune=False)}\n" for word in issuer_words(numbers)]
    return "".join(lines)


def write_user_dictionary(path: Path, names: Iterable[str], numbers: Iterable[str] = ()) -> None:
    path.write_text(user_dictionary(names, numbers), encoding="utf-8", newline="\n")

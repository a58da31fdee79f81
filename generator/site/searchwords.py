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

``load_jieba`` loads jieba's prefix dictionary into its one global tokenizer, as ``jieba.initialize()`` does,
from a prepared copy in the user cache folder (keyed like ``prepared``): about 0.18 s instead of the 0.55–0.65 s
jieba takes from its own cache (a marshalled dict). The search plugin then finds the dictionary loaded.

``prepared`` keeps what the build derives from jieba's dictionary file itself (the privacy scan's table of
common words, ``generator.site.privacy.dictionary``) in the user cache folder (``generator.cache.cache_dir``),
keyed by jieba's version, the dictionary's content, the Python version and the source of the module that
derives it: reading the 5 MB file line by line costs every build about a third of a second, loading the
prepared table about a hundredth. Without a usable cache folder (``XUEHUI_CACHE=0``, a read-only home) the
table is derived from the file, the same way, every time.
"""

from __future__ import annotations

import array
import hashlib
import logging
import marshal
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

_HAN = re.compile(r"[\u4e00-\u9fff]+")
MIN_COMPOUND = 4
MIN_PART = 2
PREPARED_FORMAT = 1

WordSets = tuple[frozenset[str], ...]
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
    load_jieba()  # loads the dictionary (once) before its frequencies are read
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

    load_jieba()
    lines = [f"{word} 1\n" for word in compound_words(names)]
    lines += [f"{word} {jieba.suggest_freq(word, tune=False)}\n" for word in issuer_words(numbers)]
    return "".join(lines)


def write_user_dictionary(path: Path, names: Iterable[str], numbers: Iterable[str] = ()) -> None:
    path.write_text(user_dictionary(names, numbers), encoding="utf-8", newline="\n")


def jieba_dictionary() -> tuple[str, bytes]:
    """jieba's version and the bytes of its default dictionary (``dict.txt``), the one the search uses."""
    from importlib import resources

    import jieba

    return str(jieba.__version__), (resources.files("jieba") / "dict.txt").read_bytes()


def prepared_file(name: str, version: str, raw: bytes, recipe: bytes) -> Path | None:
    """Where ``prepared`` keeps ``name`` derived from this dictionary by this recipe; None: no cache."""
    from generator.cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(
        f"{PREPARED_FORMAT}\0{name}\0{version}\0{sys.version_info[:2]}\0{marshal.version}\0".encode()
    )
    key.update(hashlib.sha256(recipe).digest())
    key.update(raw)
    return folder / f"jieba-{name}-{key.hexdigest()[:24]}.marshal"


def prepared(name: str, derive: Callable[[str], WordSets], count: int) -> WordSets:
    """``derive`` (``count`` sets of words, from the text of jieba's dictionary) applied to jieba's
    dictionary: loaded from the user cache folder when this dictionary, jieba version and source of
    ``derive``'s module prepared it before, else derived and stored (each set as one text, its words sorted,
    one a line: loading that is about four times faster than loading the sets themselves). A cache that
    cannot be read or written is not used; the result is always ``derive``'s."""
    version, raw = jieba_dictionary()
    module = sys.modules[derive.__module__]
    recipe = Path(module.__file__).read_bytes() if module.__file__ else derive.__qualname__.encode()
    file = prepared_file(name, version, raw, recipe)
    if file is not None:
        try:
            with file.open("rb") as handle:
                stored = marshal.load(handle)
            if (
                isinstance(stored, tuple)
                and len(stored) == count
                and all(isinstance(text, str) for text in stored)
            ):
                return tuple(frozenset(text.split("\n")) if text else frozenset() for text in stored)
        except (OSError, EOFError, ValueError, TypeError):
            pass
    value = derive(raw.decode("utf-8"))
    if file is not None:
        _store(file, tuple("\n".join(sorted(words)) for words in value))
    return value


def _store(file: Path, value: tuple[str, ...] | tuple[int, str, bytes]) -> None:
    """Write ``value`` to ``file`` in one step (``cache.write_quietly``); silently skipped on failure."""
    from generator.cache import write_quietly

    write_quietly(file, lambda out: marshal.dump(value, out))


def load_jieba() -> None:
    """``jieba.initialize()`` for jieba's default dictionary: the same frequencies and total, from the prepared
    copy in the user cache folder when there is one (its words as one text, one a line, and their
    frequencies as one array: about three times faster to load than jieba's own cache), else by jieba itself,
    and then prepared for the next build. Another dictionary (``jieba.set_dictionary``) is left to jieba."""
    import jieba

    quiet_jieba()
    tokenizer = jieba.dt
    if tokenizer.initialized or tokenizer.dictionary != jieba.DEFAULT_DICT:
        jieba.initialize()
        return
    version, raw = jieba_dictionary()
    file = prepared_file("prefix-dictionary", version, raw, b"jieba.Tokenizer.gen_pfdict")
    loaded = _load_prefix_dictionary(file) if file is not None else None
    if loaded is not None:
        tokenizer.FREQ, tokenizer.total = loaded
        tokenizer.initialized = True
        return
    jieba.initialize()
    if file is not None:
        frequencies = array.array("q", tokenizer.FREQ.values()).tobytes()
        _store(file, (tokenizer.total, "\n".join(tokenizer.FREQ), frequencies))


def _load_prefix_dictionary(file: Path) -> tuple[dict[str, int], int] | None:
    """The prefix dictionary and total stored by ``load_jieba``; None when absent or not of that shape."""
    try:
        with file.open("rb") as handle:
            stored = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 3):
        return None
    total, words, frequencies = stored
    if not (isinstance(total, int) and isinstance(words, str) and isinstance(frequencies, bytes)):
        return None
    numbers = array.array("q")
    if len(frequencies) % numbers.itemsize:
        return None
    numbers.frombytes(frequencies)
    keys = words.split("\n")
    if len(keys) != len(numbers):
        return None
    return dict(zip(keys, numbers, strict=True)), total


def memoised_cut(cut: Callable[..., Iterable[str]], tokenizer: Any) -> Callable[..., Iterator[str]]:
    """``cut`` (``jieba.cut``) remembering its words for each text it was given while the dictionary of
    ``tokenizer`` (``jieba.dt``) stays as it was (its size and total frequency are part of the key): the
    search plugin segments every Chinese run of every page with it, and most runs (headings, labels, names)
    recur from page to page (at 200 societies, about 111,000 calls for 6,000 different texts). jieba's
    segmentation depends on nothing but the text, the arguments and the dictionary, so the words are the
    ones ``cut`` gives (a plain mkdocs build of the staged folder, which cuts every run afresh, writes the
    same index: tests/test_site_mkdocs.py)."""
    seen: dict[tuple[Any, ...], tuple[str, ...]] = {}

    def memo(sentence: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
        key = (sentence, tokenizer.total, len(tokenizer.FREQ), args, tuple(sorted(kwargs.items())))
        words = seen.get(key)
        if words is None:
            words = seen[key] = tuple(cut(sentence, *args, **kwargs))
        return iter(words)

    return memo

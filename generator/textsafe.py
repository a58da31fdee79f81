"""Making untrusted text inert in Markdown (PR comments, site pages).

One filter for every user string: Unicode NFC; control, format (zero-width, bidi), surrogate, private-use and
unassigned characters dropped, and so is every other character the strict loader refuses as invisible
(Hangul fillers, variation selectors, braille blank …: ``yamlio.REFUSED_CHARACTERS``), since file names,
branch names and logins reach a comment without passing the loader; whitespace runs collapsed to one
space; every ASCII punctuation character turned into a numeric character reference, so no Markdown, HTML, link, mention (``@team``), table cell (``|``), attribute list
(``{: onclick=… }``) or template syntax (``{{ … }}``) survives, while the text reads the same.
"""

from __future__ import annotations

import re
import unicodedata

from generator.yamlio import REFUSED_CHARACTERS, first_refused

_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_SPACE = re.compile(r"\s+")
_PUNCT = {ord(c): f"&#{ord(c)};" for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}


def _blank_or_nothing(match: re.Match[str]) -> str:
    return " " if match.group().isspace() else ""  # U+2028, U+2029, U+0085 separate words


def clean(text: object) -> str:
    """NFC, no invisible or control characters, single spaces (not yet escaped)."""
    value = unicodedata.normalize("NFC", str(text))
    if first_refused(value) is not None:
        value = REFUSED_CHARACTERS.sub(_blank_or_nothing, value)
    value = "".join(ch for ch in value if unicodedata.category(ch) not in _DROP_CATEGORIES or ch in "\n\t")
    return _SPACE.sub(" ", value).strip()


def md_escape(text: object) -> str:
    """Inert Markdown for any text: see the module docstring."""
    return clean(text).translate(_PUNCT)


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

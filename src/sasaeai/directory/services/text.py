"""Japanese text folded for search: width (NFKC), katakana → hiragana, case, spaces."""

import re
import unicodedata

import jaconv

_SPACES = re.compile(r"\s+")


def normalise(text: str | None) -> str:
    """ｻﾛﾝ, サロン and さろん all become "さろん"; "ＡＢＣ" becomes "abc"; spaces are dropped."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text)
    folded = jaconv.kata2hira(folded).lower()
    return _SPACES.sub("", folded)


def query_terms(query: str | None) -> list[str]:
    """A query split on (full- or half-width) spaces, each term normalised; empty terms dropped."""
    if not query:
        return []
    terms = [normalise(t) for t in unicodedata.normalize("NFKC", query).split()]
    return [t for t in terms if t]


def bigrams(term: str) -> list[str]:
    """The distinct two-character pieces of a normalised term ("たいそう" → たい, いそ, そう); none for
    one character. PostgreSQL's `sasaeai_bigrams()` (migration 0004) cuts the search text the same way."""
    return sorted({term[i : i + 2] for i in range(len(term) - 1)})

"""Offline semantic similarity from a static word-piece embedding table (numpy only, no model at run time).

The table ``assets/embeddings/minilm_static_64.npz`` is distilled from all-MiniLM-L6-v2 by
``tools/distil_vectors.py`` (see ``assets/embeddings/README.md``): one 64-d int8 vector per BERT uncased
word piece, with a float32 scale per row. The rows are SIF-weighted (frequent pieces such as ``the`` are
short), so a plain mean of a text's piece vectors already leans on its content words.

Text goes through a BERT-style basic tokenizer (lower case, accents stripped, split on whitespace and
punctuation) and greedy longest-match-first WordPiece over the table's vocabulary; words that cannot be
split are skipped. ``embed`` is the normalised mean of the pieces' vectors, ``similarity`` a cosine.

When the table is missing or unreadable, ``available()`` is False, ``embed`` returns None and
``similarity`` returns 0.0: callers fall back to their lexical methods.
"""

from __future__ import annotations

import logging
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

logger = logging.getLogger(__name__)

#: Where the distilled table lives (tests may point it elsewhere and call ``reload()``).
TABLE_PATH = Path(__file__).resolve().parents[2] / "assets" / "embeddings" / "minilm_static_64.npz"
#: Texts longer than this are embedded on their first part only.
MAX_CHARS = 20_000
#: Words longer than this are not split into pieces (BERT's own limit): they are skipped.
MAX_WORD_CHARS = 100


@dataclass(frozen=True)
class _Table:
    index: dict[str, int]
    matrix: NDArray[np.float32]
    max_piece: int


@lru_cache(maxsize=1)
def _table() -> _Table | None:
    try:
        with np.load(TABLE_PATH, allow_pickle=False) as data:
            vectors = data["vectors"]
            scales = data["scales"]
            vocab = str(data["vocab"]).split("\n")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        logger.info("semantic table unavailable (%s): %s", TABLE_PATH, exc)
        return None
    if vectors.ndim != 2 or len(vectors) != len(vocab) or scales.shape != (len(vocab),):
        logger.warning("semantic table %s is inconsistent: ignored", TABLE_PATH)
        return None
    matrix = (vectors.astype(np.float32) * scales.astype(np.float32)[:, None]).astype(np.float32)
    index = {token: i for i, token in enumerate(vocab)}
    return _Table(index=index, matrix=matrix, max_piece=max(len(t) for t in vocab))


def available() -> bool:
    """True when the embedding table could be loaded."""
    return _table() is not None


def reload() -> None:
    """Forget the loaded table and the per-word cache (after ``TABLE_PATH`` changed)."""
    _table.cache_clear()
    _chunk_ids.cache_clear()


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _basic_split(chunk: str) -> list[str]:
    """One whitespace-free chunk -> BERT basic-tokenizer words (lower case, no accents, punctuation apart)."""
    chunk = chunk.lower()
    if not chunk.isascii():
        chunk = "".join(
            ch
            for ch in unicodedata.normalize("NFD", chunk)
            if unicodedata.category(ch) not in ("Mn", "Cc", "Cf") and ch != "\ufffd"
        )
    words: list[str] = []
    start = 0
    for i, ch in enumerate(chunk):
        if ch.isalnum() and ch.isascii():
            continue
        if _is_punctuation(ch) or _is_cjk(ord(ch)) or ch.isspace():
            if start < i:
                words.append(chunk[start:i])
            if not ch.isspace():
                words.append(ch)
            start = i + 1
    if start < len(chunk):
        words.append(chunk[start:])
    return words


def _wordpiece(word: str, table: _Table) -> list[str]:
    """Greedy longest-match-first pieces of ``word``; empty when it cannot be split (BERT's [UNK])."""
    if len(word) > MAX_WORD_CHARS:
        return []
    pieces: list[str] = []
    start = 0
    while start < len(word):
        end = min(len(word), start + table.max_piece)
        piece = None
        while start < end:
            candidate = word[start:end] if start == 0 else "##" + word[start:end]
            if candidate in table.index:
                piece = candidate
                break
            end -= 1
        if piece is None:
            return []
        pieces.append(piece)
        start = end
    return pieces


@lru_cache(maxsize=1 << 16)
def _chunk_ids(chunk: str) -> tuple[int, ...]:
    table = _table()
    if table is None:
        return ()
    return tuple(table.index[p] for word in _basic_split(chunk) for p in _wordpiece(word, table))


def tokenize(text: str) -> list[str]:
    """The word pieces of ``text`` that the table knows (unknown words are left out)."""
    table = _table()
    if table is None or not isinstance(text, str):
        return []
    return [p for chunk in text[:MAX_CHARS].split() for w in _basic_split(chunk) for p in _wordpiece(w, table)]


def embed(text: str) -> NDArray[np.float32] | None:
    """The unit-length mean of the pieces' (SIF-weighted) vectors; None when no piece is known."""
    table = _table()
    if table is None or not isinstance(text, str):
        return None
    ids: list[int] = []
    for chunk in text[:MAX_CHARS].split():
        ids.extend(_chunk_ids(chunk))
    if not ids:
        return None
    total = table.matrix[ids].sum(axis=0)
    norm = float(np.sqrt(total @ total))
    if not norm > 0.0:
        return None
    return (total / norm).astype(np.float32)


def similarity(a: str, b: str) -> float:
    """Cosine similarity of the two texts' embeddings in [-1, 1]; 0.0 when either has no known piece."""
    ea = embed(a)
    if ea is None:
        return 0.0
    eb = embed(b)
    if eb is None:
        return 0.0
    return float(min(1.0, max(-1.0, float(ea @ eb))))

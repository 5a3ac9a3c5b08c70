"""Near-duplicate articles: syndicated copies and republished wire stories, found with MinHash and LSH.

An article's text is cut into word shingles (SHINGLE_WORDS consecutive words, case-folded) and sketched
with a MinHash of NUM_PERM hash functions: each shingle's 32-bit hash h (the first four bytes of its
SHA-1) is mapped by (a * h + b) mod 2^32 with a odd (a permutation of the 32-bit values), and the
sketch keeps each function's smallest value; the share of equal values in two sketches estimates the
Jaccard similarity of their shingle sets. LSH cuts the sketch into BANDS bands of ROWS values
and hashes each band to a bucket; two articles that share a bucket are candidates, and a candidate is a
near-duplicate when the estimated Jaccard similarity of the two shingle sets is at least THRESHOLD.
With 16 bands of 8 rows, a pair at similarity 0.8 becomes a candidate with probability 0.95, at 0.9 with
0.9999, at 0.5 with 0.06. Texts with fewer than MIN_SHINGLES shingles are never matched: too short to tell
a copy from a coincidence.

In a group of near-duplicates the original is the earliest: earliest publication date, then smallest
id. At ingest, ``screen`` splits a batch into originals (coded as usual) and copies of an earlier stored
or batch article; ``save_copies`` stores each copy as an article row linked to its original and codes
nothing, so its events are the original's. When a new article is earlier than a stored original it
matches, the new one is coded and the stored one becomes its copy (its events are dropped), so which
article is coded does not depend on the ingest order. The pipeline fingerprints every article and the
store keeps the fingerprint with it, so copies are found across separate runs. This module reads stored
fingerprints through ``Originals`` and never imports the store.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Protocol

import numpy as np

from overtures.model import Article, Fingerprint, StoredFingerprint

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.8
BANDS, ROWS = 16, 8
MIN_SHINGLES = 20
SEED = 1
SCHEME = "sha1a32"  # 32-bit SHA-1 prefix, odd-multiplier affine maps from SEED: what a signature means
SKETCH = f"minhash-{SCHEME}-w{SHINGLE_WORDS}-p{NUM_PERM}-s{SEED}-b{BANDS}x{ROWS}"  # stored with each row
_WORD = re.compile(r"\w+")
_MASK = 2**32 - 1


class Originals(Protocol):
    """Where screening finds stored originals: the store, in the pipeline."""

    def similar_articles(self, buckets: Sequence[str], *, exclude: str) -> list[StoredFingerprint]:
        """Stored originals sharing an LSH bucket with a fingerprint, but ``exclude``."""
        ...


@dataclass(frozen=True, kw_only=True, slots=True)
class NearDuplicate:
    """An article found to copy an earlier original: stored and linked, never coded. ``article`` is the
    new article to store, or None for a stored original that an earlier new article now replaces."""

    article_id: str
    original_id: str
    similarity: float
    article: Article | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Screening:
    """A batch split into the articles to code and the near-duplicates to link."""

    originals: tuple[Article, ...]
    copies: tuple[NearDuplicate, ...]

    @classmethod
    def none(cls, articles: Sequence[Article]) -> Screening:
        """No screening: every article is an original, to be coded."""
        return cls(originals=tuple(articles), copies=())

    @property
    def new_copies(self) -> int:
        """How many copies are new articles (the others were stored originals, now linked)."""
        return sum(copy.article is not None for copy in self.copies)


def shingles(text: str) -> set[str]:
    """The text's word shingles: every run of SHINGLE_WORDS words, case-folded, punctuation dropped."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The NUM_PERM multipliers (odd) and offsets of the hash functions, drawn once from SEED."""
    rng = np.random.default_rng(SEED)
    multipliers = rng.integers(1, 2**32, NUM_PERM, dtype=np.uint64) | np.uint64(1)
    offsets = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint64)
    return multipliers, offsets


def sketch(text: str) -> np.ndarray:
    """The MinHash values (NUM_PERM unsigned 32-bit integers) of the text's shingles; all 2^32 - 1 for a
    text without any."""
    found = shingles(text)
    if not found:
        return np.full(NUM_PERM, _MASK, dtype=np.uint32)
    digests = b"".join(hashlib.sha1(s.encode("utf-8", "surrogatepass")).digest()[:4] for s in found)
    hashes = np.frombuffer(digests, dtype="<u4").astype(np.uint64)
    multipliers, offsets = _permutations()
    mapped = (np.outer(hashes, multipliers) + offsets) & np.uint64(_MASK)  # < 2^64: no overflow
    values: np.ndarray = mapped.min(axis=0).astype(np.uint32)
    return values


def restore(signature: bytes) -> np.ndarray:
    """The MinHash values ``Fingerprint.signature`` holds."""
    return np.frombuffer(signature, dtype="<u4")


def buckets(values: np.ndarray) -> tuple[str, ...]:
    """The LSH bucket of each band: the band number and a hash of its ROWS values."""
    packed = values.astype("<u4")
    return tuple(
        f"{band:02d}:{hashlib.sha1(packed[band * ROWS : (band + 1) * ROWS].tobytes()).hexdigest()[:16]}"
        for band in range(BANDS)
    )


@lru_cache(maxsize=256)
def fingerprint(text: str) -> Fingerprint | None:
    """The text's fingerprint, or None when it has too few shingles to be matched."""
    if len(shingles(text)) < MIN_SHINGLES:
        return None
    values = sketch(text)
    return Fingerprint(signature=values.astype("<u4").tobytes(), buckets=buckets(values), sketch=SKETCH)


def similarity(one: bytes, other: bytes) -> float:
    """The Jaccard similarity of two texts' shingle sets, estimated from their signatures."""
    mine, theirs = restore(one), restore(other)
    return float(np.mean(mine == theirs)) if len(mine) == len(theirs) else 0.0


def matches(
    found: Fingerprint, candidates: Sequence[StoredFingerprint]
) -> list[tuple[StoredFingerprint, float]]:
    """The candidates similar enough to be copies, with their similarity, earliest first; a signature
    made by another sketch cannot be compared and is never a copy."""
    scored = [(c, similarity(found.signature, c.signature)) for c in candidates if c.sketch == found.sketch]
    return sorted(((c, score) for c, score in scored if score >= THRESHOLD), key=lambda m: age(m[0]))


def age(item: StoredFingerprint | Article) -> tuple[bool, date, str]:
    """Which of two near-duplicates is the original: dated before undated, earlier, then smaller id."""
    key = item.article_id if isinstance(item, StoredFingerprint) else item.id
    return (item.published is None, item.published or date.min, key)


class _BatchIndex:
    """The originals met so far in one batch, by LSH bucket (the stored banding)."""

    def __init__(self) -> None:
        self._buckets: dict[str, list[str]] = {}
        self._seen: dict[str, StoredFingerprint] = {}

    def candidates(self, article: Article, found: Fingerprint) -> list[StoredFingerprint]:
        keys = {key for bucket in found.buckets for key in self._buckets.get(bucket, ())}
        return [self._seen[key] for key in sorted(keys) if key != article.id]

    def add(self, article: Article, found: Fingerprint) -> None:
        if article.id not in self._seen:
            for bucket in found.buckets:
                self._buckets.setdefault(bucket, []).append(article.id)
            self._seen[article.id] = StoredFingerprint(
                article_id=article.id,
                published=article.published,
                signature=found.signature,
                sketch=found.sketch,
            )


def screen(articles: Sequence[Article], store: Originals) -> Screening:
    """Split a batch into originals to code and copies of earlier stored or batch articles; stored
    originals that a new, earlier article matches are listed as copies (with ``article`` None).

    The batch is screened earliest first, so an article only ever copies one screened before it."""
    index = _BatchIndex()
    copies: list[NearDuplicate] = []
    replaced: set[str] = set()
    for article in sorted(articles, key=age):
        found = fingerprint(article.text)
        if found is None:
            continue
        stored = [
            c
            for c in store.similar_articles(found.buckets, exclude=article.id)
            if c.article_id not in replaced
        ]
        similar = matches(found, [*stored, *index.candidates(article, found)])
        if similar and age(similar[0][0]) < age(article):
            original, score = similar[0]
            copies.append(
                NearDuplicate(
                    article_id=article.id, original_id=original.article_id, similarity=score, article=article
                )
            )
            continue
        index.add(article, found)
        for later, score in similar:
            copies.append(
                NearDuplicate(article_id=later.article_id, original_id=article.id, similarity=score)
            )
            replaced.add(later.article_id)
    copied = {copy.article_id for copy in copies if copy.article is not None}
    return Screening(originals=tuple(a for a in articles if a.id not in copied), copies=tuple(copies))

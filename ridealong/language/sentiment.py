"""Sentiment of short customer texts: negative / neutral / positive with a score from -1 to 1.

Offline and light: a lexicon (the MIT-licensed VADER word list, shipped in lexicon.csv) plus our
own list of customer-language signals and a few rules. Customers who write to a company about
a delay, a refund or a wait are unhappy even when they use no "negative" word ("still waiting
for my refund"), and polite thanks inside a complaint ("thanks for nothing", "thanks, but…")
is not praise; general-purpose lexicons miss both.

No Django imports: texts in, `SentimentScore` values out.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

NEGATIVE, NEUTRAL, POSITIVE = "negative", "neutral", "positive"
LABELS = (NEGATIVE, NEUTRAL, POSITIVE)


@dataclass(frozen=True)
class SentimentScore:
    label: str  # negative / neutral / positive
    score: float  # -1 (very negative) … 1 (very positive)


# Customer-language signals (our own list), valence on VADER's scale -4..4. Words that say
# "something went wrong with what you sold me", and the usual ways customers say it.
CUSTOMER_WORDS: dict[str, float] = {
    "delay": -1.6,
    "delayed": -1.8,
    "delays": -1.6,
    "late": -1.2,
    "later": -0.2,
    "cancel": -1.2,
    "cancelled": -1.8,
    "canceled": -1.8,
    "cancellation": -1.4,
    "wait": -0.9,
    "waiting": -1.4,
    "waited": -1.6,
    "hold": -1.0,
    "queue": -0.8,
    "hours": -0.7,
    "hrs": -0.7,
    "hour": -0.5,
    "days": -0.4,
    "weeks": -0.5,
    "again": -0.6,
    "still": -0.8,
    "yet": -0.3,
    "never": -1.0,
    "nobody": -1.2,
    "nothing": -0.6,
    "lost": -1.8,
    "missing": -1.5,
    "broken": -1.9,
    "broke": -1.5,
    "damaged": -1.9,
    "stuck": -1.6,
    "stranded": -2.0,
    "refund": -1.2,
    "reimburse": -1.0,
    "compensation": -1.0,
    "charged": -1.2,
    "fee": -0.9,
    "fees": -0.9,
    "overcharged": -2.2,
    "overbooked": -1.8,
    "rebook": -0.8,
    "rebooked": -0.9,
    "rerouted": -0.9,
    "diverted": -0.9,
    "missed": -1.4,
    "issue": -1.1,
    "issues": -1.1,
    "problem": -1.4,
    "problems": -1.4,
    "error": -1.3,
    "fail": -1.8,
    "failed": -1.8,
    "failure": -1.9,
    "fails": -1.7,
    "crash": -1.8,
    "crashes": -1.8,
    "crashed": -1.8,
    "bug": -1.2,
    "bugs": -1.2,
    "outage": -1.8,
    "down": -0.4,
    "slow": -1.2,
    "unable": -1.3,
    "cant": -0.9,
    "can't": -0.9,
    "cannot": -0.9,
    "couldn't": -0.9,
    "won't": -0.7,
    "wont": -0.7,
    "didn't": -0.6,
    "doesn't": -0.6,
    "unhelpful": -2.0,
    "rude": -2.3,
    "unacceptable": -2.6,
    "ridiculous": -2.2,
    "worst": -3.0,
    "terrible": -2.8,
    "horrible": -2.8,
    "awful": -2.8,
    "joke": -1.2,
    "disappointed": -2.1,
    "disappointing": -2.1,
    "frustrated": -2.1,
    "frustrating": -2.1,
    "complaint": -1.6,
    "complain": -1.4,
    "why": -0.5,
    "hung": -1.2,
    "disconnected": -1.5,
    "downtime": -1.8,
    "leak": -1.5,
    "leaks": -1.5,
    "jam": -1.2,
    "jams": -1.2,
    "jammed": -1.5,
    "scrap": -1.0,
    "rework": -1.0,
    "breakdown": -1.9,
    "expensive": -1.2,
    "pricey": -1.0,
    "confusing": -1.5,
    "confused": -1.3,
    "hard": -0.8,
    "difficult": -1.2,
    "manual": -0.3,
    "thanks": 1.2,
    "thank": 1.2,
    "thx": 1.1,
    "ty": 0.9,
    "appreciate": 1.8,
    "appreciated": 1.8,
    "great": 2.4,
    "love": 2.6,
    "loved": 2.6,
    "awesome": 2.8,
    "amazing": 2.8,
    "excellent": 2.8,
    "helpful": 2.0,
    "quick": 0.9,
    "quickly": 0.9,
    "smooth": 1.5,
    "easy": 1.4,
    "reliable": 1.8,
    "recommend": 1.6,
    "kudos": 2.2,
    "shoutout": 1.6,
    "best": 2.2,
    "fantastic": 2.8,
    "wonderful": 2.8,
    "glad": 1.8,
    "happy": 2.2,
    "pleased": 2.0,
    "impressed": 2.2,
    "saved": 1.2,
    "faster": 1.0,
}

CUSTOMER_PHRASES: dict[str, float] = {
    "customer service": -0.6,
    "on hold": -1.8,
    "no one": -1.6,
    "not working": -2.0,
    "doesn't work": -2.0,
    "does not work": -2.0,
    "didn't work": -1.8,
    "stopped working": -2.2,
    "no response": -1.8,
    "no answer": -1.6,
    "still waiting": -2.2,
    "still no": -1.8,
    "not happy": -2.2,
    "not helpful": -2.0,
    "thanks for nothing": -2.8,
    "yet again": -1.8,
    "once again": -1.2,
    "call back": -0.8,
    "hung up": -1.8,
    "what's going on": -1.2,
    "what is going on": -1.2,
    "how long": -1.0,
    "any update": -0.8,
    "no update": -1.5,
    "you guys rock": 3.0,
    "well done": 2.2,
    "thank you so much": 2.6,
    "thanks so much": 2.6,
    "great job": 2.8,
    "good job": 2.4,
    "made my day": 2.8,
    "saved the day": 2.6,
    # Praise for people who turn up and fix things, common in field-service feedback.
    "saved a night": 2.4,
    "saved us": 2.2,
    "saved our": 2.0,
    "talked me through": 1.6,
    "talked us through": 1.6,
    "stayed until": 1.4,
    "get us running": 1.6,
    "got us running": 1.8,
    "back up and running": 1.8,
    "gets better": 1.8,
    "no problem": 1.0,
    "no issues": 1.6,
    "no complaints": 1.6,
}

NEGATORS = {
    "not",
    "no",
    "never",
    "none",
    "nobody",
    "nothing",
    "neither",
    "nor",
    "without",
    "isn't",
    "wasn't",
    "aren't",
    "weren't",
    "don't",
    "doesn't",
    "didn't",
    "can't",
    "cant",
    "couldn't",
    "won't",
    "wont",
    "wouldn't",
    "shouldn't",
    "hasn't",
    "haven't",
    "hadn't",
    "dont",
    "didnt",
    "isnt",
    "wasnt",
    "aint",
    "ain't",
}
BOOSTERS = {
    "very": 0.3,
    "so": 0.3,
    "really": 0.3,
    "extremely": 0.4,
    "totally": 0.3,
    "super": 0.3,
    "incredibly": 0.4,
    "absolutely": 0.3,
    "completely": 0.3,
    "most": 0.3,
    "such": 0.2,
    "slightly": -0.3,
    "somewhat": -0.3,
    "kinda": -0.3,
    "barely": -0.4,
    "little": -0.2,
}
CONTRAST = {"but", "however", "although", "though", "yet"}

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[:;=8x][\-o^']?[)(dp/\\|\]\[]|<3|[!?]")
_NOISE = re.compile(r"https?://\S+|www\.\S+|@\w+|#")

# Tuning: scores inside this band are neutral. Complaints are the common case in customer
# messages, so the band leans positive (mild negativity counts, mild politeness does not).
NEGATIVE_BELOW = -0.05
POSITIVE_ABOVE = 0.35
ALPHA = 15.0  # VADER's normalisation constant


@cache
def _lexicon() -> dict[str, float]:
    words: dict[str, float] = {}
    path = Path(__file__).with_name("lexicon.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(line for line in handle if not line.startswith("# ")):
            if len(row) == 2:
                try:
                    words[row[0]] = float(row[1])
                except ValueError:
                    continue
    words.update(CUSTOMER_WORDS)
    return words


def _tokens(text: str) -> list[str]:
    cleaned = _NOISE.sub(" ", text or "")
    tokens = []
    for token in _TOKEN.findall(cleaned.lower().replace("’", "'")):
        tokens.append(token)
    return tokens


def _valence(text: str) -> float:
    lexicon = _lexicon()
    tokens = _tokens(text)
    words = [t for t in tokens if t not in {"!", "?"}]
    joined = " " + " ".join(words) + " "
    values: list[float] = []
    # Phrases first; their words then count no more on their own.
    used: set[int] = set()
    for phrase, value in CUSTOMER_PHRASES.items():
        start = joined.find(" " + phrase + " ")
        if start >= 0:
            values.append(value)
            first = joined[:start].count(" ")
            used.update(range(first, first + phrase.count(" ") + 1))
    contrast_at = max((i for i, w in enumerate(words) if w in CONTRAST), default=-1)
    for i, word in enumerate(words):
        if i in used or word not in lexicon:
            continue
        value = lexicon[word]
        for back in (1, 2, 3):
            if i - back < 0:
                break
            previous = words[i - back]
            if previous in BOOSTERS and back == 1:
                value += math.copysign(BOOSTERS[previous], value)
            if previous in NEGATORS and word not in NEGATORS:
                value *= -0.74
                break
        if contrast_at >= 0:
            value *= 0.5 if i < contrast_at else 1.5
        values.append(value)
    total = sum(values)
    if total and "!" in tokens:
        total += math.copysign(min(tokens.count("!"), 4) * 0.292, total)
    if total < 0 and "?" in tokens:
        total -= 0.2  # a question about something that went wrong is a complaint
    return total


def score_one(text: str) -> SentimentScore:
    total = _valence(text)
    compound = total / math.sqrt(total * total + ALPHA) if total else 0.0
    compound = max(-1.0, min(1.0, compound))
    if compound <= NEGATIVE_BELOW:
        label = NEGATIVE
    elif compound >= POSITIVE_ABOVE:
        label = POSITIVE
    else:
        label = NEUTRAL
    return SentimentScore(label=label, score=round(compound, 4))


def score(texts: list[str]) -> list[SentimentScore]:
    """The sentiment of each text, in order. Empty texts are neutral with score 0."""
    return [score_one(text) for text in texts]

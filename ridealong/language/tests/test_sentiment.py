import pytest

from ridealong.language.sentiment import LABELS, SentimentScore, score, score_one


def test_it_calls_clear_praise_positive():
    for text in [
        "Great support, thank you so much!",
        "The new format parts saved us an hour per changeover, love it",
        "Your technician was very helpful and quick",
    ]:
        assert score_one(text).label == "positive", text


def test_it_calls_clear_complaints_negative_even_without_angry_words():
    for text in [
        "The machine stopped working again and nobody called back",
        "Still waiting for the refund after three weeks",
        "We were on hold for two hours",
        "Thanks for nothing, the spare part is still missing",
        "The line was down all night because of a jammed sealer",
    ]:
        assert score_one(text).label == "negative", text


def test_it_calls_plain_statements_neutral():
    for text in ["The invoice is attached", "We run two shifts on line 3", ""]:
        assert score_one(text).label == "neutral", text


def test_it_turns_negated_praise_negative():
    assert score_one("The manual was not helpful").label == "negative"


def test_it_scores_between_minus_one_and_one_in_order():
    texts = ["awful awful awful terrible worst broken", "fine", "amazing amazing excellent love"]
    results = score(texts)
    assert [type(r) for r in results] == [SentimentScore] * 3
    assert all(-1 <= r.score <= 1 for r in results)
    assert results[0].score < results[1].score < results[2].score
    assert {r.label for r in results} <= set(LABELS)


def test_it_never_fails_on_odd_input():
    for text in ["😀😀", "!!!???", "'\"<>", "x" * 10_000, "@acme https://example.com #fail"]:
        assert score_one(text).label in LABELS


@pytest.mark.parametrize(
    "text",
    [
        "The hotline talked me through the alarm in ten minutes. Saved a night.",
        "Your technician stayed until ten at night to get us running for the morning shift.",
    ],
)
def test_praise_for_people_who_fix_things_is_positive(text):
    assert score([text])[0].label == "positive"

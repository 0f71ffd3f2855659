"""The query language, parsed without a database."""

from hypothesis import given
from hypothesis import strategies as st

from ridealong.search.query import MAX_TERMS, Term, fts5_match, parse_query


def test_it_reads_words_phrases_and_prefixes():
    parsed = parse_query('pump "spare parts" manu*')
    assert parsed.terms == (
        Term(("pump",)),
        Term(("spare", "parts")),
        Term(("manu",), prefix=True),
    )


def test_it_reads_an_unbalanced_quote_as_plain_words():
    assert parse_query('"spare parts').terms == (Term(("spare",)), Term(("parts",)))


def test_it_drops_operators_stopwords_and_punctuation():
    parsed = parse_query("NOT the pump AND -valve +seal ^x col:y (z) NEAR/3 😀")
    assert [t.words[0] for t in parsed.terms] == [
        "pump",
        "valve",
        "seal",
        "x",
        "col",
        "y",
        "z",
        "3",
    ]


def test_it_answers_only_punctuation_with_a_hint():
    parsed = parse_query('!!! "" *** 😀')
    assert parsed.is_empty
    assert parsed.hint


def test_it_caps_long_input():
    parsed = parse_query(" ".join(f"word{i}" for i in range(500)))
    assert len(parsed.terms) == MAX_TERMS
    assert "first" in parsed.hint


def test_it_quotes_every_word_for_fts5():
    assert fts5_match(parse_query('pump "spare parts" manu*')) == (
        '"pump" AND "spare parts" AND "manu"*'
    )


@given(st.text(max_size=300))
def test_it_never_raises_and_only_emits_quoted_words(text):
    parsed = parse_query(text)
    for term in parsed.terms:
        assert all(word.isalnum() for word in term.words)
    match = fts5_match(parsed)
    assert "\x00" not in match

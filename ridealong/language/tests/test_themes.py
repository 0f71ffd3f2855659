import random

from sklearn.metrics import adjusted_rand_score

from ridealong.language.themes import assign, candidate_ks, find_themes, match_themes

GROUPS = {
    "changeover": [
        "changeover time on the format parts is too long",
        "format parts changeover takes an hour",
        "the changeover time kills our small batches",
        "changeover needs tools for every format part",
        "we lose the morning to format parts changeover",
        "shorter changeover time would help with format parts",
    ],
    "spare parts": [
        "spare parts delivery takes three weeks",
        "waiting for spare parts delivery again",
        "spare parts price went up and delivery is slow",
        "ordering spare parts online is confusing, delivery late",
        "spare parts delivery to Poland is slow",
        "we keep spare parts in stock because delivery is slow",
    ],
    "touch screen": [
        "the touch screen menu is confusing for operators",
        "operators cannot find the recipe in the touch screen menu",
        "touch screen menu needs bigger buttons",
        "touch screen freezes when changing the recipe menu",
        "the touch screen menu language resets",
        "new operators get lost in the touch screen menu",
    ],
}


def _data(seed: int = 1) -> tuple[list[str], list[str]]:
    rows = [(text, group) for group, texts in GROUPS.items() for text in texts]
    random.Random(seed).shuffle(rows)
    return [t for t, _ in rows], [g for _, g in rows]


def test_it_separates_obviously_different_groups_and_chooses_their_number():
    texts, truth = _data()
    result = find_themes(texts)
    assert len(result.themes) == 3
    assert adjusted_rand_score(truth, result.labels) == 1.0
    assert sum(t.size for t in result.themes) == len(texts)


def test_it_names_themes_readably_from_their_distinctive_terms():
    texts, _ = _data()
    result = find_themes(texts)
    names = sorted(t.name for t in result.themes)
    assert all(" · " in name or len(name.split()) <= 3 for name in names)
    joined = " ".join(names)
    for word in ["changeover", "spare parts", "touch screen"]:
        assert word in joined
    for theme in result.themes:
        assert len(theme.name) < 80
        assert theme.representatives
        members = [i for i, label in enumerate(result.labels) if label == theme.id]
        assert set(theme.representatives) <= set(members)


def test_it_chooses_k_within_the_range_it_tries():
    texts, _ = _data()
    result = find_themes(texts, k_range=(2, 6))
    assert set(result.k_scores) <= set(range(2, 7))
    assert 2 <= len(result.themes) <= 6
    assert candidate_ks(4500)[-1] == 300  # one per 15 texts, at most 300
    assert candidate_ks(150)[-1] == 24  # about 2·√n
    assert candidate_ks(10) == [2, 3]


def test_it_uses_a_fixed_k_when_given():
    texts, _ = _data()
    assert len(find_themes(texts, k=2).themes) == 2


def test_it_copes_with_few_empty_or_identical_texts():
    assert find_themes([]).themes == []
    assert len(find_themes(["just one"]).themes) == 1
    assert len(find_themes(["", "", "", "", ""]).themes) == 1
    same = find_themes(["same words here"] * 8)
    assert len({*same.labels}) >= 1


def test_it_places_new_texts_into_the_nearest_theme():
    groups = {10: GROUPS["changeover"], 20: GROUPS["spare parts"], 30: GROUPS["touch screen"]}
    placed = assign(
        groups,
        [
            "the changeover of format parts is slow",
            "spare parts delivery was late",
            "touch screen menu is hard",
        ],
    )
    assert placed == [10, 20, 30]
    assert assign({}, ["anything"]) == [None]


def test_it_matches_new_clusters_to_old_themes_by_jaccard():
    old = {1: {1, 2, 3, 4}, 2: {5, 6, 7}, 3: {8, 9}}
    new = [{5, 6, 7, 10}, {1, 2, 3}, {8, 11, 12, 13}]
    assert match_themes(old, new) == {1: 1, 2: 0}

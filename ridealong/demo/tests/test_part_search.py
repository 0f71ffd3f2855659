import datetime
import re

import pytest

from ridealong.demo.loader import load_demo
from ridealong.search.models import SearchDocument
from ridealong.search.selectors import SearchFilters, search

pytestmark = pytest.mark.django_db


def test_the_demo_company_is_searchable_by_a_word_and_a_filter():
    summary = load_demo(today=datetime.date(2026, 3, 2))
    # The demo writes in bulk; search indexes everything at the end: engagements and what
    # was written about them (notes, insights, reflections, questions).
    engagements = SearchDocument.objects.filter(kind="engagement").count()
    assert summary.extras["search documents"] >= engagements > 100
    kinds = set(SearchDocument.objects.values_list("kind", flat=True))
    assert {"engagement", "note", "insight", "reflection"} <= kinds
    document = SearchDocument.objects.filter(kind="engagement").exclude(customer_id=None).first()
    word = max(re.findall(r"[^\W\d_]{5,}", document.title), key=len)
    results = search(user=None, text=word)
    assert results.count >= 1
    filtered = search(
        user=None, text=word, filters=SearchFilters(customer_id=document.customer_id), limit=100
    )
    assert any(hit.object_id == document.object_id for hit in filtered.hits)

import datetime
import re

import pytest

from ridealong.core.demo import load_demo
from ridealong.search.models import SearchDocument
from ridealong.search.selectors import SearchFilters, search

pytestmark = pytest.mark.django_db


def test_the_demo_company_is_searchable_by_a_word_and_a_filter():
    summary = load_demo(today=datetime.date(2026, 3, 2))
    # Engagements are indexed at the end of the demo; notes and insights as they are written.
    engagements = SearchDocument.objects.filter(kind="engagement").count()
    assert engagements >= summary.extras["search documents"] > 100  # later apps log more
    document = SearchDocument.objects.filter(kind="engagement").exclude(customer_id=None).first()
    word = max(re.findall(r"[^\W\d_]{5,}", document.title), key=len)
    results = search(user=None, text=word)
    assert results.count >= 1
    filtered = search(
        user=None, text=word, filters=SearchFilters(customer_id=document.customer_id), limit=100
    )
    assert any(hit.object_id == document.object_id for hit in filtered.hits)

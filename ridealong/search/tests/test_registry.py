"""One registry of what search indexes, filled at start-up and read by reindex and receivers."""

import pytest

from ridealong.core.registry import RegistryError
from ridealong.engagements.models import Engagement
from ridealong.insights.models import HostQuestion, Insight, Note, Reflection
from ridealong.search.registry import SearchRegistry, SearchSource, search_sources


def test_every_searchable_model_is_registered_once_with_its_kind():
    kinds = {source.model: source.kind for source in search_sources}
    assert kinds == {
        Engagement: "engagement",
        Note: "note",
        Insight: "insight",
        Reflection: "reflection",
        HostQuestion: "answer",
    }


def test_registering_a_model_twice_fails_loudly():
    registry = SearchRegistry()
    source = SearchSource(Note, "note", lambda obj: None, Note.objects.none)
    registry.add("note", source)
    with pytest.raises(RegistryError, match="twice"):
        registry.add("note-again", source)

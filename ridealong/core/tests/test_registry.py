"""The generic registry: named parts in dependency order, and loud failures for mistakes."""

import pytest

from ridealong.core.registry import Registry, RegistryError


def test_it_orders_by_dependencies_then_by_name():
    registry: Registry[str] = Registry("part")
    registry.add("zeta", "z")
    registry.add("alpha", "a", after=["zeta"])
    registry.add("beta", "b")
    registry.add("gamma", "g", before=["beta"])
    assert registry.names() == ["gamma", "beta", "zeta", "alpha"]
    assert registry.items()[0] == ("gamma", "g")


def test_the_order_does_not_depend_on_the_order_of_registration():
    first: Registry[int] = Registry("part")
    second: Registry[int] = Registry("part")
    entries = [("b", ["a"]), ("a", []), ("d", []), ("c", ["a"])]
    for name, after in entries:
        first.add(name, 0, after=after)
    for name, after in reversed(entries):
        second.add(name, 0, after=after)
    assert first.names() == second.names() == ["a", "b", "c", "d"]


def test_the_decorator_registers_and_returns_the_function():
    registry: Registry = Registry("part")

    @registry.register("one")
    def one() -> int:
        return 1

    assert one() == 1
    assert registry.items() == [("one", one)]
    assert "one" in registry
    assert len(registry) == 1


def test_a_name_registered_twice_fails_at_once():
    registry: Registry[str] = Registry("demo part")
    registry.add("seats", "first")
    with pytest.raises(RegistryError, match="'seats' is registered twice"):
        registry.add("seats", "second")


@pytest.mark.parametrize("order", [{"after": ["sheep"]}, {"before": ["sheep"]}])
def test_an_unknown_dependency_fails_on_check(order):
    registry: Registry[str] = Registry("demo part")
    registry.add("seats", "s", **order)
    with pytest.raises(RegistryError, match="'sheep', which is not registered"):
        registry.check()
    with pytest.raises(RegistryError):
        registry.items()


def test_a_cycle_fails_on_check():
    registry: Registry[str] = Registry("part")
    registry.add("a", "a", after=["b"])
    registry.add("b", "b", after=["a"])
    registry.add("c", "c")
    with pytest.raises(RegistryError, match="wait on each other"):
        registry.check()


def test_a_part_cannot_be_ordered_against_itself():
    registry: Registry[str] = Registry("part")
    with pytest.raises(RegistryError, match="against itself"):
        registry.add("a", "a", after=["a"])

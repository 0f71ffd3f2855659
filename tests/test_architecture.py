"""The apps form layers: the import contract (import-linter, in `make lint`) keeps imports one
way; these checks catch what an import graph cannot see — one app reaching another through a
string — and make sure no app escapes the contract."""

import ast
import pathlib
import re
import tomllib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ridealong"
APPS = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
LOADERS = {"import_module", "__import__", "import_string", "get_model"}


def _product_modules() -> list[pathlib.Path]:
    return [
        path
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def _app_of(path: pathlib.Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


def _reaches(path: pathlib.Path) -> list[str]:
    """Places in one module that reach another app by name instead of by import."""
    own = _app_of(path)
    where = path.relative_to(ROOT)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in LOADERS and name != "get_model":
                found.append(f"{where}:{node.lineno} calls {name}()")
            elif name == "get_model" and node.args:
                label = node.args[0]
                if isinstance(label, ast.Constant) and label.value in APPS and label.value != own:
                    found.append(f"{where}:{node.lineno} get_model({label.value!r})")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            parts = node.value.split(".")
            if (
                len(parts) >= 3
                and parts[0] == "ridealong"
                and parts[1] in APPS
                and parts[1] != own
                and " " not in node.value
            ):
                found.append(f"{where}:{node.lineno} names {node.value!r}")
    return found


def test_no_app_reaches_another_through_a_string():
    reaches = [place for path in _product_modules() for place in _reaches(path)]
    assert reaches == []


def _contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")
    return [
        module.strip().removeprefix("ridealong.")
        for layer in layers["layers"]
        for module in layer.replace(":", "|").split("|")
    ]


def test_every_app_has_a_place_in_the_layers():
    assert sorted(_contract_layers()) == APPS


def test_the_import_contract_ignores_no_import():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for contract in config["tool"]["importlinter"]["contracts"]:
        assert not contract.get("ignore_imports"), contract["name"]


@pytest.mark.parametrize("app", APPS)
def test_each_app_has_its_place_in_the_stack_drawn_in_architecture_md(app):
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    stack = text.split("```")[1]
    assert re.search(rf"\b{app}\b", stack)

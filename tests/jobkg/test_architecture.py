"""The house rules of docs/architecture.md, checked on the source: every module sits in a layer,
no module imports from a layer above its own, no two modules import each other, and nothing
imports the layer folders by their bare names (only `jobkg.ingest`, never `ingest`)."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FOLDERS = {
    "jobkg": "jobkg",
    "ingest": "jobkg.ingest",
    "ontology": "jobkg.ontology",
    "queries": "jobkg.queries",
    "data/occupations": "jobkg.occupation_lists",
}

# Lowest first. A module may import its own layer and those below; the longest prefix decides.
LAYERS = {
    "jobkg.errors": 0,
    "jobkg.ontology": 1,
    "jobkg.occupation_lists": 1,
    "jobkg.embeddings": 1,
    "jobkg.ingest": 2,
    "jobkg.queries": 3,
    "jobkg.views": 4,
    "jobkg.superseded": 4,
    "jobkg.matrix": 4,
    "jobkg.tables": 4,
    "jobkg.graph": 4,
    "jobkg.exports": 4,
    "jobkg.schemaorg": 4,
    "jobkg.diff": 4,
    "jobkg.synth": 4,
    "jobkg.uploads": 4,
    "jobkg.paths": 4,
    "jobkg.assessment": 4,
    "jobkg.occupations": 4,
    "jobkg.proposals": 4,
    "jobkg.kb": 5,
    "jobkg.fidelity": 5,
    "jobkg.pathscore": 5,
    "jobkg.occupationscore": 5,
    "jobkg.questions": 5,
    "jobkg": 5,  # the package's lazy front door (KnowledgeBase): this module only, see layer()
    "jobkg.bench": 6,
    "jobkg.cli": 6,
    "jobkg.app": 6,
    "jobkg.__main__": 6,
}


def modules() -> dict[str, Path]:
    found = {}
    for folder, package in FOLDERS.items():
        for path in sorted((REPO / folder).rglob("*.py")):
            parts = path.relative_to(REPO / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((package, *parts))] = path
    return found


def layer(module: str) -> int | None:
    """The layer of the longest entry naming the module or a package above it; "jobkg" names
    the front door only, so a new module directly under jobkg/ has no layer until it is given one."""
    candidates = [
        prefix for prefix in LAYERS if module == prefix or (prefix != "jobkg" and module.startswith(prefix + "."))
    ]
    return LAYERS[max(candidates, key=len)] if candidates else None


def imports(path: Path, module: str) -> set[str]:
    """Every jobkg module this file imports, at any depth of the file (functions included)."""
    found: set[str] = set()
    known = modules()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            for alias in node.names:  # `from jobkg import views` imports jobkg.views, not jobkg's door
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {name for name in found if name in known and name != module}


def test_every_module_has_a_layer():
    assert [name for name in modules() if layer(name) is None] == []


def test_a_module_nobody_placed_has_no_layer():
    """The check above can fail: a new module under jobkg/ or a layer folder's package is placed
    only by an entry of its own (or its package's)."""
    assert layer("jobkg.newly_added") is None
    assert layer("jobkg.queries.newly_added") == 3  # inside a layer package: that package's layer


def test_no_module_imports_from_a_layer_above_its_own():
    upward = []
    for name, path in modules().items():
        for imported in imports(path, name):
            if layer(imported) > layer(name):
                upward.append(f"{name} (layer {layer(name)}) imports {imported} (layer {layer(imported)})")
    assert upward == []


def test_no_two_modules_import_each_other():
    graph = {name: imports(path, name) for name, path in modules().items()}
    mutual = sorted({tuple(sorted((a, b))) for a, targets in graph.items() for b in targets if a in graph.get(b, ())})
    assert mutual == []


def test_layer_folders_are_imported_only_through_jobkg():
    bare = []
    for path in [*modules().values(), *REPO.glob("tests/**/*.py"), REPO / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            bare += [f"{path.relative_to(REPO)}: {n}" for n in names if n.split(".")[0] in FOLDERS.keys() - {"jobkg"}]
    assert bare == []

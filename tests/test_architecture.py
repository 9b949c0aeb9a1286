"""The house is one-way: no import cycle between apps, no hidden imports of project code.

Reads the source as text (every ``import napmon.X`` / ``from napmon.X``, at any indent, so
imports inside functions count too) and builds the graph of apps. docs/architecture.md
draws the layers this test keeps honest.
"""

import re
from pathlib import Path

import napmon

PACKAGE = Path(napmon.__file__).parent
IMPORT = re.compile(r"^\s*(?:from|import)\s+napmon\.([a-z_]+)", re.M)
APPS = sorted(p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists())


def app_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    graph = {app: set() for app in APPS}
    for app in APPS:
        for path in (package / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for target in IMPORT.findall(path.read_text(encoding="utf-8")):
                if target in graph and target != app:
                    graph[app].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle found by depth-first search, each as the path that closes it."""
    found, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_no_import_cycle_between_apps():
    assert cycles(app_graph()) == []


def test_the_cycle_check_finds_a_cycle():
    graph = {"core": {"plans"}, "plans": {"core"}, "web": {"plans"}}
    assert cycles(graph) == [["core", "plans", "core"]]


def test_core_depends_on_no_other_app():
    assert app_graph()["core"] == set()


def test_no_import_module_of_project_code():
    hidden = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "import_module" in path.read_text(encoding="utf-8")
    ]
    assert hidden == []


def test_faces_other_than_the_api_do_not_import_it():
    # Briefs and pages call the domain services; the API is one face among them.
    graph = app_graph()
    assert {app for app in ("briefs", "web") if "api" in graph[app]} == set()
